import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Recharge } from "@tollgate/sdk";
import { useEffect, useState, type FormEvent } from "react";
import { money, parseAmount, plainAmount, unitPrice, when } from "../shared/money.js";
import { Link } from "wouter";
import { usePages } from "../shared/paging.js";
import { Empty, Loading, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { client, type WalletRef } from "./client.js";

/** Where Stripe sends the customer back: this page, which then shows how the payment went. */
const returnUrl = () => `${window.location.origin}${window.location.pathname}`;

export function TopUp({ accountId, currency, returnedFrom }: { accountId: string; currency: string; returnedFrom?: string }) {
  const qc = useQueryClient();
  const [code, setCode] = useState("");
  const [amount, setAmount] = useState("");
  const [saveCard, setSaveCard] = useState(false);
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
      const recharge = await client.createRecharge(
        accountId,
        { amount: micros, currency, provider: "stripe", returnUrl: returnUrl(), saveCard },
        { idempotencyKey: crypto.randomUUID() },
      );
      if (recharge.checkoutUrl === undefined) throw new Error("The payment provider gave no page to pay on; try again later.");
      // The card is typed on Stripe's own page: no card data and no third-party script ever reach this one.
      window.location.assign(recharge.checkoutUrl);
    },
  });
  const recharges = useQuery({ queryKey: ["recharges"], queryFn: () => client.listRecharges(accountId), refetchInterval: 3_000 });
  const returned = recharges.data?.items.find((r) => r.id === returnedFrom);
  const shown = usePages(["recharges", "pages"], (cursor) => client.listRecharges(accountId, { limit: 5, ...(cursor ? { cursor } : {}) }), {
    refetchInterval: 3_000,
  });
  return (
    <Section title="Top up">
      {returnedFrom && <ReturnedFrom recharge={returned} />}
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
      {redeem.isSuccess && <p className="ok">Redeemed: {money(redeem.data.amount, currency)} added.</p>}
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
        <label className="check">
          <input type="checkbox" checked={saveCard} onChange={(e) => setSaveCard(e.target.checked)} />
          Keep the card for auto-recharge
        </label>
        <button className="primary" type="submit" disabled={pay.isPending}>
          Pay by card
        </button>
      </form>
      <p>
        <small>You pay on Stripe&apos;s secure page and come back here.</small>
      </p>
      <ProblemText error={pay.error} />
      <h3>Your top-ups</h3>
      {shown.items?.length === 0 && (
        <Empty>No card top-ups yet: pay by card above, and each payment is listed here with its receipt.</Empty>
      )}
      <table aria-label="Recharges">
        <tbody>
          {shown.items?.map((r) => (
            <tr key={r.id}>
              <td>{when(r.createdAt)}</td>
              <td className="num">
                <Money micros={r.amount} currency={r.currency} />
              </td>
              <td>{r.automatic ? "auto" : r.provider}</td>
              <td data-testid="recharge-status">{r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pages={shown} what="top-ups" />
    </Section>
  );
}

function ReturnedFrom({ recharge }: { recharge: Recharge | undefined }) {
  if (recharge === undefined) return <Loading />;
  const said = {
    pending: "Waiting for Stripe to confirm your payment: the balance rises as soon as it does.",
    succeeded: `Paid: ${money(recharge.amount, recharge.currency)} added to your balance.`,
    failed: `The payment did not go through${recharge.failureReason ? `: ${recharge.failureReason}` : ""}.`,
    refunded: "This payment was refunded.",
  }[recharge.status];
  return (
    <p role="status" className={recharge.status === "failed" ? "problem" : "ok"} data-testid="returned">
      {said}
    </p>
  );
}

/** Top up automatically below a threshold, with a card kept at an earlier card payment. */
export function AutoRecharge({ accountId, wallet }: { accountId: string; wallet: WalletRef }) {
  const qc = useQueryClient();
  const current = useQuery({ queryKey: ["wallet", wallet.walletId], queryFn: () => client.getWallet(wallet.walletId) });
  const recharges = useQuery({ queryKey: ["recharges"], queryFn: () => client.listRecharges(accountId) });
  const cards = recharges.data?.items.filter((r) => r.cardSaved && r.currency === wallet.currency) ?? [];
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
  const done = () => void qc.invalidateQueries({ queryKey: ["wallet", wallet.walletId] });
  const save = useMutation({
    mutationFn: () => {
      const below = parseAmount(threshold);
      const by = parseAmount(amount);
      if (below === undefined || by === undefined || by === 0) throw new Error("Enter amounts such as 10 or 25.50.");
      const fromRecharge = card || cards[0]?.id;
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
              {cards.map((r) => (
                <option key={r.id} value={r.id}>
                  kept on {when(r.createdAt)}
                </option>
              ))}
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

/** The account's ledger: what was added and what was spent, newest first, 15 a page (the newest read every 10 s). */
export function Transactions() {
  const pages = usePages(["transactions"], (cursor) => client.listTransactions({ limit: 15, ...(cursor ? { cursor } : {}) }), {
    refetchInterval: 10_000,
  });
  return (
    <Section title="Transactions">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>
          No transactions yet: top up by card or redeem a voucher under <Link href="/top-up">Top up</Link>, and what your calls spend is
          listed here.
        </Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Transactions">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((e) => (
              <tr key={e.id}>
                <td>{when(e.createdAt)}</td>
                <td>{e.type === "usage" ? (e.reason ?? "usage") : e.type}</td>
                <td className="num">
                  <Money micros={e.amount} currency={e.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="transactions" />
    </Section>
  );
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function Invoices({ accountId }: { accountId: string }) {
  const list = usePages(["invoices"], (cursor) => client.listInvoices(accountId, { limit: 10, ...(cursor ? { cursor } : {}) }));
  const [period, setPeriod] = useState(thisMonth);
  const statement = useQuery({
    queryKey: ["statement", period],
    queryFn: () => client.getStatement(accountId, period),
    enabled: /^\d{4}-\d{2}$/.test(period),
  });
  return (
    <Section title="Invoices, receipts and statements">
      <ProblemText error={list.error} />
      {list.items?.length === 0 && (
        <Empty>
          No invoices or receipts yet: each card top-up gets a receipt, and an account billed after use gets an invoice when its period
          closes.
        </Empty>
      )}
      <table aria-label="Invoices and receipts">
        <tbody>
          {list.items?.map((i) => (
            <tr key={i.id}>
              <td>
                <Link href={`/invoices/${i.id}`}>{i.number ?? "draft"}</Link>
              </td>
              <td>{i.kind.replace("_", " ")}</td>
              <td className="num">
                <Money micros={i.total} currency={i.currency} />
              </td>
              <td>{i.status}</td>
              <td>
                <a href={client.invoicePdfUrl(accountId, i.id)} aria-label={`PDF of ${i.number ?? "the draft"}`}>
                  PDF
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pages={list} what="invoices" />
      <h3>Statement</h3>
      <label>
        Month
        <input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
      </label>
      <ProblemText error={statement.error} />
      {statement.data?.wallets.map((w) => (
        <table key={w.walletId} aria-label={`Statement ${period} ${w.currency}`}>
          <tbody>
            <tr>
              <th scope="row">Opening balance</th>
              <td className="num">
                <Money micros={w.opening} currency={w.currency} />
              </td>
            </tr>
            {Object.entries(w.movements).map(([type, amount]) => (
              <tr key={type}>
                <th scope="row">{type.replaceAll("_", " ")}</th>
                <td className="num">
                  <Money micros={amount} currency={w.currency} />
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Closing balance</th>
              <td className="num">
                <Money micros={w.closing} currency={w.currency} />
              </td>
            </tr>
          </tbody>
        </table>
      ))}
    </Section>
  );
}
