import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeptCard } from "@tollgate/sdk";
import { when } from "../shared/money.js";
import { Confirm } from "../shared/confirm.js";
import { Empty, ProblemText, Section } from "../shared/ui.js";
import { client, type WalletRef } from "./client.js";
import { cardName } from "../shared/cards.js";

/** The cards kept at top-ups for auto-recharge: the one list the auto-recharge form picks from. */
export function useKeptCards(accountId: string) {
  return useQuery({ queryKey: ["cards"], queryFn: () => client.listKeptCards(accountId) });
}

/**
 * The kept cards, each removable: forgetting one detaches it at the provider and turns off any auto-recharge
 * that paid with it, which the customer is told before (in the confirmation) and after.
 */
export function KeptCards({ accountId, wallets }: { accountId: string; wallets: WalletRef[] }) {
  const qc = useQueryClient();
  const cards = useKeptCards(accountId);
  const forget = useMutation({
    mutationFn: async (card: KeptCard) => ({ card, answer: await client.forgetKeptCard(accountId, card.rechargeId) }),
    onSuccess: () => void qc.invalidateQueries(),
  });
  const currencies = (walletIds: string[]) =>
    walletIds.map((id) => wallets.find((w) => w.walletId === id)?.currency ?? id).join(", ") || "your wallet";
  const forgotten = forget.data;
  return (
    <Section title="Kept cards">
      {forgotten && (
        <p role="status" className="ok" data-testid="card-forgotten">
          Removed {cardName(forgotten.card.card, forgotten.card.keptAt)}.
          {forgotten.answer.autoRechargeOff.length > 0 &&
            ` Auto-recharge (${currencies(forgotten.answer.autoRechargeOff)}) is now off: keep another card at a top-up to turn it on again.`}
        </p>
      )}
      {/* Space for one card while the list loads: the cards below do not jump. */}
      <div className="reserve">
        {cards.data?.items.length === 0 && (
          <Empty>No card is kept. Tick “Keep the card for auto-recharge” when you pay by card, and it is listed here.</Empty>
        )}
        {cards.data !== undefined && cards.data.items.length > 0 && (
          <ul className="pending" aria-label="Kept cards">
            {cards.data.items.map((c) => {
              const name = cardName(c.card, c.keptAt);
              return (
                <li key={c.rechargeId} data-testid="kept-card">
                  <span>
                    <strong>{name.charAt(0).toUpperCase() + name.slice(1)}</strong>
                    {c.card && ` · expires ${String(c.card.expMonth).padStart(2, "0")}/${c.card.expYear}`} · kept {when(c.keptAt)}
                    {c.usedByAutoRecharge && " · auto-recharge pays with it"}
                  </span>
                  <span className="actions">
                    <Confirm
                      label="Remove"
                      name={`Remove ${name}`}
                      disabled={forget.isPending}
                      question={`Remove ${name}?${
                        c.usedByAutoRecharge
                          ? " Auto-recharge pays with this card: it will be turned off, and your balance is no longer topped up automatically."
                          : ""
                      }`}
                      confirm="Remove the card"
                      onConfirm={() => forget.mutate(c)}
                    />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <ProblemText error={cards.error ?? forget.error} />
    </Section>
  );
}
