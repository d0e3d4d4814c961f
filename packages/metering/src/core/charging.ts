import type { CompiledPlan } from "./catalog.js";

/**
 * What the meter needs from the stores, as small interfaces beside their Redis implementations
 * (store/charge-store.ts, store/directory.ts): the decision logic depends on these, never on Redis.
 */

/** What the control plane publishes for each API key (looked up by the SHA-256 of the key). */
export interface KeyRecord {
  keyId: string;
  accountId: string;
  planId: string;
  status: "active" | "revoked" | "suspended";
  /** Most this key may spend per period, in micros of the plan's currency. */
  spendCap?: { amount: number; period: "day" | "month" };
  /** The products its account holds bundles of: their calls are decided exactly, never from a lease. */
  bundled?: string[];
  /**
   * The payer whose wallet this account (a line of a hierarchy) spends from, within the line's own limit; absent
   * for an account that pays for itself. A line's calls are always decided exactly, never from a lease.
   */
  payerId?: string;
}

export interface Resolved {
  key: KeyRecord;
  plan: CompiledPlan;
}

/** API key digest → its record and its plan, compiled (synchronously when it is at hand: no promise per call). */
export interface KeyDirectory {
  resolve(keyHash: string): Resolved | undefined | Promise<Resolved | undefined>;
}

/** Who made a call and what its usage event says of it: the same for its charge, reservation, settlement and void. */
export interface CallIdentity {
  accountId: string;
  keyId: string;
  planId: string;
  productId: string;
  currency: string;
  eventId: string;
  timestampMs: number;
  method: string;
  path: string;
}

/** A quota as the scripts apply it for one call: its counter for the current period. */
export interface QuotaCheck {
  id: string;
  limit: number;
  hard: boolean;
  perUnit: boolean;
  period: string;
}

/** A call as it is charged: who made it, its price, and what it counts against. */
export interface RatedCall extends CallIdentity {
  /** The price as encodePrice() compiled it: the rate line's. */
  price: string;
  /** The usage counter its units add to: the product, or the product's rate line (`<product>~<value>`). */
  counter: string;
  /** The rate line's value, "" for the product's own price; recorded on the usage event. */
  line: string;
  /** The usage's attributes, as JSON ("" for none); recorded on the usage event. */
  attributes: string;
  /** A direct charge's request digest: kept with its receipt, and a different one for the same event id is refused. */
  requestDigest?: string;
  /**
   * Who charged it, when staff did (`user:…`, `token:…`): written on its usage event. Sent only when set, after
   * the quotas: a gateway's calls (never staff) send and write nothing more.
   */
  actor?: string;
  /** Units of the same call charged before (a charging session's earlier reports): its increments round the whole. */
  done: number;
  /** Period key of the price's usage counter, e.g. `2026-11`. */
  pricePeriod: string;
  /** Time-of-use percent applied to this call's price (100: none). */
  percent: number;
  quotas: QuotaCheck[];
  keyCap: { limit: number; period: string } | undefined;
  /** Count the period's usage and the key's spend: off for a flat price with no quota and no key cap. */
  track: boolean;
  /** The payer whose wallet pays (a line of a hierarchy): its key record's. Absent: the account's own wallet. */
  payerId?: string;
  /** A line's limit period: the calendar month in its plan's time zone, e.g. `2026-11` (with payerId only). */
  linePeriod?: string;
}

/** Which bundle paid how many units of a call (its usage event's `bn`), or got them back (a void's). */
export interface BundleTake {
  bundleId: string;
  units: number;
}

/** Why a charge or reservation was refused (or, `voided`, why it may not happen). */
export type Refusal =
  | { kind: "insufficient_funds"; balance: number; amount: number }
  | { kind: "unknown_account" }
  | { kind: "account_inactive"; status: string }
  | { kind: "key_inactive" }
  | { kind: "no_wallet" }
  | { kind: "quota_exceeded"; quotaId: string; used: number }
  | { kind: "spend_cap_reached"; spent: number; cap: number }
  /** A line of a hierarchy has spent its limit for the period (`spent` so far, `limit`), in the payer's wallet's currency. */
  | { kind: "line_limit_reached"; spent: number; limit: number }
  /** The account joined or left a hierarchy since its key record was read: the caller may retry at once. */
  | { kind: "payer_changed" }
  | { kind: "voided" }
  | { kind: "request_mismatch" }
  /** The product's live bundles do not cover the call's `units` and `bundleId` refuses overage. */
  | { kind: "bundle_exhausted"; bundleId: string; units: number };

/**
 * `amount` is what this call was charged (integer micros). A replayed charge (its event id charged before)
 * answers the first charge's balance and amount from its receipt, and moves nothing.
 */
export type ChargeOutcome =
  { kind: "charged"; balance: number; amount: number; quotasExceeded: string[]; replayed?: true; bundles?: BundleTake[] } | Refusal;
export type ReserveOutcome = { kind: "reserved"; balance: number; amount: number } | Refusal;
export type SettleOutcome =
  { kind: "settled"; balance: number; amount: number; quotasExceeded: string[]; bundles?: BundleTake[] } | { kind: "gone" };
/** What a void did: nothing had run (and now never will), it was voided before, or what ran was given back. */
export type VoidOutcome = "tombstoned" | "already_void" | "refunded";

/** How a reserved call ended: what it used, and whether it is refunded instead. */
export interface Settlement {
  units: number;
  refund: boolean;
  status: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** The one charging path: charge when the units are known before forwarding, else reserve then settle. */
export interface ChargeStore {
  charge(call: RatedCall, units: number): Promise<ChargeOutcome>;
  reserve(call: RatedCall, amount: number, ttlMs: number): Promise<ReserveOutcome>;
  settle(call: RatedCall, settlement: Settlement): Promise<SettleOutcome>;
  /** Undo a charge whose answer was lost, or make sure it never happens. Idempotent. */
  voidCharge(call: RatedCall): Promise<VoidOutcome>;
  /** Release a reservation whose answer was lost, or make sure it never happens. Idempotent. */
  voidReservation(call: RatedCall): Promise<VoidOutcome>;
}

/**
 * Leased mode (store/leases.ts): a call decided against a block of the account's balance this process holds,
 * with no round trip while the block lasts; its usage event is reported with others, shortly after.
 */
export interface LeaseStore {
  /** Spend `amount` on the call from the account's lease, renewing the lease when it runs short. */
  spend(c: RatedCall, amount: number, ttlMs: number): ChargeOutcome | Promise<ChargeOutcome>;
  /**
   * Pay the call's `units` from the bundle units the account's lease holds for its product, in memory, when they
   * cover it whole (amount 0); else undefined (decide it exactly), and the lease asks for units in the background.
   */
  spendUnits(c: RatedCall, units: number, ttlMs: number): ChargeOutcome | undefined | Promise<ChargeOutcome | undefined>;
  /** Report every call spent and give back what the leases hold (graceful shutdown). */
  close(): Promise<void>;
}
