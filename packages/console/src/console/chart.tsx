import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ChartOfAccounts } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { when } from "../shared/money.js";
import { Loading, ProblemText, Section } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { admin } from "./client.js";
import { Done, Field, FormProblem, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

type Role = keyof ChartOfAccounts["accounts"];

/** What each role of the books holds, in words (docs/concepts/books.md has the table). */
const ROLES: Record<Role, string> = {
  cash: "Cash: top-ups, invoice payments, paid grants; refunds out",
  vouchers: "Vouchers sold, not yet redeemed",
  receivables: "Receivables: postpaid wallets, tax on invoices until paid",
  prepaid: "Prepaid balances: money held for customers",
  tax: "Tax payable",
  revenue: "Revenue (per product, unless a product has its own)",
  fees: "Subscription fees",
  packs: "Bundle packs sold",
  taxIncluded: "Tax included in prices (contra revenue)",
  refunds: "Usage refunded (contra revenue)",
  breakage: "Paid credit that expired unused",
  promotions: "Promotional credit granted, less expired",
  adjustments: "Staff adjustments",
  writeOffs: "Credit notes and write-offs",
  rounding: "Invoice rounding",
};

type Row = { code: string; name: string };
type Product = Row & { productId: string };

/** Settings › Chart of accounts: the GL accounts the books' journal posts to. Owners, admins and finance change it; others read it. */
export function ChartSettings() {
  useTitle("Chart of accounts", "Tollgate console");
  const chart = useQuery({ queryKey: ["chart-of-accounts"], queryFn: () => admin.getChartOfAccounts() });
  if (chart.isPending) return <Loading />;
  if (chart.error) return <ProblemText error={chart.error} />;
  return <ChartForm chart={chart.data} />;
}

function ChartForm({ chart }: { chart: ChartOfAccounts }) {
  const qc = useQueryClient();
  const mayEdit = useMay("money");
  const roles = Object.keys(chart.accounts) as Role[];
  const [accounts, setAccounts] = useState<Record<Role, Row>>(() => ({ ...chart.accounts }));
  const [products, setProducts] = useState<Product[]>(() => chart.products.map((p) => ({ ...p })));
  const labels: Record<string, string> = {};
  for (const role of roles) {
    labels[`/accounts/${role}/code`] = `${ROLES[role] ?? role}: code`;
    labels[`/accounts/${role}/name`] = `${ROLES[role] ?? role}: name`;
  }
  products.forEach((_, i) => {
    labels[`/products/${i}/productId`] = `Product ${i + 1}: product id`;
    labels[`/products/${i}/code`] = `Product ${i + 1}: code`;
    labels[`/products/${i}/name`] = `Product ${i + 1}: name`;
  });
  const save = useMutation({
    mutationFn: () =>
      admin.setChartOfAccounts({
        accounts: Object.fromEntries(roles.map((r) => [r, { code: accounts[r].code.trim(), name: accounts[r].name.trim() }])),
        products: products.map((p) => ({ productId: p.productId.trim(), code: p.code.trim(), name: p.name.trim() })),
      }),
    onSuccess: (saved) => qc.setQueryData(["chart-of-accounts"], saved),
  });
  const problems = fieldProblems(save.error, labels);
  const setRole = (role: Role, field: keyof Row, value: string) =>
    setAccounts({ ...accounts, [role]: { ...accounts[role], [field]: value } });
  const setProduct = (i: number, field: keyof Product, value: string) =>
    setProducts(products.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  return (
    <Section title="Chart of accounts" id="chart-of-accounts">
      <p>
        The GL accounts the books&apos; journal posts to, as your accounting system names them (Reports › The books downloads the journal).
        Every export uses the chart as it is when asked for, past days included; the figures never change.{" "}
        {chart.configured && chart.updatedAt ? `Last changed ${when(chart.updatedAt)}.` : "Not set yet: the defaults below apply."}
      </p>
      {!mayEdit && <p>Your role may read the chart; an owner, admin or finance user changes it.</p>}
      <form
        aria-label="Chart of accounts"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset disabled={!mayEdit} className="plain">
          <legend className="sr-only">GL accounts by role</legend>
          <table aria-label="GL accounts by role">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
              </tr>
            </thead>
            <tbody>
              {roles.map((role) => (
                <tr key={role} data-role={role}>
                  <th scope="row">{ROLES[role] ?? role}</th>
                  <td>
                    <Field
                      label={<span className="sr-only">{labels[`/accounts/${role}/code`]}</span>}
                      problem={problems.at(`/accounts/${role}/code`)}
                    >
                      <input value={accounts[role].code} maxLength={32} onChange={(e) => setRole(role, "code", e.target.value)} />
                    </Field>
                  </td>
                  <td>
                    <Field
                      label={<span className="sr-only">{labels[`/accounts/${role}/name`]}</span>}
                      problem={problems.at(`/accounts/${role}/name`)}
                    >
                      <input value={accounts[role].name} maxLength={100} onChange={(e) => setRole(role, "name", e.target.value)} />
                    </Field>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <h3>Products with a revenue account of their own</h3>
        {products.length === 0 && <p>None: every product&apos;s revenue goes to the revenue account, named after the product.</p>}
        {products.map((p, i) => (
          <fieldset key={i} disabled={!mayEdit}>
            <legend>Product {i + 1}</legend>
            <Field label="Product id" problem={problems.at(`/products/${i}/productId`)}>
              <input value={p.productId} maxLength={100} onChange={(e) => setProduct(i, "productId", e.target.value)} />
            </Field>
            <Field label="Code" problem={problems.at(`/products/${i}/code`)}>
              <input value={p.code} maxLength={32} onChange={(e) => setProduct(i, "code", e.target.value)} />
            </Field>
            <Field label="Name" problem={problems.at(`/products/${i}/name`)}>
              <input value={p.name} maxLength={100} onChange={(e) => setProduct(i, "name", e.target.value)} />
            </Field>
            {mayEdit && (
              <button type="button" onClick={() => setProducts(products.filter((_, j) => j !== i))}>
                Remove product {i + 1}
              </button>
            )}
          </fieldset>
        ))}
        {mayEdit && (
          <div className="actions">
            <button type="button" onClick={() => setProducts([...products, { productId: "", code: "", name: "" }])}>
              Add a product account
            </button>
            <button className="primary" type="submit" disabled={save.isPending}>
              Save the chart of accounts
            </button>
          </div>
        )}
      </form>
      <FormProblem error={save.error} shown={problems.shown} />
      <Done>{save.isSuccess && "Saved: journals exported from now on use these accounts."}</Done>
    </Section>
  );
}
