import { useQuery } from "@tanstack/react-query";
import type { Invoice } from "@tollgate/sdk";
import { documentTitle, InvoiceDocument } from "../shared/invoice.js";
import { Loading, NotFoundOr, Section, Trail } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { admin } from "./client.js";
import { InvoiceActions } from "./invoice-actions.js";

const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** One document of an account, at /console/accounts/<account>/invoices/<invoice>: what it says, and what staff may do to it. */
export function InvoiceDetail({ accountId, invoiceId }: { accountId: string; invoiceId: string }) {
  const account = useQuery({ queryKey: ["account", accountId], queryFn: () => admin.getAccount(accountId) });
  const invoice = useQuery({ queryKey: ["invoice", accountId, invoiceId], queryFn: () => admin.getInvoice(accountId, invoiceId) });
  useTitle(invoice.data ? documentTitle(invoice.data) : "Invoice", "Tollgate console");
  if (invoice.isPending) return <Loading />;
  if (invoice.error)
    return <NotFoundOr error={invoice.error} what="invoice" back={{ href: `/accounts/${accountId}`, label: "Back to the account" }} />;
  return (
    <>
      <Trail
        steps={[
          { href: "/accounts", label: "Accounts" },
          { href: `/accounts/${accountId}`, label: account.data?.name ?? accountId },
          { href: `/accounts/${accountId}/invoices/${invoiceId}`, label: documentTitle(invoice.data) },
        ]}
      />
      <InvoiceDocument invoice={invoice.data} pdfUrl={admin.invoicePdfUrl(accountId, invoiceId)} />
      <DocumentParties invoice={invoice.data} accountId={accountId} />
      <InvoiceActions invoice={invoice.data} />
    </>
  );
}

/** Who the document is from and to, as it was finalized, when it falls due, and its renderings. */
function DocumentParties({ invoice, accountId }: { invoice: Invoice; accountId: string }) {
  const issuer = invoice.issuer;
  const customer = invoice.customer;
  const lines = (a: { line1: string; line2?: string; postalCode?: string; city: string; region?: string; country: string } | undefined) =>
    a === undefined ? [] : [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(" "), a.region, a.country].filter(Boolean);
  return (
    <Section title="From, to and when" id="document-parties">
      {invoice.finalizedAt === undefined && <p>A draft: the issuer and the customer are written on it when it is finalized.</p>}
      <div className="parties">
        {issuer && (
          <div>
            <h3>From</h3>
            <address data-testid="issuer">
              {[issuer.legalName, ...lines(issuer.address)].map((l, i) => (
                <span key={i}>
                  {l}
                  <br />
                </span>
              ))}
              {issuer.taxId && <>Tax id {issuer.taxId}</>}
            </address>
          </div>
        )}
        {customer && (
          <div>
            <h3>To</h3>
            <address data-testid="customer">
              {[customer.billingDetails?.legalName ?? customer.name, ...lines(customer.billingDetails?.address)].map((l, i) => (
                <span key={i}>
                  {l}
                  <br />
                </span>
              ))}
              {customer.billingDetails?.taxId && <>Tax id {customer.billingDetails.taxId}</>}
              {customer.billingDetails?.email && (
                <>
                  <br />
                  {customer.billingDetails.email}
                </>
              )}
            </address>
          </div>
        )}
      </div>
      {invoice.dueAt && invoice.kind === "invoice" && <p data-testid="due-date">Payment due by {day(invoice.dueAt)}.</p>}
      {issuer?.paymentInstructions && <p className="pre">{issuer.paymentInstructions}</p>}
      <p>
        <a href={admin.invoiceHtmlUrl(accountId, invoice.id)} target="_blank" rel="noopener">
          Open the document (HTML)
        </a>{" "}
        · <a href={admin.invoicePdfUrl(accountId, invoice.id)}>Download the PDF</a>
      </p>
    </Section>
  );
}
