import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TaxRate, TaxRateInput } from "@tollgate/sdk";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { percentOf } from "../shared/invoice.js";
import { when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

const LABELS = {
  "/country": "Country",
  "/region": "Region",
  "/category": "Tax category",
  "/name": "Name on documents",
  "/ratePpm": "Rate (%)",
  "/validFrom": "Valid from",
  "/validUntil": "Valid until",
} as const;

/** "8.875" → 88750, exactly (no floating point): a percentage with at most four decimals, 0 to 100. */
export function ppmOf(percent: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(percent.trim());
  if (m === null) throw new InputError("/ratePpm", "Enter the rate as a percentage with at most four decimals, such as 23 or 8.875.");
  const ppm = Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
  if (ppm > 1_000_000) throw new InputError("/ratePpm", "A rate is at most 100 %.");
  return ppm;
}

const where = (r: TaxRate) => `${r.country}${r.region ? `-${r.region}` : ""}`;
const day = (iso: string) => iso.slice(0, 10);

/** Settings › Tax rates: every role reads them; owners, admins and finance add rates and end them. */
export function TaxRatesPage() {
  const mayEdit = useMay("money");
  const pages = usePages(["tax-rates"], (cursor) => admin.listTaxRates(pageQuery(cursor, 25)));
  return (
    <>
      <Section title="Tax rates" id="tax-rates">
        <p>
          What each jurisdiction charges on each product tax category, and when. A document is taxed at the rate valid when it is issued and
          keeps it: changing or ending a rate never changes an issued document.
        </p>
        <ProblemText error={pages.error} />
        {pages.items?.length === 0 && (
          <Empty>{mayEdit ? "No tax rates yet: documents carry no tax until you add one below." : "No tax rates yet."}</Empty>
        )}
        {pages.items !== undefined && pages.items.length > 0 && (
          <table aria-label="Tax rates" className="stack">
            <thead>
              <tr>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Category</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col">Valid</th>
              </tr>
            </thead>
            <tbody>
              {pages.items.map((r) => (
                <tr key={r.id}>
                  <td data-label="Jurisdiction">{where(r)}</td>
                  <td data-label="Category">{r.category}</td>
                  <td data-label="Name">{r.name}</td>
                  <td data-label="Rate" className="num">
                    {percentOf(r.ratePpm)} %
                  </td>
                  <td data-label="Valid">
                    from {when(r.validFrom)}
                    {r.validUntil ? ` until ${when(r.validUntil)}` : ", no end"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager pages={pages} what="tax rates" />
      </Section>
      {mayEdit && <AddTaxRate />}
      {mayEdit && pages.items !== undefined && pages.items.length > 0 && <EndTaxRate rates={pages.items} />}
      {!mayEdit && <p>Your role may read the rates; an owner, admin or finance user changes them.</p>}
    </>
  );
}

type Form = Record<"country" | "region" | "category" | "name" | "percent" | "validFrom" | "validUntil", string>;
const EMPTY: Form = { country: "", region: "", category: "standard", name: "VAT", percent: "", validFrom: "", validUntil: "" };

function inputOf(f: Form): TaxRateInput {
  if (!/^[A-Za-z]{2}$/.test(f.country.trim()))
    throw new InputError("/country", "Enter the country as its two-letter code, such as PT or US.");
  const ratePpm = ppmOf(f.percent);
  if (f.validFrom === "") throw new InputError("/validFrom", "Enter the day the rate starts.");
  return {
    country: f.country.trim().toUpperCase(),
    ...(f.region.trim() ? { region: f.region.trim() } : {}),
    category: f.category.trim() || "standard",
    name: f.name.trim(),
    ratePpm,
    validFrom: f.validFrom,
    ...(f.validUntil ? { validUntil: f.validUntil } : {}),
  };
}

function AddTaxRate() {
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(EMPTY);
  const add = useMutation({
    mutationFn: () => admin.createTaxRate(inputOf(f)),
    onSuccess: async () => {
      setF(EMPTY);
      await qc.invalidateQueries({ queryKey: ["tax-rates"] });
    },
  });
  const problems = fieldProblems(add.error, LABELS);
  const set = (name: keyof Form) => (e: ChangeEvent<HTMLInputElement>) => setF({ ...f, [name]: e.target.value });
  return (
    <Section title="Add a tax rate" id="add-tax-rate">
      <form
        aria-label="Add a tax rate"
        className="grid-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Field label={LABELS["/country"]} problem={problems.at("/country")} hint="Two letters: PT, DE, US.">
          <input value={f.country} onChange={set("country")} maxLength={2} placeholder="PT" autoComplete="off" />
        </Field>
        <Field
          label={LABELS["/region"]}
          problem={problems.at("/region")}
          hint="Where tax differs by region (a US state: NY); empty: the rate of the whole nation."
        >
          <input value={f.region} onChange={set("region")} maxLength={40} />
        </Field>
        <Field label={LABELS["/category"]} problem={problems.at("/category")} hint="standard, unless a plan puts products in another.">
          <input value={f.category} onChange={set("category")} maxLength={40} />
        </Field>
        <Field label={LABELS["/name"]} problem={problems.at("/name")}>
          <input value={f.name} onChange={set("name")} maxLength={60} />
        </Field>
        <Field label={LABELS["/ratePpm"]} problem={problems.at("/ratePpm")} hint="23, or 8.875: up to four decimals.">
          <input value={f.percent} onChange={set("percent")} inputMode="decimal" maxLength={9} />
        </Field>
        <Field label={LABELS["/validFrom"]} problem={problems.at("/validFrom")}>
          <input type="date" value={f.validFrom} onChange={set("validFrom")} />
        </Field>
        <Field label={LABELS["/validUntil"]} problem={problems.at("/validUntil")} hint="The first day it no longer applies; empty: no end.">
          <input type="date" value={f.validUntil} onChange={set("validUntil")} />
        </Field>
        <div className="actions">
          <button className="primary" type="submit" disabled={add.isPending}>
            Add the rate
          </button>
        </div>
      </form>
      <FormProblem error={add.error} shown={problems.shown} />
      <Done>{add.isSuccess && `Added: documents issued from ${day(add.data.validFrom)} in ${where(add.data)} use it.`}</Done>
    </Section>
  );
}

/** End a rate on a day (or change its end): its figure and start stay; another rate may start that day. */
function EndTaxRate({ rates }: { rates: TaxRate[] }) {
  const qc = useQueryClient();
  const [rateId, setRateId] = useState(rates[0]!.id);
  const [until, setUntil] = useState("");
  const rate = rates.find((r) => r.id === rateId) ?? rates[0]!;
  const end = useMutation({
    mutationFn: () => {
      if (until === "") throw new InputError("/validUntil", "Enter the first day the rate no longer applies.");
      return admin.updateTaxRate(rate.id, { name: rate.name, ratePpm: rate.ratePpm, validFrom: rate.validFrom, validUntil: until });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tax-rates"] }),
  });
  const problems = fieldProblems(end.error, LABELS);
  return (
    <Section title="End a tax rate" id="end-tax-rate">
      <form
        aria-label="End a tax rate"
        className="grid-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          end.mutate();
        }}
      >
        <Field label="Rate">
          <select value={rate.id} onChange={(e) => setRateId(e.target.value)}>
            {rates.map((r) => (
              <option key={r.id} value={r.id}>
                {where(r)} {r.category} {r.name} {percentOf(r.ratePpm)} % from {day(r.validFrom)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={LABELS["/validUntil"]} problem={problems.at("/validUntil")} hint="The first day it no longer applies.">
          <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" disabled={end.isPending}>
            End the rate
          </button>
        </div>
      </form>
      <FormProblem error={end.error} shown={problems.shown} />
      <Done>{end.isSuccess && `Ended: ${where(end.data)} ${end.data.name} applies until ${when(end.data.validUntil!)}.`}</Done>
    </Section>
  );
}
