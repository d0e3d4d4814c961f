import { randomBytes } from "node:crypto";
import type { RedisClient } from "../redis.js";
import type { Keyspace } from "./format.js";

/**
 * A charging session (Diameter credit control's, or CGRateS's): units granted ahead and held on the wallet as
 * one reservation at a time (`chunk`), reported as used, granted again, and ended. `request` is the number of
 * the last request it answered (0: the opening); `answer` is that answer, kept to repeat it to a retry.
 */
export interface SessionRecord {
  id: string;
  accountId: string;
  keyId: string;
  planId: string;
  productId: string;
  /** What the usage is (`{"destination": …}`), as JSON, "" for none: picks the product's rate line for every grant. */
  attributes: string;
  currency: string;
  status: "open" | "closed";
  ttlSeconds: number;
  openedAtMs: number;
  /** When its grant lapses if no request comes (then the reaper returns the grant: only reported use is charged). */
  expiresAtMs: number;
  request: number;
  /** The reservation holding the current grant (its usage event id is derived from the session's and `chunk`): when it was made, how many units. */
  chunk: number;
  chunkAtMs: number;
  chunkUnits: number;
  /**
   * The current grant's reservation as it was made (a RatedCall, as JSON; "" before any): it is settled with
   * exactly the price, rate line and counters it was held with, whatever the plan became since.
   */
  heldCall: string;
  usedUnits: number;
  grantedUnits: number;
  /** Micros charged for the units reported so far. */
  amount: number;
  answer: string;
  /**
   * The opening's own answer, kept to repeat it, as it was, to a repeated opening (the same Idempotency-Key):
   * `answer` moves on with each request. Absent on sessions opened before it was kept.
   */
  opening?: string;
}

const NUMBERS = [
  "ttlSeconds",
  "openedAtMs",
  "expiresAtMs",
  "request",
  "chunk",
  "chunkAtMs",
  "chunkUnits",
  "usedUnits",
  "grantedUnits",
  "amount",
] as const satisfies readonly (keyof SessionRecord)[];

/** How long a session is kept after it lapses or ends, to answer reads and repeated requests. */
const KEEP_SECONDS = 7 * 24 * 3600;

/** Sessions in Redis: one hash each, written whole, and a short lock that serializes the requests of one session. */
export class SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyspace: Keyspace,
  ) {}

  /** Keep a new session unless one has its id: false when it exists (a repeated opening). */
  async create(s: SessionRecord): Promise<boolean> {
    if ((await this.redis.hsetnx(this.keyspace.session(s.id), "id", s.id)) !== 1) return false;
    await this.save(s);
    return true;
  }

  async save(s: SessionRecord): Promise<void> {
    const key = this.keyspace.session(s.id);
    await this.redis
      .multi()
      .hset(key, s as unknown as Record<string, string | number>)
      .expire(key, s.ttlSeconds + KEEP_SECONDS)
      .exec();
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    const h = await this.redis.hgetall(this.keyspace.session(sessionId));
    if (h.accountId === undefined) return undefined;
    const s = { ...h } as unknown as Record<string, unknown>;
    for (const field of NUMBERS) s[field] = Number(h[field] ?? 0);
    return s as unknown as SessionRecord;
  }

  /** One account's sessions (a SCAN of every session's key): what an erasure of the account looks through. */
  async ofAccount(accountId: string): Promise<SessionRecord[]> {
    const out: SessionRecord[] = [];
    const prefix = this.keyspace.session("");
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      for (const key of keys) {
        const s = await this.get(key.slice(prefix.length));
        if (s?.accountId === accountId) out.push(s);
      }
    } while (cursor !== "0");
    return out;
  }

  /** Overwrite text fields of a session (an erasure's, of a closed one): nothing else changes, its expiry stays. */
  async overwrite(sessionId: string, fields: Partial<Record<"attributes" | "heldCall" | "answer" | "opening", string>>): Promise<void> {
    if (Object.keys(fields).length > 0) await this.redis.hset(this.keyspace.session(sessionId), fields);
  }

  /** Run `fn` holding the session's lock, or answer undefined when another request holds it. */
  async locked<T>(sessionId: string, fn: () => Promise<T>): Promise<T | undefined> {
    const key = this.keyspace.sessionLock(sessionId);
    const token = randomBytes(9).toString("base64url");
    if ((await this.redis.set(key, token, "PX", 10_000, "NX")) !== "OK") return undefined;
    try {
      return await fn();
    } finally {
      if ((await this.redis.get(key)) === token) await this.redis.del(key);
    }
  }
}
