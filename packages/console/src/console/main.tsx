import { QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateError, type Role } from "@tollgate/sdk";
import { StrictMode, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { seriesOf, TimeChart } from "../shared/chart.js";
import { money } from "../shared/money.js";
import { Figure, Loading, Money, ProblemText, Section, SignInForm } from "../shared/ui.js";
import { Accounts } from "./accounts.js";
import { Plans, Vouchers } from "./catalog.js";
import { admin, lastDays, queries } from "./client.js";
import { Anomalies, Reports } from "./reports.js";
import { RoleContext } from "./role.js";
import { MyTokens, Users } from "./team.js";
import "../shared/styles.css";

function App() {
  const session = useQuery({ queryKey: ["session"], queryFn: () => admin.getSession() });
  if (session.isPending) return <Loading />;
  if (session.error instanceof TollgateError && session.error.status === 401) return <SignIn />;
  if (session.error) return <ProblemText error={session.error} />;
  const { actor, role, name, email, userId } = session.data;
  return <Console who={name === undefined ? actor : `${name} (${email})`} role={role} hasUser={userId !== undefined} />;
}

/** Staff sign in with their email and password; a token (a bootstrap admin token, or a user's) also works. */
function SignIn() {
  const qc = useQueryClient();
  const [withToken, setWithToken] = useState(false);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({ mutationFn: () => admin.signIn({ email, password }), onSuccess: () => qc.invalidateQueries() });
  if (withToken) {
    return (
      <SignInForm
        title="Tollgate console"
        label="Admin token"
        signIn={(token) => admin.signIn(token)}
        notice={
          <button type="button" className="link" onClick={() => setWithToken(false)}>
            Sign in with an email and password instead
          </button>
        }
      />
    );
  }
  return (
    <main>
      <section className="card signin" aria-labelledby="signin-title">
        <h1 id="signin-title">Tollgate console</h1>
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            signIn.mutate();
          }}
        >
          <label>
            Email
            <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          <label>
            Password
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <button className="primary" type="submit">
            Sign in
          </button>
        </form>
        <ProblemText error={signIn.error} />
        <button type="button" className="link" onClick={() => setWithToken(true)}>
          Sign in with a token instead
        </button>
      </section>
    </main>
  );
}

const PAGES = ["Dashboard", "Accounts", "Reports", "Anomalies", "Plans", "Vouchers", "Team"] as const;
type Page = (typeof PAGES)[number];

function Console({ who, role, hasUser }: { who: string; role: Role; hasUser: boolean }) {
  const qc = useQueryClient();
  const [page, setPage] = useState<Page>("Dashboard");
  // Team: owners manage users; every signed-in user manages their own tokens. A bootstrap token has neither.
  const pages = PAGES.filter(
    (p) => (p !== "Team" || role === "owner" || hasUser) && (p !== "Vouchers" || ["owner", "admin", "finance"].includes(role)),
  );
  const signOut = useMutation({ mutationFn: () => admin.signOut(), onSuccess: () => qc.invalidateQueries() });
  return (
    <RoleContext.Provider value={role}>
      <header className="top">
        <h1>Tollgate console</h1>
        <span>
          {who} <span className="badge">{role}</span>
        </span>
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <nav className="tabs" aria-label="Sections">
        {pages.map((p) => (
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
        {page === "Team" && (
          <>
            {role === "owner" && <Users />}
            {hasUser && <MyTokens role={role} />}
          </>
        )}
      </main>
    </RoleContext.Provider>
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
            <Figure label="Revenue (usage booked, net)" value={<Money micros={c.revenue.net} currency={c.currency} />} />
            <Figure label="Recharges" value={<Money micros={c.recharges.total} currency={c.currency} />} />
            <Figure label="Prepaid liability" value={<Money micros={c.prepaidLiability.total} currency={c.currency} />} />
            <Figure label="Outstanding" value={<Money micros={c.outstanding.negativeBalances} currency={c.currency} />} />
            <Figure label="Unpaid invoices" value={<Money micros={c.outstanding.unpaidInvoices} currency={c.currency} />} />
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
