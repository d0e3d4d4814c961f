import { z } from "zod";
import { MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { id } from "../http/schemas.js";
import { bundleReconciliationView, toBundleReconciliationView } from "../http/bundle-pack-views.js";
import { reconcileAccountBundles, reconcileBundles } from "../services/bundles/reconcile.js";

export const reconcileBundlesRoute = defineRoute({
  method: "post",
  path: "/v1/admin/bundle-reconciliation",
  operationId: "reconcileBundles",
  summary:
    "Check each bundle's unit ledger + the units the usage streams still hold = its units in Redis, for every account with bundles (or those given); report the bundles that drift (seen twice in a row), and, for the accounts given, every bundle's figures.",
  access: "admin",
  roles: MANAGERS,
  body: z.strictObject({ accountIds: z.array(id).max(1_000).optional() }),
  responses: {
    200: {
      description: "The report",
      schema: z.object({
        checked: z.number().int().describe("bundles checked"),
        drifts: z.array(bundleReconciliationView),
        bundles: z.array(bundleReconciliationView).optional().describe("with `accountIds`: every bundle of those accounts, as read"),
      }),
    },
  },
  async handle({ body, ctx }) {
    const report = await reconcileBundles(ctx, body.accountIds ? { accountIds: body.accountIds } : {});
    // A run over every account is the job's own check: the metric says what it found.
    if (body.accountIds === undefined) ctx.metrics.bundleDrifts(report.drifts);
    const bundles = body.accountIds ? (await Promise.all(body.accountIds.map((a) => reconcileAccountBundles(ctx, a)))).flat() : undefined;
    return {
      status: 200,
      body: {
        checked: report.checked,
        drifts: report.drifts.map(toBundleReconciliationView),
        ...(bundles ? { bundles: bundles.map(toBundleReconciliationView) } : {}),
      },
    };
  },
});
