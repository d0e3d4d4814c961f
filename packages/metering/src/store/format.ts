import type { BundleTake } from "../core/charging.js";

export type { BundleTake } from "../core/charging.js";
/**
 * Every Redis format in one place: where each piece of hot state lives (the keyspace), the fields of an
 * account's hash, the entries of the usage and signal streams (each with its one decoder), and receipts. The
 * Lua scripts (scripts.ts) are built from these names; nothing else spells them.
 *
 * Keys.
 * Everything one account's scripts touch shares a hash slot, `{p<N>}`, with N derived from the account id,
 * so charge, credit and the usage XADD stay single-slot and run unchanged on Redis Cluster.
 * Records looked up by other ids (API keys, plans) live outside the partitions: they are read, never
 * written, on the hot path.
 */
export interface Keyspace {
  readonly prefix: string;
  readonly partitions: number;
  /**
   * The account's partition: `fnv1a32(accountId) mod partitions`, unless the account was moved to another (it
   * joined a payer of another partition: store/moves.ts), as this process last heard. Every key below follows it.
   */
  partitionOf(accountId: string): number;
  /** Record that an account's keys now live in `partition` (this process's view; store/moves.ts keeps it current). */
  setPartition(accountId: string, partition: number): void;
  /** Hash, outside the partitions: accountId → partition, for every account that was moved (store/moves.ts). */
  movedPartitions(): string;
  /** Hash: see ACCOUNT_FIELDS. */
  account(accountId: string): string;
  /** The partition's usage stream, read by the ingester through a consumer group. */
  usageStream(partition: number): string;
  usageStreams(): string[];
  /** The partition's balance signals (a wallet crossed its auto-recharge threshold), read by the control plane. */
  signalStream(partition: number): string;
  signalStreams(): string[];
  /** Result of a charge, kept briefly so that a retried charge with the same event id is not applied twice. */
  chargeReceipt(accountId: string, eventId: string): string;
  /** Result of a credit, so that a ledger entry reaches the hot balance exactly once. */
  entryReceipt(accountId: string, entryId: string): string;
  /** A direct charge's request digest, kept as long as its receipt: the same Idempotency-Key with another body is refused. */
  chargeRequest(accountId: string, eventId: string): string;
  /** The period's usage of one product by one account (rated prices: tiers, allowances, packages). */
  usageCounter(accountId: string, productId: string, period: string): string;
  /** The period's count against one quota. */
  quotaCounter(accountId: string, quotaId: string, period: string): string;
  /** The period's spend of a line of a hierarchy from its payer's wallet (its limit's counter). */
  lineSpend(accountId: string, period: string): string;
  /** The period's spend through one API key (per-key caps). */
  keySpend(accountId: string, keyId: string, period: string): string;
  /** Hash: one open reservation (two-phase charging). */
  reservation(accountId: string, eventId: string): string;
  reservationIn(partition: number, eventId: string): string;
  /** Sorted set: the partition's open reservations by expiry, for the reaper. */
  reservations(partition: number): string;
  /** What the account's leases (leased mode) hold in all: a lease's spend key, which a release takes down. */
  leased(accountId: string): string;
  apiKey(keyHash: string): string;
  plan(planId: string): string;
  /** Hash: a charging session (granted units), see store/sessions.ts; and its short lock while a request changes it. */
  session(sessionId: string): string;
  sessionLock(sessionId: string): string;
  /** Hash: deploy-time facts every process must agree on (`partitions`). */
  meta(): string;
  /** Pub/sub channel on which the control plane announces changed records. */
  invalidationChannel(): string;
}

export const DEFAULT_PREFIX = "tg:";
export const DEFAULT_PARTITIONS = 64;

/**
 * An id from `mint` that falls in `payerId`'s partition: a line of a hierarchy is given one, so that its hash,
 * its counters and its payer's wallet share one hash slot and one script decides its calls. `mint` draws a
 * random id each time; 1 in `partitions` does, so a few dozen draws on average (each a hash of a short string).
 */
export function mintInPartitionOf(keyspace: Keyspace, payerId: string, mint: () => string): string {
  const wanted = keyspace.partitionOf(payerId);
  for (;;) {
    const id = mint();
    if (keyspace.partitionOf(id) === wanted) return id;
  }
}

const PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** FNV-1a, 32 bits: stable across processes and languages, cheap, and spreads short ids well. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createKeyspace(prefix = DEFAULT_PREFIX, partitions = DEFAULT_PARTITIONS): Keyspace {
  // Braces in the prefix would move the hash tag; the rest keeps keys readable in redis-cli.
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`invalid key prefix ${JSON.stringify(prefix)}`);
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 16384) {
    throw new Error(`partitions must be an integer from 1 to 16384, got ${partitions}`);
  }
  const tag = (n: number) => `${prefix}{p${n}}:`;
  const moved = new Map<string, number>();
  const partitionOf = (accountId: string) => moved.get(accountId) ?? fnv1a32(accountId) % partitions;
  return {
    prefix,
    partitions,
    partitionOf,
    setPartition: (accountId, partition) => {
      if (partition === fnv1a32(accountId) % partitions) moved.delete(accountId);
      else moved.set(accountId, partition);
    },
    movedPartitions: () => `${prefix}partitions:moved`,
    account: (accountId) => `${tag(partitionOf(accountId))}a:${accountId}`,
    usageStream: (n) => `${tag(n)}usage`,
    usageStreams: () => Array.from({ length: partitions }, (_, n) => `${tag(n)}usage`),
    signalStream: (n) => `${tag(n)}signals`,
    signalStreams: () => Array.from({ length: partitions }, (_, n) => `${tag(n)}signals`),
    chargeReceipt: (accountId, eventId) => `${tag(partitionOf(accountId))}ev:${eventId}`,
    entryReceipt: (accountId, entryId) => `${tag(partitionOf(accountId))}cr:${entryId}`,
    chargeRequest: (accountId, eventId) => `${tag(partitionOf(accountId))}dr:${eventId}`,
    usageCounter: (accountId, productId, period) => `${tag(partitionOf(accountId))}u:${accountId}:${productId}:${period}`,
    quotaCounter: (accountId, quotaId, period) => `${tag(partitionOf(accountId))}q:${accountId}:${quotaId}:${period}`,
    keySpend: (accountId, keyId, period) => `${tag(partitionOf(accountId))}ks:${accountId}:${keyId}:${period}`,
    lineSpend: (accountId, period) => `${tag(partitionOf(accountId))}ls:${accountId}:${period}`,
    reservation: (accountId, eventId) => `${tag(partitionOf(accountId))}r:${eventId}`,
    reservationIn: (n, eventId) => `${tag(n)}r:${eventId}`,
    reservations: (n) => `${tag(n)}rsv`,
    leased: (accountId) => `${tag(partitionOf(accountId))}ld:${accountId}`,
    apiKey: (keyHash) => `${prefix}key:${keyHash}`,
    plan: (planId) => `${prefix}plan:${planId}`,
    session: (sessionId) => `${prefix}ses:${sessionId}`,
    sessionLock: (sessionId) => `${prefix}sesl:${sessionId}`,
    meta: () => `${prefix}meta`,
    invalidationChannel: () => `${prefix}invalidate`,
  };
}

/**
 * An account's hash. `status`; per active API key `k:<keyId>` = "1"; per wallet (currency) the available
 * balance `b:`, the amount reserved by open reservations `h:`, the credit limit `cl:` (how far below zero it may
 * go, 0 for prepaid) and, when auto-recharge is on, its threshold `ar:` — all integer micros.
 *
 * Bundles (unit balances): per product with live bundles, `bx:<productId>` lists them in consumption order as
 * `<bundleId>,<expiresAtMs>,<overage>,<priority>,<issuedAtMs>` joined by `;` (overage `c`: the uncovered units
 * are charged at the plan's price; `r`: refused), and per bundle `bu:<bundleId>` holds its remaining units.
 * Consumption order, stated once (the scripts keep the list sorted by it): lowest priority number, then the
 * soonest expiry, then the oldest, then the id. Per bundle `bh:<bundleId>`: its units leases hold (leased mode),
 * out of `bu:` while they do.
 *
 * A line of a hierarchy (an account its payer pays for) has no wallet of its own: `pa` names its payer, whose
 * hash (in the same slot: a line's id is minted in its payer's partition) holds the wallet it spends from, and
 * per currency `ll:` its limit per period (micros; none: no limit), counted by its `lineSpend` counter.
 *
 * An account being moved to another partition (store/moves.ts) has `status` MOVE_STATUS.moving, its own status
 * kept in `ms` and the partition it goes to in `mv`; once moved, the hash left behind is a tombstone: `status`
 * MOVE_STATUS.moved and `mv` alone.
 */
