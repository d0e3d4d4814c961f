import type { RedisClient } from "../redis.js";
import { compilePlan, type CompiledPlan, type PlanSpec } from "../core/catalog.js";
import type { KeyRecord } from "../core/charging.js";
import { ACCOUNT_FIELDS, accountField, decodeUsageEntry, walletOwnerOf, type Keyspace, type UsageEntry } from "./format.js";
import { ACCOUNT_FIELD_LUA, APPLY_ENTRY_LUA, ApplyCode, PUBLISH_ACCOUNT_LUA, RESTORE_LUA } from "./scripts.js";
import { MoveStore } from "./moves.js";
import type { ApplyResult, GateStatus } from "./types.js";
import { bundleFields, BundleStore, type HotBundle } from "./bundles.js";

type ScriptReply = [number, number | string, number?];

type ScriptedRedis = RedisClient & {
  tollgateApplyEntry(...args: (string | number)[]): Promise<ScriptReply>;
  tollgateRestore(...args: (string | number)[]): Promise<number>;
  tollgatePublishAccount(...args: (string | number)[]): Promise<number>;
  tollgateAccountField(key: string, field: string, set: string): Promise<number>;
};

export interface HotStoreOptions {
  /** How long a credit receipt is kept: longer than any retry of a ledger entry can take. */
  creditReceiptTtlSeconds?: number;
}

/**
 * Redis as the real-time view of balances and the publication point for what gateways need: the control
 * plane publishes and credits through it, and reads balances back; gateways read keys and plans through it.
 * Charging is RedisChargeStore's.
 */
export class HotStore {
  readonly keyspace: Keyspace;
  /** The accounts' bundles (unit balances) in Redis. */
  readonly bundles: BundleStore;
  /** Accounts moved to another partition (store/moves.ts). */
  readonly moves: MoveStore;
  private readonly redis: ScriptedRedis;
  private readonly creditReceiptTtl: number;

  constructor(redis: RedisClient, keyspace: Keyspace, options: HotStoreOptions = {}) {
    redis.defineCommand("tollgateApplyEntry", { numberOfKeys: 3, lua: APPLY_ENTRY_LUA });
    redis.defineCommand("tollgateRestore", { numberOfKeys: 1, lua: RESTORE_LUA });
    redis.defineCommand("tollgatePublishAccount", { numberOfKeys: 1, lua: PUBLISH_ACCOUNT_LUA });
    redis.defineCommand("tollgateAccountField", { numberOfKeys: 1, lua: ACCOUNT_FIELD_LUA });
    this.redis = redis as ScriptedRedis;
    this.keyspace = keyspace;
    this.moves = new MoveStore(redis, keyspace);
    this.bundles = new BundleStore(redis, keyspace, this.moves);
    this.creditReceiptTtl = options.creditReceiptTtlSeconds ?? 30 * 24 * 3600;
  }

  /**
   * Apply a ledger entry (by its id) to the hot balance; a second call with the same entry id is a no-op.
   * `onlyIfCovered`: a debit the wallet cannot cover (balance plus credit limit) is refused and moves nothing.
   */
  async applyEntry(
    accountId: string,
    entryId: string,
    currency: string,
    amount: number,
    options: { onlyIfCovered?: boolean } = {},
  ): Promise<ApplyResult> {
    const ks = this.keyspace;
    const apply = () =>
      this.redis.tollgateApplyEntry(
        ks.account(accountId),
        ks.entryReceipt(accountId, entryId),
        ks.signalStream(ks.partitionOf(accountId)),
        currency,
        amount,
        this.creditReceiptTtl,
        accountId,
        options.onlyIfCovered ? "1" : "0",
      );
    // The hash this process knew may be a moved account's tombstone: then once more where the account is now.
    const [code, value, limit] = await this.moves.whereItIs(accountId, apply, ([c]) => c === ApplyCode.moved);
    if (code === ApplyCode.unknownAccount || code === ApplyCode.moved) return { kind: "unknown_account" };
    if (code === ApplyCode.notCovered) return { kind: "not_covered", balance: Number(value), creditLimit: Number(limit ?? 0) };
    return { kind: "applied", balance: Number(value), replayed: code === ApplyCode.alreadyApplied };
  }

  /**
   * Whether a ledger entry (by its id) has reached the hot balance: its receipt is there. A debit made only if
   * covered leaves one only when it moved the money, so a writer that died before booking it can tell.
   */
  async entryApplied(accountId: string, entryId: string): Promise<boolean> {
    return (await this.redis.exists(this.keyspace.entryReceipt(accountId, entryId))) === 1;
  }

