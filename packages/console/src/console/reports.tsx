import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportBucket, UsageGroupBy } from "@tollgate/sdk";
import { useState } from "react";
import { seriesOf, TimeChart } from "../shared/chart.js";
import { money, when } from "../shared/money.js";
import { Money, ProblemText, Section } from "../shared/ui.js";
import { useMay } from "./role.js";
import { admin, lastDays } from "./client.js";

export function Reports() {
  const [days, setDays] = useState(30);
  const [bucket, setBucket] = useState<ReportBucket>("day");
  const [groupBy, setGroupBy] = useState<UsageGroupBy>("product");
  const [timeZone, setTimeZone] = useState("UTC");
  const query = { ...lastDays(days), bucket, groupBy, timeZone, top: 10 };
  const usage = useQuery({ queryKey: ["report", query], queryFn: () => admin.getUsageReport(query) });
  const recharges = useQuery({
    queryKey: ["recharges", days],
    queryFn: () => admin.getRechargeReport({ ...lastDays(days), bucket: "month" }),
  });
  return (
    <>
      <Section title="Usage report">
        <form onSubmit={(e) => e.preventDefault()}>
          <label>
            Last
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {[1, 7, 30, 90].map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
          <label>
            Bucket
            <select value={bucket} onChange={(e) => setBucket(e.target.value as ReportBucket)}>
              {["hour", "day", "month"].map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </label>
          <label>
            Group by
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGroupBy)}>
              {["none", "account", "product", "key", "plan"].map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
          </label>
          <label>
            Time zone
            <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
          </label>
          <a href={admin.reportCsvUrl("usage", query)} download>
            Download CSV
          </a>
        </form>
        <ProblemText error={usage.error} />
        {usage.data && (
          <>
            <TimeChart
              title="Amount per bucket"
              {...seriesOf(usage.data.rows, (r) => r.amount)}
              format={(v) => money(v, usage.data.totals[0]?.currency ?? "USD")}
            />
            <table aria-label="Totals">
              <thead>
                <tr>
                  <th scope="col">Group</th>
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
                {(groupBy === "none" ? usage.data.totals.map((t) => ({ ...t, group: "all" })) : usage.data.groups).map((g) => (
                  <tr key={g.currency + g.group}>
                    <td>{g.group}</td>
                    <td className="num" data-testid="report-calls">
                      {g.calls}
                    </td>
                    <td className="num">{g.units}</td>
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
      <Section title="Recharges">
        <a href={admin.reportCsvUrl("recharges", { ...lastDays(days) })} download>
          Download every top-up (CSV)
        </a>
        <table>
          <tbody>
            {recharges.data?.totals.map((t) => (
              <tr key={t.currency + t.method}>
                <td>{t.method.replace("_", " ")}</td>
                <td className="num">{t.count}</td>
                <td className="num">
                  <Money micros={t.total} currency={t.currency} />
                </td>
                <td className="num">
                  avg <Money micros={t.average} currency={t.currency} />
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
  const list = useQuery({ queryKey: ["anomalies"], queryFn: () => admin.listAnomalies({}), refetchInterval: 10_000 });
  const mayClear = useMay("support");
  const clear = useMutation({
    mutationFn: (id: string) => admin.clearAnomaly(id, "reviewed in the console"),
    onSuccess: () => void qc.invalidateQueries(),
  });
  return (
    <Section title="Anomalies">
      {list.data?.items.length === 0 && <p>No anomalies.</p>}
      <table>
        <tbody>
          {list.data?.items.map((a) => (
            <tr key={a.id}>
              <td>{when(a.hour)}</td>
              <td>
                <code>{a.accountId}</code>
              </td>
              <td className="num">
                {a.calls} calls (usual {a.baselineCalls.toFixed(1)}/h)
              </td>
              <td>{a.mitigation}</td>
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
      <ProblemText error={clear.error} />
    </Section>
  );
}
