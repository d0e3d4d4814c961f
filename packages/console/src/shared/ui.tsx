import { TollgateError } from "@tollgate/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { exactMoney, money } from "./money.js";
import type { Pages } from "./paging.js";
import { useTitle } from "./url.js";
import { inWords, labelOf } from "./problem-words.js";

/**
 * A problem from the API, said plainly, with each invalid field in words (never the validator's own text);
 * `shown`: the fields a form already says next to themselves, left out here.
 */
export function ProblemText({ error, shown = [] }: { error: unknown; shown?: readonly string[] }) {
  if (error === null || error === undefined) return null;
  const problem = error instanceof TollgateError ? error.problem : undefined;
  const fields = ((problem as { errors?: { pointer: string; message: string }[] } | undefined)?.errors ?? []).filter(
    (f) => !shown.includes(f.pointer),
  );
  return (
    <div role="alert" className="problem">
      <p>{problem?.detail ?? problem?.title ?? (error as Error).message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.pointer}>{inWords(labelOf(f.pointer), f.message)}</li>
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
export function SignInForm(props: {
  title: string;
  label: string;
  notice?: ReactNode;
  /** Above the title: the provider's logo (the portal). */
  brand?: ReactNode;
  signIn: (secret: string) => Promise<unknown>;
}) {
  const qc = useQueryClient();
  const [secret, setSecret] = useState("");
  const signIn = useMutation({ mutationFn: () => props.signIn(secret), onSuccess: () => qc.invalidateQueries() });
  return (
    <main>
      <section className="card signin" aria-labelledby="signin-title">
        {props.brand}
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

/**
 * Moves through a list the API pages by cursor: "Newer" and "Older" ("Earlier" and "Later" for a list given
 * oldest first), named after what they show ("Older invoices"), so that a screen reader tells two lists'
 * buttons apart. Shows nothing when one page holds it all.
 */
export function Pager({ pages, what, order = "newest" }: { pages: Pages<unknown>; what: string; order?: "newest" | "oldest" }) {
  if (pages.newer === undefined && pages.older === undefined) return null;
  // A list the API gives oldest first (keys, users, tokens) goes back to earlier items and on to later ones.
  const [back, on] = order === "newest" ? ["Newer", "Older"] : ["Earlier", "Later"];
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <button type="button" onClick={pages.newer} disabled={pages.newer === undefined} aria-label={`${back} ${what}`}>
        ← {back}
      </button>
      <span>Page {pages.number}</span>
      <button type="button" onClick={pages.older} disabled={pages.older === undefined} aria-label={`${on} ${what}`}>
        {on} →
      </button>
    </nav>
  );
}

/** What an empty list means, and what to do next. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** The views of a page, as links: the one shown is marked as the current page. */
export function Tabs({ label, tabs }: { label: string; tabs: { href: string; label: string }[] }) {
  const [location] = useLocation();
  const current = (href: string) => (href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`));
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={current(t.href) ? "page" : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** An address under the page that names no view (an old link, a typo). */
export function NotFound({ home }: { home: string }) {
  return (
    <Section title="Page not found">
      <p>
        Nothing is at this address. <Link href="/">Go to {home}</Link>.
      </p>
    </Section>
  );
}

/** Where a view sits: links back up to the lists it came from. */
export function Trail({ steps }: { steps: { href: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="trail">
      {steps.map((s, i) => (
        <span key={s.href}>
          {i > 0 && " › "}
          <Link href={s.href}>{s.label}</Link>
        </span>
      ))}
    </nav>
  );
}

/** An object the address names but the API does not know (a 404): said so, with the way back; other errors as they are. */
export function NotFoundOr({ error, what, back }: { error: unknown; what: string; back: { href: string; label: string } }) {
  if (!(error instanceof TollgateError && error.status === 404)) return <ProblemText error={error} />;
  return (
    <Section title={`No such ${what}`}>
      <p>
        Nothing is at this address: the {what} may have been mistyped in the link. <Link href={back.href}>{back.label}</Link>.
      </p>
    </Section>
  );
}

/** One view of an app (the portal's "Your account", the console): its name in the browser's tab and history. */
export function View({ title, app, children }: { title: string; app: string; children: ReactNode }) {
  useTitle(title, app);
  return <>{children}</>;
}
