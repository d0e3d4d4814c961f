import { ProblemError } from "../domain/problem-error.js";
import { createOrReplay as answer, type ReplaySpec } from "./create-or-replay.js";

/**
 * createOrReplay (./create-or-replay.ts) for the caller that still throws its failure (invoices/documents.ts,
 * whose keys name their document's subject, so that a repeat is always the same request): this file goes once it
 * answers outcomes.
 */
export async function createOrReplay<T>(spec: ReplaySpec<T>): Promise<{ doc: T; replayed: boolean }> {
  const created = await answer(spec);
  if (!created.ok) throw ProblemError.failed(created);
  return created.value;
}
