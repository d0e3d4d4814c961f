import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { InvoiceRows } from "../shared/invoice.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { monthName } from "../shared/money.js";
import { Empty, Loading, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

/**
 * The months a statement can be asked for: those that have begun (statements are kept in UTC months), newest
 * first, the current one "so far". A month to come would only ever show an empty statement.
 */
export function begunMonths(now: Date, count = 24): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}

export function Invoices({ accountId }: { accountId: string }) {
  const list = usePages(["invoices"], (cursor) => client.listInvoices(accountId, pageQuery(cursor, 10)));
  const [months] = useState(() => begunMonths(new Date()));
  const [period, setPeriod] = useState(months[0]!);
  const statement = useQuery({
    queryKey: ["statement", period],
    queryFn: () => client.getStatement(accountId, period),
    // Another month's statement replaces the one shown once it arrives: the table keeps its place meanwhile.
    placeholderData: keepPreviousData,
  });
  // The list first: the statement's month below it would otherwise move down as the list arrives.
  if (list.items === undefined && list.error === null)
    return (
      <Section title="Invoices, receipts and statements">
        <Loading />
      </Section>
    );
  return (
    <Section title="Invoices, receipts and statements">
      <ProblemText error={list.error} />
      {list.items?.length === 0 && (
        <Empty>
          No invoices or receipts yet: each card top-up gets a receipt, and an account billed after use gets an invoice when its period
          closes.
        </Empty>
      )}
      {list.items !== undefined && list.items.length > 0 && (
        <InvoiceRows
          items={list.items}
          label="Invoices and receipts"
          hrefOf={(i) => `/invoices/${i.id}`}
          pdfUrlOf={(i) => client.invoicePdfUrl(accountId, i.id)}
        />
      )}
      <Pager pages={list} what="invoices" />
      <h3>Statement</h3>
      <label>
        Month
        <select value={period} onChange={(e) => setPeriod(e.target.value)}>
          {months.map((m, i) => (
            <option key={m} value={m}>
              {monthName(m)}
              {i === 0 ? " (so far)" : ""}
            </option>
          ))}
        </select>
      </label>
      <p>
        <small>Months run in UTC.</small>
      </p>
      <ProblemText error={statement.error} />
      {statement.data?.wallets.map((w) => (
        <table key={w.walletId} aria-label={`Statement ${statement.data.period} ${w.currency}`}>
          <tbody>
            <tr>
              <th scope="row">Opening balance</th>
              <td className="num">
                <Money micros={w.opening} currency={w.currency} />
              </td>
            </tr>
            {Object.entries(w.movements).map(([type, amount]) => (
              <tr key={type}>
                <th scope="row">{type.replaceAll("_", " ")}</th>
                <td className="num">
                  <Money micros={amount} currency={w.currency} />
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Closing balance</th>
              <td className="num">
                <Money micros={w.closing} currency={w.currency} />
              </td>
            </tr>
          </tbody>
        </table>
      ))}
    </Section>
  );
}
