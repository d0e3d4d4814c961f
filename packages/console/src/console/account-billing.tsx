import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Account, BillingCycle, BillingDetails, BillingMode } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { money, parseAmount, plainAmount } from "../shared/money.js";
import { Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";
import { AccountCredit } from "./credit.js";

export const BILLING_MODES: { value: BillingMode; label: string }[] = [
  { value: "prepaid", label: "prepaid (spends its balance)" },
  { value: "postpaid", label: "postpaid (invoiced, up to a credit limit)" },
  { value: "hybrid", label: "hybrid (balance first, then credit)" },
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A billing cycle as people say it: "monthly, on day 1", "weekly, on Monday", "yearly, on 1 March". */
export function cycleInWords(c: BillingCycle): string {
  if (c.interval === "week") return `weekly, on ${WEEKDAYS[c.anchorDay - 1] ?? c.anchorDay}`;
  if (c.interval === "year") return `yearly, on ${c.anchorDay} ${MONTHS[(c.anchorMonth ?? 1) - 1]}`;
  return `monthly, on day ${c.anchorDay}`;
}

/** A credit limit typed by a person, in micros: empty is none. */
export function creditLimitOf(text: string): number {
  if (text.trim() === "") return 0;
  const micros = parseAmount(text);
  if (micros === undefined) throw new InputError("/creditLimit", "Write the credit limit as an amount such as 500 or 250.50.");
  return micros;
}

const BILLING_FIELDS = {
  "/billingMode": "Billing mode",
  "/creditLimit": "Credit limit",
  "/billingCycle/anchorDay": "Anchor day",
  "/billingCycle/anchorMonth": "Anchor month",
};

/** How the account is billed: its mode, its cycle and its credit limit (managers change them; gateways apply it at once). */
export function AccountBilling({ account }: { account: Account }) {
  const qc = useQueryClient();
  const mayManage = useMay("manage");
  const wallet = account.wallets[0];
  const currency = wallet?.currency ?? "USD";
  const [mode, setMode] = useState<BillingMode>(account.billingMode);
  const [interval, setInterval] = useState(account.billingCycle.interval);
  const [anchorDay, setAnchorDay] = useState(String(account.billingCycle.anchorDay));
  const [anchorMonth, setAnchorMonth] = useState(String(account.billingCycle.anchorMonth ?? 1));
  const [limit, setLimit] = useState(wallet && wallet.creditLimit > 0 ? plainAmount(wallet.creditLimit) : "");
  const save = useMutation({
    mutationFn: () => {
      const creditLimit = mode === "prepaid" ? 0 : creditLimitOf(limit);
      const cycle: BillingCycle = {
        interval,
        anchorDay: Number(anchorDay),
        ...(interval === "year" ? { anchorMonth: Number(anchorMonth) } : {}),
      };
      return admin.setBilling(account.id, { billingMode: mode, creditLimit, billingCycle: cycle });
    },
    onSuccess: (saved) => {
      qc.setQueryData(["account", account.id], saved);
      void qc.invalidateQueries({ queryKey: ["balance", account.id] });
      // A grant past the credit rule waits for a second staff member: the account's page says so.
      void qc.invalidateQueries({ queryKey: ["credit-requests"] });
      void qc.invalidateQueries({ queryKey: ["credit-standing", account.id] });
    },
  });
  const problems = fieldProblems(save.error, BILLING_FIELDS);
  const current = `${account.billingMode}, ${cycleInWords(account.billingCycle)}${
    wallet && wallet.creditLimit > 0 ? `, credit limit ${money(wallet.creditLimit, currency)}` : ""
  }`;
  return (
    <Section title="Billing" id="account-billing">
      <p data-testid="billing-now">Billed {current}.</p>
      {mayManage && (
        <form
          aria-label="Billing mode, cycle and credit limit"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Field label="Billing mode" problem={problems.at("/billingMode")}>
            <select value={mode} onChange={(e) => setMode(e.target.value as BillingMode)}>
              {BILLING_MODES.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={`Credit limit (${currency})`}
            problem={problems.at("/creditLimit")}
            {...(mode === "prepaid" ? { hint: "A prepaid account has no credit." } : {})}
          >
            <input
              inputMode="decimal"
              value={mode === "prepaid" ? "" : limit}
              disabled={mode === "prepaid"}
              onChange={(e) => setLimit(e.target.value)}
            />
          </Field>
          <Field label="Billing cycle">
            <select value={interval} onChange={(e) => setInterval(e.target.value as BillingCycle["interval"])}>
              <option value="month">monthly</option>
              <option value="week">weekly</option>
              <option value="year">yearly</option>
            </select>
          </Field>
          <Field label={interval === "week" ? "On weekday" : "On day"} problem={problems.at("/billingCycle/anchorDay")}>
            {interval === "week" ? (
              <select value={anchorDay} onChange={(e) => setAnchorDay(e.target.value)}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </select>
            ) : (
              <input type="number" min={1} max={28} value={anchorDay} onChange={(e) => setAnchorDay(e.target.value)} />
            )}
          </Field>
          {interval === "year" && (
            <Field label="Of month" problem={problems.at("/billingCycle/anchorMonth")}>
              <select value={anchorMonth} onChange={(e) => setAnchorMonth(e.target.value)}>
                {MONTHS.map((m, i) => (
                  <option key={m} value={i + 1}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <button className="primary" type="submit" disabled={save.isPending}>
            Save billing
          </button>
        </form>
      )}
      <Done>
        {save.isSuccess &&
          !save.isPending &&
          (save.data.creditRequest ? "Asked: the credit waits for a second staff member's approval (below)." : `Saved: billed ${current}.`)}
      </Done>
      <FormProblem error={save.error} shown={problems.shown} />
      <AccountCredit account={account} />
      <BillingDetailsForm account={account} />
    </Section>
  );
}

const DETAIL_FIELDS = {
  "/legalName": "Legal name",
  "/address/line1": "Address",
  "/address/line2": "Address, second line",
  "/address/city": "City",
  "/address/postalCode": "Postal code",
  "/address/region": "Region",
  "/address/country": "Country",
  "/taxId": "Tax id",
  "/email": "Billing email",
};

const optional = (name: string, value: string) => (value.trim() === "" ? {} : { [name]: value.trim() });

/** Who the account's documents are addressed to: owners, admins and finance edit or remove them; others read. */
function BillingDetailsForm({ account }: { account: Account }) {
  const qc = useQueryClient();
  const mayEdit = useMay("money");
  const d = account.billingDetails;
  const [f, setF] = useState({
    legalName: d?.legalName ?? "",
    line1: d?.address.line1 ?? "",
    line2: d?.address.line2 ?? "",
    city: d?.address.city ?? "",
    postalCode: d?.address.postalCode ?? "",
    region: d?.address.region ?? "",
    country: d?.address.country ?? "",
    taxId: d?.taxId ?? "",
    email: d?.email ?? "",
  });
  const [said, setSaid] = useState("");
  const saved = (next: Account, message: string) => {
    qc.setQueryData(["account", account.id], next);
    setSaid(message);
  };
  const save = useMutation({
    mutationFn: () => {
      const details: BillingDetails = {
        legalName: f.legalName.trim(),
        address: {
          line1: f.line1.trim(),
          city: f.city.trim(),
          country: f.country.trim().toUpperCase(),
          ...optional("line2", f.line2),
          ...optional("postalCode", f.postalCode),
          ...optional("region", f.region),
        },
        ...optional("taxId", f.taxId),
        ...optional("email", f.email),
      };
      return admin.setBillingDetails(account.id, details);
    },
    onMutate: () => setSaid(""),
    onSuccess: (next) => saved(next, "Billing details saved: documents finalized from now on are addressed to them."),
  });
  const remove = useMutation({
    mutationFn: () => admin.removeBillingDetails(account.id),
    onMutate: () => setSaid(""),
    onSuccess: (next) => {
      setF({ legalName: "", line1: "", line2: "", city: "", postalCode: "", region: "", country: "", taxId: "", email: "" });
      saved(next, "Billing details removed: documents are addressed to the account's name only.");
    },
  });
  const problems = fieldProblems(save.error, DETAIL_FIELDS);
  const field = (name: keyof typeof f, pointer: string, props: { type?: string; autoComplete?: string; maxLength?: number } = {}) => (
    <Field label={DETAIL_FIELDS[pointer as keyof typeof DETAIL_FIELDS]} problem={problems.at(pointer)}>
      <input value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} {...props} />
    </Field>
  );
  return (
    <>
      <h3>Billing details</h3>
      {!mayEdit &&
        (d ? (
          <address data-testid="billing-details">
            {d.legalName}
            <br />
            {[
              d.address.line1,
              d.address.line2,
              [d.address.postalCode, d.address.city].filter(Boolean).join(" "),
              d.address.region,
              d.address.country,
            ]
              .filter(Boolean)
              .join(", ")}
            {d.taxId && <> · tax id {d.taxId}</>}
            {d.email && <> · {d.email}</>}
          </address>
        ) : (
          <p>None: documents are addressed to the account's name, {account.name}.</p>
        ))}
      {mayEdit && (
        <form
          aria-label="Billing details"
          className="grid-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {field("legalName", "/legalName", { autoComplete: "organization", maxLength: 200 })}
          {field("line1", "/address/line1", { autoComplete: "address-line1", maxLength: 200 })}
          {field("line2", "/address/line2", { autoComplete: "address-line2", maxLength: 200 })}
          {field("postalCode", "/address/postalCode", { autoComplete: "postal-code", maxLength: 20 })}
          {field("city", "/address/city", { autoComplete: "address-level2", maxLength: 100 })}
          {field("region", "/address/region", { autoComplete: "address-level1", maxLength: 100 })}
          {field("country", "/address/country", { autoComplete: "country", maxLength: 20 })}
          {field("taxId", "/taxId", { maxLength: 40 })}
          {field("email", "/email", { type: "email", autoComplete: "email", maxLength: 254 })}
          <div className="actions">
            <button className="primary" type="submit" disabled={save.isPending}>
              Save billing details
            </button>
            {d && (
              <Confirm
                label="Remove billing details"
                question="Remove the billing details? Documents finalized from now on are addressed to the account's name only."
                confirm="Remove them"
                onConfirm={() => remove.mutate()}
              />
            )}
          </div>
        </form>
      )}
      <Done>{said}</Done>
      <FormProblem error={save.error ?? remove.error} shown={problems.shown} />
    </>
  );
}
