import { useMutation } from "@tanstack/react-query";
import type { ApiKey } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { Confirm } from "./confirm.js";
import { ShownOnce } from "./copy.js";
import { Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { parseAmount, unitPrice } from "./money.js";

/* An account's API keys as the console and the portal both show them: the list, and a new key with its cap. */

/** An account's keys: name, prefix, status, spending cap; with `revoke`, each live key is revoked from its row, asked first. */
export function KeyTable({ keys, currency, revoke }: { keys: ApiKey[]; currency: string; revoke?: (key: ApiKey) => void }) {
  return (
    <table aria-label="Keys" className="stack">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          <th scope="col">Status</th>
          <th scope="col">Spending cap</th>
          {revoke && <th scope="col">Action</th>}
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id}>
            <td data-label="Name">{k.name}</td>
            <td data-label="Key">
              <code>{k.prefix}…</code>
            </td>
            <td data-label="Status" className={`status-${k.status}`}>
              {k.status}
            </td>
            <td data-label="Spending cap">{k.spendCap ? `${unitPrice(k.spendCap.amount, currency)} a ${k.spendCap.period}` : "no cap"}</td>
            {revoke && (
              <td data-label="Action">
                {k.status !== "revoked" && (
                  <Confirm
                    label="Revoke"
                    name={`Revoke ${k.name}`}
                    question={`Revoke ${k.name}? Every call with it is refused from now on; this cannot be undone.`}
                    confirm={`Revoke ${k.name}`}
                    onConfirm={() => revoke(k)}
                  />
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const KEY_FIELDS = { "/name": "Key name", "/spendCap/amount": "Spending cap" };

/**
 * A new key: a name and an optional spending cap a day or a month, each field's problem said next to it; the
 * secret is shown once. `create` asks the API (the console's client or the portal's).
 */
export function NewKey(props: {
  currency: string;
  create: (input: { name?: string; spendCap?: { amount: number; period: "day" | "month" } }) => Promise<{ key: string; name: string }>;
  onCreated: () => void;
}) {
  const [name, setName] = useState("");
  const [cap, setCap] = useState("");
  const [period, setPeriod] = useState<"day" | "month">("month");
  const create = useMutation({
    mutationFn: () => {
      const amount = cap.trim() === "" ? undefined : parseAmount(cap);
      if (amount === 0 || (cap.trim() !== "" && amount === undefined))
        throw new InputError("/spendCap/amount", "Write the cap as an amount such as 25 or 12.50, or leave it empty for no cap.");
      return props.create({ ...(name.trim() ? { name: name.trim() } : {}), ...(amount ? { spendCap: { amount, period } } : {}) });
    },
    onSuccess: () => {
      setName("");
      setCap("");
      props.onCreated();
    },
  });
  const problems = fieldProblems(create.error, KEY_FIELDS);
  return (
    <>
      <form
        aria-label="Create a key"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="Key name" problem={problems.at("/name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. production" maxLength={100} />
        </Field>
        <Field label={`Spending cap (${props.currency}, optional)`} problem={problems.at("/spendCap/amount")}>
          <input inputMode="decimal" value={cap} onChange={(e) => setCap(e.target.value)} />
        </Field>
        <Field label="Cap per">
          <select value={period} onChange={(e) => setPeriod(e.target.value as "day" | "month")}>
            <option value="day">day</option>
            <option value="month">month</option>
          </select>
        </Field>
        <button className="primary" type="submit" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <FormProblem error={create.error} shown={problems.shown} />
      {create.data && (
        <ShownOnce label="Key" value={create.data.key} testId="new-key">
          Key <strong>{create.data.name}</strong> created.
        </ShownOnce>
      )}
    </>
  );
}
