import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TollgateAdminClient, type StaffUser } from "@tollgate/sdk";
import { ADMIN_TOKEN } from "./support/env.js";
import { call, type Answer } from "./support/http.js";
import { eventually, startStack, type Stack } from "./support/stack.js";
import { walkPages } from "./support/walk.js";

/** Staff users, their console sessions and API tokens, and the audit trail of what they do. */
describe("staff users, sign-in, tokens and the audit trail", () => {
  let stack: Stack;
  let owner: StaffUser;
  const ownerPassword = "correct horse battery staple";

  beforeAll(async () => {
    stack = await startStack({ ingester: false });
    // The first owner, created with the bootstrap admin token.
    owner = await stack.admin.createUser({ email: "Olivia@Example.com", name: "Olivia", role: "owner", password: ownerPassword });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const asToken = (token: string) => new TollgateAdminClient({ baseUrl: stack.controlPlaneUrl, token });
  const json = (answer: Answer) => JSON.parse(answer.body) as Record<string, unknown>;
  const signIn = (body: unknown) =>
    call(`${stack.controlPlaneUrl}/v1/console/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const cookieOf = (answer: Answer) => String(answer.headers["set-cookie"]).split(";")[0]!;

  it("keeps emails unique in any case, never shows a password hash, and refuses bad input changing nothing", async () => {
    expect(owner.email).toBe("olivia@example.com");
    expect(owner).not.toHaveProperty("passwordHash");
    await expect(
      stack.admin.createUser({ email: "OLIVIA@example.com", name: "Again", role: "viewer", password: "another long password" }),
    ).rejects.toMatchObject({ status: 409 });
    for (const bad of [
      { email: "not an email", name: "X", role: "viewer", password: "a long enough password" },
      { email: "x@example.com", name: "X", role: "superuser", password: "a long enough password" },
      { email: "x@example.com", name: "X", role: "viewer", password: "short" },
      { email: "x@example.com", name: "X", role: "viewer", password: "a long enough password", isAdmin: true },
    ]) {
      const answer = await call(`${stack.controlPlaneUrl}/v1/users`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(bad),
      });
      expect(answer.status).toBe(400);
      expect(answer.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await stack.admin.listUsers()).items.map((u) => u.email)).toEqual(["olivia@example.com"]);
  });

  it("signs a user in with a password to an HttpOnly, SameSite=Strict cookie that carries the user's role", async () => {
    const answer = await signIn({ email: "olivia@EXAMPLE.com", password: ownerPassword });
    expect(answer.status).toBe(200);
    expect(String(answer.headers["set-cookie"])).toMatch(/^tg_console=tgps_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const session = await call(`${stack.controlPlaneUrl}/v1/console/session`, { headers: { cookie: cookieOf(answer) } });
    expect(json(session)).toEqual({
      actor: `user:${owner.id}`,
      role: "owner",
      userId: owner.id,
      name: "Olivia",
      email: "olivia@example.com",
    });
    // Signing out ends the session.
    const out = await call(`${stack.controlPlaneUrl}/v1/console/session`, {
      method: "DELETE",
      headers: { cookie: cookieOf(answer), origin: stack.controlPlaneUrl },
    });
    expect(out.status).toBe(204);
    expect((await call(`${stack.controlPlaneUrl}/v1/console/session`, { headers: { cookie: cookieOf(answer) } })).status).toBe(401);
  });

  it("limits failed sign-ins per email (then refuses even the right password) and audits every attempt", async () => {
    const user = await stack.admin.createUser({ email: "sam@example.com", name: "Sam", role: "support", password: "sam's long password" });
    for (let i = 0; i < 5; i++) expect((await signIn({ email: "sam@example.com", password: `wrong ${i}` })).status).toBe(401);
    const refused = await signIn({ email: "sam@example.com", password: "sam's long password" });
    expect(refused.status).toBe(429);
    expect(json(refused).retryAfterSeconds).toBeGreaterThan(0);
    // An unknown email is answered like a wrong password; other users are not locked out.
    expect((await signIn({ email: "nobody@example.com", password: "whatever it is" })).status).toBe(401);
    expect((await signIn({ email: "olivia@example.com", password: ownerPassword })).status).toBe(200);
    const failures = await stack.admin.listAudit({ action: "console.sign_in_failed", target: "sam@example.com" });
    expect(failures.items).toHaveLength(5);
    expect((await stack.admin.listAudit({ action: "console.sign_in_refused", target: "sam@example.com" })).items).toHaveLength(1);
    expect(user.role).toBe("support");
  });

  it("gives tokens shown once, narrower roles on request, and stops them at revocation, expiry or a narrowed user", async () => {
    const fin = await stack.admin.createUser({
      email: "fiona@example.com",
      name: "Fiona",
      role: "finance",
      password: "fiona's long password",
    });
    // A token may not carry more than its user's role.
    await expect(stack.admin.createUserToken(fin.id, { name: "too much", role: "admin" })).rejects.toMatchObject({ status: 403 });
    const viewer = await stack.admin.createUserToken(fin.id, { name: "dashboards", role: "viewer" });
    expect(viewer.secret).toMatch(/^tgat_/);
    expect(JSON.stringify(await stack.admin.listUserTokens(fin.id))).not.toContain(viewer.secret);
    const asViewer = asToken(viewer.secret);
    expect(await asViewer.getSession()).toMatchObject({ actor: `token:${viewer.token.id}`, role: "viewer", userId: fin.id });
    await expect(
      asViewer.createPlan({
        name: "nope",
        currency: "USD",
        defaultPrice: { metric: "calls", tiers: [{ upTo: null, unitAmount: 1 }] },
      } as never),
    ).rejects.toMatchObject({
      status: 403,
    });

    // Her own token, made with her finance token: she manages her own; a bootstrap token has no user.
    const full = await stack.admin.createUserToken(fin.id, { name: "automation" });
    const asFinance = asToken(full.secret);
    const own = await asFinance.createMyToken({ name: "short-lived", expiresAt: new Date(Date.now() + 1_500).toISOString() });
    expect((await asFinance.listMyTokens()).items.map((t) => t.name)).toEqual(["dashboards", "automation", "short-lived"]);
    await expect(stack.admin.listMyTokens()).rejects.toMatchObject({ status: 403 });
    await eventually(
      async () =>
        (await call(`${stack.controlPlaneUrl}/v1/console/session`, { headers: { authorization: `Bearer ${own.secret}` } })).status === 401,
      10_000,
      "the token to expire",
    );

    // Revoked: refused at once.
    await asFinance.revokeMyToken(viewer.token.id);
    await expect(asViewer.getSession()).rejects.toMatchObject({ status: 401 });

    // Narrowed to viewer: her finance token no longer fits her role and stops; disabled: everything stops.
    await stack.admin.updateUser(fin.id, { role: "viewer" });
    await expect(asFinance.getSession()).rejects.toMatchObject({ status: 401 });
    await stack.admin.updateUser(fin.id, { role: "finance" });
    expect((await asFinance.getSession()).role).toBe("finance");
    await stack.admin.updateUser(fin.id, { status: "disabled" });
    await expect(asFinance.getSession()).rejects.toMatchObject({ status: 401 });
    expect((await signIn({ email: "fiona@example.com", password: "fiona's long password" })).status).toBe(401);
  });

  it("pages the users and their tokens oldest first, the whole list by default", async () => {
    for (const n of [1, 2, 3]) {
      await stack.admin.createUser({
        email: `pager${n}@example.com`,
        name: `Pager ${n}`,
        role: "viewer",
        password: "a long enough password",
      });
    }
    const users = await stack.admin.listUsers();
    expect(users.nextCursor).toBeUndefined();
    expect(users.items.map((u) => u.email).slice(-3)).toEqual(["pager1@example.com", "pager2@example.com", "pager3@example.com"]);
    const userPages = await walkPages((cursor) => stack.admin.listUsers({ limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(userPages.length).toBe(Math.ceil(users.items.length / 2));
    expect(userPages.flat().map((u) => u.id)).toEqual(users.items.map((u) => u.id));

    const pager = users.items.find((u) => u.email === "pager1@example.com")!;
    for (const name of ["t1", "t2", "t3"]) await stack.admin.createUserToken(pager.id, { name });
    const tokens = await stack.admin.listUserTokens(pager.id);
    expect(tokens.items.map((t) => t.name)).toEqual(["t1", "t2", "t3"]);
    expect(tokens.nextCursor).toBeUndefined();
    const tokenPages = await walkPages((cursor) => stack.admin.listUserTokens(pager.id, { limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(tokenPages.map((p) => p.map((t) => t.name))).toEqual([["t1", "t2"], ["t3"]]);
    // Another user's list refuses this one's cursor.
    const first = await stack.admin.listUserTokens(pager.id, { limit: 1 });
    await expect(stack.admin.listUserTokens(owner.id, { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
  });

  it("keeps at least one active owner", async () => {
    await expect(stack.admin.updateUser(owner.id, { role: "admin" })).rejects.toMatchObject({ status: 409 });
    await expect(stack.admin.updateUser(owner.id, { status: "disabled" })).rejects.toMatchObject({ status: 409 });
    expect((await stack.admin.getUser(owner.id)).role).toBe("owner");
  });

  it("records the acting user or token on every change, filtered and paged without overlap, and never edited", async () => {
    const adm = await stack.admin.createUser({ email: "ada@example.com", name: "Ada", role: "admin", password: "ada's long password" });
    const { secret, token } = await stack.admin.createUserToken(adm.id, { name: "ops" });
    const asAdmin = asToken(secret);
    const seeded = await stack.seedAccount({ pricePerCall: 10, balance: 0 });
    for (let i = 1; i <= 5; i++) {
      await asAdmin.creditWallet(seeded.walletId, { amount: i * 1_000_000, reason: `credit ${i}` }, { idempotencyKey: `audit-${i}` });
    }
    const actor = `token:${token.id}`;
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.admin.listAudit({ actor, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      pages.push(page.items.map((r) => r.id));
      for (const record of page.items) expect(record.actor).toBe(actor);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat()).size).toBe(5);
    // A cursor belongs to its filters; and there is no way to change a record.
    const first = await stack.admin.listAudit({ actor, limit: 2 });
    await expect(stack.admin.listAudit({ action: "user.create", limit: 2, cursor: first.nextCursor! })).rejects.toMatchObject({
      status: 400,
    });
    const id = pages[0]![0]!;
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const answer = await call(`${stack.controlPlaneUrl}/v1/audit/${id}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", "content-length": "2" },
        body: "{}",
      });
      expect([404, 405]).toContain(answer.status);
    }
    // Finance reads the trail; support does not.
    const sup = await stack.admin.createUser({ email: "sue@example.com", name: "Sue", role: "support", password: "sue's long password" });
    const asSupport = asToken((await stack.admin.createUserToken(sup.id, { name: "t" })).secret);
    await expect(asSupport.listAudit()).rejects.toMatchObject({ status: 403 });
    const timeRange = await stack.admin.listAudit({
      actor,
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 1_000).toISOString(),
    });
    expect(timeRange.items).toHaveLength(5);
  });
});
