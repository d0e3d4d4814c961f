import type { RedisClient } from "@tollgate/metering";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { failure, type Failure } from "../domain/outcome.js";

/**
 * Brute force against a secret (a voucher code, a password): every failed attempt costs a point, per subject
 * (an account, an email) and per client address; past the budget, attempts are refused (429) until the window
 * passes. Successes cost nothing.
 */
export class FailureGuard {
  private readonly perSubject: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(
    redis: RedisClient,
    keyPrefix: string,
    private readonly refusal: string,
    options: { failuresPerSubject: number; failuresPerAddress: number; windowSeconds: number },
  ) {
    const duration = options.windowSeconds;
    this.perSubject = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:subject`,
      points: options.failuresPerSubject,
      duration,
    });
    this.perAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:addr`,
      points: options.failuresPerAddress,
      duration,
    });
  }

  /** The refusal (429, with `Retry-After`) when the subject or the address has used up its budget; nothing otherwise. */
  async check(subject: string, address: string): Promise<Failure<"rate_limited"> | undefined> {
    for (const [limiter, key] of [
      [this.perSubject, subject],
      [this.perAddress, address],
    ] as const) {
      const state = await limiter.get(key);
      if (state !== null && state.consumedPoints >= limiter.points) {
        const seconds = Math.ceil(state.msBeforeNext / 1000);
        return failure("rate_limited", this.refusal, { retryAfterSeconds: seconds }, { "retry-after": String(seconds) });
      }
    }
    return undefined;
  }

  async failed(subject: string, address: string): Promise<void> {
    const spend = (limiter: RateLimiterRedis, key: string) =>
      limiter.consume(key).catch((e: unknown) => {
        if (e instanceof RateLimiterRes) return e; // a limit reached is what we count here, not a failure
        throw e;
      });
    await Promise.all([spend(this.perSubject, subject), spend(this.perAddress, address)]);
  }
}
