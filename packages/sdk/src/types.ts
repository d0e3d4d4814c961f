/** Money is integer micros: 1 currency unit = 1,000,000. */
export type Micros = number;

export interface WalletBalance {
  walletId: string;
  currency: string;
  available: Micros;
}

export interface Balance {
  accountId: string;
  balances: WalletBalance[];
}

export interface UsageEvent {
  id: string;
  keyId: string;
  planId: string;
  method: string;
  path: string;
  price: Micros;
  currency: string;
  timestamp: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export interface Plan {
  id: string;
  name: string;
  currency: string;
  pricePerCall: Micros;
  createdAt: string;
}

export interface Wallet {
  id: string;
  accountId: string;
  currency: string;
  createdAt: string;
}

export interface Account {
  id: string;
  name: string;
  planId: string;
  status: string;
  createdAt: string;
  wallets: Wallet[];
}

export interface ApiKey {
  id: string;
  accountId: string;
  name: string;
  prefix: string;
  status: "active" | "revoked";
  createdAt: string;
  revokedAt?: string;
}

export interface LedgerEntry {
  id: string;
  walletId: string;
  accountId: string;
  type: string;
  amount: Micros;
  currency: string;
  reason?: string;
  balanceAfter?: Micros;
  createdAt: string;
}

/** RFC 9457 problem details, as every Tollgate error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  [extension: string]: unknown;
}
