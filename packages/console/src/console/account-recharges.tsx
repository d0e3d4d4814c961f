import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeptCard, Recharge } from "@tollgate/sdk";
import { cardName } from "../shared/cards.js";
import { money, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done } from "./forms.js";
import { useMay } from "./role.js";

/** A kept card as staff name it: its brand, last four and expiry. */
const cardOf = (c: KeptCard) => cardName(c.card, c.keptAt, { expiry: true });

/**
 * The account's paid top-ups (card, auto-recharge), newest first, 10 a page; owners, admins and finance refund
 * a succeeded one or cancel a pending one, each asked first. Then the cards the account kept.
 */
export function AccountRecharges({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  const mayMoney = useMay("money");
  const pages = usePages(["recharges", accountId], (cursor) => admin.listRecharges(accountId, pageQuery(cursor, 10)));
  const act = useMutation({
    mutationFn: ({ recharge, action }: { recharge: Recharge; action: "refund" | "cancel" }) =>
      action === "refund" ? admin.refundRecharge(recharge.id) : admin.cancelRecharge(accountId, recharge.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["recharges", accountId] });
      void qc.invalidateQueries({ queryKey: ["balance", accountId] });
      void qc.invalidateQueries({ queryKey: ["ledger", accountId] });
    },
  });
  const what = (r: Recharge) => `the ${money(r.amount, r.currency)} top-up of ${when(r.createdAt)}`;
  return (
    <Section title="Recharges" id="account-recharges">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>No recharges yet: the customer tops up by card in the portal, or turns on auto-recharge there.</Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Recharges" className="stack">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
              {mayMoney && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {pages.items.map((r) => (
              <tr key={r.id}>
                <td data-label="When">{when(r.createdAt)}</td>
                <td data-label="Amount" className="num">
                  <Money micros={r.amount} currency={r.currency} />
                </td>
                <td data-label="How">{r.automatic ? "auto-recharge" : r.invoiceId ? "invoice paid by card" : r.provider}</td>
                <td data-label="Status" className={`status-${r.status}`}>
                  {r.status}
                  {r.failureReason ? ` (${r.failureReason})` : ""}
                </td>
                {mayMoney && (
                  <td data-label="Action">
                    {r.status === "succeeded" && (
                      <Confirm
                        label="Refund"
                        name={`Refund ${what(r)}`}
                        question={`Refund ${what(r)}? The card is refunded and ${money(r.amount, r.currency)} is taken back out of the wallet.`}
                        confirm={`Refund ${money(r.amount, r.currency)}`}
                        onConfirm={() => act.mutate({ recharge: r, action: "refund" })}
                      />
                    )}
                    {r.status === "pending" && (
                      <Confirm
                        label="Cancel"
                        name={`Cancel ${what(r)}`}
                        question={`Cancel ${what(r)}? Its payment page stops taking payment.`}
                        confirm="Cancel the top-up"
                        onConfirm={() => act.mutate({ recharge: r, action: "cancel" })}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="recharges" />
      <Done>
        {act.data &&
          (act.variables.action === "refund"
            ? `Refunded ${money(act.data.amount, act.data.currency)}: the wallet was debited by as much.`
            : `Cancelled the ${money(act.data.amount, act.data.currency)} top-up: its payment page no longer takes payment.`)}
      </Done>
      <ProblemText error={act.error} />
      <KeptCards accountId={accountId} />
    </Section>
  );
}

/** The cards the account kept at a top-up; owners, admins and finance forget one (auto-recharge with it stops). */
function KeptCards({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  const mayMoney = useMay("money");
  const cards = useQuery({ queryKey: ["cards", accountId], queryFn: () => admin.listKeptCards(accountId) });
  const forget = useMutation({
    mutationFn: (card: KeptCard) => admin.forgetKeptCard(accountId, card.rechargeId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["cards", accountId] });
      void qc.invalidateQueries({ queryKey: ["account", accountId] });
    },
  });
  return (
    <>
      <h3>Kept cards</h3>
      <ProblemText error={cards.error ?? forget.error} />
      {cards.data?.items.length === 0 && <Empty>No kept cards: the customer keeps one when paying a top-up in the portal.</Empty>}
      {cards.data !== undefined && cards.data.items.length > 0 && (
        <ul className="cards" aria-label="Kept cards">
          {cards.data.items.map((c) => (
            <li key={c.rechargeId}>
              {cardOf(c)}, kept {when(c.keptAt)}
              {c.usedByAutoRecharge ? " · pays auto-recharge" : ""}{" "}
              {mayMoney && (
                <Confirm
                  label="Forget"
                  name={`Forget ${cardOf(c)}`}
                  question={`Forget ${cardOf(c)}? ${c.usedByAutoRecharge ? "Auto-recharge that pays with it is turned off." : "It can no longer pay a top-up."}`}
                  confirm="Forget the card"
                  onConfirm={() => forget.mutate(c)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <Done>
        {forget.data &&
          `Forgot ${cardOf(forget.variables)}${forget.data.autoRechargeOff.length > 0 ? "; auto-recharge that paid with it is off" : ""}.`}
      </Done>
    </>
  );
}
