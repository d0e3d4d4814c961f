import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BundlePack, BundlePackInput } from "@tollgate/sdk";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { BundleTermsFields, bundleProducts, overageWords } from "../shared/bundles.js";
import { endOfDay, parseAmount, when } from "../shared/money.js";
import { packUnits, pricesWords, validityWords } from "../shared/packs.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { useSearchState } from "../shared/url.js";
import { admin } from "./client.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems, wholeNumber } from "./forms.js";
import { useMay } from "./role.js";

/*
 * The bundle packs on sale (docs/concepts/bundles.md#bundle-packs): every staff role reads them; owners and
 * admins put one on sale and take one off sale (archive: no one buys it any more, what was bought stays).
 */

const STATUSES = { active: "On sale", archived: "Archived", all: "All" } as const;

/** The packs view: the form to put one on sale (owners, admins), then the packs, filtered by status. */
export function BundlePacksPage() {
  const mayManage = useMay("manage");
  return (
    <>
      {mayManage && <NewPack />}
      <PackList />
    </>
  );
}

function PackList() {
  const mayManage = useMay("manage");
  const [filter, setFilter] = useSearchState({ status: "active" });
  const status = filter.status === "archived" || filter.status === "all" ? filter.status : "active";
  const pages = usePages(["bundle-packs", status], (cursor) =>
    admin.listBundlePacks({ ...(status === "all" ? {} : { status }), ...pageQuery(cursor, 20) }),
  );
  return (
    <Section title="Bundle packs" id="bundle-packs">
      <form aria-label="Filter bundle packs" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select value={status} onChange={(e) => setFilter({ status: e.target.value })}>
            {Object.entries(STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && (
        <Empty>
          {status === "archived"
            ? "No pack has been taken off sale."
            : mayManage
              ? "No packs on sale: put one on sale above, and accounts whose plan has its product can buy it."
              : "No packs on sale: an owner or admin puts them on sale."}
        </Empty>
      )}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Bundle packs" className="stack packs">
          <thead>
            <tr>
              <th scope="col">Pack</th>
              <th scope="col">Holds</th>
              <th scope="col">Valid</th>
              <th scope="col">Prices</th>
              <th scope="col">Status</th>
              {mayManage && <th scope="col">Archive</th>}
            </tr>
          </thead>
          <tbody>
            {pages.items.map((p) => (
              <tr key={p.id}>
                <td data-label="Pack">
                  {p.name} <small>{p.id}</small>
                </td>
                <td data-label="Holds">
                  {packUnits(p)}{" "}
                  <small>
                    priority {p.priority}, {overageWords(p, "the balance")}
                  </small>
                </td>
                <td data-label="Valid">{validityWords(p)}</td>
                <td data-label="Prices">{pricesWords(p)}</td>
                <td data-label="Status" className={`status-${p.status}`}>
                  {p.status === "active" ? "on sale" : `archived ${when(p.archivedAt!)}`}
                </td>
                {mayManage && <td data-label="Archive">{p.status === "active" && <Archive pack={p} />}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="bundle packs" />
    </Section>
  );
}

function Archive({ pack }: { pack: BundlePack }) {
  const qc = useQueryClient();
  const archive = useMutation({
    mutationFn: () => admin.archiveBundlePack(pack.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["bundle-packs"] }),
  });
  return (
    <>
      <Confirm
        label="Archive"
        name={`Archive ${pack.name}`}
        question={`Take ${pack.name} off sale? No one can buy it any more; the bundles already bought stay, and vouchers sold for it still grant it.`}
        confirm="Archive the pack"
        disabled={archive.isPending}
        onConfirm={() => archive.mutate()}
      />
      <ProblemText error={archive.error} />
    </>
  );
}

const FIELDS = {
  "/name": "Name",
  "/productId": "Product",
  "/units": "Units",
  "/validity": "Valid",
  "/validity/days": "Days",
  "/validity/until": "Until",
  "/priority": "Priority",
  "/overage": "Beyond it",
  "/prices": "Prices",
} as const;

type Price = { currency: string; amount: string };
type Form = {
  name: string;
  productId: string;
  units: string;
  validity: "days" | "until";
  days: string;
  until: string;
  priority: string;
  overage: "charge" | "refuse";
  prices: Price[];
};
const blank = (currency: string): Form => ({
  name: "",
  productId: "",
  units: "",
  validity: "days",
  days: "30",
  until: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
  priority: "0",
  overage: "charge",
  prices: [{ currency, amount: "" }],
});

/** A whole number typed in a field, or the field's problem in words. */

/** The products a pack may be of: those of every plan (the first 100), and `default`; an account buys one of its own plan's. */
function useProducts() {
  const plans = useQuery({ queryKey: ["plans", "for-packs"], queryFn: () => admin.listPlans({ limit: 100 }) });
  const items = plans.data?.items ?? [];
  const products = [...new Set(items.flatMap((p) => bundleProducts(p.catalog)))].sort((a, b) =>
    a === "default" ? 1 : b === "default" ? -1 : a.localeCompare(b),
  );
  const currencies = [...new Set(items.map((p) => p.currency))];
  return { products, currencies, error: plans.error, pending: plans.isPending };
}

/** Put a pack on sale: what it holds, for how long, its order and overage, and a price per currency in major units. */
function NewPack() {
  const qc = useQueryClient();
  const catalog = useProducts();
  const [f, setF] = useState<Form>(() => blank(""));
  const productId = f.productId || catalog.products[0] || "";
  const prices = f.prices.map((p, i) => ({ ...p, currency: p.currency || (i === 0 ? (catalog.currencies[0] ?? "USD") : "") }));
  const input = (): BundlePackInput => ({
    name: (() => {
      if (f.name.trim() === "") throw new InputError("/name", "Enter the pack's name, as customers will see it.");
      return f.name.trim();
    })(),
    productId,
    units: wholeNumber(f.units, "/units", "the units", 1),
    validity:
      f.validity === "days"
        ? { days: wholeNumber(f.days, "/validity/days", "the days", 1) }
        : {
            until: (() => {
              if (f.until === "") throw new InputError("/validity/until", "Enter the last day a bundle bought may be used.");
              const at = endOfDay(f.until);
              if (Date.parse(at) <= Date.now()) throw new InputError("/validity/until", "Choose today or a later day: that day has ended.");
              return at;
            })(),
          },
    priority: wholeNumber(f.priority, "/priority", "the priority", 0),
    overage: f.overage,
    prices: prices.map((p) => {
      const amount = parseAmount(p.amount);
      if (amount === undefined || amount === 0)
        throw new InputError("/prices", `Enter the price in ${p.currency.trim().toUpperCase() || "each currency"} as 5 or 12.50.`);
      const currency = p.currency.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) throw new InputError("/prices", "Write each currency as its three letters, such as USD.");
      return { currency, amount };
    }),
  });
  const create = useMutation({
    mutationFn: () => admin.createBundlePack(input()),
    onSuccess: () => {
      setF(blank(""));
      void qc.invalidateQueries({ queryKey: ["bundle-packs"] });
    },
  });
  const problems = fieldProblems(create.error, FIELDS);
  // The page's own price problems; the API's about one price row are said under the form, by their field's name.
  const pricesProblem = problems.at("/prices");
  const set = (name: keyof Form) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [name]: e.target.value });
  const setPrice = (i: number, change: Partial<Price>) => setF({ ...f, prices: prices.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  return (
    <Section title="Put a pack on sale" id="new-pack">
      <p>
        A pack is a bundle customers buy: units of one product of their plan, valid for some days from each purchase or until a date, at a
        price in their plan&apos;s currency.
      </p>
      <form
        aria-label="New bundle pack"
        className="grid-form pack-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label={FIELDS["/name"]} problem={problems.at("/name")} hint="As customers see it: “500 searches”.">
          <input value={f.name} onChange={set("name")} maxLength={100} />
        </Field>
        <Field label={FIELDS["/productId"]} problem={problems.at("/productId")} hint="Sold to accounts whose plan has it.">
          <select value={productId} onChange={set("productId")}>
            {catalog.products.map((p) => (
              <option key={p} value={p}>
                {p === "default" ? "default (calls no product matches)" : p}
              </option>
            ))}
          </select>
        </Field>
        <Field label={FIELDS["/units"]} problem={problems.at("/units")} hint="Calls, bytes or seconds: what its calls are counted in.">
          <input value={f.units} onChange={set("units")} inputMode="numeric" maxLength={16} />
        </Field>
        <Field label="Valid" problem={problems.at("/validity")}>
          <select value={f.validity} onChange={set("validity")}>
            <option value="days">for some days from each purchase</option>
            <option value="until">until a date</option>
          </select>
        </Field>
        {f.validity === "days" ? (
          <Field label={FIELDS["/validity/days"]} problem={problems.at("/validity/days")} hint="1 to 3,660 days from each purchase.">
            <input value={f.days} onChange={set("days")} inputMode="numeric" maxLength={5} />
          </Field>
        ) : (
          <Field label={FIELDS["/validity/until"]} problem={problems.at("/validity/until")} hint="Usable until the end of that day (UTC).">
            <input type="date" value={f.until} onChange={set("until")} />
          </Field>
        )}
        <BundleTermsFields priority={f.priority} overage={f.overage} onChange={set} problems={problems} labels={FIELDS} />
        <fieldset className="prices" aria-describedby={pricesProblem ? "pack-prices-problem" : undefined}>
          <legend>Prices</legend>
          {prices.map((p, i) => (
            <div key={i} className="price-row">
              <label>
                Currency
                <input
                  value={p.currency}
                  onChange={(e) => setPrice(i, { currency: e.target.value })}
                  maxLength={3}
                  size={4}
                  aria-label={`Currency of price ${i + 1}`}
                />
              </label>
              <label>
                Price
                <input
                  value={p.amount}
                  onChange={(e) => setPrice(i, { amount: e.target.value })}
                  inputMode="decimal"
                  aria-label={`Price ${i + 1} (${p.currency.trim().toUpperCase() || "currency"})`}
                  aria-invalid={pricesProblem ? true : undefined}
                />
              </label>
              {prices.length > 1 && (
                <button
                  type="button"
                  aria-label={`Remove price ${i + 1}`}
                  onClick={() => setF({ ...f, prices: prices.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              )}
            </div>
          ))}
          <button type="button" onClick={() => setF({ ...f, prices: [...prices, { currency: "", amount: "" }] })}>
            Add a price in another currency
          </button>
          {pricesProblem && (
            <span id="pack-prices-problem" className="field-problem">
              {pricesProblem}
            </span>
          )}
        </fieldset>
        <div className="actions">
          <button className="primary" type="submit" disabled={create.isPending || catalog.products.length === 0}>
            Put on sale
          </button>
        </div>
      </form>
      {catalog.products.length === 0 && !catalog.pending && <Empty>No plan has products yet: a pack is of a product of a plan.</Empty>}
      <FormProblem error={create.error} shown={problems.shown} />
      <ProblemText error={catalog.error} />
      <Done>{create.data && `On sale: ${create.data.name} (${packUnits(create.data)}), listed with the packs.`}</Done>
    </Section>
  );
}
