import type { LedgerEntry, UsageDay } from "@tollgate/sdk";
import { Fragment, useState } from "react";
import { Link } from "wouter";
import { when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

/** A row of the transactions table: one ledger entry, or a day's usage entries under the whole day's total. */
export type Row =
  | { entry: LedgerEntry }
  | {
      day: string;
      date: string;
      currency: string;
      /** The day's usage entries on this page. */
      entries: LedgerEntry[];
      /** The whole day's: on this page or not (the API's usageDays), else this page's. */
      total: number;
      calls: number;
      count: number;
    };

/** The browser's own zone: the days the page groups by are the reader's. */
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** `YYYY-MM-DD` in the reader's zone, as the API's usageDays name a day. */
const dateOf = (iso: string) => new Date(iso).toLocaleDateString("en-CA", { timeZone: ZONE });
const dayOf = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium", timeZone: ZONE });

/**
 * Usage is booked in many small entries: a day's usage entries of one currency become one row, where the
 * day's newest of them stands, with the whole day's total (`days`: the API's, which counts the entries on the
 * pages before and after this one too); a day of a single usage entry, and every other entry, stays a row of
 * its own.
 */
export function byDay(entries: LedgerEntry[], days: UsageDay[] = []): Row[] {
  const whole = new Map(days.map((d) => [`${d.date} ${d.currency}`, d]));
  const onPage = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    if (e.type !== "usage") continue;
    const key = `${dateOf(e.createdAt)} ${e.currency}`;
    onPage.set(key, [...(onPage.get(key) ?? []), e]);
  }
  const rows: Row[] = [];
  const placed = new Set<string>();
  for (const entry of entries) {
    const key = `${dateOf(entry.createdAt)} ${entry.currency}`;
    const mine = onPage.get(key);
    const day = whole.get(key);
    if (entry.type !== "usage" || mine === undefined || (mine.length < 2 && (day?.entries ?? 1) < 2)) {
      rows.push({ entry });
      continue;
    }
    if (placed.has(key)) continue;
    placed.add(key);
    rows.push({
      day: dayOf(entry.createdAt),
      date: dateOf(entry.createdAt),
      currency: entry.currency,
      entries: mine,
      total: day?.amount ?? mine.reduce((sum, e) => sum + e.amount, 0),
      calls: day?.calls ?? mine.reduce((sum, e) => sum + (e.usageCount ?? 0), 0),
      count: day?.entries ?? mine.length,
    });
  }
  return rows;
}

const what = (e: LedgerEntry) => (e.type === "usage" ? (e.reason ?? "usage") : e.type);

/**
 * The account's ledger: what was added and what was spent, newest first, 50 entries a page (the newest read every
 * 10 s). `line`: the account is a line of a hierarchy, whose calls are booked on its payer's wallet, not here.
 */
export function Transactions({ line = false }: { line?: boolean }) {
  const pages = usePages(["transactions", ZONE], (cursor) => client.listTransactions({ ...pageQuery(cursor, 50), timeZone: ZONE }), {
    refetchInterval: 10_000,
  });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const rows = pages.items === undefined ? [] : byDay(pages.items, pages.answer?.usageDays);
  const first = pages.items?.[0];
  const last = pages.items?.at(-1);
  const toggle = (key: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <Section title="Transactions">
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && line && (
        <Empty>
          No transactions: this account is a line, so what its calls spend is booked on its payer&apos;s wallet. Your limit and what you
          spent this month are on the <Link href="/">overview</Link>.
        </Empty>
      )}
      {pages.items?.length === 0 && !line && (
        <Empty>
          No transactions yet: top up by card or redeem a voucher under <Link href="/top-up">Top up</Link>, and what your calls spend is
          listed here.
        </Empty>
      )}
      {rows.length > 0 && (
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
            {rows.map((row) => {
              if ("entry" in row)
                return (
                  <tr key={row.entry.id}>
                    <td>{when(row.entry.createdAt)}</td>
                    <td>{what(row.entry)}</td>
                    <td className="num">
                      <Money micros={row.entry.amount} currency={row.entry.currency} />
                    </td>
                  </tr>
                );
              const key = `${row.day}-${row.currency}-${row.entries[0]!.id}`;
              const expanded = open.has(key);
              const label = `Usage: ${row.count} entries${row.calls > 0 ? `, ${row.calls.toLocaleString("en-US")} calls` : ""}`;
              // A day at the page's edge goes on on the next page: its total is the whole day's, its entries listed there.
              const elsewhere = row.count - row.entries.length;
              const where = [
                ...(pages.newer !== undefined && first !== undefined && dateOf(first.createdAt) === row.date ? ["newer"] : []),
                ...(pages.older !== undefined && last !== undefined && dateOf(last.createdAt) === row.date ? ["older"] : []),
              ];
              return (
                <Fragment key={key}>
                  <tr className="day" data-testid="usage-day">
                    <td>{row.day}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-expanded={expanded}
                        aria-label={`${label} on ${row.day}`}
                        onClick={() => toggle(key)}
                      >
                        {label}
                      </button>
                      {elsewhere > 0 && " "}
                      {elsewhere > 0 && (
                        <small data-testid="day-elsewhere">
                          ({elsewhere} of them on the {where.join(" and ") || "other"} {where.length > 1 ? "pages" : "page"})
                        </small>
                      )}
                    </td>
                    <td className="num">
                      <strong>
                        <Money micros={row.total} currency={row.currency} />
                      </strong>
                    </td>
                  </tr>
                  {expanded &&
                    row.entries.map((e) => (
                      <tr key={e.id} className="within">
                        <td>{when(e.createdAt)}</td>
                        <td>{what(e)}</td>
                        <td className="num">
                          <Money micros={e.amount} currency={e.currency} />
                        </td>
                      </tr>
                    ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="transactions" />
    </Section>
  );
}
