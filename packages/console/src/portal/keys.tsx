import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKey } from "@tollgate/sdk";
import { Done } from "../shared/forms.js";
import { KeyTable, NewKey } from "../shared/keys.js";
import { unitPrice } from "../shared/money.js";
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
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => client.revokeApiKey(accountId, key.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["keys"] }),
  });
  return (
    <Section title="API keys">
      {keys.items?.length === 0 && (
        <Empty>
          {manage
            ? "No API keys yet: create one below, and send it as x-api-key with each call."
            : "No API keys yet: open the portal from your provider's link to create one."}
        </Empty>
      )}
      {keys.items !== undefined && keys.items.length > 0 && (
        <KeyTable keys={keys.items} currency={currency} {...(manage ? { revoke: (k: ApiKey) => revoke.mutate(k) } : {})} />
      )}
      <Pager pages={keys} what="keys" order="oldest" />
      <Done>{revoke.data && `${revoke.variables.name} is revoked: its calls are refused.`}</Done>
      <ProblemText error={keys.error ?? revoke.error} />
      {!manage && <p>To create or revoke keys, open the portal from your provider&apos;s link (signing in with a key cannot make keys).</p>}
      {manage && (
        <NewKey
          currency={currency}
          create={(input) => client.createApiKey(accountId, input)}
          onCreated={() => {
            void qc.invalidateQueries({ queryKey: ["keys"] });
            void qc.invalidateQueries({ queryKey: ["limits"] });
          }}
        />
      )}
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
