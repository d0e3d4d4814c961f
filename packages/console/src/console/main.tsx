import { QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateError, type Role } from "@tollgate/sdk";
import { StrictMode, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { Loading, NotFound, ProblemText, SignInForm, Tabs, View } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { Route, Router, Switch } from "wouter";
import { AccountDetail, Accounts } from "./accounts.js";
import { BundlePacksPage } from "./bundle-packs.js";
import { Audit } from "./audit.js";
import { InvoiceDetail } from "./invoice.js";
import { Plans } from "./catalog.js";
import { admin, queries } from "./client.js";
import { Dashboard } from "./dashboard.js";
import { IssuerSettings } from "./issuer.js";
import { TaxRatesPage } from "./tax-rates.js";
import { ChartSettings } from "./chart.js";
import { Anomalies, Reports } from "./reports.js";
import { RoleContext } from "./role.js";
import { MyTokens, Users } from "./team.js";
import { VouchersPage } from "./voucher-batches.js";
import { CreditPage } from "./credit.js";
import { WebhooksPage } from "./webhooks.js";
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

/** The console's name in the browser's tab, after each view's. */
const APP = "Tollgate console";

/** The console's sections, each at its own address under /console/; `roles` limits who is offered it. */
const SECTIONS: { href: string; label: string; roles?: readonly Role[]; users?: true }[] = [
  { href: "/", label: "Dashboard" },
  { href: "/accounts", label: "Accounts" },
  { href: "/reports", label: "Reports" },
  { href: "/anomalies", label: "Anomalies" },
  { href: "/plans", label: "Plans" },
  { href: "/bundle-packs", label: "Bundle packs" },
  { href: "/vouchers", label: "Vouchers" },
  { href: "/audit", label: "Audit", roles: ["owner", "admin", "finance"] },
  { href: "/settings/issuer", label: "Issuer profile" },
  { href: "/settings/tax-rates", label: "Tax rates" },
  { href: "/settings/chart", label: "Chart of accounts" },
  { href: "/credit", label: "Credit" },
  { href: "/settings/webhooks", label: "Webhooks", roles: ["owner", "admin"] },
  // Team: owners manage users; every signed-in user manages their own tokens. A bootstrap token has neither.
  { href: "/team", label: "Team", roles: ["owner"], users: true },
];

function Console({ who, role, hasUser }: { who: string; role: Role; hasUser: boolean }) {
  const qc = useQueryClient();
  const sections = SECTIONS.filter((s) => s.roles === undefined || s.roles.includes(role) || (s.users && hasUser));
  const offered = (href: string) => sections.some((s) => s.href === href);
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
      <Tabs label="Sections" tabs={sections} />
      <main>
        <Switch>
          <Route path="/">
            <View app={APP} title="Dashboard">
              <Dashboard />
            </View>
          </Route>
          <Route path="/accounts">
            <View app={APP} title="Accounts">
              <Accounts />
            </View>
          </Route>
          <Route path="/accounts/:accountId">{({ accountId }) => <AccountDetail key={accountId} accountId={accountId} />}</Route>
          <Route path="/accounts/:accountId/invoices/:invoiceId">
            {({ accountId, invoiceId }) => <InvoiceDetail key={invoiceId} accountId={accountId} invoiceId={invoiceId} />}
          </Route>
          <Route path="/reports">
            <View app={APP} title="Reports">
              <Reports />
            </View>
          </Route>
          <Route path="/anomalies">
            <View app={APP} title="Anomalies">
              <Anomalies />
            </View>
          </Route>
          <Route path="/plans">
            <Plans />
          </Route>
          <Route path="/plans/:planId">{({ planId }) => <Plans key={planId} planId={planId} />}</Route>
          <Route path="/bundle-packs">
            <View app={APP} title="Bundle packs">
              <BundlePacksPage />
            </View>
          </Route>
          {offered("/vouchers") && (
            <Route path="/vouchers">
              <View app={APP} title="Vouchers">
                <VouchersPage />
              </View>
            </Route>
          )}
          {offered("/audit") && (
            <Route path="/audit">
              <View app={APP} title="Audit trail">
                <Audit />
              </View>
            </Route>
          )}
          <Route path="/settings/issuer">
            <IssuerSettings />
          </Route>
          <Route path="/settings/chart">
            <ChartSettings />
          </Route>
          <Route path="/settings/tax-rates">
            <View app={APP} title="Tax rates">
              <TaxRatesPage />
            </View>
          </Route>
          <Route path="/credit">
            <View app={APP} title="Credit">
              <CreditPage />
            </View>
          </Route>
          {offered("/settings/webhooks") && (
            <Route path="/settings/webhooks">
              <View app={APP} title="Webhooks">
                <WebhooksPage />
              </View>
            </Route>
          )}
          {offered("/team") && (
            <Route path="/team">
              <Team role={role} hasUser={hasUser} />
            </Route>
          )}
          {offered("/team") && (
            <Route path="/team/users/:userId">{({ userId }) => <Team role={role} hasUser={hasUser} userId={userId} />}</Route>
          )}
          <Route>
            <NotFound home="the dashboard" />
          </Route>
        </Switch>
      </main>
    </RoleContext.Provider>
  );
}

/** Owners manage users (one user's tokens at /team/users/<id>); every signed-in user manages their own tokens. */
function Team({ role, hasUser, userId }: { role: Role; hasUser: boolean; userId?: string }) {
  useTitle("Team", APP);
  return (
    <>
      {role === "owner" && <Users open={userId} />}
      {hasUser && <MyTokens role={role} />}
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <Router base="/console">
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
