import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import { actorIdentity, checkPassword, isStaffTokenSecret, tokenIdentity } from "./identity.js";
import { createToken, createUser, getUser, updateUser, type StaffCaller } from "./users.js";

describe("staff identity", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const owner: StaffCaller = { actor: "admin:bootstrap", role: "owner" };
  const PASSWORD = "correct horse battery";
  let n = 0;
  const newUser = async (role: "admin" | "finance" | "viewer") =>
    valueOf(
      await getUser(
        fx.ctx,
        valueOf(await createUser(fx.ctx, owner, { email: `id${++n}@example.com`, name: `id ${n}`, role, password: PASSWORD })).id,
      ),
    );

  it("a password names its active user, in any case of the email; a wrong password, an unknown email and a disabled user name no one", async () => {
    const user = await newUser("viewer");
    expect((await checkPassword(fx.ctx.models, user.email.toUpperCase(), PASSWORD))?._id).toBe(user._id);
    expect(await checkPassword(fx.ctx.models, user.email, "wrong password")).toBeUndefined();
    expect(await checkPassword(fx.ctx.models, "nobody@example.com", PASSWORD)).toBeUndefined();
    valueOf(await updateUser(fx.ctx, owner, user._id, { status: "disabled" }));
    expect(await checkPassword(fx.ctx.models, user.email, PASSWORD)).toBeUndefined();
  });

  it("a token acts while live and while its user still holds its role: not once expired, its user narrowed, or disabled", async () => {
    const user = await newUser("admin");
    const { token, secret } = valueOf(await createToken(fx.ctx, owner, user, { name: "ops", role: "admin" }));
    expect(isStaffTokenSecret(secret)).toBe(true);
    expect(await tokenIdentity(fx.ctx.models, secret)).toEqual({ actor: `token:${token.id}`, role: "admin", userId: user._id });
    expect(await actorIdentity(fx.ctx.models, `token:${token.id}`)).toEqual({
      actor: `token:${token.id}`,
      role: "admin",
      userId: user._id,
    });

    valueOf(await updateUser(fx.ctx, owner, user._id, { role: "finance" }));
    expect(await tokenIdentity(fx.ctx.models, secret)).toBeUndefined();
    valueOf(await updateUser(fx.ctx, owner, user._id, { role: "admin" }));
    expect((await tokenIdentity(fx.ctx.models, secret))?.role).toBe("admin");
    valueOf(await updateUser(fx.ctx, owner, user._id, { status: "disabled" }));
    expect(await tokenIdentity(fx.ctx.models, secret)).toBeUndefined();
    valueOf(await updateUser(fx.ctx, owner, user._id, { status: "active" }));

    await fx.ctx.models.StaffToken.updateOne({ _id: token.id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    expect(await tokenIdentity(fx.ctx.models, secret)).toBeUndefined();
    expect(await actorIdentity(fx.ctx.models, `token:${token.id}`)).toBeUndefined();
  });

  it("a secret that is not the token's, or not a token's at all, names no one", async () => {
    const user = await newUser("viewer");
    const { secret } = valueOf(await createToken(fx.ctx, owner, user, { name: "t" }));
    const last = secret.at(-1) === "A" ? "B" : "A";
    expect(await tokenIdentity(fx.ctx.models, secret.slice(0, -1) + last)).toBeUndefined();
    expect(await tokenIdentity(fx.ctx.models, "tgat_short")).toBeUndefined();
    expect(isStaffTokenSecret("tg_customerkey")).toBe(false);
  });

  it("a bootstrap actor is an owner; a user actor is its user's role now, and no one once disabled", async () => {
    expect(await actorIdentity(fx.ctx.models, "admin:ops")).toEqual({ actor: "admin:ops", role: "owner" });
    const user = await newUser("finance");
    expect(await actorIdentity(fx.ctx.models, `user:${user._id}`)).toEqual({
      actor: `user:${user._id}`,
      role: "finance",
      userId: user._id,
    });
    valueOf(await updateUser(fx.ctx, owner, user._id, { status: "disabled" }));
    expect(await actorIdentity(fx.ctx.models, `user:${user._id}`)).toBeUndefined();
    expect(await actorIdentity(fx.ctx.models, "portal:acct_x")).toBeUndefined();
  });
});
