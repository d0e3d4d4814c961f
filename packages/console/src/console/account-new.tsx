import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BillingMode } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { unitPrice } from "../shared/money.js";
import { Section } from "../shared/ui.js";
import { BILLING_MODES, creditLimitOf } from "./account-billing.js";
import { admin } from "./client.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";

const FIELDS = { "/name": "Name", "/planId": "Plan", "/billingMode": "Billing mode", "/creditLimit": "Credit limit", "/seats": "Seats" };

/** Managers: a new account on a plan (with a wallet in the plan's currency), then a link to it. */
export function NewAccount() {
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => admin.listPlans() });
  const [name, setName] = useState("");
  const [planId, setPlanId] = useState("");
  const [mode, setMode] = useState<BillingMode>("prepaid");
  const [limit, setLimit] = useState("");
  const [seats, setSeats] = useState("1");
  const create = useMutation({
    mutationFn: () => {
      if (planId === "") throw new InputError("/planId", "Choose the plan the account is on.");
      const n = Number(seats);
      if (!Number.isInteger(n) || n < 0) throw new InputError("/seats", "Seats are a whole number, 0 or more.");
      return admin.createAccount({
        name: name.trim(),
        planId,
        billingMode: mode,
        creditLimit: mode === "prepaid" ? 0 : creditLimitOf(limit),
        seats: n,
      });
    },
    onSuccess: () => {
      setName("");
      setLimit("");
      void qc.invalidateQueries({ queryKey: ["accounts"] });
    },
  });
  const problems = fieldProblems(create.error, FIELDS);
  const plan = plans.data?.items.find((p) => p.id === planId);
  return (
    <Section title="New account" id="new-account">
      <form
        aria-label="Create an account"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="Name" problem={problems.at("/name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </Field>
        <Field label="Plan" problem={problems.at("/planId")}>
          <select value={planId} onChange={(e) => setPlanId(e.target.value)}>
            <option value="">Choose a plan</option>
            {plans.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.currency}
                {p.recurring ? `, ${unitPrice(p.recurring.fee, p.currency)} a ${p.recurring.interval}` : ""})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Billing mode" problem={problems.at("/billingMode")}>
          <select value={mode} onChange={(e) => setMode(e.target.value as BillingMode)}>
            {BILLING_MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        {mode !== "prepaid" && (
          <Field label={`Credit limit (${plan?.currency ?? "plan currency"})`} problem={problems.at("/creditLimit")}>
            <input inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} />
          </Field>
        )}
        <Field label="Seats" problem={problems.at("/seats")}>
          <input type="number" min={0} value={seats} onChange={(e) => setSeats(e.target.value)} />
        </Field>
        <button className="primary" type="submit" disabled={create.isPending}>
          Create account
        </button>
      </form>
      <FormProblem error={create.error} shown={problems.shown} />
      <Done>
        {create.data && (
          <>
            Account {create.data.name} created: <Link href={`/accounts/${create.data.id}`}>open {create.data.name}</Link>.
          </>
        )}
      </Done>
    </Section>
  );
}
