import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CatalogInput, Plan, PriceInput } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { money, parseAmount, plainAmount, unitPrice } from "../shared/money.js";
import { Empty, ProblemText, Section, Trail } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { Link } from "wouter";
import { admin } from "./client.js";
import { useMay } from "./role.js";

const METRIC: Record<string, string> = {
  calls: "call",
  request_bytes: "request byte",
  response_bytes: "response byte",
  duration_ms: "ms",
  units: "unit",
};

/** A price as a person would say it: "$0.002 a call, first 1,000 a month free; 10,001+ at $0.001". */
function describePrice(price: PriceInput, currency: string): string {
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
  for (const w of price.timeOfUse ?? []) parts.push(`${w.percent}% ${w.from}–${w.to}`);
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

function PlanSummary({ plan }: { plan: Plan }) {
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
                  ? "refused (404)"
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
              Rate limit {r.id}: {r.limit.toLocaleString("en-US")} calls per {r.windowSeconds} s per {r.scope}
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
        </small>
      </p>
    </div>
  );
}

/** Every plan (at /console/plans), or one (at /console/plans/<id>). */
export function Plans({ planId }: { planId?: string }) {
  const mayEdit = useMay("manage");
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => admin.listPlans() });
  const [editing, setEditing] = useState<string>();
  const [text, setText] = useState("");
  const save = useMutation({
    mutationFn: () => {
      let catalog: CatalogInput;
      try {
        catalog = JSON.parse(text) as CatalogInput;
      } catch (error) {
        throw new Error(`The catalog is not JSON: ${(error as Error).message}`, { cause: error });
      }
      return admin.replaceCatalog(editing!, catalog);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["plans"] }),
  });
  const shown = plans.data?.items.filter((p) => planId === undefined || p.id === planId);
  const one = planId === undefined ? undefined : shown?.[0];
  useTitle(one?.name ?? "Plans", "Tollgate console");
  return (
    <>
      {planId !== undefined && (
        <Trail
          steps={[
            { href: "/plans", label: "Plans" },
            { href: `/plans/${planId}`, label: one?.name ?? planId },
          ]}
        />
      )}
      {plans.data?.items.length === 0 && (
        <Section title="Plans">
          <Empty>No plans yet: create one with POST /v1/plans (its products, prices and quotas), then read and edit it here.</Empty>
        </Section>
      )}
      {planId !== undefined && shown?.length === 0 && (
        <Section title="No such plan">
          <p>
            No plan has the id <code>{planId}</code>. <Link href="/plans">See every plan</Link>.
          </p>
        </Section>
      )}
      {shown?.map((p) => (
        <Section key={p.id} title={`${p.name} (${p.currency})`} id={`plan-${p.id}`}>
          <p>
            {planId === undefined ? (
              <Link href={`/plans/${p.id}`}>
                <code>{p.id}</code>
              </Link>
            ) : (
              <code>{p.id}</code>
            )}{" "}
            {mayEdit && (
              <button
                type="button"
                onClick={() => {
                  setEditing(p.id);
                  setText(JSON.stringify(p.catalog, null, 2));
                  save.reset();
                }}
              >
                Edit catalog
              </button>
            )}
          </p>
          <PlanSummary plan={p} />
          {mayEdit && <RecurringEditor plan={p} />}
          {editing === p.id && (
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                save.mutate();
              }}
            >
              <label style={{ width: "100%" }}>
                Catalog of {p.name} (JSON)
                <textarea value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} aria-describedby={`errors-${p.id}`} />
              </label>
              <div id={`errors-${p.id}`} style={{ width: "100%" }}>
                <ProblemText error={save.error} />
              </div>
              <button className="primary" type="submit">
                Save
              </button>
              <button type="button" onClick={() => setEditing(undefined)}>
                Close
              </button>
              {save.isSuccess && <span className="ok">Saved: every gateway applies it within a second.</span>}
            </form>
          )}
        </Section>
      ))}
      <ProblemText error={plans.error} />
    </>
  );
}

/** A plan's recurring fee and seat price: new amounts apply from each account's next renewal. */
function RecurringEditor({ plan }: { plan: Plan }) {
  const qc = useQueryClient();
  const [fee, setFee] = useState(plan.recurring ? plainAmount(plan.recurring.fee) : "");
  const [seatPrice, setSeatPrice] = useState(plan.recurring ? plainAmount(plan.recurring.seatPrice) : "0");
  const [interval, setPeriod] = useState(plan.recurring?.interval ?? "month");
  const [graceHours, setGraceHours] = useState(String(plan.recurring?.graceHours ?? 72));
  const save = useMutation({
    mutationFn: () => {
      const feeMicros = parseAmount(fee);
      const seatMicros = parseAmount(seatPrice);
      if (feeMicros === undefined || seatMicros === undefined) throw new Error("Enter amounts such as 49 or 12.50.");
      return admin.setRecurring(plan.id, { interval, fee: feeMicros, seatPrice: seatMicros, graceHours: Number(graceHours) });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["plans"] }),
  });
  return (
    <form
      aria-label={`Recurring fee of ${plan.name}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        Fee ({plan.currency})
        <input inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} required size={8} />
      </label>
      <label>
        Per seat
        <input inputMode="decimal" value={seatPrice} onChange={(e) => setSeatPrice(e.target.value)} size={8} />
      </label>
      <label>
        Every
        <select value={interval} onChange={(e) => setPeriod(e.target.value as typeof interval)}>
          <option value="month">month</option>
          <option value="week">week</option>
          <option value="year">year</option>
        </select>
      </label>
      <label>
        Grace (hours)
        <input type="number" min={0} max={2160} value={graceHours} onChange={(e) => setGraceHours(e.target.value)} size={5} />
      </label>
      <button type="submit">{plan.recurring ? "Save recurring fee" : "Add a recurring fee"}</button>
      <ProblemText error={save.error} />
    </form>
  );
}

/** Prepaid voucher codes, in batches: the codes are shown once, to hand out or print. */
export function Vouchers() {
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("USD");
  const [count, setCount] = useState("10");
  const [expires, setExpires] = useState(() => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10));
  const create = useMutation({
    mutationFn: () => {
      const micros = parseAmount(amount);
      if (micros === undefined || micros === 0) throw new Error("Enter an amount such as 25 or 12.50.");
      return admin.createVoucherBatch({
        amount: micros,
        currency: currency.trim().toUpperCase(),
        count: Number(count),
        expiresAt: new Date(`${expires}T23:59:59Z`).toISOString(),
      });
    },
  });
  return (
    <Section title="Voucher batches">
      <form
        aria-label="Create a voucher batch"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Value
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        <label>
          Currency
          <input value={currency} onChange={(e) => setCurrency(e.target.value)} required maxLength={3} size={4} />
        </label>
        <label>
          How many
          <input type="number" min={1} max={1000} value={count} onChange={(e) => setCount(e.target.value)} required />
        </label>
        <label>
          Valid until
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
        </label>
        <button className="primary" type="submit">
          Create codes
        </button>
      </form>
      <ProblemText error={create.error} />
      {create.data && (
        <div className="callout" role="status">
          <p>
            Batch <code>{create.data.batchId}</code>: {create.data.codes.length} codes of {money(create.data.amount, create.data.currency)}.{" "}
            <strong>Copy them now:</strong> Tollgate keeps only their hashes.
          </p>
          <label>
            Codes
            <textarea readOnly rows={6} value={create.data.codes.join("\n")} data-testid="voucher-codes" />
          </label>
        </div>
      )}
    </Section>
  );
}
