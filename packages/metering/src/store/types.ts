/** An account's status, as its admins set it. */
export type AccountStatus = "active" | "suspended" | "closed";

/**
 * What the control plane publishes of an account's state: its status, or `unpaid` for an active account whose
 * recurring fee is due past its grace period (its calls are refused with 402 `subscription_unpaid`).
 */
export type GateStatus = AccountStatus | "unpaid";

export type ApplyResult =
  | { kind: "applied"; balance: number; replayed: boolean }
  | { kind: "not_covered"; balance: number; creditLimit: number }
  | { kind: "unknown_account" };
