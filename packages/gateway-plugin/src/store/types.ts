/** What the control plane publishes for each API key (looked up by the SHA-256 of the key). */
export interface KeyRecord {
  keyId: string;
  accountId: string;
  planId: string;
  status: "active" | "revoked";
  /** Most this key may spend per period, in micros of the plan's currency. */
  spendCap?: { amount: number; period: "day" | "month" };
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

export type AccountStatus = "active" | "suspended" | "closed";

export interface ChargeRequest {
  accountId: string;
  keyId: string;
  planId: string;
  currency: string;
  price: number;
  eventId: string;
  timestampMs: number;
  method: string;
  path: string;
}

export type ChargeResult =
  | { kind: "charged"; balance: number; replayed: boolean }
  | { kind: "insufficient_funds"; balance: number }
  | { kind: "unknown_account" }
  | { kind: "account_inactive"; status: string }
  | { kind: "key_inactive" }
  | { kind: "no_wallet" }
  | { kind: "voided" };

export type CreditResult = { kind: "applied"; balance: number; replayed: boolean } | { kind: "unknown_account" };
