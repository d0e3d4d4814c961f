import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { InsufficientFundsError, newIdempotencyKey, type BundlePack } from "@tollgate/sdk";
import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { overageWords } from "../shared/bundles.js";
import { Done } from "../shared/forms.js";
import { money, when } from "../shared/money.js";
import { packUnits, priceIn, validityWords, whileWaiting } from "../shared/packs.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { PackPurchasesTable } from "../shared/pack-purchases.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { cardName } from "../shared/cards.js";
import { useKeptCards } from "./cards.js";
import { client } from "./client.js";
import { openCheckout, PayingInTab, PendingCheckouts, ReturnedFrom, returnUrl, useRecharges } from "./payments.js";

/*
 * Bundle packs in the portal (docs/concepts/bundles.md#bundle-packs): the packs the account can buy now, each
 * bought from the balance or by card on the provider's page, and the purchases made, newest first. Each opened
 * question to buy has its own Idempotency-Key: a double click, or a retry after a lost answer, buys once.
 */

/** The packs the account can buy now (on sale, of its plan's products, in its currency): one page holds any catalog but a very unusual one. */
export const packsQuery = (accountId: string) => ({
  queryKey: ["packs"],
  queryFn: () => client.listAccountBundlePacks(accountId, { limit: 50 }),
});

/** The account's purchases, ten a page, newest first. */
export const purchasesPage = (accountId: string) => (cursor: string | undefined) =>
  client.listPackPurchases(accountId, pageQuery(cursor, 10));

/**
 * Whether what the Bundles view's pack cards show is still on its way (the Bundles view is drawn once it has
 * arrived, with the bundles: a list filling in later would push the others down).
 */
export function usePacksPending(accountId: string): boolean {
  return [
    useQuery(packsQuery(accountId)),
    useQuery({ queryKey: ["pack-purchases", "pages", { cursor: null }], queryFn: () => purchasesPage(accountId)(undefined) }),
    useRecharges(accountId),
    useKeptCards(accountId),
  ].some((q) => q.isPending);
}

/** Everything a purchase changes: the bundles, the balance, the purchases and their card payments. */
function useBought() {
  const qc = useQueryClient();
  return () => {
    for (const key of ["bundles", "balance", "pack-purchases", "recharges"]) void qc.invalidateQueries({ queryKey: [key] });
  };
}

/** The packs on sale to the account, each with what it holds, how long, its price, and the two ways to pay. */
export function BuyPacks({ accountId, currency }: { accountId: string; currency: string }) {
  const packs = useQuery(packsQuery(accountId));
  const offered = packs.data?.items.filter((p) => priceIn(p, currency) !== undefined) ?? [];
  return (
    <Section title="Buy a pack">
      <p>A pack adds a bundle of units that calls use before your balance. Pay from your balance, or by card.</p>
      <ProblemText error={packs.error} />
      {packs.data !== undefined && offered.length === 0 && <Empty>No packs are on sale for your plan right now.</Empty>}
      {offered.length > 0 && (
        <ul className="packs" aria-label="Packs on sale">
          {offered.map((p) => (
            <PackOffer key={p.id} accountId={accountId} pack={p} currency={currency} />
          ))}
        </ul>
      )}
    </Section>
  );
}

type Asking = { how: "wallet" | "card" | "kept"; key: string } | undefined;

