import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeptCard } from "@tollgate/sdk";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link } from "wouter";
import { money, parseAmount, plainAmount, unitPrice, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Loading, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { useKeptCards } from "./cards.js";
import { client, type WalletRef } from "./client.js";
import { cardName } from "../shared/cards.js";
import { packUnits } from "../shared/packs.js";
import {
  openCheckout,
  PayingInTab,
  PendingCheckouts,
  rechargeState,
  returnUrl,
  ReturnedFrom,
  unsettled,
  useRecharges,
  whilePending,
} from "./payments.js";

/** The account's top-ups, five a page, newest first. */
const recentRecharges = (accountId: string) => (cursor: string | undefined) => client.listRecharges(accountId, pageQuery(cursor, 5));

/** One wallet with its auto-recharge settings. */
const walletQuery = (walletId: string) => ({ queryKey: ["wallet", walletId], queryFn: () => client.getWallet(walletId) });

/**
 * The Top up view is drawn once what its cards show has arrived (the top-ups, the kept cards, the wallets'
 * auto-recharge): a card filling in later would push the others down the page, most of all at phone width.
 */
export function TopUpReady({ accountId, wallets, children }: { accountId: string; wallets: WalletRef[]; children: ReactNode }) {
  const waiting = [
    useRecharges(accountId),
    useKeptCards(accountId),
    useQuery({ queryKey: ["recharges", "pages", { cursor: null }], queryFn: () => recentRecharges(accountId)(undefined) }),
    ...useQueries({ queries: wallets.map((w) => walletQuery(w.walletId)) }),
  ].some((q) => q.isPending);
  return waiting ? <Loading /> : <>{children}</>;
}

export function TopUp({ accountId, currency, returnedFrom }: { accountId: string; currency: string; returnedFrom?: string }) {
  const qc = useQueryClient();
  const [code, setCode] = useState("");
  const [amount, setAmount] = useState("");
  const [saveCard, setSaveCard] = useState(false);
  // "" pays on Stripe's page; a top-up's id pays at once with the card it kept.
  const [payWith, setPayWith] = useState("");
  const cards = useKeptCards(accountId).data?.items.filter((c) => c.provider === "stripe") ?? [];
  const redeem = useMutation({
    mutationFn: () => client.redeemVoucher(code.trim()),
    onSuccess: () => {
      setCode("");
      void qc.invalidateQueries();
    },
  });
  const pay = useMutation({
    mutationFn: async () => {
      const micros = parseAmount(amount);
      if (micros === undefined || micros === 0) throw new Error("Enter an amount such as 25 or 12.50.");
      if (payWith !== "") {
        // Charged at once; listed below as waiting until Stripe confirms it.
        const recharge = await client.createRecharge(
          accountId,
          { amount: micros, currency, provider: "stripe", fromRecharge: payWith },
          { idempotencyKey: crypto.randomUUID() },
        );
        setAmount("");
        setKeptPayment(recharge.id);
        return "kept" as const;
      }
      const recharge = await client.createRecharge(
        accountId,
        { amount: micros, currency, provider: "stripe", returnUrl: returnUrl(), saveCard },
        { idempotencyKey: crypto.randomUUID() },
      );
      if (recharge.checkoutUrl === undefined) throw new Error("The payment provider gave no page to pay on; try again later.");
      // The card is typed on Stripe's own page: no card data and no third-party script ever reach this one.
      return openCheckout(recharge.checkoutUrl);
    },
    // Framed, the portal stays: the payment just started is listed, waiting, until the provider confirms it.
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["recharges"] }),
  });
  const recharges = useRecharges(accountId);
  // The last payment made with a kept card in this view, and where it stands (useRecharges reads the balance again
  // once its money is in).
  const [keptPayment, setKeptPayment] = useState<string>();
  const kept = recharges.data?.items.find((r) => r.id === keptPayment);
  const returned = recharges.data?.items.find((r) => r.id === returnedFrom);
  // A card payment for a bundle pack is listed as such, and continued from the Bundles view.
  const topUps = recharges.data?.items.filter((r) => r.invoiceId === undefined && r.packPurchaseId === undefined) ?? [];
  const shown = usePages(["recharges", "pages"], recentRecharges(accountId), {
    // Each list is read again while one of its own items waits: the other list's answer may come first.
    refetchInterval: (page) => whilePending(page?.items),
  });
  return (
    <Section title="Top up">
      {returnedFrom !== undefined && (recharges.data === undefined || (returned !== undefined && returned.invoiceId === undefined)) && (
        <ReturnedFrom recharge={returned} paid={(r) => `Paid: ${money(r.amount, r.currency)} added to your balance.`} />
      )}
      <form
        aria-label="Redeem a voucher"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          redeem.mutate();
        }}
      >
        <label>
          Voucher code
          <input value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
        </label>
        <button className="primary" type="submit">
          Redeem
        </button>
      </form>
      {redeem.isSuccess && (
        <p role="status" className="ok" data-testid="redeemed">
          {redeem.data.packPurchase === undefined ? (
            <>Redeemed: {money(redeem.data.amount, redeem.data.currency)} added.</>
          ) : (
            // A code that grants a pack: its credit paid the pack at once, so the balance is as it was.
            <>
              Redeemed: a pack of {packUnits(redeem.data.packPurchase)}, usable until {when(redeem.data.packPurchase.expiresAt)}.{" "}
              <Link href="/bundles">See your bundles</Link>.
            </>
          )}
        </p>
      )}
      <ProblemText error={redeem.error} />
      <form
        aria-label="Pay by card"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          pay.mutate();
        }}
      >
        <label>
          Amount ({currency})
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        {cards.length > 0 && (
          <label>
            Pay with
            <select value={payWith} onChange={(e) => setPayWith(e.target.value)}>
              <option value="">a card on Stripe&apos;s page</option>
              <KeptCardOptions cards={cards} />
            </select>
          </label>
        )}
        {payWith === "" && (
          <label className="check">
            <input type="checkbox" checked={saveCard} onChange={(e) => setSaveCard(e.target.checked)} />
            Keep the card for auto-recharge
          </label>
        )}
        <button className="primary" type="submit" disabled={pay.isPending}>
          Pay by card
        </button>
      </form>
      <p>
        <small>
          {payWith === ""
            ? "You pay on Stripe's secure page and come back here."
            : "Your kept card is charged now; the amount is added once Stripe confirms the payment."}
        </small>
      </p>
      {kept !== undefined && (
        <p role="status" className={kept.status === "failed" ? "problem" : "ok"} data-testid="kept-card-charged">
          {unsettled(kept)
            ? `Your card is being charged ${money(kept.amount, kept.currency)}: the top-up is listed below until Stripe confirms it.`
            : kept.status === "failed"
              ? `The payment of ${money(kept.amount, kept.currency)} did not go through${kept.failureReason ? `: ${kept.failureReason}` : ""}.`
              : `Paid with your card: ${money(kept.amount, kept.currency)} added to your balance.`}
        </p>
      )}
      {pay.data === "tab" && topUps.some((r) => r.status === "pending") && <PayingInTab />}
      <ProblemText error={pay.error} />
      <h3>Your top-ups</h3>
      <PendingCheckouts accountId={accountId} recharges={topUps} what="Top-ups" />
      {shown.items?.length === 0 && (
        <Empty>No card top-ups yet: pay by card above, and each payment is listed here with its receipt.</Empty>
      )}
      {shown.items !== undefined && shown.items.length > 0 && (
        <table aria-label="Recharges">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">For</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((r) => (
              <tr key={r.id}>
                <td>{when(r.createdAt)}</td>
                <td className="num">
                  <Money micros={r.amount} currency={r.currency} />
                </td>
                <td>
                  {r.invoiceId !== undefined
                    ? "an invoice"
                    : r.packPurchaseId !== undefined
                      ? "a bundle pack"
                      : r.automatic
                        ? "auto-recharge"
                        : "top-up"}
                </td>
                <td data-testid="recharge-status">{rechargeState(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={shown} what="top-ups" />
    </Section>
  );
}

/** The account's kept cards as a select's options, each named as its owner knows it, valued by the top-up that kept it. */
function KeptCardOptions({ cards }: { cards: KeptCard[] }) {
  return (
    <>
      {cards.map((c) => (
        <option key={c.rechargeId} value={c.rechargeId}>
          {cardName(c.card, c.keptAt)}
        </option>
      ))}
    </>
  );
}

/** Top up automatically below a threshold, with a card kept at an earlier card payment. */
export function AutoRecharge({ accountId, wallet }: { accountId: string; wallet: WalletRef }) {
  const qc = useQueryClient();
  const current = useQuery(walletQuery(wallet.walletId));
  const cards = useKeptCards(accountId).data?.items ?? [];
  const settings = current.data?.autoRecharge;
  const [threshold, setThreshold] = useState("");
  const [amount, setAmount] = useState("");
  const [dailyLimit, setDailyLimit] = useState("2");
  const [card, setCard] = useState("");
  useEffect(() => {
    // The form starts from what is saved.
    if (settings === undefined) return;
    setThreshold(plainAmount(settings.threshold));
    setAmount(plainAmount(settings.amount));
    setDailyLimit(String(settings.dailyLimit));
  }, [settings]);
  const done = () => {
    void qc.invalidateQueries({ queryKey: ["wallet", wallet.walletId] });
    // A kept card says whether auto-recharge pays with it.
    void qc.invalidateQueries({ queryKey: ["cards"] });
  };
  const save = useMutation({
    mutationFn: () => {
      const below = parseAmount(threshold);
      const by = parseAmount(amount);
      if (below === undefined || by === undefined || by === 0) throw new Error("Enter amounts such as 10 or 25.50.");
      const fromRecharge = card || cards[0]?.rechargeId;
      if (fromRecharge === undefined) throw new Error("Pay once by card with “Keep the card” ticked first.");
      return client.setAutoRecharge(wallet.walletId, {
        threshold: below,
        mode: "fixed",
        amount: by,
        dailyLimit: Number(dailyLimit),
        provider: "stripe",
        fromRecharge,
      });
    },
    onSuccess: done,
  });
  const off = useMutation({ mutationFn: () => client.clearAutoRecharge(wallet.walletId), onSuccess: done });
  return (
    <Section title={`Auto-recharge (${wallet.currency})`} id={`auto-${wallet.currency}`}>
      <p data-testid="auto-recharge">
        {settings
          ? `On: below ${unitPrice(settings.threshold, wallet.currency)}, ${settings.mode === "fixed" ? "add" : "top up to"} ${unitPrice(settings.amount, wallet.currency)}, at most ${settings.dailyLimit} a day.`
          : "Off."}
      </p>
      {cards.length === 0 ? (
        <p>To turn it on, pay once by card with “Keep the card for auto-recharge” ticked.</p>
      ) : (
        <form
          aria-label="Auto-recharge settings"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <label>
            When the balance falls below ({wallet.currency})
            <input inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} required />
          </label>
          <label>
            add ({wallet.currency})
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          </label>
          <label>
            at most, times a day
            <input type="number" min={1} max={100} value={dailyLimit} onChange={(e) => setDailyLimit(e.target.value)} required />
          </label>
          <label>
            Card
            <select value={card} onChange={(e) => setCard(e.target.value)}>
              <KeptCardOptions cards={cards} />
            </select>
          </label>
          <button className="primary" type="submit">
            Save
          </button>
          {settings && (
            <button type="button" onClick={() => off.mutate()}>
              Turn off
            </button>
          )}
        </form>
      )}
      <ProblemText error={save.error ?? off.error} />
    </Section>
  );
}

export function Grants({
  grants,
}: {
  grants: { grantId: string; kind: string; remaining: number; expiresAt: string; currency: string }[];
}) {
  if (grants.length === 0) return null;
  return (
    <Section title="Credits granted to you">
      <table>
        <tbody>
          {grants.map((g) => (
            <tr key={g.grantId}>
              <td>{g.kind}</td>
              <td className="num">
                <Money micros={g.remaining} currency={g.currency} />
              </td>
              <td>expires {when(g.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
