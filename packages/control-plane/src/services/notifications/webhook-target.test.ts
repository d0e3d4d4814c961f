import { describe, expect, it } from "vitest";
import { guardedLookup, isPublicAddress, refuseWebhookUrl, STRICT_WEBHOOKS } from "./webhook-target.js";

describe("webhook targets", () => {
  it.each([
    "http://127.0.0.1:6379/",
    "https://127.0.0.1/",
    "https://127.1/",
    "https://2130706433/",
    "https://0x7f000001/",
    "https://0177.0.0.1/",
    "https://0x7f.0.0.1/",
    "https://localhost:8080/",
    "https://LOCALHOST./",
    "https://api.localhost/",
    "https://[::1]/",
    "https://[0:0:0:0:0:0:0:1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/",
    "https://[::127.0.0.1]/",
    "https://[64:ff9b::7f00:1]/",
    "https://[2002:7f00:1::]/",
    "https://169.254.169.254/latest/meta-data/",
    "https://[::ffff:169.254.169.254]/",
    "https://[fe80::1]/",
    "https://[fd00::1]/",
    "https://[ff02::1]/",
    "https://10.0.0.1/",
    "https://172.16.0.1/",
    "https://192.168.1.1/",
    "https://100.64.0.1/",
    "https://0.0.0.0/",
    "https://0/",
    "https://[::]/",
    "https://224.0.0.1/",
    "https://255.255.255.255/",
    "https://user:pass@hooks.example.com/",
    "https://user@8.8.8.8/",
    "http://hooks.example.com/",
    "ftp://hooks.example.com/",
    "file:///etc/passwd",
    "not a url",
  ])("refuses %s", (url) => {
    expect(refuseWebhookUrl(url, STRICT_WEBHOOKS)).toEqual(expect.any(String));
  });

  it.each(["https://hooks.example.com/tollgate", "https://8.8.8.8/x", "https://[2606:4700:4700::1111]/x"])("accepts %s", (url) => {
    expect(refuseWebhookUrl(url, STRICT_WEBHOOKS)).toBeUndefined();
  });

  it("lets an explicit setting allow private targets and plain http, never userinfo", () => {
    const open = { allowPrivate: true, allowHttp: true };
    expect(refuseWebhookUrl("http://127.0.0.1:4000/hook", open)).toBeUndefined();
    expect(refuseWebhookUrl("http://127.0.0.1:4000/hook", { allowPrivate: true, allowHttp: false })).toEqual(expect.any(String));
    expect(refuseWebhookUrl("http://u:p@127.0.0.1/", open)).toEqual(expect.any(String));
  });

  it("judges addresses, not spellings", () => {
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(true);
    expect(isPublicAddress("::ffff:10.0.0.1")).toBe(false);
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });
});

describe("the delivery's DNS lookup", () => {
  const resolve = (policy: typeof STRICT_WEBHOOKS) =>
    new Promise<{ error?: string; address?: string }>((done) => {
      guardedLookup(policy)("localhost", {}, (error, address) => done(error ? { error: error.message } : { address: address as string }));
    });

  it("refuses a name that resolves to a loopback address (the check a DNS rebind would have to pass)", async () => {
    expect((await resolve(STRICT_WEBHOOKS)).error).toMatch(/localhost resolves to .* which webhooks may not reach/);
  });

  it("resolves it when private targets are allowed", async () => {
    expect(isPublicAddress((await resolve({ allowPrivate: true, allowHttp: true })).address!)).toBe(false);
  });
});
