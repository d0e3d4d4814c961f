import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IncludedBundleInput, Plan } from "@tollgate/sdk";
import { bundleProducts } from "../../shared/bundles.js";
import { useState, type FormEvent } from "react";
import { admin } from "../client.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "../forms.js";

/** One row of the form, as typed. */
interface Row {
  productId: string;
  units: string;
  overage: "charge" | "refuse";
  priority: string;
  recurrence: "period" | "once";
  rolloverCap: string;
}

const FIELDS = {
  productId: "Product",
  units: "Units each period",
  overage: "Beyond its units",
  priority: "Priority",
  recurrence: "Given",
  rolloverCap: "Rollover cap",
} as const;

/** The plan's products, by id, and `default` (what no product matches). */

const rowOf = (b: Plan["includedBundles"][number]): Row => ({
  productId: b.productId,
  units: String(b.units),
  overage: b.overage,
  priority: String(b.priority),
  recurrence: b.recurrence,
  rolloverCap: String(b.rolloverCap),
});

/** A whole number typed in a field, or the field's problem. */
function whole(row: number, field: keyof Row, text: string, min: number): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(n) || n < min)
    throw new InputError(`/bundles/${row}/${field}`, `Enter a whole number${min > 0 ? ` of at least ${min}` : ", 0 or more"}.`);
  return n;
}

/**
 * The bundles a plan includes (PUT /v1/plans/{id}/included-bundles, owners and admins): per product, the units
 * each account is given for each period (or once), what happens beyond them, and how many of those left at a
 * period's end roll over into the next. Saving replaces the list; it applies from each account's next period
 * (docs/concepts/bundles.md).
 */
export function IncludedBundlesEditor({ plan }: { plan: Plan }) {
  const qc = useQueryClient();
  const products = bundleProducts(plan.catalog);
  const [rows, setRows] = useState<Row[]>(() => plan.includedBundles.map(rowOf));
  const set = (i: number, change: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const input = (): IncludedBundleInput[] =>
    rows.map((r, i) => {
      const units = whole(i, "units", r.units, 1);
      const rolloverCap = whole(i, "rolloverCap", r.rolloverCap, 0);
      if (rolloverCap > units) throw new InputError(`/bundles/${i}/rolloverCap`, "At most the units each period.");
      return {
        productId: r.productId,
        units,
        overage: r.overage,
        priority: whole(i, "priority", r.priority, 0),
        recurrence: r.recurrence,
        rolloverCap,
      };
    });
  const save = useMutation({
    mutationFn: () => admin.setIncludedBundles(plan.id, input()),
    onSuccess: (saved) => {
      qc.setQueryData(["plans", plan.id], saved);
      void qc.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const labels: Record<string, string> = {};
  rows.forEach((_, i) => {
    for (const [field, label] of Object.entries(FIELDS)) labels[`/bundles/${i}/${field}`] = `${label} (bundle ${i + 1})`;
  });
  const problems = fieldProblems(save.error, labels);
  const at = (i: number, field: keyof Row) => problems.at(`/bundles/${i}/${field}`);
  const unused = products.find((p) => !rows.some((r) => r.productId === p));
  return (
    <>
      <form
        aria-label={`Included bundles of ${plan.name}`}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {rows.length === 0 && <p className="hint">None: accounts on this plan pay every unit in money.</p>}
        {rows.map((r, i) => (
          <fieldset key={i} className="grid-form">
            <legend>Bundle {i + 1}</legend>
            <Field label={FIELDS.productId} problem={at(i, "productId")}>
              <select value={r.productId} onChange={(e) => set(i, { productId: e.target.value })}>
                {products.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={FIELDS.units} problem={at(i, "units")}>
              <input inputMode="numeric" value={r.units} onChange={(e) => set(i, { units: e.target.value })} size={10} />
            </Field>
            <Field label={FIELDS.overage} problem={at(i, "overage")}>
              <select value={r.overage} onChange={(e) => set(i, { overage: e.target.value as Row["overage"] })}>
                <option value="charge">charged at the plan's price</option>
                <option value="refuse">refused (402)</option>
              </select>
            </Field>
            <Field label={FIELDS.priority} problem={at(i, "priority")} hint="Lowest is used first.">
              <input inputMode="numeric" value={r.priority} onChange={(e) => set(i, { priority: e.target.value })} size={5} />
            </Field>
            <Field label={FIELDS.recurrence} problem={at(i, "recurrence")}>
              <select value={r.recurrence} onChange={(e) => set(i, { recurrence: e.target.value as Row["recurrence"] })}>
                <option value="period">every period</option>
                <option value="once">the first period only</option>
              </select>
            </Field>
            <Field
              label={FIELDS.rolloverCap}
              problem={at(i, "rolloverCap")}
              hint="Units left at a period's end carried into the next, at most (0: none)."
            >
              <input inputMode="numeric" value={r.rolloverCap} onChange={(e) => set(i, { rolloverCap: e.target.value })} size={10} />
            </Field>
            <div className="actions">
              <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                Remove bundle {i + 1}
              </button>
            </div>
          </fieldset>
        ))}
        <div className="actions">
          {unused !== undefined && (
            <button
              type="button"
              onClick={() =>
                setRows([
                  ...rows,
                  { productId: unused, units: "", overage: "charge", priority: "0", recurrence: "period", rolloverCap: "0" },
                ])
              }
            >
              Add an included bundle
            </button>
          )}
          <button type="submit" className="primary" disabled={save.isPending}>
            Save included bundles
          </button>
        </div>
      </form>
      <FormProblem error={save.error} shown={problems.shown} />
      <Done>{save.isSuccess && "Saved: accounts on the plan get these from their next period; bundles already given stay."}</Done>
    </>
  );
}
