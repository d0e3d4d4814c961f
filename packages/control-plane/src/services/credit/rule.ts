import type { AppContext } from "../../context.js";
import { ok, type Outcome } from "../../domain/outcome.js";
import { DEFAULT_CREDIT_RULE, type CreditRule } from "../../models/credit.js";
import { unlessDuplicate } from "../../models/index.js";
import { audit } from "../audit.js";

const RULE_ID = "deployment";

export type CreditRuleInput = Omit<CreditRule, "_id" | "updatedAt" | "updatedBy">;

/** The deployment's credit rule: the one saved, or the defaults (every request for credit applies at once). */
export async function getCreditRule(ctx: AppContext): Promise<CreditRule & { saved: boolean }> {
  const saved = await ctx.models.CreditRule.findById(RULE_ID).lean();
  return saved !== null
    ? { ...saved, saved: true }
    : { _id: RULE_ID, ...DEFAULT_CREDIT_RULE, updatedAt: new Date(0), updatedBy: "defaults", saved: false };
}

/** Replace the deployment's credit rule (owner, admin); requests already waiting keep what they were held for. */
export async function setCreditRule(
  ctx: AppContext,
  rule: CreditRuleInput,
  actor: string,
): Promise<Outcome<CreditRule & { saved: boolean }>> {
  const doc = { ...rule, updatedAt: new Date(), updatedBy: actor };
  const unset = Object.fromEntries(
    (["paymentHistory", "prepaidTenure", "autoLimit"] as const).filter((field) => rule[field] === undefined).map((f) => [f, 1]),
  );
  const write = () =>
    ctx.models.CreditRule.findOneAndUpdate(
      { _id: RULE_ID },
      {
        $set: Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)),
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
      },
      { upsert: true, returnDocument: "after" },
    ).lean();
  // Two first saves racing: the loser's insert collides on _id; the document exists now, so write again.
  const saved = (await unlessDuplicate(write))?.value ?? (await write());
  await audit(ctx, actor, "credit_rule.set", RULE_ID, { ...rule });
  return ok({ ...saved, saved: true });
}
