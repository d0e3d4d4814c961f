import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ProblemError } from "../../http/problem-error.js";

/**
 * Brute force against voucher codes: every failed attempt costs a point, per account and per client
 * address; past the budget, attempts are refused (429) until the window passes. Successes cost nothing.
 */
export class RedeemGuard {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(
    redis: Redis,
    prefix: string,
    options: { failuresPerAccount?: number; failuresPerAddress?: number; windowSeconds?: number } = {},
  ) {
    const duration = options.windowSeconds ?? 3_600;
    this.perAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}vf:acct`,
      points: options.failuresPerAccount ?? 10,
      duration,
    });
    this.perAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}vf:addr`,
      points: options.failuresPerAddress ?? 50,
      duration,
    });
  }

  async check(accountId: string, address: string): Promise<void> {
    for (const [limiter, key] of [
      [this.perAccount, accountId],
      [this.perAddress, address],
    ] as const) {
      const state = await limiter.get(key);
      if (state !== null && state.consumedPoints >= limiter.points) {
        throw new ProblemError("rate_limited", "Too many invalid voucher codes: try again later.", {
          retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000),
        });
      }
    }
  }

  async failed(accountId: string, address: string): Promise<void> {
    const spend = (limiter: RateLimiterRedis, key: string) =>
      limiter.consume(key).catch((e: unknown) => {
        if (e instanceof RateLimiterRes) return e; // a limit reached is what we count here, not a failure
        throw e;
      });
    await Promise.all([spend(this.perAccount, accountId), spend(this.perAddress, address)]);
  }
}
