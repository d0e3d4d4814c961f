import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { parseAmount, unitPrice, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { CopyField, ShownOnce } from "../shared/copy.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

const KEY_FIELDS = { "/name": "Key name", "/spendCap/amount": "Spending cap" };

/** The account's keys and quotas; managers create a key (with a spending cap), shown once, and revoke one. */
export function AccountKeys({ accountId, currency }: { accountId: string; currency: string }) {
  const mayManage = useMay("manage");
  const qc = useQueryClient();
  const keys = usePages(["keys", accountId], (cursor) => admin.listApiKeys(accountId, pageQuery(cursor, 25)));
  const limits = useQuery({ queryKey: ["limits", accountId], queryFn: () => admin.getLimits(accountId), refetchInterval: 10_000 });
  const [name, setName] = useState("");
  const [cap, setCap] = useState("");
  const [period, setPeriod] = useState<"day" | "month">("month");
  const create = useMutation({
    mutationFn: () => {
      const amount = cap.trim() === "" ? undefined : parseAmount(cap);
      if (amount === 0 || (cap.trim() !== "" && amount === undefined))
        throw new InputError("/spendCap/amount", "Write the cap as an amount such as 25 or 12.50, or leave it empty for no cap.");
      return admin.createApiKey(accountId, {
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(amount ? { spendCap: { amount, period } } : {}),
      });
    },
    onSuccess: () => {
      setName("");
      setCap("");
      void qc.invalidateQueries({ queryKey: ["keys", accountId] });
      void qc.invalidateQueries({ queryKey: ["limits", accountId] });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: { id: string; name: string }) => admin.revokeApiKey(accountId, key.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["keys", accountId] }),
  });
  const problems = fieldProblems(create.error, KEY_FIELDS);
  return (
    <Section title="Keys and quotas" id="account-keys">
      {keys.items?.length === 0 && (
        <Empty>
          {mayManage
            ? "No API keys yet: create one below (it is shown once), or send the customer a portal link to make their own."
            : "No API keys yet: the customer makes one in the portal."}
        </Empty>
      )}
      {keys.items !== undefined && keys.items.length > 0 && (
        <table aria-label="Keys" className="stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Status</th>
              <th scope="col">Spending cap</th>
              {mayManage && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {keys.items.map((k) => (
              <tr key={k.id}>
                <td data-label="Name">{k.name}</td>
                <td data-label="Key">
                  <code>{k.prefix}…</code>
                </td>
                <td data-label="Status" className={`status-${k.status}`}>
                  {k.status}
                </td>
                <td data-label="Spending cap">
                  {k.spendCap ? `${unitPrice(k.spendCap.amount, currency)} a ${k.spendCap.period}` : "no cap"}
                </td>
                {mayManage && (
                  <td data-label="Action">
                    {k.status !== "revoked" && (
                      <Confirm
                        label="Revoke"
                        name={`Revoke ${k.name}`}
                        question={`Revoke ${k.name}? Every call with it is refused from now on; this cannot be undone.`}
                        confirm={`Revoke ${k.name}`}
                        onConfirm={() => revoke.mutate(k)}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={keys} what="keys" order="oldest" />
      <Done>{revoke.data && `${revoke.variables.name} is revoked: its calls are refused.`}</Done>
      <ProblemText error={revoke.error ?? keys.error} />
      {mayManage && (
        <form
          aria-label="Create a key"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field label="Key name">
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. production" maxLength={100} />
          </Field>
          <Field label={`Spending cap (${currency}, optional)`} problem={problems.at("/spendCap/amount")}>
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
      )}
      <FormProblem error={create.error} shown={problems.shown} />
      {create.data && (
        <ShownOnce label="Key" value={create.data.key} testId="new-key">
          Key <strong>{create.data.name}</strong> created.
        </ShownOnce>
      )}
      {limits.data && limits.data.quotas.length > 0 && (
        <table aria-label="Quotas">
          <tbody>
            {limits.data.quotas.map((q) => (
              <tr key={q.id}>
                <td>{q.id}</td>
                <td className="num">
                  {q.used.toLocaleString("en-US")} / {q.limit.toLocaleString("en-US")} {q.metric} this {q.period} ({q.enforcement})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayManage && <PortalLink accountId={accountId} />}
    </Section>
  );
}

/** A one-time link that signs the customer in to their portal: made here, copied, sent by the manager. */
function PortalLink({ accountId }: { accountId: string }) {
  const [minutes, setMinutes] = useState("10");
  const make = useMutation({
    mutationFn: () => {
      const n = Number(minutes);
      if (!Number.isInteger(n) || n < 1 || n > 60) throw new InputError("/ttlSeconds", "A link lasts 1 to 60 minutes.");
      return admin.createPortalSession(accountId, { ttlSeconds: n * 60 });
    },
  });
  const problems = fieldProblems(make.error, { "/ttlSeconds": "Valid for" });
  return (
    <>
      <h3>Portal link</h3>
      <form
        aria-label="Make a portal link"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          make.mutate();
        }}
      >
        <Field label="Valid for (minutes)" problem={problems.at("/ttlSeconds")}>
          <input type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </Field>
        <button type="submit" disabled={make.isPending}>
          Make a portal link
        </button>
      </form>
      <FormProblem error={make.error} shown={problems.shown} />
      {make.data && (
        <div className="callout" role="status">
          <p>A link for one sign-in, until {when(make.data.expiresAt)}: send it to the customer (it gives access to their account).</p>
          <CopyField label="Link" value={make.data.url} testId="portal-link" />
        </div>
      )}
    </>
  );
}
