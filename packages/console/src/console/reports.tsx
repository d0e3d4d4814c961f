import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportBucket, UsageGroupBy } from "@tollgate/sdk";
import { reportChart, TimeChart } from "../shared/chart.js";
import { money, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { useSearchState } from "../shared/url.js";
import { useMay } from "./role.js";
import { admin, HOUR, lastDays } from "./client.js";

/** The windows offered: the last N days, or a range of dates picked by hand. */
const WINDOWS = [1, 7, 30, 60, 90] as const;
const BUCKETS: ReportBucket[] = ["hour", "day", "month"];
const GROUPINGS: [UsageGroupBy, string][] = [
  ["none", "nothing"],
  ["account", "account"],
  ["product", "product"],
  ["key", "API key"],
  ["plan", "plan"],
];

/** The first whole hour of a date (`YYYY-MM-DD`) in a zone, as the API wants a range's edge. */
function startOfDay(date: string, timeZone: string): number | undefined {
  const guess = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(guess)) return undefined;
  const local = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  // Zones run from 14 hours behind UTC to 14 ahead: the day's first hour is within that of its UTC midnight.
  for (let t = guess - 14 * HOUR; t <= guess + 14 * HOUR; t += HOUR) if (local.format(t) === date) return t;
  return undefined;
}