  /**
   * Publish an account's status, active keys and wallets. Wallet balances are only created here, never
   * overwritten: they move by charges and credits alone.
   */
  async publishAccount(account: {
    accountId: string;
    status: GateStatus;
    activeKeyIds: string[];
    currencies: string[];
    /** How far below zero each wallet may go (postpaid and hybrid accounts); 0 for prepaid. */
    creditLimits?: Record<string, number>;
    /** Wallets with auto-recharge on: the balance below which a signal is raised. */
    autoRechargeThresholds?: Record<string, number>;
    /** A line of a hierarchy: its payer (whose wallet it spends from), and its limits per period by currency. */
    line?: { payerId: string; limits: Record<string, number> };
  }): Promise<void> {
    const key = this.keyspace.account(account.accountId);
    const existing = await this.redis.hkeys(key);
    const active = new Set(account.activeKeyIds.map((id) => accountField("key", id)));
    const limits = new Set(Object.keys(account.line?.limits ?? {}).map((c) => accountField("lineLimit", c)));
    const stale = existing.filter(
      (f) =>
        (f.startsWith(ACCOUNT_FIELDS.key) && !active.has(f)) ||
        (f.startsWith(ACCOUNT_FIELDS.lineLimit) && !limits.has(f)) ||
        (f === ACCOUNT_FIELDS.payer && account.line === undefined),
    );
    const set: (string | number)[] = [];
    for (const field of active) set.push(field, "1");
    if (account.line !== undefined) {
      set.push(ACCOUNT_FIELDS.payer, account.line.payerId);
      for (const [currency, limit] of Object.entries(account.line.limits)) set.push(accountField("lineLimit", currency), limit);
    }
    const absent: (string | number)[] = [];
    const unset = [...stale];
    for (const currency of account.currencies) {
      absent.push(accountField("balance", currency), 0);
      set.push(accountField("creditLimit", currency), account.creditLimits?.[currency] ?? 0);
      const threshold = account.autoRechargeThresholds?.[currency];
      if (threshold === undefined) unset.push(accountField("autoRechargeThreshold", currency));
      else set.push(accountField("autoRechargeThreshold", currency), threshold);
    }
    const publish = (at: string) =>
      this.redis.tollgatePublishAccount(at, account.status, set.length / 2, ...set, absent.length / 2, ...absent, ...unset);
    // A moved account's tombstone is left alone: published where the account is now, or, while it moves, by the
    // move itself, which publishes it again once it lives in its new partition.
    await this.moves.whereItIs(
      account.accountId,
      () => publish(this.keyspace.account(account.accountId)),
      (published) => published === 0,
    );
  }

  /** Record the deployment's partition count again if Redis lost it (the processes already agree on it). */
  async ensureMeta(): Promise<void> {
    await this.redis.hsetnx(this.keyspace.meta(), "partitions", this.keyspace.partitions);
  }

  /**
   * Recreate a lost account from the book of record: status, active keys, each wallet's balance and credit
   * limit, and its live bundles with their units left, atomically. Returns false (and changes nothing) when the
   * account exists.
   */
  async restoreAccount(account: {
    accountId: string;
    status: GateStatus;
    activeKeyIds: string[];
    wallets: { currency: string; balance: number; creditLimit: number; autoRechargeThreshold?: number | undefined }[];
    bundles?: HotBundle[];
    /** A line of a hierarchy: its payer and limits (it has no wallet of its own). */
    line?: { payerId: string; limits: Record<string, number> };
  }): Promise<boolean> {
    const fields: (string | number)[] = [ACCOUNT_FIELDS.status, account.status];
    for (const id of account.activeKeyIds) fields.push(accountField("key", id), "1");
    if (account.line !== undefined) {
      fields.push(ACCOUNT_FIELDS.payer, account.line.payerId);
      for (const [currency, limit] of Object.entries(account.line.limits)) fields.push(accountField("lineLimit", currency), limit);
    }
    for (const w of account.wallets) {
      fields.push(accountField("balance", w.currency), w.balance, accountField("creditLimit", w.currency), w.creditLimit);
      if (w.autoRechargeThreshold !== undefined) fields.push(accountField("autoRechargeThreshold", w.currency), w.autoRechargeThreshold);
    }
    fields.push(...bundleFields(account.bundles ?? []));
    return (await this.redis.tollgateRestore(this.keyspace.account(account.accountId), ...fields)) === 1;
  }

  /**
   * Usage of one account still in its partition's stream (not yet ingested, or not yet deleted). A void entry
   * (a refused call's charge undone) has the negative amount and `void: true`. `by: "wallet"`: the usage its
   * wallet paid instead, its own and its lines' (a line's usage is in its payer's partition).
   */
  async streamedUsage(accountId: string, by: "account" | "wallet" = "account"): Promise<UsageEntry[]> {
    const stream = this.keyspace.usageStream(this.keyspace.partitionOf(accountId));
    const out: UsageEntry[] = [];
    let from = "-";
    for (;;) {
      const entries = await this.redis.xrange(stream, from, "+", "COUNT", 1_000);
      for (const [, fields] of entries) {
        const entry = decodeUsageEntry(fields);
        if ((by === "wallet" ? walletOwnerOf(entry) : entry.accountId) === accountId) out.push(entry);
      }
      if (entries.length < 1_000) return out;
      from = `(${entries[entries.length - 1]![0]}`;
    }
  }

