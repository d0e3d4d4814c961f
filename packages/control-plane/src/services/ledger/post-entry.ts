import type { AppContext } from "../../context.js";
import { ProblemError } from "../../domain/problem-error.js";
import { postEntry as post, type EntryInput, type Posted } from "./post.js";

/**
 * postEntry (./post.ts) for the callers that still throw its failures (invoices/pay.ts and
 * invoices/documents.ts, whose wallet and keys make a failure here a bug): this file goes once they answer
 * outcomes.
 */
export async function postEntry(ctx: AppContext, input: EntryInput): Promise<Posted> {
  const posted = await post(ctx, input);
  if (!posted.ok) throw ProblemError.failed(posted);
  return posted.value;
}
