import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Plan } from "@tollgate/sdk";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useSearch } from "wouter";
import { endOfDay, money, parseAmount } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, NotFoundOr, Pager, ProblemText, Section, Trail } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { admin } from "./client.js";
import { CatalogEditor } from "./plans/catalog-editor.js";
import { catalogInput } from "./plans/draft.js";
import { NewPlan } from "./plans/new-plan.js";
import { RecurringEditor, RemoveRecurring } from "./plans/recurring.js";
import { IncludedBundlesEditor } from "./plans/included-bundles.js";
import { PlanSummary } from "./plans/summary.js";
import { TaxEditor } from "./plans/tax-editor.js";
import { useMay } from "./role.js";

/** Every plan (at /console/plans), one (at /console/plans/<id>), or a new one (at /console/plans/new). */
export function Plans({ planId }: { planId?: string }) {
  if (planId === "new") return <NewPlan />;
  if (planId !== undefined) return <PlanPage planId={planId} />;
  return <PlanList />;
}

function PlanList() {
  const mayEdit = useMay("manage");
  const plans = usePages(["plans"], (cursor) => admin.listPlans(pageQuery(cursor, 25)));
  const [editing, setEditing] = useState<string>();
  useTitle("Plans", "Tollgate console");
  return (
    <>
      {mayEdit && (
        <p className="wide">
          <Link href="/plans/new" className="button primary">
            New plan
          </Link>
        </p>
      )}
      {plans.items?.length === 0 && (
        <Section title="Plans">
          <Empty>
            No plans yet: {mayEdit ? "create one with New plan (its products, prices and quotas)." : "an owner or admin creates them."}
          </Empty>
        </Section>
      )}
      {plans.items?.map((p) => (
        <Section key={p.id} title={`${p.name} (${p.currency})`} id={`plan-${p.id}`}>
          <p>
            <Link href={`/plans/${p.id}`}>
              <code>{p.id}</code>
            </Link>{" "}
            {mayEdit && editing !== p.id && (
              <button type="button" onClick={() => setEditing(p.id)}>
                Edit catalog
              </button>
            )}
          </p>
          <PlanSummary plan={p} />
          {mayEdit && <RecurringEditor plan={p} />}
          {editing === p.id && (
            <>
              <p className="hint">
                The catalog as JSON; <Link href={`/plans/${p.id}`}>the plan's page</Link> edits it through a form per product.
              </p>
              <PlanEditor plan={p} view="json" onClose={() => setEditing(undefined)} />
            </>
          )}
        </Section>
      ))}
      <Pager pages={plans} what="plans" />
      <ProblemText error={plans.error} />
    </>
  );
}

function PlanPage({ planId }: { planId: string }) {
  const mayEdit = useMay("manage");
  // Owners, admins and finance set how its prices meet tax.
  const mayTax = useMay("money");
  const plan = useQuery({ queryKey: ["plans", planId], queryFn: () => admin.getPlan(planId) });
  const created = new URLSearchParams(useSearch()).has("created");
  const p = plan.data;
  useTitle(p?.name ?? "Plan", "Tollgate console");
  return (
    <>
      <Trail
        steps={[
          { href: "/plans", label: "Plans" },
          { href: `/plans/${planId}`, label: p?.name ?? planId },
        ]}
      />
      {plan.error && <NotFoundOr error={plan.error} what="plan" back={{ href: "/plans", label: "See every plan" }} />}
      {p && (
        <Section title={`${p.name} (${p.currency})`} id={`plan-${p.id}`}>
          <p>
            <code>{p.id}</code>
          </p>
          {created && (
            <p role="status" className="ok">
              Plan created: accounts can be put on it now.
            </p>
          )}
          <PlanSummary plan={p} />
          {mayEdit && (
            <>
              <h3>Recurring fee</h3>
              <RecurringEditor plan={p} />
              {p.recurring && <RemoveRecurring plan={p} />}
              <h3>Included bundles</h3>
              <IncludedBundlesEditor plan={p} />
              <h3>Edit the catalog</h3>
              <PlanEditor plan={p} view="form" />
            </>
          )}
          {mayTax && (
            <>
              <h3>Tax</h3>
              <TaxEditor plan={p} />
            </>
          )}
        </Section>
      )}
    </>
  );
}

/** A saved plan's catalog in the editor: saving replaces it whole (PUT …/catalog). */
function PlanEditor({ plan, view, onClose }: { plan: Plan; view: "form" | "json"; onClose?: () => void }) {
  const qc = useQueryClient();
  const saved = useMemo(() => catalogInput(plan.catalog), [plan.catalog]);
  return (
    <CatalogEditor
      key={plan.id}
      saved={saved}
      initial={saved}
      currency={plan.currency}
      name={plan.name}
      view={view}
      saveLabel="Save catalog"
      save={(catalog) => admin.replaceCatalog(plan.id, catalog)}
      onSaved={() => void qc.invalidateQueries({ queryKey: ["plans"] })}
      {...(onClose ? { onClose } : {})}
    />
  );
}

/** Prepaid voucher codes, in batches: the codes are shown once, to hand out or print. */
export function Vouchers() {
  const qc = useQueryClient();
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("USD");
  const [count, setCount] = useState("10");
  const [expires, setExpires] = useState(() => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10));
  const create = useMutation({
    mutationFn: () => {
      const micros = parseAmount(amount);
      if (micros === undefined || micros === 0) throw new Error("Enter an amount such as 25 or 12.50.");
      return admin.createVoucherBatch({
        amount: micros,
        currency: currency.trim().toUpperCase(),
        count: Number(count),
        expiresAt: endOfDay(expires),
      });
    },
    // The batches listed below it: the new one is made whole by this request.
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["voucher-batches"] }),
  });
  return (
    <Section title="Voucher batches">
      <form
        aria-label="Create a voucher batch"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Value
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        <label>
          Currency
          <input value={currency} onChange={(e) => setCurrency(e.target.value)} required maxLength={3} size={4} />
        </label>
        <label>
          How many
          <input type="number" min={1} max={1000} value={count} onChange={(e) => setCount(e.target.value)} required />
        </label>
        <label>
          Valid until
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
        </label>
        <button className="primary" type="submit">
          Create codes
        </button>
      </form>
      <ProblemText error={create.error} />
      {create.data && (
        <div className="callout" role="status">
          <p>
            Batch <code>{create.data.batchId}</code>: {create.data.codes.length} codes of {money(create.data.amount, create.data.currency)}.{" "}
            <strong>Copy them now:</strong> Tollgate keeps only their hashes.
          </p>
          <label>
            Codes
            <textarea readOnly rows={6} value={create.data.codes.join("\n")} data-testid="voucher-codes" />
          </label>
        </div>
      )}
    </Section>
  );
}
