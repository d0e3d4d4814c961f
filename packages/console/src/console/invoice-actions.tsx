import { useMutation, useQueryClient } from "@tanstack/react-query";
import { newIdempotencyKey, type Invoice } from "@tollgate/sdk";
import { useState, type FormEvent, type ReactNode } from "react";
import { Link } from "wouter";
import { money, parseAmount, plainAmount } from "../shared/money.js";
import { Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

/** What remains to be paid on a finalized invoice, in micros. */
export const amountDue = (i: Invoice) => (i.status === "finalized" && i.kind === "invoice" ? Math.max(0, i.total - i.amountPaid) : 0);

/**
 * Owners, admins and finance: record a payment (all that is due, or part of it), issue a credit note, or void
 * the invoice; each asked first in the page, then said. Each attempt has its own Idempotency-Key, kept when
 * it is asked again after an unknown outcome, so that one payment is recorded once.
 */
export function InvoiceActions({ invoice }: { invoice: Invoice }) {
  const mayMoney = useMay("money");
  // What the last action did: still said once the invoice is paid or void and its forms are gone.
  const [said, say] = useState<ReactNode>(null);
  const open = invoice.status === "finalized";
  if (!mayMoney || invoice.kind !== "invoice" || (!open && said === null)) return null;
  return (
    <Section title="Payment and corrections" id="invoice-actions">
      <Done>{said}</Done>
      {open && (
        <>
          <Payment invoice={invoice} say={say} />
          <CreditNote invoice={invoice} say={say} />
          <Void invoice={invoice} say={say} />
        </>
      )}
    </Section>
  );
}

type Say = (what: ReactNode) => void;

function useRefresh(invoice: Invoice) {
  const qc = useQueryClient();
  return (next?: Invoice) => {
    if (next && next.id === invoice.id) qc.setQueryData(["invoice", invoice.accountId, invoice.id], next);
    void qc.invalidateQueries({ queryKey: ["invoice", invoice.accountId, invoice.id] });
    void qc.invalidateQueries({ queryKey: ["invoices", invoice.accountId] });
    void qc.invalidateQueries({ queryKey: ["balance", invoice.accountId] });
  };
}

/** An amount typed in the form, in micros, held to what the API takes: whole minor units, more than 0. */
function amountOf(text: string, most: number, currency: string): number {
  const micros = parseAmount(text);
  if (micros === undefined || micros === 0) throw new InputError("/amount", "Enter an amount such as 25 or 12.50.");
  if (micros > most) throw new InputError("/amount", `Only ${money(most, currency)} is due: enter at most that.`);
  return micros;
}

function Payment({ invoice, say }: { invoice: Invoice; say: Say }) {
  const refresh = useRefresh(invoice);
  const due = amountDue(invoice);
  const c = invoice.currency;
  const [amount, setAmount] = useState(plainAmount(due));
  const [attempt, setAttempt] = useState(newIdempotencyKey);
  const pay = useMutation({
    mutationFn: () => admin.payInvoice(invoice.id, { amount: amountOf(amount, due, c) }, { idempotencyKey: attempt }),
    onMutate: () => say(null),
    onSuccess: (paid) => {
      setAttempt(newIdempotencyKey());
      say(
        paid.status === "paid"
          ? `Payment recorded: ${invoice.number ?? "the invoice"} is paid.`
          : `Payment recorded: ${money(Math.max(0, paid.total - paid.amountPaid), c)} is still due.`,
      );
      refresh(paid);
    },
  });
  const problems = fieldProblems(pay.error, { "/amount": "Amount received" });
  const typed = parseAmount(amount);
  const shown = typed === undefined ? "an amount" : money(typed, c);
  return (
    <form aria-label="Record a payment" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <Field label={`Amount received (${c})`} problem={problems.at("/amount")} hint={`${money(due, c)} is due.`}>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Confirm
        label="Record payment"
        question={`Record ${shown} received for ${invoice.number ?? "this invoice"}? It is credited to the wallet.`}
        confirm={`Record ${shown}`}
        danger={false}
        onConfirm={() => pay.mutate()}
      />
      <FormProblem error={pay.error} shown={problems.shown} />
    </form>
  );
}

function CreditNote({ invoice, say }: { invoice: Invoice; say: Say }) {
  const refresh = useRefresh(invoice);
  const c = invoice.currency;
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [attempt, setAttempt] = useState(newIdempotencyKey);
  const issue = useMutation({
    mutationFn: () => {
      const micros = parseAmount(amount);
      if (micros === undefined || micros === 0) throw new InputError("/amount", "Enter the amount to credit, such as 25 or 12.50.");
      if (reason.trim() === "") throw new InputError("/reason", "Say why: a credit note prints its reason.");
      return admin.issueCreditNote(invoice.id, { amount: micros, reason: reason.trim() }, { idempotencyKey: attempt });
    },
    onMutate: () => say(null),
    onSuccess: (note) => {
      setAttempt(newIdempotencyKey());
      setAmount("");
      setReason("");
      say(
        <>
          Credit note <Link href={`/accounts/${invoice.accountId}/invoices/${note.id}`}>{note.number ?? "(draft)"}</Link> issued for{" "}
          {money(Math.abs(note.total), c)}.
        </>,
      );
      refresh();
    },
  });
  const problems = fieldProblems(issue.error, { "/amount": "Amount to credit", "/reason": "Reason" });
  const typed = parseAmount(amount);
  const shown = typed === undefined ? "an amount" : money(typed, c);
  return (
    <form aria-label="Issue a credit note" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <Field label={`Amount to credit (${c})`} problem={problems.at("/amount")}>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field label="Reason" problem={problems.at("/reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Field>
      <Confirm
        label="Issue credit note"
        question={`Issue a credit note of ${shown} against ${invoice.number ?? "this invoice"}?`}
        confirm={`Credit ${shown}`}
        danger={false}
        onConfirm={() => issue.mutate()}
      />
      <FormProblem error={issue.error} shown={problems.shown} />
    </form>
  );
}

function Void({ invoice, say }: { invoice: Invoice; say: Say }) {
  const refresh = useRefresh(invoice);
  const voided = useMutation({
    mutationFn: () => admin.voidInvoice(invoice.id),
    onMutate: () => say(null),
    onSuccess: (next) => {
      say(`${next.number ?? "The invoice"} is void: nothing is owed on it.`);
      refresh(next);
    },
  });
  if (invoice.amountPaid > 0) return <p>Part of it is paid, so it cannot be voided: issue a credit note for what should not be owed.</p>;
  return (
    <div>
      <Confirm
        label="Void invoice"
        question={`Void ${invoice.number ?? "this invoice"}? Nothing is owed on it any more; it keeps its number.`}
        confirm={`Void ${invoice.number ?? "the invoice"}`}
        onConfirm={() => voided.mutate()}
      />
      <FormProblem error={voided.error} shown={[]} />
    </div>
  );
}
