import type { CatalogInput } from "@tollgate/sdk";
import { Empty } from "../../shared/ui.js";
import { windowWords } from "./draft.js";
import { CountField, PointerErrors, SelectField, TextField } from "./fields.js";

/*
 * The parts of a catalog that are not priced: rate limits, refunds, and how calls are metered (exact or
 * leased, how long a reservation or lease is held, how paths are matched). The catalog schema is
 * @tollgate/metering's core/catalog-schema.ts; a setting at its default is left out of the draft, as the
 * stored catalog's input form leaves it out (draft.ts, catalogInput), so the confirmation names real changes.
 */

export type RateLimit = NonNullable<CatalogInput["rateLimits"]>[number];

/** The draft with one setting changed: at its default, the setting is dropped. */
function setting<K extends keyof CatalogInput>(draft: CatalogInput, key: K, value: CatalogInput[K], isDefault: boolean): CatalogInput {
  const next = { ...draft };
  if (isDefault) delete next[key];
  else next[key] = value;
  return next;
}

/** Rate limits: at most `limit` calls per window, for the account as a whole or for each of its keys; past it, 429. */
export function RateLimitsEditor(props: { draft: CatalogInput; onChange: (draft: CatalogInput) => void }) {
  const limits = props.draft.rateLimits ?? [];
  const put = (next: RateLimit[]) => props.onChange(setting(props.draft, "rateLimits", next, next.length === 0));
  const change = (i: number, r: RateLimit) => put(limits.map((x, j) => (j === i ? r : x)));
  return (
    <fieldset className="rate-limits">
      <legend>Rate limits</legend>
      <PointerErrors pointer="/rateLimits" />
      {limits.length === 0 && <Empty>No rate limits: calls are limited by the balance and the quotas alone.</Empty>}
      {limits.map((r, i) => {
        const at = (field: string) => `/rateLimits/${i}/${field}`;
        const name = r.id || `rate limit ${i + 1}`;
        return (
          <fieldset key={i} className="rate-limit">
            <legend>Rate limit {name}</legend>
            <TextField label="Id" pointer={at("id")} value={r.id} onChange={(id) => change(i, { ...r, id })} required size={12} />
            <CountField
              label="Calls"
              pointer={at("limit")}
              value={r.limit}
              onChange={(limit) => change(i, { ...r, limit: limit ?? 0 })}
              required
              hint={(n) => `at most ${n.toLocaleString("en-US")} calls (1 to 1,000,000)`}
            />
            <CountField
              label="Per window of (seconds)"
              pointer={at("windowSeconds")}
              value={r.windowSeconds}
              onChange={(windowSeconds) => change(i, { ...r, windowSeconds: windowSeconds ?? 0 })}
              required
              hint={(s) => (s >= 1 ? `per ${windowWords(s)} (at most a day: 86,400)` : "at least 1 second")}
            />
            <SelectField
              label="Counted for"
              pointer={at("scope")}
              value={r.scope}
              options={[
                ["account", "the account, all keys together"],
                ["key", "each key on its own"],
              ]}
              onChange={(scope) => change(i, { ...r, scope })}
            />
            <button type="button" onClick={() => put(limits.filter((_, j) => j !== i))}>
              Remove rate limit {name}
            </button>
          </fieldset>
        );
      })}
      {limits.length < 10 ? (
        <button
          type="button"
          onClick={() => put([...limits, { id: `rate-${limits.length + 1}`, scope: "key", limit: 50, windowSeconds: 1 }])}
        >
          Add a rate limit
        </button>
      ) : (
        <p className="hint">A plan has at most 10 rate limits.</p>
      )}
      <p className="hint">A call past a limit is refused with 429 and Retry-After; it is not charged.</p>
    </fieldset>
  );
}

/** Which failed calls are not charged: an upstream error (5xx, no answer), a call the caller abandoned. */
export function RefundEditor(props: { draft: CatalogInput; onChange: (draft: CatalogInput) => void }) {
  const refund = { upstreamError: false, clientAbort: false, ...props.draft.refund };
  const put = (next: typeof refund) => props.onChange(setting(props.draft, "refund", next, !next.upstreamError && !next.clientAbort));
  return (
    <fieldset className="refund">
      <legend>Refunds</legend>
      <label className="check">
        <input type="checkbox" checked={refund.upstreamError} onChange={(e) => put({ ...refund, upstreamError: e.target.checked })} />
        Refund a call the upstream failed (5xx or no answer)
      </label>
      <label className="check">
        <input type="checkbox" checked={refund.clientAbort} onChange={(e) => put({ ...refund, clientAbort: e.target.checked })} />
        Refund a call the caller abandoned before the answer
      </label>
      <PointerErrors pointer="/refund" />
      <PointerErrors pointer="/refund/upstreamError" />
      <PointerErrors pointer="/refund/clientAbort" />
      <p className="hint">
        A plan that refunds reserves each call&apos;s price before forwarding it, so every price that is not flat needs a maximum a call.
      </p>
    </fieldset>
  );
}

/** Exact or leased metering, how long a reservation or lease is held before the reaper returns it, and path matching. */
export function MeteringEditor(props: { draft: CatalogInput; onChange: (draft: CatalogInput) => void }) {
  const { draft, onChange } = props;
  const mode = draft.metering ?? "exact";
  return (
    <fieldset className="metering">
      <legend>Metering</legend>
      <SelectField
        label="Calls are decided"
        pointer="/metering"
        value={mode}
        options={[
          ["exact", "exact: each call in Redis"],
          ["leased", "leased: from a gateway's lease"],
        ]}
        onChange={(m) => onChange(setting(draft, "metering", m, m === "exact"))}
        hint={
          mode === "leased"
            ? "Each gateway process takes a block of the balance and decides flat-priced calls from it, reporting them in batches; other prices are still decided exactly."
            : "Every call is decided against the wallet in Redis before it is forwarded."
        }
      />
      <CountField
        label={mode === "leased" ? "Hold a lease or reservation for (seconds)" : "Hold a reservation for (seconds)"}
        pointer="/reservationTtlSeconds"
        value={draft.reservationTtlSeconds ?? 60}
        onChange={(s) => onChange(setting(draft, "reservationTtlSeconds", s, s === undefined || s === 60))}
        required
        hint={() =>
          `what a gateway that died still holds goes back to the wallet after it (1 to 3,600; 60 by default)${
            mode === "leased" ? "; a gateway cut off from Redis spends its lease for half of it at most" : ""
          }`
        }
      />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.caseInsensitivePaths ?? false}
          onChange={(e) => onChange(setting(draft, "caseInsensitivePaths", e.target.checked, !e.target.checked))}
        />
        Match product paths ignoring letter case (/V1/Search as /v1/search)
      </label>
      <PointerErrors pointer="/caseInsensitivePaths" />
    </fieldset>
  );
}
