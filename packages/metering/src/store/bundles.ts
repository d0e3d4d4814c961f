import type { RedisClient } from "../redis.js";
import { MoveStore } from "./moves.js";
import { ACCOUNT_FIELDS, accountField, BUNDLE_OVERAGE, type Keyspace } from "./format.js";
import { BundleCode, END_BUNDLE_LUA, ISSUE_BUNDLE_LUA } from "./scripts.js";

type ScriptedRedis = RedisClient & {
  tollgateIssueBundle(...args: (string | number)[]): Promise<[number]>;
  tollgateEndBundle(...args: (string | number)[]): Promise<[number, number]>;
};

/** A bundle as the hot state holds it: what the scripts need to order it and take from it. */
export interface HotBundle {
  bundleId: string;
  productId: string;
  /** Units left (at issue: all of them). */
  units: number;
  expiresAtMs: number;
  overage: keyof typeof BUNDLE_OVERAGE;
  priority: number;
  issuedAtMs: number;
}

/** How long a bundle receipt is kept: longer than any retry of an issue, an expiry or a revocation can take. */
const RECEIPT_TTL_SECONDS = 30 * 24 * 3600;

/**
 * The hash fields of an account's bundles, for a restore: per product its list in consumption order (the
 * order ISSUE_BUNDLE_LUA keeps: lowest priority number, soonest expiry, oldest, then id), per bundle its units.
 */
export function bundleFields(bundles: HotBundle[]): (string | number)[] {
  const byProduct = new Map<string, HotBundle[]>();
  for (const b of bundles) byProduct.set(b.productId, [...(byProduct.get(b.productId) ?? []), b]);
  const fields: (string | number)[] = [];
  for (const [productId, list] of byProduct) {
    list.sort(
      (x, y) =>
        x.priority - y.priority ||
        x.expiresAtMs - y.expiresAtMs ||
        x.issuedAtMs - y.issuedAtMs ||
        (x.bundleId < y.bundleId ? -1 : x.bundleId > y.bundleId ? 1 : 0),
    );
    fields.push(accountField("bundleList", productId), list.map(listItem).join(";"));
    for (const b of list) fields.push(accountField("bundleUnits", b.bundleId), b.units);
  }
  return fields;
}

const listItem = (b: HotBundle) => [b.bundleId, b.expiresAtMs, BUNDLE_OVERAGE[b.overage], b.priority, b.issuedAtMs].join(",");

/**
 * An account's bundles in Redis, where the charging scripts take from them: issued and ended (expired or
 * revoked) exactly once each, by a receipt named after the unit entry that books it.
 */
export class BundleStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: RedisClient,
    private readonly keyspace: Keyspace,
    private readonly moves: MoveStore = new MoveStore(redis, keyspace),
  ) {
    redis.defineCommand("tollgateIssueBundle", { numberOfKeys: 2, lua: ISSUE_BUNDLE_LUA });
    redis.defineCommand("tollgateEndBundle", { numberOfKeys: 2, lua: END_BUNDLE_LUA });
    this.redis = redis as ScriptedRedis;
  }

  /** Put a bundle where the scripts take from it, once per `receiptId` (the unit entry issuing it). */
  async issue(accountId: string, b: HotBundle, receiptId: string): Promise<"applied" | "already_applied" | "unknown_account"> {
    const ks = this.keyspace;
    const issue = () =>
      this.redis.tollgateIssueBundle(
        ks.account(accountId),
        ks.entryReceipt(accountId, receiptId),
        b.bundleId,
        b.productId,
        b.units,
        b.expiresAtMs,
        BUNDLE_OVERAGE[b.overage],
        b.priority,
        b.issuedAtMs,
        RECEIPT_TTL_SECONDS,
      );
    // A moved account's tombstone: once more where the account is now (else, as for an account not in Redis).
    const [code] = await this.moves.whereItIs(accountId, issue, ([c]) => c === BundleCode.moved);
    if (code === BundleCode.unknownAccount || code === BundleCode.moved) return "unknown_account";
    return code === BundleCode.applied ? "applied" : "already_applied";
  }

  /**
   * Take a bundle out (expiry, revocation) once per `receiptId`: the units it had left, the same to a repeat.
   * `unknown_account` when Redis does not hold the account (restore it, then end the bundle).
   */
  async end(
    accountId: string,
    bundleId: string,
    productId: string,
    receiptId: string,
  ): Promise<{ kind: "ended"; units: number; replayed: boolean } | { kind: "pending" } | { kind: "unknown_account" }> {
    const ks = this.keyspace;
    const end = () =>
      this.redis.tollgateEndBundle(ks.account(accountId), ks.entryReceipt(accountId, receiptId), bundleId, productId, RECEIPT_TTL_SECONDS);
    const [code, units] = await this.moves.whereItIs(accountId, end, ([c]) => c === BundleCode.moved);
    if (code === BundleCode.unknownAccount || code === BundleCode.moved) return { kind: "unknown_account" };
    // Leases hold some of its units: it left its product's list, and ends once they are given back.
    if (code === BundleCode.pending) return { kind: "pending" };
    return { kind: "ended", units: Number(units), replayed: code === BundleCode.alreadyApplied };
  }

  /**
   * Each bundle's units left in Redis, those leases hold for it included (not used until a lease reports them;
   * bundles no longer in Redis are absent).
   */
  async remaining(accountId: string): Promise<Map<string, number>> {
    const hash = await this.redis.hgetall(this.keyspace.account(accountId));
    const out = new Map<string, number>();
    for (const [field, value] of Object.entries(hash)) {
      if (field.startsWith(ACCOUNT_FIELDS.bundleUnits)) {
        const id = field.slice(ACCOUNT_FIELDS.bundleUnits.length);
        out.set(id, Number(value) + Number(hash[accountField("bundleHeld", id)] ?? 0));
      }
    }
    return out;
  }

  /**
   * What the product's live bundles (expiring after `atMs`) hold now, and whether one refuses overage: what a
   * charging session's grant counts before money. A read, not a hold: calls may take the units meanwhile.
   */
  async live(accountId: string, productId: string, atMs: number): Promise<{ units: number; refuse: boolean }> {
    const key = this.keyspace.account(accountId);
    const list = await this.redis.hget(key, accountField("bundleList", productId));
    const items = (list ?? "")
      .split(";")
      .filter(Boolean)
      .map((item) => item.split(","))
      .filter(([, exp]) => Number(exp) > atMs);
    if (items.length === 0) return { units: 0, refuse: false };
    const left = await this.redis.hmget(key, ...items.map(([id]) => accountField("bundleUnits", id!)));
    return {
      units: left.reduce((sum, v) => sum + Math.max(0, Number(v ?? 0)), 0),
      refuse: items.some(([, , overage]) => overage === BUNDLE_OVERAGE.refuse),
    };
  }

  /** The products with a bundle in Redis (their calls are decided exactly, never from a lease). */
  async products(accountId: string): Promise<string[]> {
    const fields = await this.redis.hkeys(this.keyspace.account(accountId));
    return fields.filter((f) => f.startsWith(ACCOUNT_FIELDS.bundleList)).map((f) => f.slice(ACCOUNT_FIELDS.bundleList.length));
  }
}
