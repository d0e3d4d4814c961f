import { describe, expect, it } from "vitest";
import { controlPlaneEnv } from "./env.js";

const base = { MONGODB_URI: "mongodb://127.0.0.1:27027/", TOLLGATE_ADMIN_TOKENS: "a-long-enough-admin-token-000001" };

describe("control-plane env", () => {
  it("applies defaults and splits admin tokens", () => {
    const env = controlPlaneEnv.parse({
      ...base,
      TOLLGATE_ADMIN_TOKENS: " a-long-enough-admin-token-000001 , another-long-admin-token-00002",
    });
    expect(env.TOLLGATE_ADMIN_TOKENS).toEqual(["a-long-enough-admin-token-000001", "another-long-admin-token-00002"]);
    expect(env).toMatchObject({ PORT: 3000, TOLLGATE_PARTITIONS: 64, TOLLGATE_PREFIX: "tg:", INGESTER: "on" });
  });

  it("lets named sites frame the portal, over https only", () => {
    expect(controlPlaneEnv.parse(base).PORTAL_FRAME_ANCESTORS).toEqual([]);
    const env = controlPlaneEnv.parse({
      ...base,
      PUBLIC_URL: "https://billing.example.com",
      PORTAL_FRAME_ANCESTORS: "https://app.example.com, https://dash.example.com:8443",
    });
    expect(env.PORTAL_FRAME_ANCESTORS).toEqual(["https://app.example.com", "https://dash.example.com:8443"]);
    // A framed portal's cookie must be Secure: not without an https address of its own.
    expect(() => controlPlaneEnv.parse({ ...base, PORTAL_FRAME_ANCESTORS: "https://app.example.com" })).toThrow(/https PUBLIC_URL/);
    // Origins only: no paths, wildcards or other schemes (a CSP source list must not be widened by accident).
    for (const bad of ["https://app.example.com/path", "*", "https://*.example.com", "http://app.example.com", "'self'"])
      expect(() => controlPlaneEnv.parse({ ...base, PUBLIC_URL: "https://b.example", PORTAL_FRAME_ANCESTORS: bad })).toThrow();
  });

  it("keeps raw usage for good unless a retention of at least 2 whole days is set", () => {
    expect(controlPlaneEnv.parse(base).USAGE_RETENTION_DAYS).toBeUndefined();
    expect(controlPlaneEnv.parse({ ...base, USAGE_RETENTION_DAYS: "400" }).USAGE_RETENTION_DAYS).toBe(400);
    // A charge can be voided for a day after it was made: its event must outlive that.
    for (const bad of ["1", "0", "-3", "2.5", "a year"])
      expect(() => controlPlaneEnv.parse({ ...base, USAGE_RETENTION_DAYS: bad })).toThrow();
  });

  it("refuses to start with short, missing or no admin tokens", () => {
    expect(() => controlPlaneEnv.parse({ ...base, TOLLGATE_ADMIN_TOKENS: "short" })).toThrow();
    expect(() => controlPlaneEnv.parse({ ...base, TOLLGATE_ADMIN_TOKENS: " , " })).toThrow();
    expect(() => controlPlaneEnv.parse({ MONGODB_URI: base.MONGODB_URI })).toThrow();
  });
});
