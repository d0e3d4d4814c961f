import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateClient, TollgateError } from "@tollgate/sdk";
import { StrictMode, useEffect, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { bucketTimes, seriesOf, TimeChart } from "../shared/chart.js";
import { money, parseAmount, when } from "../shared/money.js";
import { Loading, ProblemText, Section, SignInForm } from "../shared/ui.js";
import "../shared/styles.css";

// Same origin, no token: the HttpOnly session cookie signs every request.
const client = new TollgateClient({ baseUrl: window.location.origin });
const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function App() {
  const [signingIn, setSigningIn] = useState(() => window.location.hash.startsWith("#login="));
  const [linkError, setLinkError] = useState<unknown>(null);
  useEffect(() => {
    if (!signingIn) return;
    const login = window.location.hash.slice("#login=".length);
    // The secret leaves the address bar (and the history) before anything else happens.
    window.history.replaceState(null, "", window.location.pathname);
    client
      .signIn({ login })
      .catch(setLinkError)
      .finally(() => {
        setSigningIn(false);
        void queries.invalidateQueries();
      });
  }, [signingIn]);
  const session = useQuery({ queryKey: ["session"], queryFn: () => client.getSession(), enabled: !signingIn });
  if (signingIn || session.isPending) return <Loading />;
  if (session.error instanceof TollgateError && session.error.status === 401) return <SignIn linkError={linkError} />;
  if (session.error) return <ProblemText error={session.error} />;
  return <Portal accountId={session.data.accountId} />;
}

function SignIn({ linkError }: { linkError: unknown }) {
  return (
    <SignInForm
      title="Sign in to your account"
      label="API key"
      notice={
        linkError !== null && <p className="problem">That sign-in link is used or expired: ask for a new one, or use your API key.</p>
      }
      signIn={(apiKey) => client.signIn({ apiKey })}
    />
  );
}

function Portal({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  // The remaining budget is on every page and moves while calls are made.
  const balance = useQuery({ queryKey: ["balance"], queryFn: () => client.getBalance(), refetchInterval: 2_000 });
  const signOut = useMutation({ mutationFn: () => client.signOut(), onSuccess: () => qc.invalidateQueries() });
  return (
    <>
      <header className="top">
        <h1>Your account</h1>
        <div aria-live="polite" data-testid="balance">
          {balance.data?.balances.map((w) => (
            <div key={w.walletId} className="balance">
              {money(w.available, w.currency)} <small>available</small>
              {w.reserved > 0 && <small> · {money(w.reserved, w.currency)} reserved</small>}
              {w.creditLimit > 0 && <small> · credit limit {money(w.creditLimit, w.currency)}</small>}
            </div>
          ))}
        </div>
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <main>
        <Usage />
        <TopUp accountId={accountId} currency={balance.data?.balances[0]?.currency ?? "USD"} />
        <Grants grants={balance.data?.balances.flatMap((w) => w.grants.map((g) => ({ ...g, currency: w.currency }))) ?? []} />
        <Transactions />
        <Invoices accountId={accountId} />
        <Keys accountId={accountId} currency={balance.data?.balances[0]?.currency ?? "USD"} />
      </main>
    </>
  );
}

function Usage() {
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const report = useQuery({
    queryKey: ["usage"],
    queryFn: () =>
      client.getUsageReport({ from: from.toISOString(), to: to.toISOString(), bucket: "day", groupBy: "product", timeZone: "UTC" }),
    refetchInterval: 30_000,
  });
  const currency = report.data?.totals[0]?.currency ?? "USD";
  const days = bucketTimes(from.toISOString(), to.toISOString(), 86_400_000).map((t) => Math.floor(t / 86_400_000) * 86_400_000);
  const chart = report.data ? seriesOf(report.data.rows, (r) => r.amount, days) : undefined;
  return (
    <Section title="Usage, last 30 days">
      {report.isPending && <Loading />}
      <ProblemText error={report.error} />
      {chart && chart.times.length > 0 && (
        <TimeChart title="Spend per day, by product" times={chart.times} series={chart.series} format={(v) => money(v, currency)} />
      )}
      {report.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" className="num">
                Calls
              </th>
              <th scope="col" className="num">
                Spent
              </th>
            </tr>
          </thead>
          <tbody>
            {report.data.groups.map((g) => (
              <tr key={g.currency + g.group}>
                <td>{g.group}</td>
                <td className="num">{g.calls.toLocaleString("en-US")}</td>
                <td className="num">{money(g.amount, g.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function TopUp({ accountId, currency }: { accountId: string; currency: string }) {
  const qc = useQueryClient();
  const [code, setCode] = useState("");
  const [amount, setAmount] = useState("");
  const redeem = useMutation({
    mutationFn: () => client.redeemVoucher(code.trim()),
    onSuccess: () => {
      setCode("");
      void qc.invalidateQueries();
    },
  });
  const recharge = useMutation({
    mutationFn: () => {
      const micros = parseAmount(amount);
      if (micros === undefined) throw new Error("Enter an amount such as 25 or 12.50.");
      return client.createRecharge(accountId, { amount: micros, currency, provider: "stripe" }, { idempotencyKey: crypto.randomUUID() });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["recharges"] }),
  });
  const recharges = useQuery({ queryKey: ["recharges"], queryFn: () => client.listRecharges(accountId), refetchInterval: 3_000 });
  return (
    <Section title="Top up">
      <form
        aria-label="Redeem a voucher"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          redeem.mutate();
        }}
      >
        <label>
          Voucher code
          <input value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
        </label>
        <button className="primary" type="submit">
          Redeem
        </button>
      </form>
      {redeem.isSuccess && <p className="ok">Redeemed: {money(redeem.data.amount, currency)} added.</p>}
      <ProblemText error={redeem.error} />
      <form
        aria-label="Pay by card"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          recharge.mutate();
        }}
      >
        <label>
          Amount ({currency})
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        <button className="primary" type="submit">
          Pay with Stripe
        </button>
      </form>
      <ProblemText error={recharge.error} />
      <table aria-label="Recharges">
        <tbody>
          {recharges.data?.items.slice(0, 5).map((r) => (
            <tr key={r.id}>
              <td>{when(r.createdAt)}</td>
              <td className="num">{money(r.amount, r.currency)}</td>
              <td data-testid="recharge-status">{r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Grants({ grants }: { grants: { grantId: string; kind: string; remaining: number; expiresAt: string; currency: string }[] }) {
  if (grants.length === 0) return null;
  return (
    <Section title="Credits granted to you">
      <table>
        <tbody>
          {grants.map((g) => (
            <tr key={g.grantId}>
              <td>{g.kind}</td>
              <td className="num">{money(g.remaining, g.currency)}</td>
              <td>expires {when(g.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Transactions() {
  const page = useQuery({ queryKey: ["transactions"], queryFn: () => client.listTransactions({ limit: 15 }), refetchInterval: 10_000 });
  return (
    <Section title="Transactions">
      <table>
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
          {page.data?.items.map((e) => (
            <tr key={e.id}>
              <td>{when(e.createdAt)}</td>
              <td>{e.type === "usage" ? (e.reason ?? "usage") : e.type}</td>
              <td className="num">{money(e.amount, e.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Invoices({ accountId }: { accountId: string }) {
  const list = useQuery({ queryKey: ["invoices"], queryFn: () => client.listInvoices(accountId) });
  return (
    <Section title="Invoices and receipts">
      {list.data?.items.length === 0 && <p>None yet.</p>}
      <table>
        <tbody>
          {list.data?.items.map((i) => (
            <tr key={i.id}>
              <td>{i.number ?? "draft"}</td>
              <td>{i.kind.replace("_", " ")}</td>
              <td className="num">{money(i.total, i.currency)}</td>
              <td>{i.status}</td>
              <td>
                <a href={client.invoicePdfUrl(accountId, i.id)}>PDF</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Keys({ accountId, currency }: { accountId: string; currency: string }) {
  const keys = useQuery({ queryKey: ["keys"], queryFn: () => client.listApiKeys(accountId) });
  return (
    <Section title="API keys">
      <table>
        <tbody>
          {keys.data?.items.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td className={`status-${k.status}`}>{k.status}</td>
              <td>{k.spendCap ? `cap ${money(k.spendCap.amount, currency)} a ${k.spendCap.period}` : "no cap"}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
