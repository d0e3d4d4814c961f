import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Recharge } from "@tollgate/sdk";
import { useEffect, useRef } from "react";
import { money, when } from "../shared/money.js";
import { Loading, ProblemText } from "../shared/ui.js";
import { client } from "./client.js";

/**
 * How often a list of card payments is read again: every few seconds while one of them waits for the provider
 * (its state changes when the provider confirms it), never otherwise.
 */
export const whilePending = (items: readonly Recharge[] | undefined): number | false => (items?.some(unsettled) === true ? 3_000 : false);

/**
 * A payment whose money has not landed yet: waiting for the provider, or a top-up the provider confirmed that is
 * still being credited (the wallet changes a moment after its status).
 */
export const unsettled = (r: Recharge): boolean =>
  r.status === "pending" ||
  (r.status === "succeeded" && r.invoiceId === undefined && r.packPurchaseId === undefined && r.creditEntryId === undefined);

/** The account's card payments (top-ups and invoices paid by card), newest first: the one list both views read. */
export function useRecharges(accountId: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ["recharges"],
    queryFn: () => client.listRecharges(accountId),
    refetchInterval: (query) => whilePending(query.state.data?.items),
  });
  // A payment that settled since the list was last read (seen waiting, or new and confirmed already: a kept card
  // the provider charged at once, a payment made in another tab) moved money or issued a pack: the balance and
  // what else shows it are read again.
  const seen = useRef<{ known: Set<string>; waiting: Set<string> }>(undefined);
  const items = query.data?.items;
  useEffect(() => {
    if (items === undefined) return;
    const before = seen.current;
    seen.current = { known: new Set(items.map((r) => r.id)), waiting: new Set(items.filter(unsettled).map((r) => r.id)) };
    const settled = before !== undefined && items.some((r) => !unsettled(r) && (before.waiting.has(r.id) || !before.known.has(r.id)));
    if (settled) void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "recharges" });
  }, [items, qc]);
  return query;
}

/** Where the provider sends the customer back: the view they paid from, which then says how it went. */
export const returnUrl = () => `${window.location.origin}${window.location.pathname}`;

/** The portal in another site's frame (PORTAL_FRAME_ANCESTORS): the provider's payment page refuses to be framed. */
export const framed = () => window.top !== window.self;

/**
 * Open the provider's payment page: in the portal's own tab, or, when the portal is framed, in a new tab (the
 * frame stays, and shows the payment when the provider confirms it: the payments are read every few seconds).
 * Answers where it opened.
 */
export function openCheckout(url: string): "here" | "tab" {
  if (!framed()) {
    window.location.assign(url);
    return "here";
  }
  window.open(url, "_blank", "noopener");
  return "tab";
}

/** Said in a framed portal once the payment page has opened in a new tab. */
export function PayingInTab() {
  return (
    <p role="status" className="ok" data-testid="paying-in-tab">
      The payment page opened in a new tab: pay there, and this page shows the payment when it arrives. No tab? Use Continue paying below.
    </p>
  );
}

/** A card payment's state in words: a failed one the customer cancelled, or whose page expired, is called so. */
export function rechargeState(r: Recharge): string {
  if (r.status === "failed" && r.failureReason === "cancelled") return "cancelled";
  if (r.status === "failed" && r.failureReason === "the checkout page expired unpaid") return "expired";
  return r.status;
}

/** A card payment started and not paid yet: its page can be opened again until it expires, or cancelled. */
export function PendingCheckouts({ accountId, recharges, what }: { accountId: string; recharges: Recharge[]; what: string }) {
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: (id: string) => client.cancelRecharge(accountId, id),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["recharges"] }),
  });
  const pending = recharges.filter((r) => r.status === "pending" && r.checkoutUrl !== undefined);
  return (
    <>
      {pending.length > 0 && (
        <ul className="pending" aria-label={`${what} waiting for payment`}>
          {pending.map((r) => (
            <li key={r.id} data-testid="pending-checkout">
              <span>
                <strong>{money(r.amount, r.currency)}</strong> started {when(r.createdAt)}, not paid yet.
                {r.expiresAt && <> The payment page expires at {when(r.expiresAt)}.</>}
              </span>
              <span className="actions">
                <a className="button primary" href={r.checkoutUrl} {...(framed() ? { target: "_blank", rel: "noopener" } : {})}>
                  Continue paying {money(r.amount, r.currency)}
                </a>
                <button
                  type="button"
                  disabled={cancel.isPending}
                  aria-label={`Cancel the payment of ${money(r.amount, r.currency)} started ${when(r.createdAt)}`}
                  onClick={() => cancel.mutate(r.id)}
                >
                  Cancel
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {cancel.isSuccess && (
        <p role="status" className="ok">
          Cancelled: its payment page no longer takes payment, and nothing was charged.
        </p>
      )}
      <ProblemText error={cancel.error} />
    </>
  );
}

/**
 * What happened to the card payment the customer just came back from (`?recharge=<id>`): paid, still waiting
 * for the provider's word, cancelled or failed. `paid` says what the money did ("added to your balance").
 */
export function ReturnedFrom({ recharge, paid }: { recharge: Recharge | undefined; paid: (r: Recharge) => string }) {
  if (recharge === undefined) return <Loading />;
  const state = rechargeState(recharge);
  const said =
    state === "succeeded"
      ? paid(recharge)
      : state === "pending"
        ? "Not paid yet: the balance changes as soon as the payment provider confirms a payment. If you left its page without paying, continue paying or cancel below."
        : state === "cancelled"
          ? `You cancelled this payment of ${money(recharge.amount, recharge.currency)}: nothing was charged.`
          : state === "expired"
            ? `The payment page for ${money(recharge.amount, recharge.currency)} expired unpaid: nothing was charged.`
            : state === "refunded"
              ? "This payment was refunded."
              : `The payment did not go through${recharge.failureReason ? `: ${recharge.failureReason}` : ""}.`;
  return (
    <p role="status" className={state === "failed" ? "problem" : state === "succeeded" ? "ok" : "note"} data-testid="returned">
      {said}
    </p>
  );
}
