/** What the control plane publishes of an account's state. */
export type AccountStatus = "active" | "suspended" | "closed";

export type ApplyResult = { kind: "applied"; balance: number; replayed: boolean } | { kind: "unknown_account" };
