import { useMutation } from "@tanstack/react-query";
import type { Line } from "@tollgate/sdk";
import { useState, type FormEvent, type ReactNode } from "react";
import { Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { money, monthName, parseAmount, plainAmount } from "./money.js";
import { Figure, Money } from "./ui.js";

/*
 * Lines of a hierarchy (docs/concepts/hierarchies.md) as the portal and the console show them: each line's
 * monthly limit, what it spent this month of its payer's wallet and what is left, with a meter; and the form
 * that raises, lowers or removes a limit, for the payer's portal and the console alike.
 */

/**
 * What a line spent this month against its limit; nothing to measure when it has none. Less spent is better
 * (`optimum` 0): past half its limit the meter turns amber, past 80% red, as a browser draws a meter's regions.
 */
export function LineMeter({ line }: { line: Line }) {
  if (line.limit === null) return <small>no limit</small>;
  return (
    <meter
      min={0}
      max={line.limit}
      low={line.limit / 2}
      high={line.limit * 0.8}
      optimum={0}
      value={Math.min(line.spent, line.limit)}
      aria-label={`${line.name}: ${money(line.spent, line.currency)} spent of its ${money(line.limit, line.currency)} limit this month`}
    />
  );
}

/** One line's month in figures: its limit, what it spent, what is left, and the meter under them. */
export function LineFigures({ line }: { line: Line }) {
  return (
    <>
      <dl className="figures" data-testid="line-figures">
        <Figure label="Monthly limit" value={line.limit === null ? "none" : <Money micros={line.limit} currency={line.currency} />} />
        <Figure label={`Spent in ${monthName(line.period)}`} value={<Money micros={line.spent} currency={line.currency} />} />
        <Figure label="Left" value={line.left === null ? "no limit" : <Money micros={line.left} currency={line.currency} />} />
      </dl>
      <LineMeter line={line} />
    </>
  );
}

/**
 * Lines in a table, one a row (a card each at phone width): name (`name` draws it, e.g. as a link), limit,
 * spent this month, what is left with its meter; `action`: a last cell per row (a limit form, "Take out").
 */
export function LinesTable(props: {
  label: string;
  lines: Line[];
  name?: (line: Line) => ReactNode;
  action?: { header: string; cell: (line: Line) => ReactNode };
}) {
  return (
    <table aria-label={props.label} className="stack lines">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col" className="num">
            Monthly limit
          </th>
          <th scope="col" className="num">
            Spent this month
          </th>
          <th scope="col">Left</th>
          {props.action && <th scope="col">{props.action.header}</th>}
        </tr>
      </thead>
      <tbody>
        {props.lines.map((l) => (
          <tr key={l.accountId} data-testid={`line-${l.accountId}`}>
            <td data-label="Line">
              {props.name ? props.name(l) : l.name}
              {l.status !== "active" && <small> ({l.status})</small>}
            </td>
            <td data-label="Monthly limit" className="num">
              {l.limit === null ? "none" : <Money micros={l.limit} currency={l.currency} />}
            </td>
            <td data-label="Spent this month" className="num">
              <Money micros={l.spent} currency={l.currency} />
            </td>
            <td data-label="Left" className="left">
              {l.left !== null && <Money micros={l.left} currency={l.currency} />} <LineMeter line={l} />
            </td>
            {props.action && <td>{props.action.cell(l)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELDS = { "/limit": "Monthly limit" };

/**
 * Raise, lower or remove a line's monthly limit (`set`: the portal's or the console's client), from the line's
 * next call. A typed mistake is said next to the field; the API's problem under the form. `payer`: whose money
 * a line without a limit spends, as the reader calls it ("your balance", "its payer's balance").
 */
export function LineLimitForm(props: { line: Line; payer: string; set: (limit: number | null) => Promise<Line>; onSet: () => void }) {
  const { line } = props;
  const [text, setText] = useState(() => (line.limit === null ? "" : plainAmount(line.limit)));
  const change = useMutation({
    mutationFn: (to: "typed" | "none") => {
      if (to === "none") return props.set(null);
      const micros = parseAmount(text);
      if (micros === undefined || micros === 0)
        throw new InputError("/limit", "Enter a limit of at least 0.01, such as 25 or 12.50 (or remove the limit).");
      return props.set(micros);
    },
    onSuccess: (next) => {
      setText(next.limit === null ? "" : plainAmount(next.limit));
      props.onSet();
    },
  });
  const problems = fieldProblems(change.error, FIELDS);
  return (
    <>
      <form
        aria-label={`Limit of ${line.name}`}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          change.mutate("typed");
        }}
      >
        <Field label={`Monthly limit (${line.currency})`} problem={problems.at("/limit")}>
          <input inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} size={8} />
        </Field>
        <button className="primary" type="submit" disabled={change.isPending} aria-label={`Set limit of ${line.name}`}>
          Set limit
        </button>
        {line.limit !== null && (
          <button
            type="button"
            disabled={change.isPending}
            onClick={() => change.mutate("none")}
            aria-label={`Remove limit of ${line.name}`}
          >
            Remove limit
          </button>
        )}
      </form>
      <FormProblem error={change.error} shown={problems.shown} />
      <Done>
        {change.data &&
          (change.data.limit === null
            ? `${change.data.name} has no limit now: it may spend all of ${props.payer}.`
            : `${change.data.name} may now spend ${money(change.data.limit, change.data.currency)} a month, from its next call.`)}
      </Done>
    </>
  );
}
