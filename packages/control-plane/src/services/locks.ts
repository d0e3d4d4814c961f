import { randomBytes } from "node:crypto";
import type { AppContext } from "../context.js";
import { failure, ok, type Outcome } from "../domain/outcome.js";
import { insertOnce } from "../models/index.js";

/** Take the lock `name` for `ttlMs`, unless someone holds it; an expired lock can be taken over. */
export async function takeLock(ctx: AppContext, name: string, ttlMs: number, data?: Record<string, unknown>): Promise<string | undefined> {
  const { Lock } = ctx.models;
  const holder = randomBytes(9).toString("base64url");
  const doc = { _id: name, holder, expiresAt: new Date(Date.now() + ttlMs), ...(data ? { data } : {}) };
  if (await insertOnce(Lock, doc)) return holder;
  // Held: take it over only if it has expired. Two takers may both delete; only one insert succeeds.
  const stale = await Lock.deleteOne({ _id: name, expiresAt: { $lt: new Date() } });
  if (stale.deletedCount === 0) return undefined;
  return (await insertOnce(Lock, doc)) ? holder : undefined;
}

export async function releaseLock(ctx: AppContext, name: string, holder?: string): Promise<void> {
  await ctx.models.Lock.deleteOne(holder === undefined ? { _id: name } : { _id: name, holder });
}

/**
 * Run `fn` while holding the lock `name`, or skip it (undefined) if another process runs it now. For jobs
 * that must not overlap: two bookers at once could book one call twice.
 */
export async function withLock<T>(ctx: AppContext, name: string, ttlMs: number, fn: () => Promise<T>): Promise<T | undefined> {
  const holder = await takeLock(ctx, `lock:${name}`, ttlMs);
  if (holder === undefined) return undefined;
  try {
    return await fn();
  } finally {
    await releaseLock(ctx, `lock:${name}`, holder);
  }
}

/**
 * Run `fn` holding the lock `name`, waiting for our turn (every 50 ms, up to `waitMs`) when another process
 * holds it: for requests that must happen, one at a time, rather than be skipped. Still held after `waitMs`:
 * a `conflict` (retry shortly).
 */
export async function whenLocked<T>(
  ctx: AppContext,
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
  waitMs = 30_000,
): Promise<Outcome<T, "conflict">> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const holder = await takeLock(ctx, `lock:${name}`, ttlMs);
    if (holder !== undefined) {
      try {
        return ok(await fn());
      } finally {
        await releaseLock(ctx, `lock:${name}`, holder);
      }
    }
    if (Date.now() > deadline) return failure("conflict", `Another request is working on this (${name}); retry shortly.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
