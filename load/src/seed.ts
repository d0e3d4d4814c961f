import { TollgateAdminClient } from "@tollgate/sdk";

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
const plan = await admin.createPlan({ name: process.env.SEED_PLAN ?? "Demo plan", currency: "USD", pricePerCall });
const account = await admin.createAccount({ name: process.env.SEED_ACCOUNT ?? "Demo customer", planId: plan.id });
const wallet = account.wallets[0]!;
const entry = await admin.creditWallet(wallet.id, { amount: pricePerCall * calls, reason: "seed" }, { idempotencyKey: `seed-${account.id}` });
const key = await admin.createApiKey(account.id, { name: "seed" });
const out = { PLAN_ID: plan.id, ACCOUNT_ID: account.id, WALLET_ID: wallet.id, API_KEY: key.key, BALANCE: String(entry.balanceAfter ?? 0), PRICE: String(pricePerCall) };
for (const [name, value] of Object.entries(out)) console.log(`${name}='${value}'`);
