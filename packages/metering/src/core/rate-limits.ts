import type { RedisClient } from "../redis.js";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { PlanSpec, RateLimitSpec } from "./catalog.js";

/**
 * What to do when the rate limiter's store cannot answer. A store failure is never reported as a limit:
 * `closed` refuses the call as unavailable (503); `open` lets each process count on its own, in memory,
 * against the same limits (a local budget) until the store is back.
 */
export type RateLimitFailurePolicy = "closed" | "open";

/** The IETF RateLimit headers as name → value, for whatever writes the answer (the gateway, the control plane). */
export function rateLimitHeaderPairs(limit: RateLimitHeaders): Record<string, string> {
  return { "ratelimit-policy": limit.policy, ratelimit: limit.state };
}

export interface RateLimitHeaders {
  /** IETF RateLimit-Policy: every limit that applies, `"id";q=limit;w=window`. */
  policy: string;
  /** IETF RateLimit: the tightest one now, `"id";r=remaining;t=seconds to reset`. */
  state: string;
}

export type RateDecision =
  | { kind: "allowed"; headers: RateLimitHeaders | undefined }
  | { kind: "limited"; headers: RateLimitHeaders; retryAfterSeconds: number; limitId: string }
  | { kind: "unavailable"; error: unknown };

const ALLOWED_WITHOUT_LIMITS: RateDecision = { kind: "allowed", headers: undefined };

/** The plan's rate limits with rate-limiter-flexible on Redis, one limiter per plan rule, built once. */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly failure: RateLimitFailurePolicy = "closed",
  ) {}

  private limiter(planId: string, rule: RateLimitSpec): RateLimiterRedis {
    const id = `${planId}:${rule.id}:${rule.limit}:${rule.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (limiter === undefined) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.prefix}rl:${planId}:${rule.id}`,
        points: rule.limit,
        duration: rule.windowSeconds,
        rejectIfRedisNotReady: true,
        ...(this.failure === "open"
          ? { insuranceLimiter: new RateLimiterMemory({ points: rule.limit, duration: rule.windowSeconds }) }
          : {}),
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  async consume(spec: PlanSpec, accountId: string, keyId: string): Promise<RateDecision> {
    const rules = spec.rateLimits;
    if (rules.length === 0) return ALLOWED_WITHOUT_LIMITS;
    let results: { rule: RateLimitSpec; res: RateLimiterRes; limited: boolean }[];
    try {
      results = await Promise.all(
        rules.map((rule) =>
          this.limiter(spec.planId, rule)
            .consume(rule.scope === "account" ? accountId : keyId)
            .then(
              (res) => ({ rule, res, limited: false }),
              (rejection: unknown) => {
                if (rejection instanceof RateLimiterRes) return { rule, res: rejection, limited: true };
                throw rejection;
              },
            ),
        ),
      );
    } catch (error) {
      return { kind: "unavailable", error };
    }

    let tightest = results[0]!;
    for (const r of results) if (r.res.remainingPoints < tightest.res.remainingPoints || (r.limited && !tightest.limited)) tightest = r;
    const headers = {
      policy: rules.map((r) => `"${r.id}";q=${r.limit};w=${r.windowSeconds}`).join(", "),
      state: `"${tightest.rule.id}";r=${tightest.res.remainingPoints};t=${Math.ceil(tightest.res.msBeforeNext / 1000)}`,
    };
    const limited = results.find((r) => r.limited);
    if (limited === undefined) return { kind: "allowed", headers };
    return {
      kind: "limited",
      headers,
      retryAfterSeconds: Math.max(1, Math.ceil(limited.res.msBeforeNext / 1000)),
      limitId: limited.rule.id,
    };
  }
}
