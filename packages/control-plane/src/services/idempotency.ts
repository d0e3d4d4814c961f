import { ProblemError } from "../domain/problem-error.js";
import { isDuplicateKey } from "../models/index.js";

/**
 * Create a document once per idempotency key, or replay the first one. The unique index behind `create`
 * decides (on FerretDB, where conditional updates are not atomic, only a unique insert can): a repeated or
 * concurrent request finds the first document; the same key used for another request (`sameRequest` false) is
 * refused with 422, naming `what` it was first used for.
 */
export async function createOrReplay<T>(spec: {
  create: () => Promise<T>;
  findPrior: () => Promise<T | null>;
  sameRequest: (prior: T) => boolean;
  what: string;
}): Promise<{ doc: T; replayed: boolean }> {
  try {
    return { doc: await spec.create(), replayed: false };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const prior = await spec.findPrior();
    if (prior === null) throw error;
    if (!spec.sameRequest(prior)) throw new ProblemError("idempotency_key_reused", `This Idempotency-Key was first used for ${spec.what}.`);
    return { doc: prior, replayed: true };
  }
}
