import { when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { Vouchers } from "./catalog.js";
import { admin } from "./client.js";
import { useMay } from "./role.js";

/** The vouchers view: owners, admins and finance make a batch; everyone sees the batches made. */
export function VouchersPage() {
  const mayMoney = useMay("money");
  return (
    <>
      {mayMoney && <Vouchers />}
      <VoucherBatches />
    </>
  );
}

/** Voucher batches newest first, 20 a page: what each code is worth, until when, how many were redeemed. */
function VoucherBatches() {
  const mayMoney = useMay("money");
  // A batch is made whole by the one request that creates it (its codes in the answer): nothing is generated
  // later, so nothing is polled. The batch form (catalog.tsx) reads this list again when it has made a batch;
  // redemptions show when the page is opened or the window comes back into focus.
  const pages = usePages(["voucher-batches"], (cursor) => admin.listVoucherBatches(pageQuery(cursor, 20)));
  return (
    <Section title="Batches issued" id="voucher-batches">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>{mayMoney ? "No voucher batches yet: create one above, then hand its codes out." : "No voucher batches yet."}</Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Voucher batches" className="stack">
          <thead>
            <tr>
              <th scope="col">Issued</th>
              <th scope="col">Batch</th>
              <th scope="col" className="num">
                Each worth
              </th>
              <th scope="col" className="num">
                Redeemed
              </th>
              <th scope="col">Valid until</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((b) => (
              <tr key={b.batchId}>
                <td data-label="Issued">{when(b.createdAt)}</td>
                <td data-label="Batch">
                  <code>{b.batchId}</code>
                </td>
                <td data-label="Each worth" className="num">
                  <Money micros={b.amount} currency={b.currency} />
                </td>
                <td data-label="Redeemed" className="num">
                  {b.redeemed.toLocaleString("en-US")} of {b.count.toLocaleString("en-US")}
                </td>
                <td data-label="Valid until" className={Date.parse(b.expiresAt) < Date.now() ? "status-expired" : undefined}>
                  {when(b.expiresAt)}
                  {Date.parse(b.expiresAt) < Date.now() ? " (expired)" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="voucher batches" />
    </Section>
  );
}
