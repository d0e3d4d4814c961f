import { z } from "zod";
import { MANAGERS } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { includedBundleBody } from "../http/included-bundles.js";
import { id } from "../http/schemas.js";
import { planView, toPlanView } from "../http/views.js";
import { setIncludedBundles } from "../services/bundles/included.js";

export const setIncludedBundlesRoute = defineRoute({
  method: "put",
  path: "/v1/plans/:planId/included-bundles",
  operationId: "setPlanIncludedBundles",
  summary:
    "Set the bundles a plan includes, one per product (an empty list: none). Each account on the plan is given each of them for each period (or once), valid until the period ends; at the end at most `rolloverCap` of the units left roll over into the next period, the rest expire. Applies from each account's next period; bundles already issued stay.",
  access: "admin",
  roles: MANAGERS,
  params: z.strictObject({ planId: id }),
  body: z.strictObject({ bundles: z.array(includedBundleBody).max(50) }),
  responses: { 200: { description: "The plan", schema: planView } },
  problems: ["not_found", "unprocessable"],
  async handle({ params, body, principal, ctx }) {
    const set = await setIncludedBundles(ctx, params.planId, body.bundles, principal.actor);
    return set.ok ? { status: 200, body: toPlanView(set.value) } : set;
  },
});
