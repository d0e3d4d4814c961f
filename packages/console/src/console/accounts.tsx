import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { dayStarts, seriesOf, TimeChart } from "../shared/chart.js";
import { endOfDay, money, parseAmount, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Figure, Loading, Money, NotFoundOr, Pager, ProblemText, Section, Trail } from "../shared/ui.js";
import { useSearchState, useTitle } from "../shared/url.js";
import { Link } from "wouter";
import { AccountActions } from "./account-actions.js";
import { AccountBilling } from "./account-billing.js";
import { AccountBundles } from "./account-bundles.js";
import { AccountPacks } from "./account-packs.js";
import { AccountInvoices, AccountLedger } from "./account-lists.js";
import { AccountKeys } from "./account-keys.js";
import { AccountLines, LineOf } from "./account-lines.js";
import { NewAccount } from "./account-new.js";
import { AccountRecharges } from "./account-recharges.js";
import { AccountPrivacy } from "./account-privacy.js";

import { useMay } from "./role.js";
import { admin, lastDays } from "./client.js";
import { AccountSubscription } from "./subscription.js";

const STATUSES = ["active", "suspended", "closed"] as const;

/** Accounts newest first, found by a part of the name or the start of the id, a page at a time. */
export function Accounts() {
  const [filters, setFilters] = useSearchState({ query: "", status: "" });
  const status = STATUSES.find((s) => s === filters.status);
  const search = { ...(filters.query.trim() ? { query: filters.query.trim() } : {}), ...(status ? { status } : {}) };
  const pages = usePages(["accounts", search], (cursor) => admin.searchAccounts({ ...search, ...pageQuery(cursor, 25) }));
  const filtered = search.query !== undefined || status !== undefined;
  const mayManage = useMay("manage");
  return (
    <>
      <Section title="Accounts">
        <form role="search" aria-label="Find accounts" onSubmit={(e) => e.preventDefault()}>
          <label>
            Name or id
            <input type="search" value={filters.query} onChange={(e) => setFilters({ query: e.target.value }, { replace: true })} />
          </label>
          <label>
            Status
            <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value })}>
              <option value="">any</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </form>
        <ProblemText error={pages.error} />
        {pages.items?.length === 0 &&
          (filtered ? (
            <Empty>No account matches: try a part of the name, the start of an id (acct_…), or any status.</Empty>
          ) : (
            <Empty>No accounts yet: {mayManage ? "create one below" : "an owner or admin creates them"}, then open it here.</Empty>
          ))}
        {pages.items !== undefined && pages.items.length > 0 && (
          <table aria-label="Accounts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Status</th>
                <th scope="col">Billing</th>
              </tr>
            </thead>
            <tbody>
              {pages.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/accounts/${a.id}`}>{a.name}</Link>
                  </td>
                  <td>
                    <code>{a.id}</code>
                  </td>
                  <td className={`status-${a.status}`}>{a.status}</td>
                  <td>{a.billingMode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager pages={pages} what="accounts" />
      </Section>
      {mayManage && <NewAccount />}
    </>
  );
}

/** One account: its balance, money actions, usage, its lines (or whose line it is), subscription, grants, keys, ledger, invoices and recharges. */
export function AccountDetail({ accountId }: { accountId: string }) {
  const account = useQuery({ queryKey: ["account", accountId], queryFn: () => admin.getAccount(accountId) });
  const balance = useQuery({ queryKey: ["balance", accountId], queryFn: () => admin.getBalance(accountId), refetchInterval: 3_000 });
  const wallet = account.data?.wallets[0];
  useTitle(account.data?.name ?? accountId, "Tollgate console");
  if (account.isPending) return <Loading />;
  if (account.error) return <NotFoundOr error={account.error} what="account" back={{ href: "/accounts", label: "Find the account" }} />;
  const currency = wallet?.currency ?? "USD";
  return (
    <>
      <Trail
        steps={[
          { href: "/accounts", label: "Accounts" },
          { href: `/accounts/${accountId}`, label: account.data.name },
        ]}
      />
      <Section title={`Account ${account.data?.name ?? accountId}`} id="account-detail">
        <p>
          <code>{accountId}</code> · <span className={`status-${account.data?.status}`}>{account.data?.status}</span> ·{" "}
          {account.data?.billingMode} · plan <code>{account.data?.planId}</code>
        </p>
        <dl className="figures">
          {balance.data?.balances.map((w) => (
            <Figure key={w.walletId} label={`Available (${w.currency})`} value={<Money micros={w.available} currency={w.currency} />} />
          ))}
          {balance.data?.balances
            .filter((w) => w.reserved > 0)
            .map((w) => (
              <Figure
                key={`r${w.walletId}`}
                label={`Reserved (${w.currency})`}
                value={<Money micros={w.reserved} currency={w.currency} />}
              />
            ))}
          {balance.data?.balances
            .filter((w) => w.creditLimit > 0)
            .map((w) => (
              <Figure
                key={`c${w.walletId}`}
                label={`Credit limit (${w.currency})`}
                value={<Money micros={w.creditLimit} currency={w.currency} />}
              />
            ))}
        </dl>
        <AccountActions account={account.data} />
        <AccountUsage accountId={accountId} />
      </Section>
      {account.data.payerId !== undefined ? (
        <LineOf account={account.data} payerId={account.data.payerId} />
      ) : (
        <AccountLines account={account.data} />
      )}
      <AccountSubscription accountId={accountId} />
      {wallet && <AccountGrants accountId={accountId} walletId={wallet.id} currency={currency} />}
      <AccountBundles account={account.data} />
      <AccountPacks account={account.data} />
      <AccountBilling account={account.data} />
      <AccountKeys accountId={accountId} currency={currency} />
      <AccountLedger accountId={accountId} />
      <AccountInvoices account={account.data} />
      <AccountRecharges accountId={accountId} />
      <AccountPrivacy account={account.data} />
    </>
  );
}

function AccountUsage({ accountId }: { accountId: string }) {
  const range = lastDays(30);
  const usage = useQuery({
    queryKey: ["account-usage", accountId],
    queryFn: () => admin.getUsageReport({ ...range, bucket: "day", groupBy: "product", accountId, timeZone: "UTC" }),
    refetchInterval: 15_000,
  });
  if (usage.data === undefined) return <ProblemText error={usage.error} />;
  const currency = usage.data.totals[0]?.currency ?? "USD";
  const total = usage.data.totals.find((t) => t.calls > 0);
  return (
    <>
      <h3>Usage, last 30 days</h3>
      <p>{total ? `${total.calls.toLocaleString("en-US")} calls, ${money(total.amount, currency)}` : "No usage in the last 30 days."}</p>
      {total && (
        <TimeChart
          title="Spend per day, by product"
          {...seriesOf(usage.data.rows, (r) => r.amount, dayStarts(range.from, range.to))}
          format={(v) => money(v, currency)}
        />
      )}
    </>
  );
}

function AccountGrants({ accountId, walletId, currency }: { accountId: string; walletId: string; currency: string }) {
  const qc = useQueryClient();
  // In consumption order, so "Earlier" and "Later" grants: the ones spent before and after these.
  const grants = usePages(["grants", accountId], (cursor) => admin.listGrants(accountId, pageQuery(cursor, 25)));
  const mayGrant = useMay("money");
  const [amount, setAmount] = useState("");
  const [kind, setKind] = useState<"promotional" | "paid">("promotional");
  const [expires, setExpires] = useState(() => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const [reason, setReason] = useState("");
  const issue = useMutation({
    mutationFn: () => {
      const micros = parseAmount(amount);
      if (micros === undefined || micros === 0) throw new Error("Enter an amount such as 25 or 12.50.");
      return admin.issueGrant(
        walletId,
        { kind, amount: micros, expiresAt: endOfDay(expires), ...(reason ? { reason } : {}) },
        { idempotencyKey: crypto.randomUUID() },
      );
    },
    onSuccess: () => {
      setAmount("");
      void qc.invalidateQueries({ queryKey: ["grants", accountId] });
      void qc.invalidateQueries({ queryKey: ["balance", accountId] });
      // A grant is a ledger entry too: the ledger shows it at once.
      void qc.invalidateQueries({ queryKey: ["ledger", accountId] });
    },
  });
  return (
    <Section title="Grants" id="account-grants">
      <table aria-label="Grants">
        <tbody>
          {grants.items?.map((g) => (
            <tr key={g.id}>
              <td>{g.kind}</td>
              <td className="num">
                <Money micros={g.remaining} currency={g.currency} /> of <Money micros={g.amount} currency={g.currency} />
              </td>
              <td>expires {when(g.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pages={grants} what="grants" order="oldest" />
      <ProblemText error={grants.error} />
      {grants.items?.length === 0 && (
        <Empty>
          {mayGrant ? "No active grants: issue one below to give promotional or paid credit that expires." : "No active grants."}
        </Empty>
      )}
      {mayGrant && (
        <form
          aria-label="Issue a grant"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            issue.mutate();
          }}
        >
          <label>
            Amount ({currency})
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          </label>
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value as "promotional" | "paid")}>
              <option value="promotional">promotional</option>
              <option value="paid">paid</option>
            </select>
          </label>
          <label>
            Expires
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
          </label>
          <label>
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button className="primary" type="submit">
            Issue grant
          </button>
        </form>
      )}
      <ProblemText error={issue.error} />
    </Section>
  );
}
