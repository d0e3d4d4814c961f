import { TollgateError } from "@tollgate/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { exactMoney, money } from "./money.js";

/** A problem from the API, said plainly, with each invalid field when the API named them. */
export function ProblemText({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const problem = error instanceof TollgateError ? error.problem : undefined;
  const fields = (problem as { errors?: { pointer: string; message: string }[] } | undefined)?.errors ?? [];
  return (
    <div role="alert" className="problem">
      <p>{problem?.detail ?? problem?.title ?? (error as Error).message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.pointer}>
              <code>{f.pointer}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Section(props: { title: string; children: ReactNode; id?: string }) {
  // An id of React's own: a title ("Top up") has spaces, and an id with a space names no element, so the
  // section had no accessible name.
  const titleId = `${useId()}-title`;
  return (
    <section aria-labelledby={titleId} className="card" {...(props.id === undefined ? {} : { id: props.id })}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Loading() {
  return <p aria-live="polite">Loading…</p>;
}

/** The one sign-in form: a secret typed once, traded by `signIn` for an HttpOnly session cookie. */
export function SignInForm(props: { title: string; label: string; notice?: ReactNode; signIn: (secret: string) => Promise<unknown> }) {
  const qc = useQueryClient();
  const [secret, setSecret] = useState("");
  const signIn = useMutation({ mutationFn: () => props.signIn(secret), onSuccess: () => qc.invalidateQueries() });
  return (
    <main>
      <section className="card signin" aria-labelledby="signin-title">
        <h1 id="signin-title">{props.title}</h1>
        {props.notice}
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            signIn.mutate();
          }}
        >
          <label>
            {props.label}
            <input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} required />
          </label>
          <button className="primary" type="submit">
            Sign in
          </button>
        </form>
        <ProblemText error={signIn.error} />
      </section>
    </main>
  );
}

/** One headline figure. */
export function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** An amount in the currency's minor units, with its exact micros in a tooltip: what a dispute needs. */
export function Money({ micros, currency }: { micros: number; currency: string }) {
  return <span title={exactMoney(micros, currency)}>{money(micros, currency)}</span>;
}
