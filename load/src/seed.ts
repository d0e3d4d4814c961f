import { TollgateAdminClient, type CatalogInput } from "@tollgate/sdk";

/**
 * Seed a plan, an account, its funded wallet and an API key through the control plane's API (as an admin
 * would), and print them as shell assignments for the demo and benchmark scripts.
 */
const baseUrl = process.env.CONTROL_PLANE_URL ?? "http://127.0.0.1:3000";
const token = process.env.TOLLGATE_ADMIN_TOKENS?.split(",")[0];
if (!token) throw new Error("TOLLGATE_ADMIN_TOKENS is not set");
const pricePerCall = Number(process.env.SEED_PRICE ?? 1_000);
const calls = Number(process.env.SEED_CALLS ?? 5);

const admin = new TollgateAdminClient({ baseUrl, token });
// SEED_CATALOG (JSON) gives a full catalog instead of the flat price; the wallet is then SEED_BALANCE micros.
const catalog = process.env.SEED_CATALOG ? (JSON.parse(process.env.SEED_CATALOG) as CatalogInput) : { pricePerCall };
const plan = await admin.createPlan({ name: process.env.SEED_PLAN ?? "Demo plan", currency: "USD", ...catalog });
const account = await admin.createAccount({ name: process.env.SEED_ACCOUNT ?? "Demo customer", planId: plan.id });
const wallet = account.wallets[0]!;
const amount = process.env.SEED_BALANCE ? Number(process.env.SEED_BALANCE) : pricePerCall * calls;
const entry = await admin.creditWallet(wallet.id, { amount, reason: "seed" }, { idempotencyKey: `seed-${account.id}` });
// SEED_BUNDLE_UNITS: a bundle of that many units of every call ("default", the unmatched routes' product),
// valid a day, that pays for the calls before money (the benchmarks' bundle-covered side).
if (process.env.SEED_BUNDLE_UNITS) {
  const units = Number(process.env.SEED_BUNDLE_UNITS);
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  await admin.issueBundle(account.id, { productId: "default", units, expiresAt }, { idempotencyKey: `seed-bundle-${account.id}` });
}
const key = await admin.createApiKey(account.id, { name: "seed" });
const out = {
  PLAN_ID: plan.id,
  ACCOUNT_ID: account.id,
  WALLET_ID: wallet.id,
  API_KEY: key.key,
  BALANCE: String(entry.balanceAfter ?? 0),
  PRICE: String(pricePerCall),
};
const prefix = process.env.SEED_OUTPUT_PREFIX ?? "";
for (const [name, value] of Object.entries(out)) console.log(`${prefix}${name}='${value}'`);
