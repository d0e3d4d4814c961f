import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, type Stack } from "./support/stack.js";

describe("an embeddable portal: framed only by the sites the deployment names, branded by the issuer profile", () => {
  let stack: Stack;
  const api = () => request(stack.controlPlaneUrl);
  beforeAll(async () => {
    stack = await startStack({ portalFrameAncestors: ["https://app.example.com"] });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("lets the named site frame the portal, never the console; the portal's cookie works in that frame", async () => {
    const portal = await api().get("/portal/overview");
    expect(portal.headers["content-security-policy"]).toContain("frame-ancestors https://app.example.com");
    expect(portal.headers["content-security-policy"]).not.toContain("frame-ancestors 'none'");
    const console = await api().get("/console/");
    expect(console.headers["content-security-policy"]).toContain("frame-ancestors 'none'");

    const s = await stack.seedAccount({ pricePerCall: 1_000, balance: 0 });
    const signedIn = await api().post("/v1/portal/session").send({ apiKey: s.key });
    expect(signedIn.status).toBe(200);
    const cookie = String(signedIn.headers["set-cookie"]);
    expect(cookie).toContain("SameSite=None");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Partitioned");
    expect(cookie).toContain("HttpOnly");
  });

  it("presents the provider as its issuer profile says, before anyone signs in", async () => {
    expect((await api().get("/v1/portal/branding")).body).toEqual({ name: "Tollgate", embeddable: true });
    const logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await api()
      .put("/v1/issuer-profile")
      .set("authorization", `Bearer ${ADMIN_TOKEN}`)
      .send({ legalName: "Acme APIs, Lda.", logo, accentColor: "#0f766e", dueDays: 30 })
      .expect(200);
    const branding = await api().get("/v1/portal/branding");
    expect(branding.body).toEqual({ name: "Acme APIs, Lda.", logo, accentColor: "#0f766e", embeddable: true });
    expect(branding.headers["cache-control"]).toContain("max-age=60");
  });
});
