import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateAdminClient, TollgateError, type ReportBucket, type UsageGroupBy } from "@tollgate/sdk";
import { StrictMode, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { seriesOf, TimeChart } from "../shared/chart.js";
import { money, parseAmount, when } from "../shared/money.js";
import { Loading, ProblemText, Section, SignInForm } from "../shared/ui.js";
import "../shared/styles.css";

// Same origin, no token in the page: the staff member's HttpOnly session cookie signs every request.
const admin = new TollgateAdminClient({ baseUrl: window.location.origin });
const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function lastDays(days: number): { from: string; to: string } {
  const to = Math.ceil(Date.now() / HOUR) * HOUR;
  return { from: new Date(to - days * DAY).toISOString(), to: new Date(to).toISOString() };
}

function App() {
  const session = useQuery({ queryKey: ["session"], queryFn: () => admin.getSession() });
  if (session.isPending) return <Loading />;
  if (session.error instanceof TollgateError && session.error.status === 401) return <SignIn />;
  if (session.error) return <ProblemText error={session.error} />;
  return <Console actor={session.data.actor} />;
}

function SignIn() {
  return <SignInForm title="Tollgate console" label="Admin token" signIn={(token) => admin.signIn(token)} />;
}

const PAGES = ["Dashboard", "Accounts", "Reports", "Anomalies", "Plans"] as const;
type Page = (typeof PAGES)[number];

function Console({ actor }: { actor: string }) {
  const qc = useQueryClient();
  const [page, setPage] = useState<Page>("Dashboard");
  const signOut = useMutation({ mutationFn: () => admin.signOut(), onSuccess: () => qc.invalidateQueries() });
  return (
    <>
      <header className="top">
        <h1>Tollgate console</h1>
        <span>{actor}</span>
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <nav className="tabs" aria-label="Sections">
        {PAGES.map((p) => (
          <button key={p} type="button" aria-current={p === page ? "page" : undefined} onClick={() => setPage(p)}>
            {p}
          </button>
        ))}
      </nav>
      <main>
        {page === "Dashboard" && <Dashboard />}
        {page === "Accounts" && <Accounts />}
        {page === "Reports" && <Reports />}
        {page === "Anomalies" && <Anomalies />}
        {page === "Plans" && <Plans />}
      </main>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Dashboard() {
  const range = lastDays(30);
  const financial = useQuery({ queryKey: ["financial"], queryFn: () => admin.getFinancialReport(range), refetchInterval: 15_000 });
  const usage = useQuery({
    queryKey: ["usage-30"],
    queryFn: () => admin.getUsageReport({ ...range, bucket: "day", timeZone: "UTC" }),
    refetchInterval: 15_000,
  });
  const today = useQuery({
    queryKey: ["usage-today"],
    queryFn: () => admin.getUsageReport({ ...lastDays(1), bucket: "day", groupBy: "account", top: 1_000, timeZone: "UTC" }),
    refetchInterval: 15_000,
  });
  return (
    <>
      {financial.data?.currencies.map((c) => (
        <Section key={c.currency} title={`Money, last 30 days (${c.currency})`} id={`money-${c.currency}`}>
          <dl className="figures">
            <Figure label="Revenue (usage booked, net)" value={money(c.revenue.net, c.currency)} />
            <Figure label="Recharges" value={money(c.recharges.total, c.currency)} />
            <Figure label="Prepaid liability" value={money(c.prepaidLiability.total, c.currency)} />
            <Figure label="Outstanding" value={money(c.outstanding.negativeBalances, c.currency)} />
            <Figure label="Unpaid invoices" value={money(c.outstanding.unpaidInvoices, c.currency)} />
            <Figure
              label="Active accounts today"
              value={String(today.data?.groups.filter((g) => g.currency === c.currency).length ?? "…")}
            />
            <Figure
              label="Calls today"
              value={(today.data?.totals.find((t) => t.currency === c.currency)?.calls ?? 0).toLocaleString("en-US")}
            />
          </dl>
        </Section>
      ))}
      <ProblemText error={financial.error} />
      {usage.data && (
        <Section title="Revenue per day">
          <TimeChart
            title="Usage booked per day"
            {...seriesOf(usage.data.rows, (r) => r.amount)}
            format={(v) => money(v, usage.data.totals[0]?.currency ?? "USD")}
          />
        </Section>
      )}
    </>
  );
}

function Accounts() {
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string>();
  const found = useQuery({ queryKey: ["accounts", query], queryFn: () => admin.searchAccounts({ query, limit: 25 }) });
  return (
    <>
      <Section title="Accounts">
        <form role="search" onSubmit={(e) => e.preventDefault()}>
          <label>
            Name or id
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
        </form>
        <table>
          <tbody>
            {found.data?.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <button type="button" onClick={() => setSelected(a.id)}>
                    {a.name}
                  </button>
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
      </Section>
      {selected && <AccountDetail accountId={selected} />}
    </>
  );
}

function AccountDetail({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  const account = useQuery({ queryKey: ["account", accountId], queryFn: () => admin.getAccount(accountId) });
  const balance = useQuery({ queryKey: ["balance", accountId], queryFn: () => admin.getBalance(accountId), refetchInterval: 3_000 });
  const ledger = useQuery({ queryKey: ["ledger", accountId], queryFn: () => admin.listTransactions(accountId, { limit: 10 }) });
  const keys = useQuery({ queryKey: ["keys", accountId], queryFn: () => admin.listApiKeys(accountId) });
  const [reason, setReason] = useState("");
  const [amount, setAmount] = useState("");
  const status = useMutation({
    mutationFn: (to: "suspend" | "resume") =>
      to === "suspend" ? admin.suspendAccount(accountId, reason) : admin.resumeAccount(accountId, reason),
    onSuccess: () => void qc.invalidateQueries(),
  });
  const wallet = account.data?.wallets[0];
  const adjust = useMutation({
    mutationFn: (kind: "credit" | "adjust") => {
      const micros = parseAmount(amount.replace("-", ""));
      if (micros === undefined || wallet === undefined) throw new Error("Enter an amount such as 25 or 12.50.");
      const key = crypto.randomUUID();
      return kind === "credit"
        ? admin.creditWallet(wallet.id, { amount: micros, ...(reason ? { reason } : {}) }, { idempotencyKey: key })
        : admin.adjustWallet(wallet.id, { amount: amount.trim().startsWith("-") ? -micros : micros, reason }, { idempotencyKey: key });
    },
    onSuccess: () => void qc.invalidateQueries(),
  });
  if (account.isPending) return <Loading />;
  return (
    <Section title={`Account ${account.data?.name ?? accountId}`} id="account-detail">
      <p>
        <code>{accountId}</code> · <span className={`status-${account.data?.status}`}>{account.data?.status}</span> ·{" "}
        {account.data?.billingMode}
      </p>
      <dl className="figures">
        {balance.data?.balances.map((w) => (
          <Figure key={w.walletId} label={`Available (${w.currency})`} value={money(w.available, w.currency)} />
        ))}
      </dl>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Amount
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
        </label>
        <label>
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" onClick={() => adjust.mutate("credit")}>
          Credit
        </button>
        <button type="button" onClick={() => adjust.mutate("adjust")}>
          Adjust
        </button>
        <button type="button" onClick={() => status.mutate(account.data?.status === "suspended" ? "resume" : "suspend")}>
          {account.data?.status === "suspended" ? "Resume" : "Suspend"}
        </button>
      </form>
      <ProblemText error={adjust.error ?? status.error} />
      <h3>Keys</h3>
      <table>
        <tbody>
          {keys.data?.items.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td className={`status-${k.status}`}>{k.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Ledger</h3>
      <table>
        <tbody>
          {ledger.data?.items.map((e) => (
            <tr key={e.id}>
              <td>{when(e.createdAt)}</td>
              <td>{e.type}</td>
              <td className="num">{money(e.amount, e.currency)}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Reports() {
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
                      {money(g.amount, g.currency)}
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
                <td className="num">{money(t.total, t.currency)}</td>
                <td className="num">avg {money(t.average, t.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

function Anomalies() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ["anomalies"], queryFn: () => admin.listAnomalies({}), refetchInterval: 10_000 });
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
                {a.status === "open" && (
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

function Plans() {
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => admin.listPlans() });
  const [editing, setEditing] = useState<string>();
  const [text, setText] = useState("");
  const save = useMutation({
    mutationFn: () => admin.replaceCatalog(editing!, JSON.parse(text) as Parameters<typeof admin.replaceCatalog>[1]),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["plans"] }),
  });
  return (
    <Section title="Plans">
      <table>
        <tbody>
          {plans.data?.items.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.currency}</td>
              <td>{Array.isArray(p.catalog.products) ? `${p.catalog.products.length} products` : "flat"}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    setEditing(p.id);
                    setText(JSON.stringify(p.catalog, null, 2));
                  }}
                >
                  Edit catalog
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <label style={{ width: "100%" }}>
            Catalog of {editing} (JSON)
            <textarea value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          </label>
          <button className="primary" type="submit">
            Save
          </button>
          {save.isSuccess && <span className="ok">Saved: every gateway applies it within a second.</span>}
        </form>
      )}
      <ProblemText error={save.error} />
    </Section>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
