import type { AppContext } from "../context.js";
import { derivedId } from "../ids.js";
import { insertOnce } from "../models/index.js";
import { REPLAYED_HEADER, type Reply } from "./reply.js";

/**
 * A repeated request (the same Idempotency-Key) is answered with the first answer as it was: its status,
 * body and headers, marked `Idempotent-Replayed: true`, never the thing as it is now (a grant since spent, an
 * invoice since paid in part). The services decide what is a repeat, by the unique keys that make each money
 * movement happen once, and say so with that header; the first answer of each request is kept here, once, by
 * a unique insert. `name` is the operation and the path it acted on, with the key. A first answer that could
 * not be kept (the store failed after the money moved) leaves its repeats answered as the service sees them.
 * The charging routes keep their first answers in Redis with the charge itself (receipts, sessions), so that
 * a direct charge stays one round trip; they do not come here.
 */
export async function answeredOnce(
  ctx: AppContext,
  name: { operationId: string; path: string; key: string },
  reply: Reply,
): Promise<Reply> {
  if (reply.status < 200 || reply.status >= 300 || reply.raw !== undefined || reply.stream !== undefined) return reply;
  const id = `ans_${derivedId(name.operationId, name.path, name.key)}`;
  const { [REPLAYED_HEADER]: replayed, ...headers } = reply.headers ?? {};
  if (replayed !== "true") {
    const first = { _id: id, status: reply.status, headers, body: JSON.stringify(reply.body ?? null), at: new Date() };
    await insertOnce(ctx.models.FirstAnswer, first).catch((error: unknown) =>
      ctx.log("a first answer was not kept", { operation: name.operationId, error: String(error) }),
    );
    return reply;
  }
  const first = await ctx.models.FirstAnswer.findById(id).lean();
  if (first === null) return reply;
  return { status: first.status, body: JSON.parse(first.body) as unknown, headers: { ...first.headers, [REPLAYED_HEADER]: "true" } };
}
