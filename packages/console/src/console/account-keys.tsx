import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKey } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { CopyField } from "../shared/copy.js";
import { KeyTable, NewKey } from "../shared/keys.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

/** The account's keys and quotas; managers create a key (with a spending cap), shown once, and revoke one. */
export function AccountKeys({ accountId, currency }: { accountId: string; currency: string }) {
  const mayManage = useMay("manage");
  const qc = useQueryClient();
  const keys = usePages(["keys", accountId], (cursor) => admin.listApiKeys(accountId, pageQuery(cursor, 25)));
  const limits = useQuery({ queryKey: ["limits", accountId], queryFn: () => admin.getLimits(accountId), refetchInterval: 10_000 });
  const revoke = useMutation({
    mutationFn: (key: { id: string; name: string }) => admin.revokeApiKey(accountId, key.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["keys", accountId] }),
  });
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
        <KeyTable keys={keys.items} currency={currency} {...(mayManage ? { revoke: (k: ApiKey) => revoke.mutate(k) } : {})} />
      )}
      <Pager pages={keys} what="keys" order="oldest" />
      <Done>{revoke.data && `${revoke.variables.name} is revoked: its calls are refused.`}</Done>
      <ProblemText error={revoke.error ?? keys.error} />
      {mayManage && (
        <NewKey
          currency={currency}
          create={(input) => admin.createApiKey(accountId, input)}
          onCreated={() => {
            void qc.invalidateQueries({ queryKey: ["keys", accountId] });
            void qc.invalidateQueries({ queryKey: ["limits", accountId] });
          }}
        />
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
