import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { newIdempotencyKey, type Account } from "@tollgate/sdk";
import { useState } from "react";
import { money, when } from "../shared/money.js";
import { packUnits, priceIn, validityWords, whileWaiting } from "../shared/packs.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { PackPurchasesTable } from "../shared/pack-purchases.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done } from "./forms.js";
import { useMay } from "./role.js";

/**
 * The account's bundle pack purchases, newest first, 10 a page, with how each was paid and where it stands;
 * owners, admins and finance sell it a pack from its wallet on its behalf (asked first, one Idempotency-Key per
 * question opened, so a double click sells once).
 */
export function AccountPacks({ account }: { account: Account }) {
  const maySell = useMay("money");
  const pages = usePages(["pack-purchases", account.id], (cursor) => admin.listPackPurchases(account.id, pageQuery(cursor, 10)), {
    refetchInterval: (page) => whileWaiting(page?.items),
  });
  return (
    <Section title="Bundle packs bought" id="account-packs">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>{maySell ? "No packs bought: sell one below, or the customer buys one in the portal." : "No packs bought."}</Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && <PackPurchasesTable items={pages.items} packIds />}
      <Pager pages={pages} what="pack purchases" />
      {maySell && <SellPack account={account} />}
    </Section>
  );
}

function SellPack({ account }: { account: Account }) {
  const qc = useQueryClient();
  const packs = useQuery({
    queryKey: ["account-packs", account.id],
    queryFn: () => admin.listAccountBundlePacks(account.id, { limit: 50 }),
  });
  const currency = account.wallets[0]?.currency ?? "USD";
  const offered = packs.data?.items.filter((p) => priceIn(p, currency) !== undefined) ?? [];
  const [chosen, setChosen] = useState("");
  const [attempt, setAttempt] = useState(newIdempotencyKey);
  const pack = offered.find((p) => p.id === chosen) ?? offered[0];
  const sell = useMutation({
    mutationFn: (key: string) => admin.buyBundlePack(account.id, { packId: pack!.id, payment: "wallet" }, { idempotencyKey: key }),
    onSettled: () => {
      for (const key of [["pack-purchases", account.id], ["bundles", account.id], ["balance", account.id], ["ledger"]])
        void qc.invalidateQueries({ queryKey: key });
    },
  });
  if (packs.data !== undefined && offered.length === 0)
    return (
      <>
        <h3>Sell a pack</h3>
        <Empty>No pack is on sale for this account&apos;s plan and currency.</Empty>
      </>
    );
  return (
    <>
      <h3>Sell a pack</h3>
      <form aria-label="Sell a pack" className="sell-pack" onSubmit={(e) => e.preventDefault()}>
        <label>
          Pack
          <select value={pack?.id ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {offered.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}: {packUnits(p)}, {money(priceIn(p, currency)!, currency)}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <Confirm
            label="Sell from the wallet"
            question={
              pack === undefined
                ? "Sell this pack?"
                : `Sell ${pack.name} (${packUnits(pack)}, usable ${validityWords(pack)}) to ${account.name} for ${money(priceIn(pack, currency)!, currency)}, taken from its balance now?`
            }
            confirm="Sell the pack"
            danger={false}
            disabled={pack === undefined || sell.isPending}
            onAsk={() => {
              sell.reset();
              setAttempt(newIdempotencyKey());
            }}
            onConfirm={() => sell.mutate(attempt)}
          />
        </div>
      </form>
      <ProblemText error={packs.error ?? sell.error} />
      <Done>
        {sell.data &&
          `Sold: ${packUnits(sell.data)} for ${money(sell.data.price, sell.data.currency)} from the balance, usable until ${when(sell.data.expiresAt)}; the bundle is listed under Bundles.`}
      </Done>
    </>
  );
}
