import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Plan, Subscription, SubscriptionQuote } from "@tollgate/sdk";
import { useId, useState, type FormEvent } from "react";
import { money, unitPrice, when } from "../shared/money.js";
import { ProblemText } from "../shared/ui.js";
import { client } from "./client.js";

const PER = { month: "a month", week: "a week", year: "a year" } as const;

/** What a plan costs a period with some seats, as its customer reads it: "$20.00 + 2 × $5.00 a seat a month". */
function planPrice(plan: Plan): string {
  const r = plan.recurring;
  if (r === undefined) return "no recurring fee";
  return `${unitPrice(r.fee, plan.currency)}${r.seatPrice > 0 ? ` + ${unitPrice(r.seatPrice, plan.currency)} a seat` : ""} ${PER[r.interval]}`;
}

const seatsWord = (n: number) => `${n} seat${n === 1 ? "" : "s"}`;

/** The plans the account may move to by itself: its own among them when it may leave it. */
export function useSelfServicePlans(accountId: string) {
  return useQuery({ queryKey: ["self-service-plans"], queryFn: () => client.listSelfServicePlans(accountId) });
}

/**
 * Change plan or seats from the portal, where the provider offers the plans for self-service: the change is
 * quoted first (what a period costs before and after, and what is charged or credited now, prorated), and made
 * only once confirmed. Shown only when the account's own plan is offered: it could not leave another itself.
 */
export function ChangePlan({ accountId, current }: { accountId: string; current: Subscription }) {
  const plans = useSelfServicePlans(accountId);
  if (!plans.data?.items.some((p) => p.id === current.planId)) return <ProblemText error={plans.error} />;
  return <ChangeForm accountId={accountId} current={current} plans={plans.data.items} />;
}

function ChangeForm({ accountId, current, plans }: { accountId: string; current: Subscription; plans: Plan[] }) {
  const qc = useQueryClient();
  const [planId, setPlanId] = useState(current.planId);
  const [seats, setSeats] = useState(String(current.seats));
  // The change quoted, and confirmed under one idempotency key: a second click cannot charge it twice.
  const [asked, setAsked] = useState<{ planId: string; seats: number; key: string } | undefined>();
  const plan = plans.find((p) => p.id === planId);
  const maxSeats = plan?.selfService?.maxSeats ?? 1;
  const quote = useQuery({
    queryKey: ["quote", asked?.planId, asked?.seats],
    queryFn: () => client.quoteSubscriptionChange(accountId, { planId: asked!.planId, seats: asked!.seats }),
    enabled: asked !== undefined,
  });
  const change = useMutation({
    mutationFn: (a: { planId: string; seats: number; key: string }) =>
      client.changeSubscription(accountId, { planId: a.planId, seats: a.seats }, { idempotencyKey: a.key }),
    onSuccess: () => {
      setAsked(undefined);
      void qc.invalidateQueries();
    },
  });
  const review = (e: FormEvent) => {
    e.preventDefault();
    change.reset();
    setAsked({ planId, seats: Number(seats), key: crypto.randomUUID() });
  };
  const unchanged = planId === current.planId && Number(seats) === current.seats;
  const done = change.data?.change;
  const titleId = `${useId()}-title`;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Change plan or seats</h3>
      <form aria-label="Change plan or seats" onSubmit={review}>
        <label>
          Plan
          <select
            value={planId}
            onChange={(e) => {
              setPlanId(e.target.value);
              setAsked(undefined);
            }}
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({planPrice(p)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Seats (at most {maxSeats})
          <input
            type="number"
            min={1}
            max={maxSeats}
            value={seats}
            onChange={(e) => {
              setSeats(e.target.value);
              setAsked(undefined);
            }}
            required
          />
        </label>
        <button type="submit" disabled={unchanged}>
          See what it costs
        </button>
      </form>
      {/* Room for the quote: the cards below do not jump when it arrives. */}
      <div className="reserve" aria-live="polite">
        {asked !== undefined && quote.data !== undefined && (
          <Quote
            quote={quote.data}
            current={current}
            plan={plans.find((p) => p.id === asked.planId)}
            confirming={change.isPending}
            confirm={() => change.mutate(asked)}
            cancel={() => setAsked(undefined)}
          />
        )}
        {done !== undefined && (
          <p role="status" className="ok" data-testid="plan-changed">
            Changed to {change.data?.subscription.planName} with {seatsWord(change.data?.subscription.seats ?? 0)}:{" "}
            {done.amount >= 0 ? `${money(done.amount, done.currency)} charged` : `${money(-done.amount, done.currency)} credited`} now.
          </p>
        )}
        <ProblemText error={quote.error ?? change.error} />
      </div>
    </section>
  );
}

function Quote(props: {
  quote: SubscriptionQuote;
  current: Subscription;
  plan: Plan | undefined;
  confirming: boolean;
  confirm: () => void;
  cancel: () => void;
}) {
  const { quote: q, current } = props;
  const c = q.currency;
  const days = Math.max(1, Math.round(q.remainingSeconds / 86_400));
  const interval = props.plan?.recurring?.interval ?? current.interval;
  const per = interval ? ` ${PER[interval]}` : "";
  const now =
    q.amount > 0 ? `${money(q.amount, c)} charged now` : q.amount < 0 ? `${money(-q.amount, c)} credited now` : "nothing charged now";
  return (
    <div className="callout" data-testid="quote">
      <p>
        {current.planName}, {seatsWord(current.seats)}: {money(q.fromAmount, c)}
        {per} → {props.plan?.name ?? q.planId}, {seatsWord(q.seats)}: {money(q.toAmount, c)}
        {per}.
      </p>
      <p>
        <strong>{now}</strong>
        {q.newCycle
          ? `: the new plan renews on its own period, and its first period is charged in full at once.`
          : `: the difference for the ${days} day${days === 1 ? "" : "s"} left of this period (until ${when(q.periodTo)}), taken from your balance.`}
      </p>
      {q.selfService.allowed ? (
        <p className="actions">
          <button className="primary" type="button" disabled={props.confirming} onClick={props.confirm}>
            Confirm the change
          </button>
          <button type="button" onClick={props.cancel}>
            Keep my plan
          </button>
        </p>
      ) : (
        <p className="problem">This change cannot be made here: {q.selfService.reason}</p>
      )}
    </div>
  );
}
