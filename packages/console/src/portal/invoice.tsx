import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Invoice } from "@tollgate/sdk";
import { useEffect } from "react";
import { documentTitle, InvoiceDocument } from "../shared/invoice.js";
import { money } from "../shared/money.js";
import { Loading, NotFoundOr, ProblemText, Section, Trail } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { client } from "./client.js";
import { openCheckout, PayingInTab, PendingCheckouts, returnUrl, ReturnedFrom, useRecharges } from "./payments.js";

/** One of the account's documents, at /portal/invoices/<invoice>; an open invoice can be paid by card from here. */
export function PortalInvoice({ accountId, invoiceId, returnedFrom }: { accountId: string; invoiceId: string; returnedFrom?: string }) {
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
      {(returnedFrom !== undefined || (invoice.data.kind === "invoice" && invoice.data.status === "finalized")) && (
        <PayByCard accountId={accountId} invoice={invoice.data} returnedFrom={returnedFrom} />
      )}
      <InvoiceDocument invoice={invoice.data} pdfUrl={client.invoicePdfUrl(accountId, invoiceId)} />
    </>
  );
}

/**
 * Pay what remains due on the invoice on the payment provider's page, and, back from it, what happened. The
 * amount due counts the invoice's credit notes as the API does; the provider's page names it again.
 */
function PayByCard({ accountId, invoice, returnedFrom }: { accountId: string; invoice: Invoice; returnedFrom: string | undefined }) {
  const qc = useQueryClient();
  const recharges = useRecharges(accountId);
  const mine = recharges.data?.items.filter((r) => r.invoiceId === invoice.id) ?? [];
  // The payment just come back from, when it is this invoice's (undefined while the list loads).
  const returned = recharges.data?.items.find((r) => r.id === returnedFrom);
  const back = returnedFrom !== undefined && (recharges.data === undefined || returned?.invoiceId === invoice.id);
  const credited = useQuery({
    queryKey: ["credit-notes", invoice.id],
    queryFn: async () =>
      (await client.listInvoices(accountId)).items
        .filter((d) => d.kind === "credit_note" && d.correctsInvoiceId === invoice.id && d.status !== "void")
        .reduce((sum, d) => sum + d.total, 0),
  });
  const due = Math.max(0, invoice.total + (credited.data ?? 0) - invoice.amountPaid);
  // Once the provider confirms the payment, the invoice shown is read again: it is paid.
  const confirmed = returned?.status === "succeeded";
  useEffect(() => {
    if (confirmed) void qc.invalidateQueries({ queryKey: ["invoice", invoice.id] });
  }, [confirmed, qc, invoice.id]);
  const pay = useMutation({
    mutationFn: async () => {
      const recharge = await client.payInvoiceByCard(
        accountId,
        invoice.id,
        { provider: "stripe", returnUrl: returnUrl() },
        { idempotencyKey: crypto.randomUUID() },
      );
      if (recharge.checkoutUrl === undefined) throw new Error("The payment provider gave no page to pay on; try again later.");
      // The card is typed on the provider's own page: no card data and no third-party script reach this one.
      return openCheckout(recharge.checkoutUrl);
    },
    // Framed, the portal stays: the payment just started is listed, waiting, until the provider confirms it.
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["recharges"] }),
  });
  const open = invoice.kind === "invoice" && invoice.status === "finalized" && due > 0;
  const waiting = mine.some((r) => r.status === "pending" && r.checkoutUrl !== undefined);
  return (
    <Section title="Payment">
      {back && (
        <ReturnedFrom
          recharge={returned}
          paid={(r) =>
            invoice.status === "paid"
              ? `Paid: ${money(r.amount, r.currency)} by card. This invoice is paid, thank you.`
              : `Paid: ${money(r.amount, r.currency)} by card, recorded on this invoice.`
          }
        />
      )}
      <PendingCheckouts accountId={accountId} recharges={mine} what="Card payments of this invoice" />
      {/* Space for the amount due and its button while they load: the document below does not jump. */}
      <div className="reserve">
        {open && !waiting && credited.data !== undefined && (
          <>
            <p>
              {money(due, invoice.currency)} is due
              {invoice.dueAt ? ` by ${new Date(invoice.dueAt).toLocaleDateString("en-GB", { dateStyle: "medium" })}` : ""}. You pay on
              Stripe&apos;s secure page and come back here.
            </p>
            <button className="primary" type="button" disabled={pay.isPending} onClick={() => pay.mutate()}>
              Pay {money(due, invoice.currency)} by card
            </button>
          </>
        )}
        {open && credited.isPending && <Loading />}
        {!open && !back && <p>Nothing is due on this invoice.</p>}
      </div>
      {pay.data === "tab" && waiting && <PayingInTab />}
      <ProblemText error={pay.error ?? credited.error} />
    </Section>
  );
}
