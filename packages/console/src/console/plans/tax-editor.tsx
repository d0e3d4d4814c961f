import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Plan, PlanTaxInput } from "@tollgate/sdk";
import { catalogProducts } from "../../shared/bundles.js";
import { useState, type FormEvent } from "react";
import { admin } from "../client.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "../forms.js";

const LABELS = { "/inclusive": "Prices", "/category": "Tax category" } as const;
const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const CATEGORY_WORDS = "lowercase letters, digits, _ and -, such as standard or ebooks";

/** The plan's products, by id: the categories below name them. */

/**
 * How a plan's prices meet tax (PUT /v1/plans/{id}/tax, owners, admins and finance): exclusive or inclusive, the
 * tax category of its products, fees and seats, and products in another category (empty: the plan's). Applies to
 * documents finalized from then on; an issued one keeps its tax (docs/concepts/taxes.md).
 */
export function TaxEditor({ plan }: { plan: Plan }) {
  const qc = useQueryClient();
  const products = catalogProducts(plan.catalog);
  const [inclusive, setInclusive] = useState(plan.tax.inclusive);
  const [category, setCategory] = useState(plan.tax.category);
  const [own, setOwn] = useState<Record<string, string>>(() => Object.fromEntries(plan.tax.products.map((p) => [p.productId, p.category])));
  // The products sent with their own category, in the order sent: the API's pointers (/products/0/category) index it.
  const [sent, setSent] = useState<string[]>([]);
  const at = (productId: string) => `/products/${sent.indexOf(productId)}/category`;
  const input = (): PlanTaxInput => {
    const listed = products
      .map((productId) => ({ productId, category: (own[productId] ?? "").trim() }))
      .filter((p) => p.category !== "" && p.category !== category.trim());
    setSent(listed.map((p) => p.productId));
    if (!CATEGORY.test(category.trim())) throw new InputError("/category", `Write the tax category in ${CATEGORY_WORDS}.`);
    for (const [i, p] of listed.entries()) {
      if (!CATEGORY.test(p.category)) throw new InputError(`/products/${i}/category`, `Write the category in ${CATEGORY_WORDS}.`);
    }
    return { inclusive, category: category.trim(), products: listed };
  };
  const save = useMutation({
    mutationFn: () => admin.setPlanTax(plan.id, input()),
    onSuccess: (saved) => {
      qc.setQueryData(["plans", plan.id], saved);
      void qc.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const labels: Record<string, string> = { ...LABELS };
  for (const p of sent) labels[at(p)] = `Category of ${p}`;
  const problems = fieldProblems(save.error, labels);
  return (
    <>
      <form
        aria-label={`Tax settings of ${plan.name}`}
        className="grid-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field
          label={LABELS["/inclusive"]}
          problem={problems.at("/inclusive")}
          hint={
            inclusive
              ? `Documents take the tax out of the prices: 100.00 ${plan.currency} at 23% is 81.30 and 18.70 of tax.`
              : `Documents add the tax to the prices: 100.00 ${plan.currency} at 23% is 123.00 to pay.`
          }
        >
          <select value={inclusive ? "inclusive" : "exclusive"} onChange={(e) => setInclusive(e.target.value === "inclusive")}>
            <option value="exclusive">exclusive of tax</option>
            <option value="inclusive">inclusive of tax</option>
          </select>
        </Field>
        <Field
          label={LABELS["/category"]}
          problem={problems.at("/category")}
          hint="Of its products, fees and seats: standard, unless taxed otherwise."
        >
          <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={40} autoComplete="off" />
        </Field>
        {products.map((p) => (
          <Field
            key={p}
            label={`Category of ${p}`}
            problem={sent.includes(p) ? problems.at(at(p)) : undefined}
            hint="Empty: the plan's category."
          >
            <input
              value={own[p] ?? ""}
              onChange={(e) => setOwn({ ...own, [p]: e.target.value })}
              maxLength={40}
              autoComplete="off"
              placeholder={category}
            />
          </Field>
        ))}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            Save tax settings
          </button>
        </div>
      </form>
      <FormProblem error={save.error} shown={problems.shown} />
      <Done>{save.isSuccess && "Saved: documents finalized from now on follow it; issued ones keep their tax."}</Done>
    </>
  );
}
