import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationSettings } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { parseAmount, plainAmount } from "../shared/money.js";
import { ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

type Kind = NotificationSettings["muted"][number];
/** Every kind the API can mute, by its generated type: a kind the API adds does not compile until it is labelled. */
const LABELS: Record<Kind, string> = {
  balance_below: "Balance below a threshold",
  balance_depleted: "Balance used up",
  quota_reached: "Quota use",
  recharge_succeeded: "Recharge paid",
  recharge_failed: "Recharge failed",
  invoice_issued: "Invoice issued",
  usage_anomaly: "Unusual usage",
  fee_past_due: "Recurring fee due",
  bundle_below: "Bundle running low",
  bundle_depleted: "Bundle used up",
};
const KINDS = Object.entries(LABELS) as [Kind, string][];
/** What only a wallet of the account's own sends: a line (its payer pays) has none of these to hear about. */
const WALLET_KINDS = new Set<Kind>([
  "balance_below",
  "balance_depleted",
  "recharge_succeeded",
  "recharge_failed",
  "invoice_issued",
  "fee_past_due",
]);

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Who hears about the account, and about what (the overview's bundles read it too: when one is running low). */
export const notificationSettingsQuery = (accountId: string) => ({
  queryKey: ["notification-settings"],
  queryFn: () => client.getNotificationSettings(accountId),
});

/**
 * Who hears about the account (email, webhooks), about what, and at which balances and quota percentages. A line
 * of a hierarchy is offered neither balance alerts nor what its payer's wallet sends (its payer hears those).
 */
export function Notifications({ accountId, currency, line = false }: { accountId: string; currency: string; line?: boolean }) {
  const settings = useQuery(notificationSettingsQuery(accountId));
  return (
    <Section title="Notifications">
      <ProblemText error={settings.error} />
      {line && <p>Your payer's wallet pays for your calls: alerts about its balance, payments and invoices go to your payer.</p>}
      {settings.data && <SettingsForm accountId={accountId} currency={currency} saved={settings.data} line={line} />}
    </Section>
  );
}

function SettingsForm({
  accountId,
  currency,
  saved,
  line,
}: {
  accountId: string;
  currency: string;
  saved: NotificationSettings;
  line: boolean;
}) {
  const qc = useQueryClient();
  const [emails, setEmails] = useState(saved.emails.join(", "));
  const [webhooks, setWebhooks] = useState(saved.webhooks.map((w) => w.url).join("\n"));
  const [thresholds, setThresholds] = useState(saved.balanceThresholds.map(plainAmount).join(", "));
  const [quotaPercents, setQuotaPercents] = useState(saved.quotaPercents.join(", "));
  const [bundlePercents, setBundlePercents] = useState(saved.bundlePercents.join(", "));
  const [muted, setMuted] = useState(new Set(saved.muted));
  const save = useMutation({
    mutationFn: () => {
      const amounts = list(thresholds).map(parseAmount);
      if (amounts.some((a) => a === undefined || a === 0))
        throw new Error("Balance alerts are amounts such as 10 or 2.50, comma-separated.");
      return client.setNotificationSettings(accountId, {
        emails: list(emails),
        webhooks: list(webhooks),
        muted: [...muted],
        balanceThresholds: amounts as number[],
        percentOfLastRecharge: saved.percentOfLastRecharge,
        quotaPercents: list(quotaPercents).map(Number),
        bundlePercents: list(bundlePercents).map(Number),
      });
    },
    onSuccess: (data) => qc.setQueryData(["notification-settings"], data),
  });
  return (
    <form
      aria-label="Notification settings"
      className="stack"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        Email to
        <input value={emails} onChange={(e) => setEmails(e.target.value)} placeholder="billing@example.com" />
      </label>
      <label>
        Webhook endpoints (one per line)
        <textarea
          rows={2}
          value={webhooks}
          onChange={(e) => setWebhooks(e.target.value)}
          placeholder="https://example.com/hooks/tollgate"
        />
      </label>
      {!line && (
        <label>
          Tell me when the balance falls below ({currency})
          <input value={thresholds} onChange={(e) => setThresholds(e.target.value)} placeholder="20, 5" />
        </label>
      )}
      <label>
        …and when a quota reaches (percent)
        <input value={quotaPercents} onChange={(e) => setQuotaPercents(e.target.value)} />
      </label>
      <label>
        …and when a bundle is down to (percent of its units left)
        <input value={bundlePercents} onChange={(e) => setBundlePercents(e.target.value)} placeholder="20" />
      </label>
      <fieldset>
        <legend>Send</legend>
        {KINDS.filter(([kind]) => !line || !WALLET_KINDS.has(kind)).map(([kind, label]) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={!muted.has(kind)}
              onChange={(e) => {
                const next = new Set(muted);
                if (e.target.checked) next.delete(kind);
                else next.add(kind);
                setMuted(next);
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <button className="primary" type="submit">
        Save notification settings
      </button>
      {save.isSuccess && <span className="ok">Saved.</span>}
      <ProblemText error={save.error} />
      {save.data && save.data.webhooks.length > 0 && (
        <details>
          <summary>Webhook signing secrets</summary>
          <ul>
            {save.data.webhooks.map((w) => (
              <li key={w.id}>
                {w.url}: <code>{w.secret}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </form>
  );
}
