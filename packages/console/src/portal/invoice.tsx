import { useQuery } from "@tanstack/react-query";
import { documentTitle, InvoiceDocument } from "../shared/invoice.js";
import { Loading, NotFoundOr, Trail } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { client } from "./client.js";

/** One of the account's documents, at /portal/invoices/<invoice>. */
export function PortalInvoice({ accountId, invoiceId }: { accountId: string; invoiceId: string }) {
  const invoice = useQuery({ queryKey: ["invoice", invoiceId], queryFn: () => client.getInvoice(accountId, invoiceId) });
  useTitle(invoice.data ? documentTitle(invoice.data) : "Invoice", "Your account");
  if (invoice.isPending) return <Loading />;
  if (invoice.error) return <NotFoundOr error={invoice.error} what="invoice" back={{ href: "/invoices", label: "See your invoices" }} />;
  return (
    <>
      <Trail
        steps={[
          { href: "/invoices", label: "Invoices" },
          { href: `/invoices/${invoiceId}`, label: documentTitle(invoice.data) },
        ]}
      />
      <InvoiceDocument invoice={invoice.data} pdfUrl={client.invoicePdfUrl(accountId, invoiceId)} />
    </>
  );
}
