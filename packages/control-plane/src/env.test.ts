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

  it("refuses to start with short, missing or no admin tokens", () => {
    expect(() => controlPlaneEnv.parse({ ...base, TOLLGATE_ADMIN_TOKENS: "short" })).toThrow();
    expect(() => controlPlaneEnv.parse({ ...base, TOLLGATE_ADMIN_TOKENS: " , " })).toThrow();
    expect(() => controlPlaneEnv.parse({ MONGODB_URI: base.MONGODB_URI })).toThrow();
  });
});
