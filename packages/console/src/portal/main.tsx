import { QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateError } from "@tollgate/sdk";
import { StrictMode, useEffect, useState, type ReactNode } from "react";
import { Route, Router, Switch } from "wouter";
import { createRoot } from "react-dom/client";
import { dayStarts, seriesOf, TimeChart } from "../shared/chart.js";
import { money, unitPrice } from "../shared/money.js";
import { Empty, Loading, Money, NotFound, ProblemText, Section, SignInForm, Tabs, View } from "../shared/ui.js";
import { client, queries } from "./client.js";
import { Keys, Limits, limitsQuery } from "./keys.js";
import { PortalInvoice } from "./invoice.js";
import { Brand, useBranding } from "./branding.js";
import { Bundles, bundlesQuery } from "./bundles.js";
import { useSelfServicePlans } from "./change-plan.js";
import { KeptCards } from "./cards.js";
import { Invoices } from "./invoices.js";
import { LineBalance, linesQuery, OwnLine, ownLineQuery, PaidByPayer, PayerLines } from "./lines.js";
import { AutoRecharge, Grants, TopUp, TopUpReady } from "./money.js";
import { BuyPacks, PackPurchases, usePacksPending } from "./packs.js";
import { Notifications, notificationSettingsQuery } from "./settings.js";
import { SubscriptionCard, subscriptionQuery } from "./subscription.js";
import { Transactions } from "./transactions.js";
import "../shared/styles.css";

/** The portal's name in the browser's tab, after each view's. */
const APP = "Your account";

/** Back from Stripe's payment page: `?recharge=<id>` names the recharge to show. */
const returnedFrom = new URLSearchParams(window.location.search).get("recharge") ?? undefined;
if (returnedFrom !== undefined) window.history.replaceState(null, "", window.location.pathname + window.location.hash);

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
  // Read with the session, so that the header is drawn once, logo and all (without it if it fails).
  const branding = useBranding();
  if (signingIn || session.isPending || branding.isPending) return <Loading />;
  if (session.error instanceof TollgateError && session.error.status === 401)
    return <SignIn linkError={linkError} branding={branding.data} />;
  if (session.error) return <ProblemText error={session.error} />;
  return <Portal accountId={session.data.accountId} manageKeys={session.data.manageKeys} branding={branding.data} />;
}

/** The sign-in: the provider's logo and name (its issuer profile) before anything else, so the customer knows whose it is. */
function SignIn({ linkError, branding }: { linkError: unknown; branding: ReturnType<typeof useBranding>["data"] }) {
  return (
    <SignInForm
      title={branding ? `Sign in to your ${branding.name} account` : "Sign in to your account"}
      brand={<Brand branding={branding} />}
      label="API key"
      notice={
        <>
          {linkError !== null && <p className="problem">That sign-in link is used or expired: ask for a new one, or use your API key.</p>}
          {returnedFrom !== undefined && (
            // A portal framed by another site pays in a tab of its own, which the frame's sign-in does not reach.
            <p role="status" data-testid="paid-elsewhere">
              Back from the payment page. If you paid from a page that shows your account inside it, close this tab: that page shows the
              payment once the provider confirms it.
            </p>
          )}
        </>
      }
      signIn={(apiKey) => client.signIn({ apiKey })}
    />
  );
}

