import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { newIdempotencyKey, type Account, type Bundle } from "@tollgate/sdk";
import { useState, type ChangeEvent } from "react";
import { BundleTable, BundleTermsFields, bundleProducts, count, isLive, lowPercentOf, overageWords } from "../shared/bundles.js";
import { endOfDay, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems, wholeNumber } from "./forms.js";
import { useMay } from "./role.js";

const FIELDS = {
  "/productId": "Product",
  "/units": "Units",
  "/expiresAt": "Expires",
  "/priority": "Priority",
  "/overage": "Beyond it",
  "/reason": "Reason",
} as const;

type Form = { productId: string; units: string; expires: string; priority: string; overage: "charge" | "refuse"; reason: string };
const blank = (productId: string): Form => ({
  productId,
  units: "",
  expires: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  priority: "0",
  overage: "charge",
  reason: "",
});

/** A whole number typed in a field, or the field's problem in words. */

/**
 * The account's bundles (active first, in the order calls use them, then those that ended), 25 a page; owners,
 * admins and finance issue one (a product of the account's plan, its units, expiry, priority and overage; one
 * Idempotency-Key per attempt, so asking again after an unknown failure issues it once) and revoke one, each
 * asked first.
 */
export function AccountBundles({ account }: { account: Account }) {
  const mayIssue = useMay("money");
  // Read again every 5 s while a bundle on the page is live (calls take from it), never otherwise.
  const pages = usePages(["bundles", account.id], (cursor) => admin.listBundles(account.id, pageQuery(cursor, 25)), {
    refetchInterval: (page) => (page?.items.some((b) => isLive(b)) ? 5_000 : false),
  });
  const settings = useQuery({
    queryKey: ["notification-settings", account.id],
    queryFn: () => admin.getNotificationSettings(account.id),
  });
  const lowPercent = lowPercentOf(settings.data?.bundlePercents);
  return (
    <Section title="Bundles" id="account-bundles">
      <p>
        Units of a product the account&apos;s calls use before money. A bundle is shown running low at {lowPercent}% of its units left, when
        the account is told.
      </p>
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && <Empty>{mayIssue ? "No bundles: issue one below to give units of a product." : "No bundles."}</Empty>}
      {pages.items !== undefined && pages.items.length > 0 && (
        <BundleTable
          label="Bundles"
          bundles={pages.items}
          lowPercent={lowPercent}
          payer="the balance"
          {...(mayIssue
            ? { action: { header: "Revoke", cell: (b: Bundle) => (isLive(b) ? <Revoke account={account} bundle={b} /> : null) } }
            : {})}
        />
      )}
      <Pager pages={pages} what="bundles" order="oldest" />
      {mayIssue && <IssueBundle account={account} />}
    </Section>
  );
}

function Revoke({ account, bundle }: { account: Account; bundle: Bundle }) {
  const qc = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => admin.revokeBundle(account.id, bundle.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["bundles", account.id] }),
  });
  return (
    <>
      <Confirm
        label="Revoke"
        name={`Revoke the ${bundle.productId} bundle ${bundle.id}`}
        question={`Revoke this bundle of ${count(bundle.units)} ${bundle.productId} units? The ${count(bundle.remaining)} it has left are gone at once, and calls no longer use it.`}
        confirm="Revoke the bundle"
        disabled={revoke.isPending}
        onConfirm={() => revoke.mutate()}
      />
      <ProblemText error={revoke.error} />
    </>
  );
}

function IssueBundle({ account }: { account: Account }) {
  const qc = useQueryClient();
  const plan = useQuery({ queryKey: ["plans", account.planId], queryFn: () => admin.getPlan(account.planId) });
  const products = bundleProducts(plan.data?.catalog);
  const [f, setF] = useState<Form>(() => blank(""));
  const [attempt, setAttempt] = useState(newIdempotencyKey);
  const productId = f.productId || products[0]!;
  const input = () => ({
    productId,
    units: wholeNumber(f.units, "/units", "the units", 1),
    priority: wholeNumber(f.priority, "/priority", "the priority", 0),
    expiresAt: (() => {
      if (f.expires === "") throw new InputError("/expiresAt", "Enter the last day the bundle may be used.");
      const at = endOfDay(f.expires);
      if (Date.parse(at) <= Date.now()) throw new InputError("/expiresAt", "Choose today or a later day: that day has ended.");
      return at;
    })(),
    overage: f.overage,
    ...(f.reason.trim() ? { reason: f.reason.trim() } : {}),
  });
  const issue = useMutation({
    mutationFn: () => admin.issueBundle(account.id, input(), { idempotencyKey: attempt }),
    onSuccess: () => {
      setAttempt(newIdempotencyKey());
      setF(blank(productId));
      void qc.invalidateQueries({ queryKey: ["bundles", account.id] });
    },
  });
  const problems = fieldProblems(issue.error, FIELDS);
  const set = (name: keyof Form) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [name]: e.target.value });
  const question = (() => {
    try {
      const i = input();
      return `Issue ${count(i.units)} ${i.productId} units to ${account.name}, usable until ${when(i.expiresAt)}? ${overageWords(i, "the balance").replace(/^c/, "C")}.`;
    } catch {
      return `Issue this bundle to ${account.name}?`;
    }
  })();
  return (
    <>
      <h3>Issue a bundle</h3>
      <form aria-label="Issue a bundle" className="grid-form" onSubmit={(e) => e.preventDefault()}>
        <Field label={FIELDS["/productId"]} problem={problems.at("/productId")} hint="A product of the account's plan.">
          <select value={productId} onChange={set("productId")}>
            {products.map((p) => (
              <option key={p} value={p}>
                {p === "default" ? "default (calls no product matches)" : p}
              </option>
            ))}
          </select>
        </Field>
        <Field label={FIELDS["/units"]} problem={problems.at("/units")} hint="Calls, bytes or seconds: what its calls are counted in.">
          <input value={f.units} onChange={set("units")} inputMode="numeric" maxLength={16} />
        </Field>
        <Field label={FIELDS["/expiresAt"]} problem={problems.at("/expiresAt")} hint="Usable until the end of that day (UTC).">
          <input type="date" value={f.expires} onChange={set("expires")} />
        </Field>
        <BundleTermsFields priority={f.priority} overage={f.overage} onChange={set} problems={problems} labels={FIELDS} />
        <Field label={FIELDS["/reason"]} problem={problems.at("/reason")}>
          <input value={f.reason} onChange={set("reason")} maxLength={200} />
        </Field>
        <div className="actions">
          <Confirm label="Issue bundle" question={question} confirm="Issue the bundle" danger={false} onConfirm={() => issue.mutate()} />
        </div>
      </form>
      <FormProblem error={issue.error} shown={problems.shown} />
      <ProblemText error={plan.error} />
      <Done>{issue.data && `Issued: ${count(issue.data.units)} ${issue.data.productId} units, listed above.`}</Done>
    </>
  );
}
