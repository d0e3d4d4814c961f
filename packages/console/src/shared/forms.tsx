import { TollgateError } from "@tollgate/sdk";
import { cloneElement, useId, type ReactElement, type ReactNode } from "react";
import { inWords } from "./problem-words.js";
import { ProblemText } from "./ui.js";

/** A mistake the page finds before asking the API, tied to the field it is about (the API's pointer for it). */
export class InputError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

/** A count typed in a form ("1,000" too), at least `min`; else an InputError on `pointer` saying so. */
export function wholeNumber(text: string, pointer: string, what: string, min: number): number {
  const n = Number(text.replace(/[\s,]/g, ""));
  if (text.trim() === "" || !Number.isInteger(n) || n < min)
    throw new InputError(pointer, `Enter ${what} as a whole number of at least ${min}.`);
  return n;
}

/**
 * What went wrong with a form, field by field: the API's `errors[].pointer` (or an `InputError`'s) mapped to
 * the form's fields, each said in words by its label; `labels` names the fields the form has.
 */
export function fieldProblems(
  error: unknown,
  labels: Record<string, string>,
): { at: (pointer: string) => string | undefined; shown: string[] } {
  const said = new Map<string, string>();
  if (error instanceof InputError) said.set(error.pointer, error.message);
  const problem = error instanceof TollgateError ? error.problem : undefined;
  for (const f of (problem as { errors?: { pointer: string; message: string }[] } | undefined)?.errors ?? []) {
    const label = labels[f.pointer];
    if (label !== undefined && !said.has(f.pointer)) said.set(f.pointer, inWords(label, f.message));
  }
  return { at: (pointer) => said.get(pointer), shown: [...said.keys()] };
}

/** The form's problem as a whole (what the API said, and fields it has no place for); fields speak for themselves. */
export function FormProblem({ error, shown }: { error: unknown; shown: string[] }) {
  if (error instanceof InputError) return null;
  return <ProblemText error={error} shown={shown} />;
}

/** A labelled input with its problem, in words, right under it (and read out with it: aria-describedby). */
export function Field({
  label,
  problem,
  hint,
  children,
}: {
  label: ReactNode;
  problem?: string | undefined;
  hint?: string;
  children: ReactElement;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ");
  return (
    <label className={problem ? "field invalid" : "field"}>
      {label}
      {cloneElement(children as ReactElement<Record<string, unknown>>, {
        "aria-invalid": problem ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-problem">
          {problem}
        </span>
      )}
    </label>
  );
}

/** What an action did, said where it was taken (a live region: screen readers read it out). */
export function Done({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false) return null;
  return (
    <p role="status" className="ok">
      {children}
    </p>
  );
}
