import { QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateError } from "@tollgate/sdk";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { seriesOf, TimeChart } from "../shared/chart.js";
import { money } from "../shared/money.js";
import { Figure, Loading, ProblemText, Section, SignInForm } from "../shared/ui.js";
import { Accounts } from "./accounts.js";
import { Plans, Vouchers } from "./catalog.js";
import { admin, lastDays, queries } from "./client.js";
import { Anomalies, Reports } from "./reports.js";
import "../shared/styles.css";

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

const PAGES = ["Dashboard", "Accounts", "Reports", "Anomalies", "Plans", "Vouchers"] as const;
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
        {page === "Vouchers" && <Vouchers />}
      </main>
    </>
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

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
