import type { Model } from "mongoose";
import type { AppContext } from "../context.js";

/**
 * What each path parameter names, and how to tell that it exists. A route whose path names an object that
 * does not exist answers 404 before its body is read or anything is written, whatever the route: a write
 * that names an unknown account stores nothing, and a list of an unknown account's things is a 404, not an
 * empty list. One read by `_id` each. Charging sessions live in Redis and their routes are hot: the session
 * service answers their 404 itself. A new path parameter names its lookup here (test/unknown-objects.test.ts
 * walks the route table and fails on a parameter this table does not know).
 */
const LOOKUPS: Record<string, { what: string; exists: (ctx: AppContext, id: string, params: Record<string, string>) => Promise<boolean> }> =
  {
    accountId: { what: "account", exists: (ctx, id) => byId(ctx.models.Account, id) },
    walletId: { what: "wallet", exists: (ctx, id) => byId(ctx.models.Wallet, id) },
    planId: { what: "plan", exists: (ctx, id) => byId(ctx.models.Plan, id) },
    userId: { what: "user", exists: (ctx, id) => byId(ctx.models.StaffUser, id) },
    tokenId: { what: "token", exists: (ctx, id) => byId(ctx.models.StaffToken, id) },
    invoiceId: { what: "invoice", exists: (ctx, id, params) => ownedBy(ctx.models.Invoice, id, params.accountId) },
    rechargeId: { what: "recharge", exists: (ctx, id, params) => ownedBy(ctx.models.Recharge, id, params.accountId) },
    anomalyId: { what: "anomaly", exists: (ctx, id) => byId(ctx.models.Anomaly, id) },
    taxRateId: { what: "tax rate", exists: (ctx, id) => byId(ctx.models.TaxRate, id) },
    keyId: { what: "API key", exists: (ctx, id, params) => ownedBy(ctx.models.ApiKey, id, params.accountId) },
    bundleId: { what: "bundle", exists: (ctx, id, params) => ownedBy(ctx.models.Bundle, id, params.accountId) },
    creditRequestId: { what: "credit request", exists: (ctx, id) => byId(ctx.models.CreditRequest, id) },
    endpointId: { what: "webhook endpoint", exists: (ctx, id) => byId(ctx.models.WebhookEndpoint, id) },
    exportId: { what: "export", exists: (ctx, id, params) => ownedBy(ctx.models.PrivacyRequest, id, params.accountId) },
    packId: { what: "bundle pack", exists: (ctx, id) => byId(ctx.models.BundlePack, id) },
    // A line exists at its payer's path only.
    lineId: {
      what: "line",
      exists: async (ctx, id, params) => (await ctx.models.Account.findById(id, { payerId: 1 }).lean())?.payerId === params.accountId,
    },
  };

/** Path parameters that name no stored object (a period, a provider from a fixed list) or are looked up by their route. */
const NOT_LOOKED_UP: ReadonlySet<string> = new Set(["period", "provider", "sessionId"]);

/** The parameters a route's path names, in order. */
function pathParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

/** Every parameter is either looked up here or named as not looked up: checked when a route is mounted. */
export function unknownParameters(path: string): string[] {
  return pathParameters(path).filter((name) => LOOKUPS[name] === undefined && !NOT_LOOKED_UP.has(name));
}

/** The first object a path names that does not exist: "account acct_…", or undefined when all exist. Read at once. */
export async function missingObject(ctx: AppContext, params: Record<string, string>): Promise<string | undefined> {
  const named = Object.entries(params).flatMap(([name, value]) => {
    const lookup = LOOKUPS[name];
    return lookup === undefined ? [] : [{ lookup, value }];
  });
  const found = await Promise.all(named.map(({ lookup, value }) => lookup.exists(ctx, value, params)));
  const first = named.find((_, i) => !found[i]);
  return first === undefined ? undefined : `${first.lookup.what} ${first.value}`;
}

async function byId<T>(model: Model<T>, id: string): Promise<boolean> {
  return (await model.findById(id, { _id: 1 }).lean()) !== null;
}

/** A thing of an account's (a key, an invoice) exists at that account's path only. */
async function ownedBy<T extends { accountId: string }>(model: Model<T>, id: string, accountId: string | undefined): Promise<boolean> {
  const found = (await model.findById(id, { accountId: 1 }).lean()) as { accountId: string } | null;
  return found !== null && (accountId === undefined || found.accountId === accountId);
}
