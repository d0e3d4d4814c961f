import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture, valueOf } from "../../../test-support/context.js";
import type { Role } from "../../models/index.js";
import { tokenIdentity } from "./identity.js";
import { createToken, createUser, getUser, listTokens, revokeToken, updateUser, type StaffCaller } from "./users.js";

describe("staff users and tokens", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const bootstrap: StaffCaller = { actor: "admin:bootstrap", role: "owner" };
  const as = (role: Role): StaffCaller => ({ actor: `token:tok_${role}`, role });
  let n = 0;
  const user = async (role: Role, caller = bootstrap) =>
    valueOf(
      await createUser(fx.ctx, caller, { email: `User${++n}@Example.com`, name: `user ${n}`, role, password: "correct horse battery" }),
    );

  it("a credential never creates a user with more than its own role: 403 before anything is written", async () => {
    const before = { users: await fx.ctx.models.StaffUser.countDocuments(), emails: await fx.ctx.models.StaffEmail.countDocuments() };
    expect(
      await createUser(fx.ctx, as("admin"), { email: "boss@example.com", name: "boss", role: "owner", password: "pw-pw-pw-pw" }),
    ).toMatchObject({ ok: false, code: "forbidden", extensions: { role: "admin", requestedRole: "owner" } });
    expect(
      await createUser(fx.ctx, as("finance"), { email: "sup@example.com", name: "sup", role: "support", password: "pw-pw-pw-pw" }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await fx.ctx.models.StaffUser.countDocuments()).toBe(before.users);
    expect(await fx.ctx.models.StaffEmail.countDocuments()).toBe(before.emails);
    const view = await user("finance", as("admin"));
    expect(view).toMatchObject({ role: "finance", status: "active" });
    expect(view).not.toHaveProperty("passwordHash");
  });

  it("an email is one user's, in any case, even when two are created at once", async () => {
    const created = await user("viewer");
    expect(created.email).toBe(created.email.toLowerCase());
    expect(
      await createUser(fx.ctx, bootstrap, { email: created.email.toUpperCase(), name: "twin", role: "viewer", password: "pw-pw-pw-pw" }),
    ).toMatchObject({ ok: false, code: "conflict" });
    const both = await Promise.all(
      [1, 2].map((i) =>
        createUser(fx.ctx, bootstrap, { email: "race@example.com", name: `racer ${i}`, role: "viewer", password: "pw-pw-pw-pw" }),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, code: "conflict" });
    expect(await fx.ctx.models.StaffUser.countDocuments({ email: "race@example.com" })).toBe(1);
  });

  it("a credential never gives a user more than its own role, and the refusal changes nothing", async () => {
    const target = await user("support");
    expect(await updateUser(fx.ctx, as("admin"), target.id, { role: "owner", name: "renamed" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(valueOf(await getUser(fx.ctx, target.id))).toMatchObject({ role: "support", name: target.name });
    expect(valueOf(await updateUser(fx.ctx, as("admin"), target.id, { role: "finance" }))).toMatchObject({ role: "finance" });
  });

  it("the last active owner can be neither demoted nor disabled; with a second owner, it can", async () => {
    const first = await user("owner");
    for (const change of [{ role: "admin" as const }, { status: "disabled" as const }]) {
      expect(await updateUser(fx.ctx, bootstrap, first.id, change)).toMatchObject({ ok: false, code: "conflict" });
    }
    expect(valueOf(await getUser(fx.ctx, first.id))).toMatchObject({ role: "owner", status: "active" });
    const second = await user("owner");
    valueOf(await updateUser(fx.ctx, bootstrap, second.id, { status: "disabled" }));
    // A disabled owner does not count: the first is still the last active one.
    expect(await updateUser(fx.ctx, bootstrap, first.id, { role: "admin" })).toMatchObject({ ok: false, code: "conflict" });
    valueOf(await updateUser(fx.ctx, bootstrap, second.id, { status: "active" }));
    expect(valueOf(await updateUser(fx.ctx, bootstrap, first.id, { role: "admin" }))).toMatchObject({ role: "admin" });
    expect(await updateUser(fx.ctx, bootstrap, second.id, { role: "viewer" })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a token carries its user's role, or its caller's when narrower, and never more than either", async () => {
    const admin = valueOf(await getUser(fx.ctx, (await user("admin")).id));
    expect(valueOf(await createToken(fx.ctx, bootstrap, admin, { name: "ci" })).token.role).toBe("admin");
    expect(valueOf(await createToken(fx.ctx, as("support"), admin, { name: "narrow" })).token.role).toBe("support");
    const tokens = await fx.ctx.models.StaffToken.countDocuments({ userId: admin._id });
    expect(await createToken(fx.ctx, bootstrap, admin, { name: "up", role: "owner" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createToken(fx.ctx, as("finance"), admin, { name: "up", role: "support" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await createToken(fx.ctx, bootstrap, admin, { name: "old", expiresAt: new Date(Date.now() - 1) })).toMatchObject({
      ok: false,
      code: "validation_failed",
      extensions: { errors: [{ location: "body", pointer: "/expiresAt", message: "must be in the future" }] },
    });
    expect(await fx.ctx.models.StaffToken.countDocuments({ userId: admin._id })).toBe(tokens);
  });

  it("keeps only the token secret's digest; the secret acts as the token's role until it is revoked, and revoking again changes nothing", async () => {
    const admin = valueOf(await getUser(fx.ctx, (await user("admin")).id));
    const { token, secret } = valueOf(await createToken(fx.ctx, bootstrap, admin, { name: "deploy", role: "finance" }));
    expect(secret).toMatch(/^tgat_/);
    expect(JSON.stringify(await fx.ctx.models.StaffToken.findById(token.id).lean())).not.toContain(secret);
    expect(await tokenIdentity(fx.ctx.models, secret)).toEqual({ actor: `token:${token.id}`, role: "finance", userId: admin._id });
    const revoked = valueOf(await revokeToken(fx.ctx, "test", admin._id, token.id));
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await tokenIdentity(fx.ctx.models, secret)).toBeUndefined();
    expect(valueOf(await revokeToken(fx.ctx, "test", admin._id, token.id)).revokedAt).toEqual(revoked.revokedAt);
    expect(await fx.ctx.models.AuditRecord.countDocuments({ action: "token.revoke", target: token.id })).toBe(1);
    expect(await revokeToken(fx.ctx, "test", "usr_someoneelse", token.id)).toMatchObject({ ok: false, code: "not_found" });
    expect((await listTokens(fx.ctx, admin._id, 1_000)).items.map((t) => t.id)).toContain(token.id);
  });
});