export const ACCOUNT_FIELDS = {
  status: "status",
  key: "k:",
  balance: "b:",
  reserved: "h:",
  creditLimit: "cl:",
  autoRechargeThreshold: "ar:",
  bundleList: "bx:",
  bundleUnits: "bu:",
  bundleHeld: "bh:",
  payer: "pa",
  lineLimit: "ll:",
  movedTo: "mv",
  statusBeforeMove: "ms",
} as const;

/**
 * The statuses of an account hash being moved: `moving` refuses new charges, reservations and leases (what is open
 * still ends there); `moved` (the tombstone) refuses every script, and the caller looks the partition up again.
 */
export const MOVE_STATUS = { moving: "moving", moved: "moved" } as const;

/** The same key in another partition (`{p<N>}` is the first brace pair of every partitioned key). */
export function inPartition(key: string, partition: number): string {
  return key.replace(/\{p\d+\}/, `{p${partition}}`);
}

/** A bundle's overage as the account hash spells it: what happens to the units its bundles do not cover. */
export const BUNDLE_OVERAGE = { charge: "c", refuse: "r" } as const;

/** The one decoder of a usage event's `bn` ("bundleId:units bundleId:units"). */
export function decodeBundleTakes(text: string | undefined): BundleTake[] {
  if (!text) return [];
  return text
    .split(" ")
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf(":");
      return { bundleId: part.slice(0, at), units: Number(part.slice(at + 1)) };
    });
}

/** The name of a per-key or per-currency field of the account hash, e.g. `accountField("balance", "USD")` = `b:USD`. */
export function accountField(
  field: Exclude<keyof typeof ACCOUNT_FIELDS, "status" | "movedTo" | "statusBeforeMove">,
  suffix: string,
): string {
  return ACCOUNT_FIELDS[field] + suffix;
}

/** One usage event on a partition's usage stream: field names as stored (short, for memory). */
export const USAGE_FIELDS = {
  eventId: "id",
  accountId: "a",
  keyId: "k",
  planId: "p",
  productId: "pr",
  currency: "c",
  /** Micros charged; negative on a void entry (the charge given back). */
  amount: "amt",
  units: "u",
  timestampMs: "ts",
  method: "m",
  path: "path",
  /** The upstream's status (two-phase), `reaped`, or 503 on a void entry. */
  status: "st",
  durationMs: "dur",
  requestBytes: "rqb",
  responseBytes: "rsb",
  /** "1": returned to the caller (upstream failure, abort, reaped, or voided). */
  refunded: "rf",
  /** Soft quotas this call carried past their limit, space-separated. */
  quotasExceeded: "qx",
  /** "1": a void entry, undoing the charge of the call with this event id (its gateway answered 503). */
  void: "vd",
  /** The usage's attributes, as a JSON object of strings: only when it has any. */
  attributes: "at",
  /** The value of the rate line that priced it (`+3519`): only for a product rated by a dimension. */
  rateLine: "ln",
  /** Who charged it (`user:…`, `token:…`, `admin:…`): only for staff charges; a gateway call's is its key. */
  actor: "by",
  /**
   * Which bundles paid how many of its units ("bundleId:units …", consumption order): only when bundles paid.
   * On a void entry: the units given back to the bundles.
   */
  bundles: "bn",
  /** The payer whose wallet paid (a line of a hierarchy): only when it is not the account itself. */
  payerId: "py",
} as const;

export interface UsageEntry {
  eventId: string;
  accountId: string;
  keyId: string;
  planId: string;
  /** "default" for calls priced by the plan's rule for unmatched routes. */
  productId: string;
  currency: string;
  amount: number;
  units: number;
  timestampMs: number;
  method: string;
  path: string;
  /** The upstream's status for two-phase charges, 0 for a reaped reservation, 503 for a void. */
  status?: number;
  durationMs?: number;
  requestBytes?: number;
  responseBytes?: number;
  refunded: boolean;
  quotasExceeded: string[];
  void: boolean;
  attributes?: Record<string, string>;
  rateLine?: string;
  /** The staff member who charged it, for charges made with a staff credential (key id NO_KEY or the session's). */
  actor?: string;
  /** The bundles that paid its units (a void's: the units given back); absent when none did. */
  bundles?: BundleTake[];
  /** The payer whose wallet paid its amount (a line's), when not the account itself. */
  payerId?: string;
}

/** Field/value pairs as XRANGE and XREADGROUP return them. */
function pairs(fields: string[]): Record<string, string> {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  return f;
}

const optionalNumber = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));

