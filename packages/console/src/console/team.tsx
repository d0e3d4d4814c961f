import { endOfDay } from "../shared/money.js";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role, StaffToken, StaffUser } from "@tollgate/sdk";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ShownOnce } from "../shared/copy.js";
import { Confirm } from "../shared/confirm.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { Link } from "wouter";
import { admin } from "./client.js";

export const ROLES: Role[] = ["owner", "admin", "finance", "support", "viewer"];

const ROLE_HELP: Record<Role, string> = {
  owner: "everything, and users",
  admin: "catalog, accounts, keys, money",
  finance: "money, invoices, reports, audit",
  support: "read; suspend and resume",
  viewer: "read only",
};

const day = (iso: string | undefined) => (iso === undefined ? "—" : new Date(iso).toISOString().slice(0, 10));

/** Owners: the staff users, their roles and status, and a form to add one. */
export function Users({ open }: { open?: string | undefined }) {
  const qc = useQueryClient();
  const users = usePages(["users"], (cursor) => admin.listUsers(pageQuery(cursor, 25)));
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");
  const create = useMutation({
    mutationFn: () => admin.createUser({ email, name, role, password }),
    onSuccess: () => {
      setEmail("");
      setName("");
      setPassword("");
      return qc.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const change = useMutation({
    mutationFn: (c: { userId: string; role?: Role; status?: "active" | "disabled" }) =>
      admin.updateUser(c.userId, { ...(c.role ? { role: c.role } : {}), ...(c.status ? { status: c.status } : {}) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
  return (
    <Section title="Users">
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Since</th>
            <th>Tokens</th>
          </tr>
        </thead>
        <tbody>
          {users.items?.map((u: StaffUser) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <RoleChange user={u} onChange={(r) => change.mutate({ userId: u.id, role: r })} />
              </td>
              <td>
                {u.status}{" "}
                <button
                  type="button"
                  onClick={() => change.mutate({ userId: u.id, status: u.status === "active" ? "disabled" : "active" })}
                  aria-label={`${u.status === "active" ? "Disable" : "Enable"} ${u.email}`}
                >
                  {u.status === "active" ? "Disable" : "Enable"}
                </button>
              </td>
              <td>{day(u.createdAt)}</td>
              <td>
                {/* Each user's tokens have their own address: /console/team/users/<id>. */}
                <Link
                  href={open === u.id ? "/team" : `/team/users/${u.id}`}
                  aria-label={`${open === u.id ? "Hide" : "Show"} ${u.name}'s tokens`}
                >
                  {open === u.id ? "Hide" : "Show"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {users.items?.length === 0 && (
        <Empty>No staff users yet (you signed in with a bootstrap token): add the first owner below, then sign in as them.</Empty>
      )}
      <Pager pages={users} what="users" order="oldest" />
      <ProblemText error={users.error ?? change.error} />
      {open !== undefined && <UserTokens userId={open} user={users.items?.find((u) => u.id === open)} />}
      <form
        aria-label="Add a user"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r} ({ROLE_HELP[r]})
              </option>
            ))}
          </select>
        </label>
        <label>
          First password
          <input
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button className="primary" type="submit">
          Add user
        </button>
      </form>
      <ProblemText error={create.error} />
    </Section>
  );
}

/**
 * A user's role, changed only once confirmed in the page: picking another role asks first (what the role may
 * do, and that it applies from their next request); "Keep …" puts the select back.
 */
function RoleChange({ user, onChange }: { user: StaffUser; onChange: (role: Role) => void }) {
  const [wanted, setWanted] = useState<Role | undefined>();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (wanted !== undefined) yes.current?.focus();
  }, [wanted]);
  return (
    <>
      <select
        aria-label={`Role of ${user.email}`}
        value={wanted ?? user.role}
        onChange={(e) => setWanted(e.target.value === user.role ? undefined : (e.target.value as Role))}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {wanted !== undefined && (
        <div role="group" aria-label={`Change the role of ${user.email}`} className="ask">
          <p>
            Make {user.name} {wanted === "admin" || wanted === "owner" ? "an" : "a"} {wanted} ({ROLE_HELP[wanted]}) instead of {user.role}?
            It applies from their next request.
          </p>
          <button
            ref={yes}
            type="button"
            className="danger"
            onClick={() => {
              setWanted(undefined);
              onChange(wanted);
            }}
          >
            Make {wanted}
          </button>
          <button type="button" onClick={() => setWanted(undefined)}>
            Keep {user.role}
          </button>
        </div>
      )}
    </>
  );
}

/** An owner's look at one user's tokens, to revoke any of them. */
function UserTokens({ userId, user: listed }: { userId: string; user: StaffUser | undefined }) {
  const qc = useQueryClient();
  // A user on another page of the list (a link to their tokens) is read on their own.
  const fetched = useQuery({ queryKey: ["users", userId], queryFn: () => admin.getUser(userId), enabled: listed === undefined });
  const user = listed ?? fetched.data;
  const tokens = usePages(["user-tokens", user?.id], (cursor) => admin.listUserTokens(user!.id, pageQuery(cursor, 25)), {
    enabled: user !== undefined,
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => admin.revokeUserToken(user!.id, tokenId),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["user-tokens", user?.id] }),
  });
  if (user === undefined) return null;
  return (
    <>
      <TokenTable
        caption={`${user.name}'s tokens`}
        tokens={tokens.items ?? []}
        question={(t) => `Revoke ${user.name}'s token "${t.name}"? It stops working at once.`}
        onRevoke={(t) => revoke.mutate(t.id)}
      />
      <Pager pages={tokens} what={`${user.name}'s tokens`} order="oldest" />
      <ProblemText error={tokens.error ?? revoke.error} />
    </>
  );
}

const live = (t: StaffToken) => t.revokedAt === undefined && (t.expiresAt === undefined || Date.parse(t.expiresAt) > Date.now());

/** Tokens with their state; a live one can be revoked, once confirmed in the page. */
function TokenTable({
  caption,
  tokens,
  question,
  onRevoke,
}: {
  caption: string;
  tokens: StaffToken[];
  question: (t: StaffToken) => string;
  onRevoke: (t: StaffToken) => void;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>Name</th>
          <th>Role</th>
          <th>Created</th>
          <th>Expires</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <td>{t.name}</td>
            <td>{t.role}</td>
            <td>{day(t.createdAt)}</td>
            <td>{day(t.expiresAt)}</td>
            <td>
              {live(t) ? (
                <Confirm
                  label="Revoke"
                  name={`Revoke ${t.name}`}
                  question={question(t)}
                  confirm="Revoke the token"
                  onConfirm={() => onRevoke(t)}
                />
              ) : t.revokedAt ? (
                "revoked"
              ) : (
                "expired"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The signed-in user's API tokens: create one (its secret shown once), revoke one. */
export function MyTokens({ role }: { role: Role }) {
  const qc = useQueryClient();
  const tokens = usePages(["my-tokens"], (cursor) => admin.listMyTokens(pageQuery(cursor, 25)));
  const [name, setName] = useState("");
  const [tokenRole, setTokenRole] = useState<Role>(role);
  const [expires, setExpires] = useState("");
  const create = useMutation({
    mutationFn: () => admin.createMyToken({ name, role: tokenRole, ...(expires ? { expiresAt: endOfDay(expires) } : {}) }),
    onSuccess: () => {
      setName("");
      return qc.invalidateQueries({ queryKey: ["my-tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => admin.revokeMyToken(tokenId),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["my-tokens"] }),
  });
  return (
    <Section title="Your API tokens">
      <TokenTable
        caption="Your tokens"
        tokens={tokens.items ?? []}
        question={(t) => `Revoke the token "${t.name}"? It stops working at once.`}
        onRevoke={(t) => revoke.mutate(t.id)}
      />
      <Pager pages={tokens} what="your tokens" order="oldest" />
      <ProblemText error={tokens.error ?? revoke.error} />
      <form
        aria-label="Create a token"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required placeholder="e.g. nightly export" />
        </label>
        <label>
          Role
          <select value={tokenRole} onChange={(e) => setTokenRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires (optional)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <button className="primary" type="submit">
          Create token
        </button>
      </form>
      <ProblemText error={create.error} />
      {create.data && (
        <ShownOnce label="Token" value={create.data.secret} testId="token-secret">
          Token <strong>{create.data.token.name}</strong> created.
        </ShownOnce>
      )}
    </Section>
  );
}