  /** Set a period counter lost with Redis from the book of record, unless it has started again meanwhile. */
  async restoreCounter(key: string, value: number, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, "EX", ttlSeconds, "NX");
  }

  /** A period counter's value (quotas, usage, key spend); 0 when it has not started. */
  async counter(key: string): Promise<number> {
    return Number((await this.redis.get(key)) ?? 0);
  }

  /** The hot view of one account: per currency, available balance, reserved by open reservations, credit limit. */
  async wallets(accountId: string): Promise<Map<string, { balance: number; reserved: number; creditLimit: number }>> {
    const hash = await this.redis.hgetall(this.keyspace.account(accountId));
    const out = new Map<string, { balance: number; reserved: number; creditLimit: number }>();
    for (const [field, value] of Object.entries(hash)) {
      if (!field.startsWith(ACCOUNT_FIELDS.balance)) continue;
      const currency = field.slice(ACCOUNT_FIELDS.balance.length);
      out.set(currency, {
        balance: Number(value),
        reserved: Number(hash[accountField("reserved", currency)] ?? 0),
        creditLimit: Number(hash[accountField("creditLimit", currency)] ?? 0),
      });
    }
    return out;
  }

  async publishApiKey(keyHash: string, record: KeyRecord): Promise<void> {
    const ks = this.keyspace;
    const { spendCap, bundled, payerId, ...fields } = record;
    const stored = {
      ...fields,
      spendCap: spendCap ? JSON.stringify(spendCap) : "",
      bundled: (bundled ?? []).join(" "),
      payerId: payerId ?? "",
    };
    // Two slots, so two writes, ordered so that the account hash (which the charge script checks) is
    // never more permissive than the key record: revocation bites before any cache hears of it.
    const field = accountField("key", record.keyId);
    const set = record.status === "active" ? "1" : "0";
    // (A moved account's tombstone is left alone, as in publishAccount.)
    await this.moves.whereItIs(
      record.accountId,
      () => this.redis.tollgateAccountField(ks.account(record.accountId), field, set),
      (written) => written === 0,
    );
    await this.redis.hset(ks.apiKey(keyHash), stored);
    await this.announce(`key:${keyHash}`);
  }

  private readonly listeners: ((message: string) => void)[] = [];

  /** Also tell `listener` of each change this process publishes, at once (before other processes hear of it). */
  onPublish(listener: (message: string) => void): void {
    this.listeners.push(listener);
  }

  private async announce(message: string): Promise<void> {
    for (const listener of this.listeners) listener(message);
    await this.redis.publish(this.keyspace.invalidationChannel(), message);
  }

  /** Publish a plan's catalog; every gateway drops its copy at once and compiles the new one on next use. */
  async publishPlan(spec: PlanSpec): Promise<void> {
    await this.redis.hset(this.keyspace.plan(spec.planId), { spec: JSON.stringify(spec) });
    await this.announce(`plan:${spec.planId}`);
  }

  async readApiKey(keyHash: string): Promise<KeyRecord | undefined> {
    const h = await this.redis.hgetall(this.keyspace.apiKey(keyHash));
    if (!h.keyId || !h.accountId || !h.planId) return undefined;
    return {
      keyId: h.keyId,
      accountId: h.accountId,
      planId: h.planId,
      status: h.status === "active" ? "active" : "revoked",
      ...(h.spendCap ? { spendCap: JSON.parse(h.spendCap) as KeyRecord["spendCap"] } : {}),
      ...(h.bundled ? { bundled: h.bundled.split(" ") } : {}),
      ...(h.payerId ? { payerId: h.payerId } : {}),
    };
  }

  /** The plan, compiled: parsed here once per change, never per call. */
  async readPlan(planId: string): Promise<CompiledPlan | undefined> {
    const spec = await this.readPlanText(planId);
    return spec === undefined ? undefined : compilePlan(JSON.parse(spec) as PlanSpec);
  }

  /** The plan as published (its spec's JSON), for a caller that compiles it only when it changed. */
  async readPlanText(planId: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keyspace.plan(planId), "spec")) ?? undefined;
  }
}

/**
 * Record the partition count at first start and refuse to run with a different one: processes that
 * disagree would charge one hash and ingest another.
 */
export async function agreePartitions(
  redis: RedisClient,
  keyspaceOf: (partitions: number) => Keyspace,
  wanted?: number,
): Promise<Keyspace> {
  const probe = keyspaceOf(wanted ?? 1);
  const meta = probe.meta();
  if (wanted !== undefined) await redis.hsetnx(meta, "partitions", wanted);
  const stored = await redis.hget(meta, "partitions");
  if (stored === null) throw new Error(`no partition count at ${meta}: start the control plane first`);
  const partitions = Number(stored);
  if (wanted !== undefined && partitions !== wanted) {
    throw new Error(`this deployment uses ${partitions} partitions (${meta}), not ${wanted}`);
  }
  return keyspaceOf(partitions);
}
