import type { Invoice } from "@tollgate/sdk";
import { unitPrice, when } from "./money.js";
import { Link } from "wouter";
import { Figure, Money, Section } from "./ui.js";

const KIND = { invoice: "Invoice", receipt: "Receipt", credit_note: "Credit note" } as const;
const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** The document's title as a person says it: "Invoice INV-2026-0001", "Receipt (draft)". */
export function documentTitle(invoice: Invoice): string {
  return `${KIND[invoice.kind]} ${invoice.number ?? "(draft)"}`;
}

/** A rate in parts per million as people write a percentage: 230000 is "23", 88750 is "8.875". */
export function percentOf(ratePpm: number): string {
  const whole = Math.floor(ratePpm / 10_000);
  const fraction = String(ratePpm % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * A document's lines as they print: a payer's consolidated invoice in sections (its own, then each line's), each
 * under its account's name and followed by its subtotal; any other document's as one section without a heading.
 */
function sectionsOf(invoice: Invoice): { heading?: NonNullable<Invoice["sections"]>[number]; lines: Invoice["lines"] }[] {
  if (!invoice.sections?.length) return [{ lines: invoice.lines }];
  return invoice.sections.map((heading) => ({
    heading,
    lines: invoice.lines.filter((l) => (l.accountId ?? invoice.accountId) === heading.accountId),
  }));
}

/** One invoice, receipt or credit note as the page shows it: its figures, its lines, and its PDF. */
export function InvoiceDocument({ invoice, pdfUrl }: { invoice: Invoice; pdfUrl: string }) {
  const c = invoice.currency;
  const due = invoice.status === "void" ? 0 : Math.max(0, invoice.total - invoice.amountPaid);
  return (
    <Section title={documentTitle(invoice)} id="document">
      <dl className="figures">
        <Figure label="Status" value={invoice.status} />
        <Figure label="Total" value={<Money micros={invoice.total} currency={c} />} />
        {invoice.kind === "invoice" && <Figure label="Paid" value={<Money micros={invoice.amountPaid} currency={c} />} />}
        {invoice.kind === "invoice" && <Figure label="Due" value={<Money micros={due} currency={c} />} />}
        {invoice.finalizedAt && <Figure label="Issued" value={day(invoice.finalizedAt)} />}
        {invoice.dueAt && <Figure label="Payment due by" value={day(invoice.dueAt)} />}
        {invoice.periodFrom && invoice.periodTo && (
          <Figure label="Period" value={`${day(invoice.periodFrom)} – ${day(invoice.periodTo)}`} />
        )}
      </dl>
      {invoice.kind === "receipt" && (
        <p>
          For the top-up <code>{invoice.subject}</code>
        </p>
      )}
      {invoice.correctsInvoiceId && (
        <p>
          Corrects <code>{invoice.correctsInvoiceId}</code>
        </p>
      )}
      <table aria-label="Lines">
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {sectionsOf(invoice).map((section) => [
            section.heading && (
              <tr key={`${section.heading.accountId}-heading`} className="section">
                <th scope="rowgroup" colSpan={4}>
                  {section.heading.accountId === invoice.accountId ? "Account" : "Line"} {section.heading.name} (
                  <code>{section.heading.accountId}</code>)
                </th>
              </tr>
            ),
            ...section.lines.map((l, i) => (
              <tr key={`${section.heading?.accountId ?? ""}-${i}`}>
                <td>{l.description}</td>
                <td className="num">
                  {l.quantity.toLocaleString("en-US")}
                  {l.unit ? ` ${l.unit}${l.quantity === 1 ? "" : "s"}` : ""}
                </td>
                <td className="num">{unitPrice(l.unitPrice, c)}</td>
                <td className="num">
                  <Money micros={l.amount} currency={c} />
                </td>
              </tr>
            )),
            section.heading && (
              <tr key={`${section.heading.accountId}-subtotal`} className="subtotal">
                <th scope="row" colSpan={3}>
                  Subtotal, {section.heading.name}
                </th>
                <td className="num">
                  <Money micros={section.heading.subtotal} currency={c} />
                </td>
              </tr>
            ),
          ])}
        </tbody>
        <tfoot>
          {invoice.tax?.lines.map((t, i) => (
            <tr key={`tax-${i}`}>
              <th scope="row" colSpan={3}>
                {invoice.tax!.inclusive ? "Includes " : ""}
                {t.name} {percentOf(t.ratePpm)} % ({t.country}
                {t.region ? `-${t.region}` : ""}) on <Money micros={t.taxable} currency={c} />
              </th>
              <td className="num">
                <Money micros={t.amount} currency={c} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">
              <Money micros={invoice.total} currency={c} />
            </td>
          </tr>
        </tfoot>
      </table>
      {invoice.tax?.reverseCharge && <p>Reverse charge: VAT to be accounted for by the customer.</p>}
      {invoice.paidAt && <p>Paid on {when(invoice.paidAt)}.</p>}
      {invoice.voidedAt && <p>Void since {when(invoice.voidedAt)}.</p>}
      <p>
        <a href={pdfUrl}>Download the PDF</a>
      </p>
    </Section>
  );
}

/** A list of documents, one row each: its number (a link to it), kind, total, status and PDF. */
export function InvoiceRows({
  items,
  label,
  hrefOf,
  pdfUrlOf,
}: {
  items: Invoice[];
  label: string;
  hrefOf: (invoice: Invoice) => string;
  pdfUrlOf: (invoice: Invoice) => string;
}) {
  return (
    <table aria-label={label}>
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
        {items.map((i) => (
          <tr key={i.id}>
            <td>
              <Link href={hrefOf(i)}>{i.number ?? "draft"}</Link>
            </td>
            <td>{i.kind.replace("_", " ")}</td>
            <td className="num">
              <Money micros={i.total} currency={i.currency} />
            </td>
            <td>{i.status}</td>
            <td>
              <a href={pdfUrlOf(i)} aria-label={`PDF of ${i.number ?? "the draft"}`}>
                PDF
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
