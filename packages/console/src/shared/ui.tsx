import { TollgateError } from "@tollgate/sdk";
import type { ReactNode } from "react";

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
  return (
    <section aria-labelledby={`${props.id ?? props.title}-title`} className="card">
      <h2 id={`${props.id ?? props.title}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Loading() {
  return <p aria-live="polite">Loading…</p>;
}
