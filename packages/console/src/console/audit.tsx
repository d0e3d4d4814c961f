import { Link } from "wouter";
import { when } from "../shared/money.js";
import { usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { useSearchState } from "../shared/url.js";
import { admin } from "./client.js";

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
  const pages = usePages(["audit", query], (cursor) => admin.listAudit({ ...query, limit: 25, ...(cursor ? { cursor } : {}) }));
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
        <table aria-label="Audit records">
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
                <td>{when(String(r.at))}</td>
                <td>
                  <code>{r.actor}</code>
                </td>
                <td>{r.action}</td>
                <td>{r.target.startsWith("acct_") ? <Link href={`/accounts/${r.target}`}>{r.target}</Link> : <code>{r.target}</code>}</td>
                <td>
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

/** A record's data, short: `amount=5000000, reason=goodwill`. */
function details(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
}
