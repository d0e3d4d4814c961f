import { failure, ok, type Outcome } from "../domain/outcome.js";
import { isDuplicateKey } from "../models/index.js";

/** How to create a document, find the first one under its key, and tell whether a repeat is the same request. */
export interface ReplaySpec<T> {
  create: () => Promise<T>;
  findPrior: () => Promise<T | null>;
  sameRequest: (prior: T) => boolean;
  /** What the key was first used for, as the refusal names it (`a different grant`). */
  what: string;
}

/**
 * Create a document once per idempotency key, or replay the first one. The unique index behind `create`
 * decides (on FerretDB, where conditional updates are not atomic, only a unique insert can): a repeated or
 * concurrent request finds the first document; the same key used for another request (`sameRequest` false) is
 * refused with 422, naming `what` it was first used for.
 */
export async function createOrReplay<T>(spec: ReplaySpec<T>): Promise<Outcome<{ doc: T; replayed: boolean }, "idempotency_key_reused">> {
  try {
    return ok({ doc: await spec.create(), replayed: false });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const prior = await spec.findPrior();
    if (prior === null) throw error;
    if (!spec.sameRequest(prior)) return failure("idempotency_key_reused", `This Idempotency-Key was first used for ${spec.what}.`);
    return ok({ doc: prior, replayed: true });
  }
}