const capitalized = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The range a window means: the last N days to the next whole hour, or the picked dates, both ends included, in the report's zone. */
function rangeOf(span: string, custom: { from: string; to: string }, timeZone: string): { from: string; to: string } | undefined {
  if (span !== "custom") return lastDays(Number(span));
  if (!isTimeZone(timeZone)) return undefined;
  const from = startOfDay(custom.from, timeZone);
  const dayAfter = custom.to === "" ? undefined : new Date(Date.parse(`${custom.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const to = dayAfter === undefined ? undefined : startOfDay(dayAfter, timeZone);
  if (from === undefined || to === undefined) return undefined;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function Reports() {
  // The report's filters live in its address: a reload keeps them, a link shares the report, Back undoes a change.
  const [filters, setFilters] = useSearchState({
    window: "30",
    from: "",
    to: "",
    bucket: "day",
    groupBy: "product",
    timeZone: "UTC",
  });
  // An address edited by hand falls back to the defaults rather than to a value the form cannot show.
  const span = filters.window === "custom" || WINDOWS.some((d) => String(d) === filters.window) ? filters.window : "30";
  const today = new Date().toISOString().slice(0, 10);
  const custom = { from: filters.from || new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10), to: filters.to || today };
  const bucket = BUCKETS.find((b) => b === filters.bucket) ?? "day";
  const groupBy = GROUPINGS.find(([g]) => g === filters.groupBy)?.[0] ?? "product";
  const timeZone = filters.timeZone;
  const range = rangeOf(span, custom, timeZone);
  // The books' journal is kept per reporting day: the picked dates, or the window's days up to today.
  const journalDays =
    span === "custom" ? custom : { from: new Date(Date.now() - (Number(span) - 1) * 86_400_000).toISOString().slice(0, 10), to: today };
  const query = range && { ...range, bucket, groupBy, timeZone, top: 10 };
  const usage = useQuery({
    queryKey: ["report", query],
    queryFn: () => admin.getUsageReport(query),
    enabled: query !== undefined,
  });
  const recharges = useQuery({
    queryKey: ["recharges", range],
    queryFn: () => admin.getRechargeReport({ ...range!, bucket: "month" }),
    enabled: range !== undefined,
  });
  const report = usage.data;
  const names = (report?.groups ?? []).flatMap((g) => (g.name === null ? [] : [g.name]));
  const shared = new Set(names.filter((name, i) => names.indexOf(name) !== i));
  const currency = report?.totals[0]?.currency ?? "USD";
  return (
    <>
      <Section title="Usage report">
        <form onSubmit={(e) => e.preventDefault()} aria-label="Usage report">
          <label>
            Window
            <select value={span} onChange={(e) => setFilters({ window: e.target.value })}>
              {WINDOWS.map((d) => (
                <option key={d} value={String(d)}>
                  Last {d === 1 ? "day" : `${d} days`}
                </option>
              ))}
              <option value="custom">Dates…</option>
            </select>
          </label>
          {span === "custom" && (
            <>
              <label>
                From
                <input
                  type="date"
                  value={custom.from}
                  max={custom.to}
                  onChange={(e) => setFilters({ from: e.target.value }, { replace: true })}
                />
              </label>
              <label>
                To (included)
                <input
                  type="date"
                  value={custom.to}
                  min={custom.from}
                  onChange={(e) => setFilters({ to: e.target.value }, { replace: true })}
                />
              </label>
            </>
          )}
          <label>
            Bucket
            <select value={bucket} onChange={(e) => setFilters({ bucket: e.target.value })}>
              {BUCKETS.map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </label>
          <label>
            Group by
            <select value={groupBy} onChange={(e) => setFilters({ groupBy: e.target.value })}>
              {GROUPINGS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Time zone
            <input value={timeZone} onChange={(e) => setFilters({ timeZone: e.target.value }, { replace: true })} />
          </label>
          {query && (
            <a href={admin.reportCsvUrl("usage", query)} download>
              Download CSV
            </a>
          )}
        </form>
        {range === undefined && (
          <p role="alert" className="problem">
            {isTimeZone(timeZone)
              ? "Pick the first and the last day of the range."
              : `“${timeZone}” is not a time zone (e.g. Europe/Paris).`}
          </p>
        )}
        <ProblemText error={usage.error} />
        {report && (
          <>
            <TimeChart
              title={`Amount per ${report.range.bucket}${report.groupBy === "none" ? "" : `, by ${GROUPINGS.find(([g]) => g === report.groupBy)![1]}`}`}
              {...reportChart(report, (r) => r.amount)}
              format={(v) => money(v, currency)}
            />
            <table aria-label="Totals">
              <thead>
                <tr>
                  <th scope="col">
                    {report.groupBy === "none" ? "Currency" : capitalized(GROUPINGS.find(([g]) => g === report.groupBy)![1])}
                  </th>
                  <th scope="col" className="num">
                    Calls
                  </th>
                  <th scope="col" className="num">
                    Units
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {(report.groupBy === "none"
                  ? report.totals.map((t) => ({ ...t, group: t.currency, name: t.currency }))
                  : report.groups
                ).map((g) => (
                  <tr key={g.currency + g.group}>
                    <td data-testid="report-group" data-group={g.group}>
                      <span data-testid="report-name">{g.name ?? <code title="nothing has this id any more">{g.group}</code>}</span>
                      {/* Two of one name (two accounts called "Acme") are told apart by their ids. */}
                      {g.name !== null && shared.has(g.name) && (
                        <>
                          {" "}
                          <code>{g.group}</code>
                        </>
                      )}
                    </td>
                    <td className="num" data-testid="report-calls">
                      {g.calls.toLocaleString("en-US")}
                    </td>
                    <td className="num">{g.units.toLocaleString("en-US")}</td>
                    <td className="num" data-testid="report-amount" data-micros={g.amount}>
                      <Money micros={g.amount} currency={g.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Section>
      <Section title="The books">
        <p>
          Each day&apos;s money in double entry (cash, receivables, prepaid balances, tax payable, revenue per product), on the
          deployment&apos;s chart of accounts, as a general journal an accounting system imports.
        </p>
        {journalDays.from <= journalDays.to && (
          <a href={admin.reportCsvUrl("journal", journalDays)} download>
            Download the journal (CSV)
          </a>
        )}
      </Section>
      <Section title="Recharges">
        {range && (
          <a href={admin.reportCsvUrl("recharges", range)} download>
            Download every top-up (CSV)
          </a>
        )}
        <table aria-label="Recharges by method">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Average
              </th>
            </tr>
          </thead>
          <tbody>
            {recharges.data?.totals.map((t) => (
              <tr key={t.currency + t.method}>
                <td>{t.method.replace("_", " ")}</td>
                <td className="num">{t.count}</td>
                <td className="num">
                  <Money micros={t.total} currency={t.currency} />
                </td>
                <td className="num">
                  <Money micros={t.average} currency={t.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

export function Anomalies() {
  const qc = useQueryClient();
  const list = usePages(["anomalies"], (cursor) => admin.listAnomalies(pageQuery(cursor, 25)), {
    refetchInterval: 10_000,
  });
  const mayClear = useMay("support");
  const clear = useMutation({
    mutationFn: (id: string) => admin.clearAnomaly(id, "reviewed in the console"),
    onSuccess: () => void qc.invalidateQueries(),
  });
  return (
    <Section title="Anomalies">
      {list.items?.length === 0 && (
        <Empty>
          No anomalies. An hour of an account&apos;s calls far above its usual hours shows here; each plan&apos;s rule (how far, and whether
          a key is suspended or capped) is set on the plan&apos;s page under Plans.
        </Empty>
      )}
      {(list.items?.length ?? 0) > 0 && (
        <table aria-label="Anomalies">
          <thead>
            <tr>
              <th scope="col">Hour</th>
              <th scope="col">Account</th>
              <th scope="col">Busiest key</th>
              <th scope="col" className="num">
                Calls
              </th>
              <th scope="col">Mitigation</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items?.map((a) => (
              <tr key={a.id}>
                <td>{when(a.hour)}</td>
                <td data-testid="anomaly-account">{a.accountName ?? <code>{a.accountId}</code>}</td>
                <td>{a.keyName ?? <code>{a.keyId}</code>}</td>
                <td className="num">
                  {a.calls.toLocaleString("en-US")} (usual {a.baselineCalls.toFixed(1)}/h)
                </td>
                <td>{a.mitigation.replace("_", " ")}</td>
                <td className={`status-${a.status}`}>{a.status}</td>
                <td>
                  {mayClear && a.status === "open" && (
                    <button type="button" onClick={() => clear.mutate(a.id)}>
                      Clear
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={list} what="anomalies" />
      <ProblemText error={list.error ?? clear.error} />
    </Section>
  );
}
