import type { AppContext } from "../../context.js";
import type { Outcome } from "../../domain/outcome.js";
import { includedDue, issueIncludedBundles } from "../bundles/included.js";
import { createLine, type LineState } from "./lines.js";

/**
 * A new line (createLine), given its plan's included bundles for the current period at once, as a subscription's
 * start gives them: a line's plan has no recurring fee, so nothing else would start its period before the
 * included-bundles job's next run (up to a minute), and its first calls would be charged to the payer for
 * minutes its plan includes. Idempotent and crash-safe as the job is: a run after this one issues nothing twice.
 */
export async function startLine(
  ctx: AppContext,
  input: Parameters<typeof createLine>[1],
): Promise<Outcome<LineState, "not_found" | "conflict" | "unprocessable">> {
  const created = await createLine(ctx, input);
  if (!created.ok) return created;
  const { account } = created.value;
  const plan = await ctx.models.Plan.findById(account.planId).lean();
  if (includedDue(account, plan, new Date())) await issueIncludedBundles(ctx, account._id);
  return created;
}
