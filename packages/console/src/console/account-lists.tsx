import { Link } from "wouter";
import { when } from "../shared/money.js";
import { usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";

const page = (cursor: string | undefined, limit: number) => ({ limit, ...(cursor === undefined ? {} : { cursor }) });

/** The account's ledger entries, newest first, 15 a page. */
export function AccountLedger({ accountId }: { accountId: string }) {
  const pages = usePages(["ledger", accountId], (cursor) => admin.listTransactions(accountId, page(cursor, 15)));
  return (
    <Section title="Ledger" id="account-ledger">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>No ledger entries yet: credits, top-ups, grants and booked usage appear here as they happen.</Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Ledger entries">
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
                <td>{when(e.createdAt)}</td>
                <td>{e.type}</td>
                <td className="num">
                  <Money micros={e.amount} currency={e.currency} />
                </td>
                <td>{e.reason}</td>
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
export function AccountInvoices({ accountId }: { accountId: string }) {
  const pages = usePages(["invoices", accountId], (cursor) => admin.listInvoices(accountId, page(cursor, 10)));
  return (
    <Section title="Invoices" id="account-invoices">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>
          No invoices yet: a postpaid or hybrid account gets one when its billing period closes, and each paid top-up gets a receipt.
        </Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Invoices">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Status</th>
              <th scope="col">PDF</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link href={`/accounts/${accountId}/invoices/${i.id}`}>{i.number ?? "draft"}</Link>
                </td>
                <td>{i.kind.replace("_", " ")}</td>
                <td className="num">
                  <Money micros={i.total} currency={i.currency} />
                </td>
                <td>{i.status}</td>
                <td>
                  <a href={admin.invoicePdfUrl(accountId, i.id)} aria-label={`PDF of ${i.number ?? "the draft"}`}>
                    PDF
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="invoices" />
    </Section>
  );
}

/** The account's paid top-ups (card, auto-recharge), newest first, 10 a page. */
export function AccountRecharges({ accountId }: { accountId: string }) {
  const pages = usePages(["recharges", accountId], (cursor) => admin.listRecharges(accountId, page(cursor, 10)));
  return (
    <Section title="Recharges" id="account-recharges">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>No recharges yet: the customer tops up by card in the portal, or turns on auto-recharge there.</Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Recharges">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((r) => (
              <tr key={r.id}>
                <td>{when(r.createdAt)}</td>
                <td className="num">
                  <Money micros={r.amount} currency={r.currency} />
                </td>
                <td>{r.automatic ? "auto-recharge" : r.provider}</td>
                <td>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="recharges" />
    </Section>
  );
}
