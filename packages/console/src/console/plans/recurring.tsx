import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Plan } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { parseAmount, plainAmount } from "../../shared/money.js";
import { ProblemText } from "../../shared/ui.js";
import { admin } from "../client.js";

/** A plan's recurring fee and seat price: new amounts apply from each account's next renewal. */
export function RecurringEditor({ plan }: { plan: Plan }) {
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

/** Removing a plan's recurring fee: its accounts are not renewed again; fees already charged or due stay. Confirmed first. */
export function RemoveRecurring({ plan }: { plan: Plan }) {
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => admin.removeRecurring(plan.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["plans"] }),
  });
  if (remove.isSuccess)
    return (
      <p role="status" className="ok">
        The recurring fee is removed: accounts on {plan.name} are not renewed again.
      </p>
    );
  return (
    <div className="actions">
      {asking ? (
        <div role="alertdialog" aria-label="Remove the recurring fee?" className="confirm">
          <p>Remove the recurring fee of {plan.name}? Its accounts are not renewed again; fees already charged or due stay.</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => remove.mutate()}>
              Remove the recurring fee
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          Remove the recurring fee…
        </button>
      )}
      <ProblemText error={remove.error} />
    </div>
  );
}
