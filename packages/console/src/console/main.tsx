import { QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateError, type Role } from "@tollgate/sdk";
import { StrictMode, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { Loading, ProblemText, SignInForm } from "../shared/ui.js";
import { Accounts } from "./accounts.js";
import { Plans, Vouchers } from "./catalog.js";
import { admin, queries } from "./client.js";
import { Dashboard } from "./dashboard.js";
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

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
