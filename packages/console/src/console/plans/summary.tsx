import type { CatalogInput, Plan, PriceInput } from "@tollgate/sdk";
import { unitPrice } from "../../shared/money.js";
import { windowWords } from "./draft.js";

/* A plan as a person reads it: each product's route and price in words, quotas, rate limits, the recurring fee. */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const METRIC: Record<string, string> = {
  calls: "call",
  request_bytes: "request byte",
  response_bytes: "response byte",
  duration_ms: "ms",
  units: "unit",
};

/** A price as a person would say it: "$0.002 a call, first 1,000 a month free; 10,001+ at $0.001". */
export function describePrice(price: PriceInput, currency: string): string {
  const per = METRIC[price.metric ?? "calls"] ?? "unit";
  const perN = price.ratePer && price.ratePer > 1 ? ` per ${price.ratePer.toLocaleString("en-US")} ${per}s` : ` a ${per}`;
  const pack = price.packageSize && price.packageSize > 1 ? ` per ${price.packageSize.toLocaleString("en-US")} ${per}s` : perN;
  const parts: string[] = [];
  const tiers = price.tiers ?? (price.unitPrice !== undefined ? [{ upTo: null, unitPrice: price.unitPrice }] : []);
  if (tiers.length === 1 && tiers[0]!.upTo === null) parts.push(`${unitPrice(tiers[0]!.unitPrice, currency)}${pack}`);
  else {
    let from = 1;
    const steps = tiers.map((t) => {
      const range =
        t.upTo === null ? `${from.toLocaleString("en-US")}+` : `${from.toLocaleString("en-US")}–${t.upTo.toLocaleString("en-US")}`;
      if (t.upTo !== null) from = t.upTo + 1;
      return `${range}: ${unitPrice(t.unitPrice, currency)}${t.flatPrice ? ` + ${unitPrice(t.flatPrice, currency)} flat` : ""}`;
    });
    parts.push(`${price.tierMode ?? "graduated"} tiers${pack} (${steps.join("; ")})`);
  }
  if (price.freeUnits) parts.push(`first ${price.freeUnits.toLocaleString("en-US")} free a ${price.period ?? "month"}`);
  if (price.minimum) parts.push(`at least ${unitPrice(price.minimum, currency)}`);
  if (price.maximum) parts.push(`at most ${unitPrice(price.maximum, currency)} a call`);
  // A stored window's times are minutes of the day; an input's, "HH:MM".
  const time = (t: string | number) =>
    typeof t === "number" ? `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}` : t;
  for (const w of price.timeOfUse ?? []) parts.push(`${w.percent}% ${w.days.map((d) => DAYS[d]).join(" ")} ${time(w.from)}–${time(w.to)}`);
  if (price.increments) parts.push(`billed ${price.increments.first}/${price.increments.next}`);
  const deck = price.dimension;
  if (deck) {
    const sample = deck.lines
      .slice(0, 3)
      .map((l) => {
        const one = l.unitPrice ?? (l.tiers?.length === 1 ? l.tiers[0]!.unitPrice : undefined);
        return `${l.value} ${one !== undefined ? unitPrice(one, currency) : "tiered"}`;
      })
      .join("; ");
    const more = deck.lines.length > 3 ? `; ${deck.lines.length - 3} more` : "";
    parts.push(`by ${deck.attribute} ${deck.match === "exact" ? "value" : "prefix"}: ${sample}${more}`);
  }
  return parts.join(", ");
}

export function PlanSummary({ plan }: { plan: Plan }) {
  const c = plan.catalog as CatalogInput & { timeZone?: string };
  return (
    <div>
      <table aria-label={`Products of ${plan.name}`}>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Route</th>
            <th scope="col">Price</th>
          </tr>
        </thead>
        <tbody>
          {(c.products ?? []).map((p) => (
            <tr key={p.id}>
              <td>{p.id}</td>
              <td>
                <code>
                  {p.method ?? "*"} {p.path}
                </code>
              </td>
              <td>{describePrice(p.price, plan.currency)}</td>
            </tr>
          ))}
          <tr>
            <td>other routes</td>
            <td />
            <td>
              {c.unmatched?.action === "price"
                ? describePrice(c.unmatched.price, plan.currency)
                : c.unmatched?.action === "refuse"
                  ? "refused (403)"
                  : "free"}
            </td>
          </tr>
        </tbody>
      </table>
      {(c.quotas ?? []).length + (c.rateLimits ?? []).length > 0 && (
        <ul>
          {c.quotas?.map((q) => (
            <li key={q.id}>
              Quota {q.id}: {q.limit.toLocaleString("en-US")} {q.metric} a {q.period}
              {q.productId ? ` of ${q.productId}` : ""} ({q.enforcement === "hard" ? "refused past it" : "soft"})
            </li>
          ))}
          {c.rateLimits?.map((r) => (
            <li key={r.id}>
              Rate limit {r.id}: {r.limit.toLocaleString("en-US")} calls per {windowWords(r.windowSeconds)}{" "}
              {r.scope === "key" ? "for each key" : "for the account"}
            </li>
          ))}
        </ul>
      )}
      {plan.recurring && (
        <p data-testid={`recurring-${plan.id}`}>
          Recurring: {unitPrice(plan.recurring.fee, plan.currency)} a {plan.recurring.interval}
          {plan.recurring.seatPrice > 0 && <> + {unitPrice(plan.recurring.seatPrice, plan.currency)} a seat</>}, {plan.recurring.graceHours}{" "}
          h of grace when unpaid.
        </p>
      )}
      <p>
        <small>
          Periods in {c.timeZone ?? "UTC"}. Anomalies: above {plan.anomalyPolicy.factor}× the usual hour (at least{" "}
          {plan.anomalyPolicy.minCalls} calls), mitigation {plan.anomalyPolicy.mitigation}.
          {c.metering === "leased" && " Leased mode: gateways decide flat-priced calls from blocks of the balance they hold."}
          {(c.refund?.upstreamError || c.refund?.clientAbort) &&
            ` Not charged: ${[...(c.refund.upstreamError ? ["calls the upstream failed"] : []), ...(c.refund.clientAbort ? ["calls the caller abandoned"] : [])].join(" and ")}.`}
        </small>
      </p>
    </div>
  );
}
