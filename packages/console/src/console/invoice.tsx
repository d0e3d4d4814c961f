import { useQuery } from "@tanstack/react-query";
import { documentTitle, InvoiceDocument } from "../shared/invoice.js";
import { Loading, NotFoundOr, Trail } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { admin } from "./client.js";

/** One document of an account, at /console/accounts/<account>/invoices/<invoice>. */
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
    </>
  );
}