/** The one decoder of usage stream entries. */
export function decodeUsageEntry(fields: string[]): UsageEntry {
  const f = pairs(fields);
  const F = USAGE_FIELDS;
  const status = f[F.status];
  const entry: UsageEntry = {
    eventId: f[F.eventId]!,
    accountId: f[F.accountId]!,
    keyId: f[F.keyId]!,
    planId: f[F.planId] ?? "",
    productId: f[F.productId] || "default",
    currency: f[F.currency]!,
    amount: Number(f[F.amount]),
    units: optionalNumber(f[F.units]) ?? 1,
    timestampMs: Number(f[F.timestampMs]),
    method: f[F.method] ?? "",
    path: f[F.path] ?? "",
    refunded: f[F.refunded] === "1",
    quotasExceeded: (f[F.quotasExceeded] ?? "").split(" ").filter(Boolean),
    void: f[F.void] === "1",
  };
  if (status !== undefined) entry.status = status === "reaped" ? 0 : Number(status);
  const durationMs = optionalNumber(f[F.durationMs]);
  const requestBytes = optionalNumber(f[F.requestBytes]);
  const responseBytes = optionalNumber(f[F.responseBytes]);
  if (durationMs !== undefined) entry.durationMs = durationMs;
  if (requestBytes !== undefined) entry.requestBytes = requestBytes;
  if (responseBytes !== undefined) entry.responseBytes = responseBytes;
  const attributes = decodeAttributes(f[F.attributes]);
  if (attributes !== undefined) entry.attributes = attributes;
  if (f[F.rateLine]) entry.rateLine = f[F.rateLine];
  if (f[F.actor]) entry.actor = f[F.actor];
  const bundles = decodeBundleTakes(f[F.bundles]);
  if (bundles.length > 0) entry.bundles = bundles;
  if (f[F.payerId]) entry.payerId = f[F.payerId];
  return entry;
}

/** Whose wallet a usage event's amount moved: its payer's (a line's), or the account's own. */
export const walletOwnerOf = (e: { accountId: string; payerId?: string | undefined }): string => e.payerId ?? e.accountId;

/** Attributes as the scripts store them: a JSON object of strings (anything else is dropped, never thrown). */
function decodeAttributes(json: string | undefined): Record<string, string> | undefined {
  if (!json) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string");
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  } catch {
    return undefined;
  }
}

/** One balance signal on a partition's signal stream: a wallet crossed its auto-recharge threshold. */
export const SIGNAL_FIELDS = { accountId: "a", currency: "c", balance: "b", threshold: "t" } as const;

export interface BalanceSignal {
  accountId: string;
  currency: string;
  balance: number;
  threshold: number;
}

/** The one decoder of signal stream entries. */
export function decodeSignal(fields: string[]): BalanceSignal {
  const f = pairs(fields);
  return {
    accountId: f[SIGNAL_FIELDS.accountId]!,
    currency: f[SIGNAL_FIELDS.currency]!,
    balance: Number(f[SIGNAL_FIELDS.balance]),
    threshold: Number(f[SIGNAL_FIELDS.threshold]),
  };
}

/**
 * A charge receipt, kept under the event id for as long as a retry can need it:
 * `"<balance> <amount> <units> <added> <bundle takes>"` (the takes as the usage event's `bn`),
 * so that a retry is answered and a void undoes exactly what ran; VOID_RECEIPT is the tombstone a void leaves
 * where no charge ran (yet), which makes a late charge or reservation refuse. A credit receipt is the balance.
 */
export const VOID_RECEIPT = "void";

/**
 * The key id of a charge staff made for an account directly (`POST /v1/charges` with an admin token), not
 * through one of its API keys: the scripts admit it without a key of the account's, and no key cap applies.
 * Its usage event names the staff member in `actor`.
 */
export const NO_KEY = "-";

/**
 * Lua source for an XADD of the named fields, in the order of `names` (a record of field → Lua expression),
 * e.g. `luaXadd("KEYS[2]", USAGE_FIELDS, { eventId: "ARGV[6]", … })`, then the field/value pairs of the Lua
 * table `tail` evaluates to, if given (fields an entry has only sometimes). Built once, when a script is defined.
 */
export function luaXadd<F extends Record<string, string>>(
  stream: string,
  names: F,
  values: Partial<Record<keyof F, string>>,
  tail?: string,
): string {
  const args = Object.entries(values).flatMap(([field, expression]) => [`'${names[field]}'`, expression as string]);
  if (tail !== undefined) args.push(`unpack(${tail})`);
  return `redis.call('XADD', ${stream}, '*', ${args.join(", ")})`;
}
