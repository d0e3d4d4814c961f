import type { Subscription } from "@tollgate/sdk";
import { money, unitPrice, when } from "./money.js";
import { Figure, Money } from "./ui.js";

const PER: Record<NonNullable<Subscription["interval"]>, string> = { month: "a month", week: "a week", year: "a year" };

/** A subscription as both the customer and the staff read it: what it costs, when it renews, what is due. */
export function SubscriptionFigures({ subscription: s }: { subscription: Subscription }) {
  const due = s.due.reduce((sum, d) => sum + d.amount, 0);
  return (
    <>
      <dl className="figures">
        <Figure label="Plan" value={s.planName} />
        <Figure label="Seats" value={String(s.seats)} />
        {s.interval && <Figure label={`Price ${PER[s.interval]}`} value={<Money micros={s.amount} currency={s.currency} />} />}
        {s.renewsAt && <Figure label="Next renewal" value={when(s.renewsAt)} />}
      </dl>
      {s.interval && (
        <p>
          {unitPrice(s.fee, s.currency)} plan fee
          {s.seatPrice > 0 && (
            <>
              {" "}
              + {s.seats} × {unitPrice(s.seatPrice, s.currency)} a seat
            </>
          )}{" "}
          {PER[s.interval]}, taken from the balance when each period starts.
        </p>
      )}
      {s.status === "past_due" && (
        <p role="alert" className="problem">
          {money(due, s.currency)} is due. A top-up pays it at once; calls stop on {when(s.due[0]!.graceUntil)} if it is still unpaid.
        </p>
      )}
      {s.status === "unpaid" && (
        <p role="alert" className="problem">
          {money(due, s.currency)} is due and calls are refused until it is paid: a top-up pays it at once.
        </p>
      )}
    </>
  );
}