function PackOffer({ accountId, pack, currency }: { accountId: string; pack: BundlePack; currency: string }) {
  const price = money(priceIn(pack, currency)!, currency);
  const bought = useBought();
  const [asking, setAsking] = useState<Asking>();
  const fromWallet = useMutation({
    mutationFn: (key: string) => client.buyBundlePack(accountId, { packId: pack.id, payment: "wallet" }, { idempotencyKey: key }),
    onSettled: bought,
  });
  const byCard = useMutation({
    mutationFn: async (key: string) => {
      const started = await client.buyBundlePack(
        accountId,
        { packId: pack.id, payment: "card", provider: "stripe", returnUrl: returnUrl() },
        { idempotencyKey: key },
      );
      if (started.checkoutUrl === undefined) throw new Error("The payment provider gave no page to pay on; try again later.");
      // The card is typed on the provider's own page: no card data reaches this one.
      return openCheckout(started.checkoutUrl);
    },
    onSettled: bought,
  });
  // The newest card the account kept on a top-up: charged at once, the bundle issued once Stripe confirms.
  const kept = useKeptCards(accountId).data?.items.find((c) => c.provider === "stripe");
  const keptName = kept === undefined ? "" : cardName(kept.card, kept.keptAt);
  const byKept = useMutation({
    mutationFn: (key: string) =>
      client.buyBundlePack(
        accountId,
        { packId: pack.id, payment: "card", provider: "stripe", fromRecharge: kept!.rechargeId },
        { idempotencyKey: key },
      ),
    onSettled: bought,
  });
  const busy = fromWallet.isPending || byCard.isPending || byKept.isPending;
  // A new question, a new key: asking again after a refusal or a lost answer is a new attempt, each bought once.
  const ask = (how: "wallet" | "card" | "kept") => {
    fromWallet.reset();
    byCard.reset();
    byKept.reset();
    setAsking({ how, key: newIdempotencyKey() });
  };
  // What each way of paying asks before money moves.
  const askings = {
    wallet: {
      name: `Buy ${pack.name} from your balance`,
      question: `Buy ${pack.name} (${packUnits(pack)}) for ${price}, taken from your balance now?`,
      confirm: `Buy for ${price}`,
    },
    card: {
      name: `Buy ${pack.name} by card`,
      question: `Pay ${price} by card for ${pack.name} (${packUnits(pack)})? You pay on Stripe's secure page and come back here.`,
      confirm: `Pay ${price} by card`,
    },
    kept: {
      name: `Buy ${pack.name} with your ${keptName}`,
      question: `Pay ${price} with your ${keptName} for ${pack.name} (${packUnits(pack)})? It is charged now, and the bundle is yours once Stripe confirms the payment.`,
      confirm: `Pay ${price} with your card`,
    },
  };
  const take = () => {
    if (asking === undefined) return;
    setAsking(undefined);
    ({ wallet: fromWallet, card: byCard, kept: byKept })[asking.how].mutate(asking.key);
  };
  return (
    <li data-testid="pack">
      <h3>{pack.name}</h3>
      <p>
        <strong>{packUnits(pack)}</strong>, usable {validityWords(pack)}; {overageWords(pack, "your balance")}.
      </p>
      <p className="price">
        <Money micros={priceIn(pack, currency)!} currency={currency} />
      </p>
      {asking === undefined ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            aria-label={`Buy from balance: ${pack.name}`}
            onClick={() => ask("wallet")}
          >
            Buy from balance
          </button>
          <button type="button" disabled={busy} aria-label={`Pay by card: ${pack.name}`} onClick={() => ask("card")}>
            Pay by card
          </button>
          {kept !== undefined && (
            <button type="button" disabled={busy} aria-label={`Pay with your ${keptName}: ${pack.name}`} onClick={() => ask("kept")}>
              Pay with your {keptName}
            </button>
          )}
        </div>
      ) : (
        <Ask {...askings[asking.how]} onConfirm={take} onCancel={() => setAsking(undefined)} />
      )}
      <Done>
        {fromWallet.data &&
          `Bought: ${packUnits(fromWallet.data)} for ${price} from your balance, usable until ${when(fromWallet.data.expiresAt)}.`}
      </Done>
      {byCard.data === "tab" && <PayingInTab />}
      {byKept.data && (
        <p role="status" className="ok" data-testid="kept-card-pack">
          Your {keptName} is being charged {price}: the pack is listed under your purchases until Stripe confirms it.
        </p>
      )}
      {fromWallet.error instanceof InsufficientFundsError ? (
        <div role="alert" className="problem" data-testid="not-covered">
          <p>
            Your balance does not cover this pack ({price}): nothing was bought and nothing was taken. <Link href="/top-up">Top up</Link>{" "}
            first, or pay by card.
          </p>
        </div>
      ) : (
        <ProblemText error={fromWallet.error ?? byCard.error ?? byKept.error} />
      )}
    </li>
  );
}

/** The question before money moves, asked in the page and focused (a keyboard and a screen reader land on it). */
function Ask(props: { name: string; question: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div role="group" aria-label={props.name} className="ask calm">
      <p>{props.question}</p>
      <button ref={yes} type="button" className="primary" onClick={props.onConfirm}>
        {props.confirm}
      </button>
      <button type="button" onClick={props.onCancel}>
        Keep it
      </button>
    </div>
  );
}

/**
 * The account's purchases, newest first, with where each stands; a card payment still open can be continued
 * or cancelled here, and the one the customer comes back from (`?recharge=<id>`) is said first.
 */
export function PackPurchases({ accountId, returnedFrom }: { accountId: string; returnedFrom?: string | undefined }) {
  const pages = usePages(["pack-purchases", "pages"], purchasesPage(accountId), { refetchInterval: (page) => whileWaiting(page?.items) });
  const recharges = useRecharges(accountId);
  // The card payments that pay for packs (each names its purchase): those waiting are continued here.
  const ofPacks = recharges.data?.items.filter((r) => r.packPurchaseId !== undefined) ?? [];
  const returned = ofPacks.find((r) => r.id === returnedFrom);
  return (
    <Section title="Your pack purchases">
      {returned !== undefined && (
        <ReturnedFrom
          recharge={returned}
          paid={(r) => `Paid: ${money(r.amount, r.currency)} for a pack, its bundle is listed in your bundles.`}
        />
      )}
      <PendingCheckouts accountId={accountId} recharges={ofPacks} what="Pack payments" />
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && <Empty>No packs bought yet: each pack you buy is listed here, with how it was paid.</Empty>}
      {pages.items !== undefined && pages.items.length > 0 && <PackPurchasesTable items={pages.items} />}
      <Pager pages={pages} what="pack purchases" />
    </Section>
  );
}