function Portal({
  accountId,
  manageKeys,
  branding,
}: {
  accountId: string;
  manageKeys: boolean;
  branding: ReturnType<typeof useBranding>["data"];
}) {
  const qc = useQueryClient();
  // The remaining budget is on every page and moves while calls are made.
  const balance = useQuery({ queryKey: ["balance"], queryFn: () => client.getBalance(), refetchInterval: 2_000 });
  const signOut = useMutation({ mutationFn: () => client.signOut(), onSuccess: () => qc.invalidateQueries() });
  // A line (no wallet while it is one: its payer pays) and a payer of lines are shown as such from the first paint.
  const line = useQuery(ownLineQuery(accountId));
  const lines = useQuery(linesQuery(accountId));
  const wallets = balance.data?.balances ?? [];
  // The header and every view wait for the balance: the header drawn without it would grow when it arrives.
  if (balance.isPending || line.isPending || lines.isPending) return <Loading />;
  const ownLine = line.data ?? undefined;
  const currency = wallets[0]?.currency ?? ownLine?.currency ?? "USD";
  const views = VIEWS.filter((v) =>
    v.href === "/top-up" ? ownLine === undefined : v.href !== "/lines" || (lines.data?.items.length ?? 0) > 0,
  );
  return (
    <>
      <header className="top branded">
        <Brand branding={branding} />
        <h1>Your account</h1>
        <div aria-live="polite" data-testid="balance">
          {/* A line's own wallet (kept from before it joined) pays for nothing while it is a line: not shown. */}
          {ownLine !== undefined && <LineBalance line={ownLine} />}
          {ownLine === undefined &&
            balance.data?.balances.map((w) => (
              <div key={w.walletId} className="balance">
                <Money micros={w.available} currency={w.currency} /> <small>available</small>
                {w.reserved > 0 && (
                  <small>
                    {" · "}
                    <Money micros={w.reserved} currency={w.currency} /> reserved
                  </small>
                )}
                {w.creditLimit > 0 && <small> · credit limit {unitPrice(w.creditLimit, w.currency)}</small>}
              </div>
            ))}
        </div>
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <Tabs label="Your account" tabs={views} />
      <main>
        <Switch>
          <Route path="/">
            <View app={APP} title="Overview">
              <OverviewReady accountId={accountId}>
                {/* A line's plan has no recurring fee, and its payer answers for it: no subscription to show or change. */}
                {ownLine !== undefined ? <OwnLine line={ownLine} /> : <SubscriptionCard accountId={accountId} />}
                <Usage />
                <Limits accountId={accountId} />
                <Bundles accountId={accountId} />
                <Grants
                  grants={
                    ownLine !== undefined
                      ? []
                      : (balance.data?.balances.flatMap((w) => w.grants.map((g) => ({ ...g, currency: w.currency }))) ?? [])
                  }
                />
              </OverviewReady>
            </View>
          </Route>
          <Route path="/bundles">
            <View app={APP} title="Bundles">
              {/* A line's payer pays for it: the line has no wallet of its own to buy with. */}
              {ownLine === undefined ? (
                <BundlesAndPacksReady accountId={accountId}>
                  <Bundles accountId={accountId} empty="No bundles now: buy a pack, and its units are listed here." />
                  <BuyPacks accountId={accountId} currency={currency} />
                  <PackPurchases accountId={accountId} returnedFrom={returnedFrom} />
                </BundlesAndPacksReady>
              ) : (
                <BundlesReady accountId={accountId}>
                  <Bundles accountId={accountId} empty="No bundles now." />
                </BundlesReady>
              )}
            </View>
          </Route>
          <Route path="/lines">
            <View app={APP} title="Lines">
              <PayerLines accountId={accountId} />
            </View>
          </Route>
          <Route path="/top-up">
            <View app={APP} title="Top up">
              {ownLine !== undefined ? (
                <PaidByPayer line={ownLine} />
              ) : (
                <TopUpReady accountId={accountId} wallets={wallets}>
                  <TopUp accountId={accountId} currency={currency} returnedFrom={returnedFrom} />
                  {wallets.map((w) => (
                    <AutoRecharge key={w.walletId} accountId={accountId} wallet={w} />
                  ))}
                  <KeptCards accountId={accountId} wallets={wallets} />
                </TopUpReady>
              )}
            </View>
          </Route>
          <Route path="/transactions">
            <View app={APP} title="Transactions">
              <Transactions line={ownLine !== undefined} />
            </View>
          </Route>
          <Route path="/invoices">
            <View app={APP} title="Invoices">
              <Invoices accountId={accountId} />
            </View>
          </Route>
          <Route path="/invoices/:invoiceId">
            {({ invoiceId }) => <PortalInvoice key={invoiceId} accountId={accountId} invoiceId={invoiceId} returnedFrom={returnedFrom} />}
          </Route>
          <Route path="/keys">
            <View app={APP} title="API keys">
              <Keys accountId={accountId} currency={currency} manage={manageKeys} />
            </View>
          </Route>
          <Route path="/notifications">
            <View app={APP} title="Notifications">
              <Notifications accountId={accountId} currency={currency} line={ownLine !== undefined} />
            </View>
          </Route>
          <Route>
            <NotFound home="your account's overview" />
          </Route>
        </Switch>
      </main>
    </>
  );
}

