import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Account } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { money, when } from "../shared/money.js";
import { InvoiceRows } from "../shared/invoice.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Done, Field, FormProblem, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

/** The account's ledger entries, newest first, 15 a page. */
export function AccountLedger({ accountId }: { accountId: string }) {
  const pages = usePages(["ledger", accountId], (cursor) => admin.listTransactions(accountId, pageQuery(cursor, 15)));
  return (
    <Section title="Ledger" id="account-ledger">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>No ledger entries yet: credits, top-ups, grants and booked usage appear here as they happen.</Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        // Stacked at phone width: a pack's or a voucher's reason names an id, too wide for four columns of 390 px.
        <table aria-label="Ledger entries" className="stack">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((e) => (
              <tr key={e.id}>
                <td data-label="When">{when(e.createdAt)}</td>
                <td data-label="Type">{e.type}</td>
                <td data-label="Amount" className="num">
                  <Money micros={e.amount} currency={e.currency} />
                </td>
                <td data-label="Reason">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="ledger entries" />
    </Section>
  );
}

/** The account's invoices, receipts and credit notes, newest first, 10 a page; each opens at its own address. */
export function AccountInvoices({ account }: { account: Account }) {
  const accountId = account.id;
  const pages = usePages(["invoices", accountId], (cursor) => admin.listInvoices(accountId, pageQuery(cursor, 10)));
  return (
    <Section title="Invoices" id="account-invoices">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>
          No invoices yet: a postpaid or hybrid account gets one when its billing period closes, and each paid top-up gets a receipt.
        </Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <InvoiceRows
          items={pages.items}
          label="Invoices"
          hrefOf={(i) => `/accounts/${accountId}/invoices/${i.id}`}
          pdfUrlOf={(i) => admin.invoicePdfUrl(accountId, i.id)}
        />
      )}
      <Pager pages={pages} what="invoices" />
      {account.billingMode !== "prepaid" && <ClosePeriod account={account} />}
    </Section>
  );
}

/** The first day (UTC) of the account's billing period under way, as the form offers it to close. */
function currentPeriodStart(account: Account): string {
  const now = new Date();
  const { interval, anchorDay, anchorMonth } = account.billingCycle;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (interval === "week") {
    const back = (now.getUTCDay() + 6 - (anchorDay - 1)) % 7; // days since the anchor weekday (1 = Monday)
    return day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back)));
  }
  if (interval === "year") {
    const start = Date.UTC(now.getUTCFullYear(), (anchorMonth ?? 1) - 1, anchorDay);
    return day(new Date(start <= now.getTime() ? start : Date.UTC(now.getUTCFullYear() - 1, (anchorMonth ?? 1) - 1, anchorDay)));
  }
  const month = now.getUTCDate() >= anchorDay ? now.getUTCMonth() : now.getUTCMonth() - 1;
  return day(new Date(Date.UTC(now.getUTCFullYear(), month, anchorDay)));
}

/** Owners, admins and finance: close a postpaid or hybrid account's period into an invoice now. */
function ClosePeriod({ account }: { account: Account }) {
  const qc = useQueryClient();
  const mayMoney = useMay("money");
  const [periodStart, setPeriodStart] = useState(() => currentPeriodStart(account));
  const close = useMutation({
    mutationFn: () => admin.closeBillingPeriod(account.id, periodStart),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["invoices", account.id] });
      void qc.invalidateQueries({ queryKey: ["balance", account.id] });
    },
  });
  const problems = fieldProblems(close.error, { "/periodStart": "Period starting" });
  if (!mayMoney) return null;
  const invoice = close.data?.invoice;
  return (
    <form
      aria-label="Close a billing period"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <Field
        label="Period starting"
        problem={problems.at("/periodStart")}
        hint="Its usage so far is invoiced now; later usage goes on its next invoice."
      >
        <input type="date" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} required />
      </Field>
      <button type="submit" disabled={close.isPending}>
        Close the period
      </button>
      <FormProblem error={close.error} shown={problems.shown} />
      <Done>
        {close.data &&
          (invoice ? (
            <>
              Closed: <Link href={`/accounts/${account.id}/invoices/${invoice.id}`}>invoice {invoice.number ?? "(draft)"}</Link> for{" "}
              {money(invoice.total, invoice.currency)}.
            </>
          ) : (
            "Nothing to bill in that period yet: no invoice was made."
          ))}
      </Done>
    </form>
  );
}
