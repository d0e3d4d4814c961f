import { randomBytes } from "node:crypto";

/** The services the tests talk to: the ones `scripts/services.sh up` made sure of. */
export const MONGODB_URI = process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Each test gets its own database name and Redis key prefix, and removes them when done; all of them carry
 * the run's id, so the run's global teardown removes what a crashed test could not.
 */
export function uniqueName(kind: string): string {
  const run = process.env.TOLLGATE_TEST_RUN ?? "norun";
  return `t_${run}_${kind}_${randomBytes(4).toString("hex")}`;
}

export const ADMIN_TOKEN = "admin-token-for-tests-0123456789";
