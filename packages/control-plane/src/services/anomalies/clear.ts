import type { AppContext } from "../../context.js";
import type { Page } from "../../domain/cursor.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import type { Anomaly } from "../../models/index.js";
import { publishAccount } from "../accounts/publish.js";
import { audit } from "../audit.js";
import { namesOf } from "../reports/names.js";

/** An anomaly with what its account and key are called now (null when no object has the id any more). */
export type NamedAnomaly = Anomaly & { accountName: string | null; keyName: string | null };

async function withNames(ctx: AppContext, anomalies: Anomaly[]): Promise<NamedAnomaly[]> {
  const [accounts, keys] = await Promise.all([
    namesOf(
      ctx,
      "account",
      anomalies.map((a) => a.accountId),
    ),
    namesOf(
      ctx,
      "key",
      anomalies.map((a) => a.keyId),
    ),
  ]);
  return anomalies.map((a) => ({ ...a, accountName: accounts.get(a.accountId) ?? null, keyName: keys.get(a.keyId) ?? null }));
}

/**
 * An admin's review of an anomaly: it is closed, and its mitigation undone (a key it suspended is active
 * again, a spending cap it set is back to what it was). Clearing it again changes nothing.
 */
export async function clearAnomaly(
  ctx: AppContext,
  input: { anomalyId: string; reason: string; actor: string },
): Promise<Outcome<NamedAnomaly, "not_found">> {
  const { Anomaly: Anomalies, ApiKey } = ctx.models;
  const anomaly = await Anomalies.findById(input.anomalyId).lean();
  if (anomaly === null) return failure("not_found", `No anomaly ${input.anomalyId}.`);
  if (anomaly.status === "cleared") return ok((await withNames(ctx, [anomaly]))[0]!);
  const { action, previousSpendCap } = anomaly.mitigation;
  if (action === "suspend_key") {
    await ApiKey.updateOne({ _id: anomaly.keyId, status: "suspended" }, { $set: { status: "active" } });
  } else if (action === "cap_spending" && previousSpendCap !== undefined) {
    if (previousSpendCap === null) await ApiKey.updateOne({ _id: anomaly.keyId }, { $unset: { spendCap: 1 } });
    else await ApiKey.updateOne({ _id: anomaly.keyId }, { $set: { spendCap: previousSpendCap } });
  }
  if (action !== "none") await publishAccount(ctx, anomaly.accountId);
  await Anomalies.updateOne(
    { _id: anomaly._id },
    { $set: { status: "cleared", clearedAt: new Date(), clearedBy: input.actor, clearReason: input.reason } },
  );
  await audit(ctx, input.actor, "anomaly.clear", anomaly._id, { reason: input.reason, mitigation: action });
  return ok((await withNames(ctx, [(await Anomalies.findById(anomaly._id).lean())!]))[0]!);
}

/** Anomalies newest first by (detectedAt, id), optionally of one status or account, a page at a time. */
export async function listAnomalies(
  ctx: AppContext,
  filter: { status?: "open" | "cleared" | undefined; accountId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<NamedAnomaly>> {
  const match = {
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.accountId === undefined ? {} : { accountId: filter.accountId }),
  };
  // The cursor belongs to the filtered list it came from.
  const list = `anomalies:${filter.status ?? ""}:${filter.accountId ?? ""}`;
  const page = await ctx.cursors.paginate<Anomaly>(list, "detectedAt", filter.limit, filter.cursor, (after, sort, take) =>
    ctx.models.Anomaly.find({ ...match, ...after })
      .sort(sort)
      .limit(take)
      .lean(),
  );
  return { ...page, items: await withNames(ctx, page.items) };
}
