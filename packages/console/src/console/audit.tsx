import { useQuery } from "@tanstack/react-query";
import { useContext } from "react";
import { Link } from "wouter";
import { money, plainAmount, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { useSearchState } from "../shared/url.js";
import { admin } from "./client.js";
import { RoleContext } from "./role.js";

/** A day typed in the form (YYYY-MM-DD) as the instant it starts, in UTC; `next` for the day after it. */
const dayStart = (day: string, next = false) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(Date.parse(`${day}T00:00:00Z`) + (next ? 86_400_000 : 0)).toISOString() : undefined;

/** The audit trail, newest first, filtered by who, what and when (all kept in the address), 25 a page. */
export function Audit() {
  const [filters, setFilters] = useSearchState({ actor: "", target: "", action: "", from: "", to: "" });
  const from = dayStart(filters.from);
  const to = dayStart(filters.to, true);
  const query = {
    ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
    ...(filters.target.trim() ? { target: filters.target.trim() } : {}),
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const pages = usePages(["audit", query], (cursor) => admin.listAudit({ ...query, ...pageQuery(cursor, 25) }));
  const filtered = Object.keys(query).length > 0;
  const typed = (name: "actor" | "target" | "action", label: string, hint: string) => (
    <label>
      {label}
      <input value={filters[name]} placeholder={hint} onChange={(e) => setFilters({ [name]: e.target.value }, { replace: true })} />
    </label>
  );
  return (
    <Section title="Audit trail">
      <form role="search" aria-label="Filter the audit trail" onSubmit={(e) => e.preventDefault()}>
        {typed("actor", "Who", "user:…, token:…, key:…")}
        {typed("target", "On", "acct_…, wal_…, usr_…")}
        {typed("action", "Action", "e.g. wallet.credit")}
        <label>
          From
          <input type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
        </label>
      </form>
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 &&
        (filtered ? (
          <Empty>Nothing matches these filters: the names are exact (user:usr_…, acct_…); widen the dates or clear a filter.</Empty>
        ) : (
          <Empty>Nothing audited yet: every change staff make, every money movement and every sign-in is recorded here.</Empty>
        ))}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Audit records" className="stack">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">On</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((r) => (
              <tr key={r.id}>
                <td data-label="When">{when(String(r.at))}</td>
                <td data-label="Who">
                  <Actor actor={r.actor} />
                </td>
                <td data-label="Action">{r.action}</td>
                <td data-label="On">
                  <Target target={r.target} data={r.data} />
                </td>
                <td data-label="Details">
                  <small>{details(r.data)}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="audit records" />
    </Section>
  );
}

/** A record's data, short and readable: `amount $5.00, reason goodwill` (money in its currency when the record names one). */
function details(data: Record<string, unknown>): string {
  const currency = typeof data.currency === "string" ? data.currency : undefined;
  return Object.entries(data)
    .filter(([k, v]) => v !== null && v !== undefined && typeof v !== "object" && k !== "currency" && k !== "accountId")
    .map(([k, v]) => {
      const name = k.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      const moneyField = /^(amount|creditLimit|threshold|dailyLimit|fee|seatPrice|total)$/.test(k);
      if (!moneyField || typeof v !== "number") return `${name} ${String(v)}`;
      // Without its currency (an account's credit limit is in its plan's), the amount alone, never its micros.
      return `${name} ${currency === undefined ? plainAmount(v) : money(v, currency)}`;
    })
    .join(", ");
}

/** Who acted, in words: a staff user by name (owners can read the users), a token, a key, the customer, a job. */
function Actor({ actor }: { actor: string }) {
  const owner = useContext(RoleContext) === "owner";
  const users = useQuery({ queryKey: ["users"], queryFn: () => admin.listUsers(), enabled: owner, staleTime: 60_000 });
  const [kind, id = ""] = actor.split(/:(.*)/s);
  const user = kind === "user" ? users.data?.items.find((u) => u.id === id) : undefined;
  const said =
    user !== undefined
      ? `${user.name} (${user.email})`
      : kind === "user"
        ? "a staff user"
        : kind === "token"
          ? "a staff API token"
          : kind === "admin"
            ? "a bootstrap admin token"
            : kind === "key"
              ? "the customer's API key"
              : kind === "portal"
                ? "the customer, in their portal"
                : kind === "system"
                  ? `Tollgate (${id.replace(/-/g, " ")})`
                  : kind === "provider"
                    ? `the payment provider (${id})`
                    : actor;
  return (
    <>
      {said}
      {kind !== "system" && kind !== "provider" && (
        <>
          <br />
          <code>{actor}</code>
        </>
      )}
    </>
  );
}

/** What was acted on: an account by its name (a link), a wallet or key by its account, a plan by its link, else its id. */
function Target({ target, data }: { target: string; data: Record<string, unknown> }) {
  if (target.startsWith("acct_")) return <AccountLink accountId={target} />;
  if (target.startsWith("plan_")) return <Link href={`/plans/${target}`}>plan {target}</Link>;
  if (target.startsWith("wal_")) return <WalletOf walletId={target} />;
  const accountId = typeof data.accountId === "string" ? data.accountId : undefined;
  return (
    <>
      <code>{target}</code>
      {accountId && (
        <>
          {" "}
          of <AccountLink accountId={accountId} />
        </>
      )}
    </>
  );
}

/** An account by its name, linked to its page (its id until the name arrives, or when nothing has it any more). */
function AccountLink({ accountId }: { accountId: string }) {
  const account = useQuery({ queryKey: ["account", accountId], queryFn: () => admin.getAccount(accountId), staleTime: 60_000 });
  return <Link href={`/accounts/${accountId}`}>{account.data?.name ?? accountId}</Link>;
}

function WalletOf({ walletId }: { walletId: string }) {
  const wallet = useQuery({ queryKey: ["wallet", walletId], queryFn: () => admin.getWallet(walletId), staleTime: 60_000 });
  if (wallet.data === undefined) return <code>{walletId}</code>;
  return (
    <>
      the {wallet.data.currency} wallet of <AccountLink accountId={wallet.data.accountId} />
    </>
  );
}
