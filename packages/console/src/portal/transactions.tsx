import type { LedgerEntry } from "@tollgate/sdk";
import { Fragment, useState } from "react";
import { Link } from "wouter";
import { when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

/** A row of the transactions table: one ledger entry, or a day's usage entries under one total. */
export type Row = { entry: LedgerEntry } | { day: string; currency: string; entries: LedgerEntry[]; total: number; calls: number };

const dayOf = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" });

/**
 * Usage is booked in many small entries: a day's usage entries (two or more, in one currency, next to each
 * other newest first) become one row with the day's total; every other entry stays a row of its own.
 */
export function byDay(entries: LedgerEntry[]): Row[] {
  const rows: Row[] = [];
  for (const entry of entries) {
    const last = rows[rows.length - 1];
    const day = dayOf(entry.createdAt);
    if (entry.type === "usage" && last !== undefined) {
      if ("day" in last && last.day === day && last.currency === entry.currency) {
        last.entries.push(entry);
        last.total += entry.amount;
        last.calls += entry.usageCount ?? 0;
        continue;
      }
      if ("entry" in last && last.entry.type === "usage" && dayOf(last.entry.createdAt) === day && last.entry.currency === entry.currency) {
        rows[rows.length - 1] = {
          day,
          currency: entry.currency,
          entries: [last.entry, entry],
          total: last.entry.amount + entry.amount,
          calls: (last.entry.usageCount ?? 0) + (entry.usageCount ?? 0),
        };
        continue;
      }
    }
    rows.push({ entry });
  }
  return rows;
}

const what = (e: LedgerEntry) => (e.type === "usage" ? (e.reason ?? "usage") : e.type);

/** The account's ledger: what was added and what was spent, newest first, 50 entries a page (the newest read every 10 s). */
export function Transactions() {
  const pages = usePages(["transactions"], (cursor) => client.listTransactions(pageQuery(cursor, 50)), {
    refetchInterval: 10_000,
  });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const rows = pages.items === undefined ? [] : byDay(pages.items);
  const toggle = (key: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(key)) next.add(key);
      return next;
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
            {rows.map((row, i) => {
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
              const label = `Usage: ${row.entries.length} entries${row.calls > 0 ? `, ${row.calls.toLocaleString("en-US")} calls` : ""}`;
              // The page's last row may be a day that goes on past it, on the older page.
              const cut = i === rows.length - 1 && pages.older !== undefined;
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
                      {cut && <small> (more of this day on the older page)</small>}
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
