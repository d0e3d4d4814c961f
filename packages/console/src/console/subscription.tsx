import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Fee } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { money, unitPrice, when } from "../shared/money.js";
import { SubscriptionFigures } from "../shared/subscription.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Loading, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { useMay } from "./role.js";

/** An account's subscription, its fees, and (for managers) a change of plan or seats, prorated by the API. */
export function AccountSubscription({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  const subscription = useQuery({ queryKey: ["subscription", accountId], queryFn: () => admin.getSubscription(accountId) });
  const fees = usePages(["fees", accountId], (cursor) => admin.listFees(accountId, pageQuery(cursor, 10)));
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => admin.listPlans() });
  const mayManage = useMay("manage");
  const [seats, setSeats] = useState("");
  const [planId, setPlanId] = useState("");
  // One key per change the person means: a retry of the same click repeats it, a new click is a new change.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const change = useMutation({
    mutationFn: () => {
      const n = seats.trim() === "" ? undefined : Number(seats);
      if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw new Error("Seats are a whole number, 0 or more.");
      return admin.changeSubscription(
        accountId,
        { ...(n === undefined ? {} : { seats: n }), ...(planId === "" ? {} : { planId }) },
        { idempotencyKey: key },
      );
    },
    onSuccess: () => {
      setKey(crypto.randomUUID());
      setSeats("");
      setPlanId("");
      void qc.invalidateQueries();
    },
  });
  if (subscription.isPending) return <Loading />;
  if (subscription.error) return <ProblemText error={subscription.error} />;
  const s = subscription.data;
  const currency = s.currency;
  const samePlans = plans.data?.items.filter((p) => p.currency === currency) ?? [];
  return (
    <Section title="Subscription" id="account-subscription">
      <p>
        Status <span className={`status-${s.status}`}>{s.status.replace("_", " ")}</span>
      </p>
      <SubscriptionFigures subscription={s} />
      {mayManage && (
        <form
          aria-label="Change plan or seats"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            change.mutate();
          }}
        >
          <label>
            Seats
            <input value={seats} onChange={(e) => setSeats(e.target.value)} inputMode="numeric" placeholder={String(s.seats)} />
          </label>
          <label>
            Plan
            <select value={planId} onChange={(e) => setPlanId(e.target.value)}>
              <option value="">{s.planName} (unchanged)</option>
              {samePlans
                .filter((p) => p.id !== s.planId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.recurring ? ` · ${unitPrice(p.recurring.fee, p.currency)} a ${p.recurring.interval}` : ""}
                  </option>
                ))}
            </select>
          </label>
          <button className="primary" type="submit" disabled={seats.trim() === "" && planId === ""}>
            Change now, prorated
          </button>
        </form>
      )}
      {change.data && <p className="ok">{describeChange(change.data.change)}</p>}
      <ProblemText error={change.error} />
      <h3>Fees</h3>
      {fees.items?.length === 0 && (
        <Empty>
          No fees yet: a plan with a recurring fee charges one at each renewal, and a change of plan or seats charges its share.
        </Empty>
      )}
      {fees.items !== undefined && fees.items.length > 0 && (
        <table aria-label="Fees">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {fees.items.map((f) => (
              <tr key={f.id}>
                <td>{when(f.createdAt)}</td>
                <td>
                  {f.kind === "renewal"
                    ? `Renewal, ${f.seats === 1 ? "1 seat" : `${f.seats} seats`}, from ${when(f.periodFrom)}`
                    : describeChange(f)}
                </td>
                <td className={`status-${f.status}`}>{f.status}</td>
                <td className="num">
                  <Money micros={f.amount} currency={f.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={fees} what="fees" />
    </Section>
  );
}

function describeChange(fee: Fee): string {
  const c = fee.change;
  if (c === undefined) return "";
  const what = c.fromPlanId === c.toPlanId ? `Seats ${c.fromSeats} → ${c.toSeats}` : `Plan changed, seats ${c.fromSeats} → ${c.toSeats}`;
  const moved =
    fee.amount > 0
      ? `charged ${money(fee.amount, fee.currency)}`
      : fee.amount < 0
        ? `credited ${money(-fee.amount, fee.currency)}`
        : "nothing to prorate";
  const share = c.periodSeconds > 0 ? ` (${((100 * c.remainingSeconds) / c.periodSeconds).toFixed(1)}% of the period left)` : "";
  return `${what}: ${moved}${share}`;
}
