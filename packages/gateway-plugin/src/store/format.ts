/**
 * Where every piece of hot state lives in Redis.
 *
 * Everything one account's scripts touch shares a hash slot, `{p<N>}`, with N derived from the account id,
 * so charge, credit and the usage XADD stay single-slot and run unchanged on Redis Cluster.
 * Records looked up by other ids (API keys, plans) live outside the partitions: they are read, never
 * written, on the hot path.
 */
export interface Keyspace {
  readonly prefix: string;
  readonly partitions: number;
  partitionOf(accountId: string): number;
  /** Hash: `status`, `k:<keyId>` = "1" for each active key, `b:<currency>` = available balance in micros. */
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
  creditReceipt(accountId: string, entryId: string): string;
  /** The period's usage of one product by one account (rated prices: tiers, allowances, packages). */
  usageCounter(accountId: string, productId: string, period: string): string;
  /** The period's count against one quota. */
  quotaCounter(accountId: string, quotaId: string, period: string): string;
  /** The period's spend through one API key (per-key caps). */
  keySpend(accountId: string, keyId: string, period: string): string;
  /** Hash: one open reservation (two-phase charging). */
  reservation(accountId: string, eventId: string): string;
  reservationIn(partition: number, eventId: string): string;
  /** Sorted set: the partition's open reservations by expiry, for the reaper. */
  reservations(partition: number): string;
  apiKey(keyHash: string): string;
  plan(planId: string): string;
  /** Hash: deploy-time facts every process must agree on (`partitions`). */
  meta(): string;
  /** Pub/sub channel on which the control plane announces changed records. */
  invalidationChannel(): string;
}

export const DEFAULT_PREFIX = "tg:";
export const DEFAULT_PARTITIONS = 64;

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
  const partitionOf = (accountId: string) => fnv1a32(accountId) % partitions;
  return {
    prefix,
    partitions,
    partitionOf,
    account: (accountId) => `${tag(partitionOf(accountId))}a:${accountId}`,
    usageStream: (n) => `${tag(n)}usage`,
    usageStreams: () => Array.from({ length: partitions }, (_, n) => `${tag(n)}usage`),
    signalStream: (n) => `${tag(n)}signals`,
    signalStreams: () => Array.from({ length: partitions }, (_, n) => `${tag(n)}signals`),
    chargeReceipt: (accountId, eventId) => `${tag(partitionOf(accountId))}ev:${eventId}`,
    creditReceipt: (accountId, entryId) => `${tag(partitionOf(accountId))}cr:${entryId}`,
    usageCounter: (accountId, productId, period) => `${tag(partitionOf(accountId))}u:${accountId}:${productId}:${period}`,
    quotaCounter: (accountId, quotaId, period) => `${tag(partitionOf(accountId))}q:${accountId}:${quotaId}:${period}`,
    keySpend: (accountId, keyId, period) => `${tag(partitionOf(accountId))}ks:${accountId}:${keyId}:${period}`,
    reservation: (accountId, eventId) => `${tag(partitionOf(accountId))}r:${eventId}`,
    reservationIn: (n, eventId) => `${tag(n)}r:${eventId}`,
    reservations: (n) => `${tag(n)}rsv`,
    apiKey: (keyHash) => `${prefix}key:${keyHash}`,
    plan: (planId) => `${prefix}plan:${planId}`,
    meta: () => `${prefix}meta`,
    invalidationChannel: () => `${prefix}invalidate`,
  };
}
