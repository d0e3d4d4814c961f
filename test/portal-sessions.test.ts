import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Seeded, type Stack } from "./support/stack.js";

describe("portal sessions: a short-lived link for one account, traded once for an HttpOnly cookie", () => {
  let stack: Stack;
  let a: Seeded;
  let b: Seeded;

  const api = (path: string, init: RequestInit = {}) => fetch(`${stack.controlPlaneUrl}${path}`, init);
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

  async function link(accountId: string): Promise<string> {
    const res = await api(`/v1/accounts/${accountId}/portal-sessions`, { method: "POST", headers: admin, body: JSON.stringify({}) });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/\/portal\/#login=tgps_/);
    return new URL(url).hash.slice("#login=".length);
  }

  async function signIn(body: Record<string, string>): Promise<{ status: number; cookie?: string; setCookie: string }> {
    const res = await api("/v1/portal/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie") ?? "";
    return { status: res.status, setCookie, ...(res.status === 200 ? { cookie: setCookie.split(";")[0]! } : {}) };
  }

  beforeAll(async () => {
    stack = await startStack();
    a = await stack.seedAccount({ pricePerCall: 1_000, balance: 70_000 });
    b = await stack.seedAccount({ pricePerCall: 1_000, balance: 90_000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("the link signs in once; the cookie reads only its own account", async () => {
    const login = await link(a.accountId);
    const first = await signIn({ login });
    expect(first.status).toBe(200);
    expect(first.setCookie).toMatch(/^tg_portal=tgps_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600/);
    const cookie = { cookie: first.cookie! };
    const balance = (await (await api("/v1/me/balance", { headers: cookie })).json()) as { balances: { available: number }[] };
    expect(balance.balances[0]!.available).toBe(70_000);
    expect((await api(`/v1/accounts/${a.accountId}/invoices`, { headers: cookie })).status).toBe(200);
    expect((await api(`/v1/accounts/${b.accountId}/balance`, { headers: cookie })).status).toBe(403);
    expect((await api(`/v1/reports/usage`, { headers: cookie })).status).toBe(403);
    expect(
      (
        await api(`/v1/accounts/${b.accountId}/portal-sessions`, {
          method: "POST",
          headers: { ...cookie, "content-type": "application/json" },
          body: "{}",
        })
      ).status,
    ).toBe(403);
    // Used once: a second exchange, or a forged one, is refused alike.
    expect((await signIn({ login })).status).toBe(401);
    expect((await signIn({ login: "tgps_forgedforgedforgedforgedforgedforged" })).status).toBe(401);
  });

  it("an expired link is refused; the customer's own API key also signs in; a revoked one does not", async () => {
    const login = await link(b.accountId);
    await stack.ctx.models.PortalSession.updateMany({ kind: "login" }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    expect((await signIn({ login })).status).toBe(401);
    const byKey = await signIn({ apiKey: b.key });
    expect(byKey.status).toBe(200);
    const session = (await (await api("/v1/portal/session", { headers: { cookie: byKey.cookie! } })).json()) as { accountId: string };
    expect(session.accountId).toBe(b.accountId);
    const extra = await stack.admin.createApiKey(b.accountId, { name: "to revoke" });
    await stack.admin.revokeApiKey(b.accountId, extra.id);
    expect((await signIn({ apiKey: extra.key })).status).toBe(401);
    expect((await signIn({ apiKey: b.key, login: "x" })).status).toBe(400);
  });

  it("a cookie-borne change must come from the portal's own origin; signing out ends the session", async () => {
    const { cookie } = await signIn({ login: await link(a.accountId) });
    const { codes } = await stack.admin.createVoucherBatch({
      amount: 5_000,
      currency: "USD",
      count: 1,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const redeem = (headers: Record<string, string>) =>
      api("/v1/me/vouchers", {
        method: "POST",
        headers: { cookie: cookie!, "content-type": "application/json", ...headers },
        body: JSON.stringify({ code: codes[0] }),
      });
    expect((await redeem({})).status).toBe(403);
    const foreign = await redeem({ origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { detail: string }).detail).toBe(
      "A portal session's changes must come from the portal's own origin.",
    );
    // Each refusal names the credential the caller actually used.
    const onAdminRoute = await api("/v1/reports/financial", { headers: { cookie: cookie! } });
    expect(((await onAdminRoute.json()) as { detail: string }).detail).toBe(
      "This endpoint is for staff credentials, not a portal session opened by a portal link.",
    );
    const onOtherAccount = await api(`/v1/accounts/${b.accountId}/balance`, { headers: { cookie: cookie! } });
    expect(onOtherAccount.status).toBe(403);
    expect(((await onOtherAccount.json()) as { detail: string }).detail).toBe(
      "A portal session opened by a portal link may only use its own account.",
    );
    const keyOnAdminRoute = await api("/v1/reports/financial", { headers: { authorization: `Bearer ${a.key}` } });
    expect(((await keyOnAdminRoute.json()) as { detail: string }).detail).toBe("This endpoint is for staff credentials, not an API key.");
    expect((await redeem({ origin: stack.controlPlaneUrl })).status).toBe(201);
    expect((await stack.admin.getBalance(a.accountId)).balances[0]!.available).toBe(75_000);

    const out = await api("/v1/portal/session", { method: "DELETE", headers: { cookie: cookie!, origin: stack.controlPlaneUrl } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await api("/v1/me/balance", { headers: { cookie: cookie! } })).status).toBe(401);
  });

  it("the admin console: an admin token is traded once for a staff cookie, held to the same origin rule", async () => {
    const signInConsole = (token: string) =>
      api("/v1/console/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
    expect((await signInConsole("not-an-admin-token-at-all-0000")).status).toBe(401);
    expect((await signInConsole(a.key)).status).toBe(401); // a consumer key is not a staff member
    const res = await signInConsole(ADMIN_TOKEN);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^tg_console=tgps_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800/);
    const staff = { cookie: setCookie.split(";")[0]! };
    expect((await api("/v1/reports/financial", { headers: staff })).status).toBe(200);
    const consumerRoute = await api("/v1/me/balance", { headers: staff });
    expect(consumerRoute.status).toBe(403);
    expect(((await consumerRoute.json()) as { detail: string }).detail).toMatch(
      /^This endpoint is for API keys and portal sessions, not a console session/,
    );
    const suspend = (headers: Record<string, string>) =>
      api(`/v1/accounts/${b.accountId}/suspend`, {
        method: "POST",
        headers: { ...staff, "content-type": "application/json", ...headers },
        body: JSON.stringify({ reason: "test" }),
      });
    const foreign = await suspend({});
    expect(foreign.status).toBe(403);
    // The console's cookie is refused in the console's words, never a portal session's.
    expect(((await foreign.json()) as { detail: string }).detail).toBe(
      "A console session's changes must come from the console's own origin.",
    );
    expect((await suspend({ origin: stack.controlPlaneUrl })).status).toBe(200);
    expect((await api("/v1/console/session", { method: "DELETE", headers: { ...staff, origin: stack.controlPlaneUrl } })).status).toBe(204);
    expect((await api("/v1/reports/financial", { headers: staff })).status).toBe(401);
  });
});