/** The portal's views, each at its own address under /portal/. */
const VIEWS = [
  { href: "/", label: "Overview" },
  { href: "/bundles", label: "Bundles" },
  { href: "/lines", label: "Lines" },
  { href: "/top-up", label: "Top up" },
  { href: "/transactions", label: "Transactions" },
  { href: "/invoices", label: "Invoices" },
  { href: "/keys", label: "API keys" },
  { href: "/notifications", label: "Notifications" },
];

/** The account's spend per day and product over the last 30 days (to the next whole hour), read again every 30 s. */
function usageQuery() {
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  return {
    range: { from, to },
    options: {
      queryKey: ["usage"],
      queryFn: () =>
        client.getUsageReport({ from: from.toISOString(), to: to.toISOString(), bucket: "day", groupBy: "product", timeZone: "UTC" }),
      refetchInterval: 30_000,
    },
  };
}

/**
 * The overview is drawn once its cards' data has arrived: a card shown empty and filled later (or dropped, an
 * account without a subscription) would move the cards after it in the grid.
 */
function OverviewReady({ accountId, children }: { accountId: string; children: ReactNode }) {
  const waiting = [
    useQuery(subscriptionQuery(accountId)),
    useSelfServicePlans(accountId),
    useQuery(usageQuery().options),
    useQuery(limitsQuery(accountId)),
    useQuery(bundlesQuery(accountId)),
    useQuery(notificationSettingsQuery(accountId)),
  ].some((q) => q.isPending);
  return waiting ? <Loading /> : <>{children}</>;
}

/** The Bundles view's bundles, drawn once they and the percentages that say one runs low have arrived. */
/** Whether the bundles, and the settings that say when one runs low, are still on their way. */
function useBundlesPending(accountId: string): boolean {
  return [useQuery(bundlesQuery(accountId)), useQuery(notificationSettingsQuery(accountId))].some((q) => q.isPending);
}

function BundlesReady({ accountId, children }: { accountId: string; children: ReactNode }) {
  return useBundlesPending(accountId) ? <Loading /> : <>{children}</>;
}

/** The Bundles view of an account that buys its own packs: drawn once the bundles and the packs' cards are in, asked at once. */
function BundlesAndPacksReady({ accountId, children }: { accountId: string; children: ReactNode }) {
  const bundles = useBundlesPending(accountId);
  const packs = usePacksPending(accountId);
  return bundles || packs ? <Loading /> : <>{children}</>;
}

function Usage() {
  const {
    range: { from, to },
    options,
  } = usageQuery();
  const report = useQuery(options);
  const currency = report.data?.totals[0]?.currency ?? "USD";
  const days = dayStarts(from.toISOString(), to.toISOString());
  const chart = report.data ? seriesOf(report.data.rows, (r) => r.amount, days) : undefined;
  return (
    <Section title="Usage, last 30 days">
      {report.isPending && <Loading />}
      <ProblemText error={report.error} />
      {chart && chart.times.length > 0 && (
        <TimeChart title="Spend per day, by product" times={chart.times} series={chart.series} format={(v) => money(v, currency)} />
      )}
      {report.data?.groups.length === 0 && (
        <Empty>No usage in the last 30 days yet: what your calls spend is shown here by product, shortly after they are made.</Empty>
      )}
      {report.data !== undefined && report.data.groups.length > 0 && (
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
                <td className="num">
                  <Money micros={g.amount} currency={g.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <Router base="/portal">
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
