import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { parseAmount, unitPrice } from "../shared/money.js";
import { Confirm } from "../shared/confirm.js";
import { ShownOnce } from "../shared/copy.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Money, Pager, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

/**
 * The account's keys: create one (its secret shown this once), give it a spending cap, revoke it. Only in a
 * session opened by the provider's portal link: a session signed in with an API key could otherwise mint keys.
 */
export function Keys({ accountId, currency, manage }: { accountId: string; currency: string; manage: boolean }) {
  const qc = useQueryClient();
  const keys = usePages(["keys"], (cursor) => client.listApiKeys(accountId, pageQuery(cursor, 25)));
  const [name, setName] = useState("");
  const [cap, setCap] = useState("");
  const [period, setPeriod] = useState<"day" | "month">("month");
  const create = useMutation({
    mutationFn: () => {
      const amount = cap.trim() === "" ? undefined : parseAmount(cap);
      if (amount === 0 || (cap.trim() !== "" && amount === undefined))
        throw new Error("Enter a cap such as 50 or 12.50, or leave it empty.");
      return client.createApiKey(accountId, { name: name.trim(), ...(amount ? { spendCap: { amount, period } } : {}) });
    },
    onSuccess: () => {
      setName("");
      setCap("");
      void qc.invalidateQueries({ queryKey: ["keys"] });
      void qc.invalidateQueries({ queryKey: ["limits"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => client.revokeApiKey(accountId, keyId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["keys"] }),
  });
  return (
    <Section title="API keys">
      {create.data && (
        <ShownOnce label="Key" value={create.data.key} testId="new-key">
          Key <strong>{create.data.name}</strong> created.
        </ShownOnce>
      )}
      {keys.items?.length === 0 && (
        <Empty>
          {manage
            ? "No API keys yet: create one below, and send it as x-api-key with each call."
            : "No API keys yet: open the portal from your provider's link to create one."}
        </Empty>
      )}
      <table aria-label="Your API keys">
        <tbody>
          {keys.items?.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td className={`status-${k.status}`}>{k.status}</td>
              <td>{k.spendCap ? `cap ${unitPrice(k.spendCap.amount, currency)} a ${k.spendCap.period}` : "no cap"}</td>
              <td>
                {manage && k.status !== "revoked" && (
                  <Confirm
                    label="Revoke"
                    name={`Revoke ${k.name}`}
                    question={`Revoke ${k.name}? Calls with it are refused from now on.`}
                    confirm="Revoke the key"
                    onConfirm={() => revoke.mutate(k.id)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pages={keys} what="keys" order="oldest" />
      <ProblemText error={keys.error ?? revoke.error} />
      {!manage && <p>To create or revoke keys, open the portal from your provider&apos;s link (signing in with a key cannot make keys).</p>}
      {manage && (
        <form
          aria-label="Create a key"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <label>
            Key name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </label>
          <label>
            Spending cap ({currency}, optional)
            <input inputMode="decimal" value={cap} onChange={(e) => setCap(e.target.value)} />
          </label>
          <label>
            per
            <select value={period} onChange={(e) => setPeriod(e.target.value as "day" | "month")}>
              <option value="day">day</option>
              <option value="month">month</option>
            </select>
          </label>
          <button className="primary" type="submit">
            Create key
          </button>
        </form>
      )}
      <ProblemText error={create.error} />
    </Section>
  );
}

/** The counters of the plan's quotas and the keys' caps, read again every 5 s. */
export const limitsQuery = (accountId: string) => ({
  queryKey: ["limits"],
  queryFn: () => client.getLimits(accountId),
  refetchInterval: 5_000,
});

/** Spend against the plan's quotas and the keys' caps, from the counters the gateways hold calls to. */
export function Limits({ accountId }: { accountId: string }) {
  const limits = useQuery(limitsQuery(accountId));
  const data = limits.data;
  if (data === undefined || (data.quotas.length === 0 && data.keys.length === 0)) return <ProblemText error={limits.error} />;
  return (
    <Section title="Quotas and caps">
      <table>
        <tbody>
          {data.quotas.map((q) => (
            <tr key={q.id}>
              <th scope="row">
                {q.id} <small>({q.enforcement === "hard" ? "calls refused past it" : "soft"})</small>
              </th>
              <td>
                <meter min={0} max={q.limit} value={Math.min(q.used, q.limit)} aria-label={`${q.id} used`} />
              </td>
              <td className="num" data-testid={`quota-${q.id}`}>
                {q.used.toLocaleString("en-US")} / {q.limit.toLocaleString("en-US")} {q.metric} this {q.period}
              </td>
            </tr>
          ))}
          {data.keys.map((k) => (
            <tr key={k.keyId}>
              <th scope="row">key {k.name}</th>
              <td>
                <meter min={0} max={k.cap} value={Math.min(k.spent, k.cap)} aria-label={`${k.name} spent`} />
              </td>
              <td className="num">
                <Money micros={k.spent} currency={data.currency} /> / {unitPrice(k.cap, data.currency)} this {k.period}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <small>Days and months are counted in {data.timeZone}.</small>
      </p>
    </Section>
  );
}
