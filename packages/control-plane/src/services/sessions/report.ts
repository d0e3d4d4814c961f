import type { RatedCall } from "@tollgate/metering";
import type { KeyRecord, SessionRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Principal } from "../../domain/principal.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { audit } from "../audit.js";
import { staffActor, unchargeable, unfitFailure } from "../charges/direct.js";
import { chunkCall, grantUnits, meteringOrUnavailable } from "./grant.js";
import { returnLapsedGrant, sessionOf } from "./read.js";
import { answerOf, type SessionAnswer } from "./view.js";

export interface SessionReport {
  principal: Principal;
  sessionId: string;
  /** 1, 2, 3… in order (Diameter's CC-Request-Number): the same number again repeats the answer. */
  request: number;
  /** All units used since the session opened. */
  usedUnits: number;
  /** Updates: how many more units to grant (default: as many as the last grant). */
  requestedUnits?: number | undefined;
  /** Terminate: the last report; the rest of the grant returns. */
  final: boolean;
}

/**
 * Report a session's use (Diameter's CCR-Update, or CCR-Terminate when `final`): what was used since the last
 * report is charged from the current grant (never more than it holds: reporting more is refused), the rest of
 * the grant returns, and an update is granted units again, as many as asked or as the wallet still covers (0:
 * none, stop). One request at a time per session, numbered; a repeat of the last number gets the same answer.
 * A session whose `expiresAt` passed with no request is over: the reaper returned its grant, so what it had
 * reported is what it was charged; a terminate after that, or a second one, is refused (409).
 */
/**
 * Why a report is refused: no such session (of the caller's), terminated, expired, out of order or busy
 * (`conflict`), units outside the grant or that could cost too much, a plan not published (`unprocessable`),
 * a grant of a session stored before its call was kept whose plan no longer rates it (`no_rate`), Redis down.
 */
export type ReportFailure = "not_found" | "conflict" | "unprocessable" | "no_rate" | "metering_unavailable";

export async function reportSession(
  ctx: AppContext,
  input: SessionReport,
): Promise<Outcome<{ answer: SessionAnswer; replayed: boolean }, ReportFailure>> {
  const sessions = ctx.charging.sessions;
  const found = await sessionOf(ctx, input.principal, input.sessionId);
  if (!found.ok) return found;
  const result = await meteringOrUnavailable(() =>
    sessions.locked(input.sessionId, async (): Promise<Outcome<{ answer: SessionAnswer; replayed: boolean }, ReportFailure>> => {
      const s = (await sessions.get(input.sessionId))!;
      if (input.request === s.request && s.request > 0) return ok({ answer: JSON.parse(s.answer) as SessionAnswer, replayed: true });
      const now = Date.now();
      if (s.status === "closed") return failure("conflict", `Session ${s.id} is terminated.`);
      // Refused as expired only once the grant is back, as the answer says (the reaper may not have run yet).
      if (now > s.expiresAtMs && (await returnLapsedGrant(ctx, s, now)))
        return failure("conflict", `Session ${s.id} expired at ${new Date(s.expiresAtMs).toISOString()}: its grant was returned.`);
      if (input.request !== s.request + 1)
        return failure("conflict", `Session ${s.id} expects request ${s.request + 1}.`, { expected: s.request + 1 });
      const delta = input.usedUnits - s.usedUnits;
      if (delta < 0 || delta > s.chunkUnits) {
        return failure(
          "unprocessable",
          `usedUnits must be between ${s.usedUnits} and ${s.usedUnits + s.chunkUnits} (what was reported, plus the grant).`,
          {
            errors: [{ location: "body", pointer: "/usedUnits", message: "outside what was granted" }],
          },
        );
      }
      // The caller's own key record when it is the session's key (its spending cap applies to new grants too).
      const principal = input.principal;
      let key: KeyRecord;
      if (principal.kind === "consumer" && principal.key?.keyId === s.keyId) key = principal.key;
      else {
        // A line's grants are its payer's wallet's, as its key record says.
        const payerId = (await ctx.models.Account.findById(s.accountId, { payerId: 1 }).lean())?.payerId;
        key = { keyId: s.keyId, accountId: s.accountId, planId: s.planId, status: "active", ...(payerId !== undefined && { payerId }) };
      }
      const plan = await ctx.charging.plans.plan(s.planId);
      if (!plan.ok) return plan;
      const resolved = { key, plan: plan.value };
      // Units asked for that could cost more than one movement may are refused before anything is charged, as
      // at the opening. (A product or rate line gone from the plan is not this: the grant says so, 0 units.)
      if (!input.final && input.requestedUnits !== undefined) {
        const attributes = s.attributes ? (JSON.parse(s.attributes) as Record<string, string>) : undefined;
        const unfit = unchargeable(resolved.plan, s.productId, input.requestedUnits, attributes, "", "requestedUnits");
        if (unfit !== undefined && unfit.pointer === "/requestedUnits") return unfitFailure(unfit);
      }
      const actor = staffActor(principal);
      let balance: number | undefined;
      let charged = 0;
      if (s.chunkUnits > 0) {
        // The grant as it was held; a session stored before heldCall existed is rated again as of its grant.
        let held: RatedCall;
        if (s.heldCall) held = JSON.parse(s.heldCall) as RatedCall;
        else {
          const rated = chunkCall(resolved, s, s.chunk, s.chunkAtMs);
          if (!rated.ok) return rated;
          held = rated.value.call;
        }
        // Staff reporting: the usage event names them.
        const call = actor === undefined ? held : { ...held, actor };
        const settled = await ctx.charging.store.settle(call, {
          units: delta,
          refund: delta === 0,
          status: 200,
          durationMs: 0,
          requestBytes: 0,
          responseBytes: 0,
        });
        if (settled.kind === "gone") return failure("conflict", `Session ${s.id} expired: its grant was returned.`);
        balance = settled.balance;
        charged = settled.amount;
        s.amount += settled.amount;
      }
      const lastGrant = s.chunkUnits;
      s.usedUnits = input.usedUnits;
      s.request = input.request;
      s.chunkUnits = 0;
      let refusal: { code: string; detail: string } | undefined;
      let requestedUnits: number | undefined;
      if (input.final) s.status = "closed";
      else {
        requestedUnits = input.requestedUnits ?? Math.max(1, lastGrant);
        const chunk = s.chunk + 1;
        const grant = await grantUnits(ctx, resolved, s, chunk, requestedUnits, now);
        s.chunk = chunk;
        s.chunkAtMs = now;
        s.expiresAtMs = now + s.ttlSeconds * 1000;
        s.heldCall = "";
        if (grant.kind === "granted") {
          s.chunkUnits = grant.units;
          s.heldCall = JSON.stringify(grant.call);
          s.grantedUnits += grant.units;
          balance = grant.balance;
        } else refusal = { code: grant.problem.code, detail: grant.problem.detail ?? grant.problem.title };
      }
      const answer = answerOf(s, now, {
        ...(balance === undefined ? {} : { balance }),
        ...(requestedUnits === undefined ? {} : { requestedUnits }),
        ...(refusal === undefined ? {} : { refusal }),
      });
      s.answer = JSON.stringify(answer);
      await sessions.save(s satisfies SessionRecord);
      if (actor !== undefined) {
        await audit(ctx, actor, input.final ? "session.terminate" : "session.update", s.accountId, {
          sessionId: s.id,
          request: s.request,
          usedUnits: s.usedUnits,
          amount: charged,
          currency: s.currency,
          grantedUnits: s.chunkUnits,
        });
      }
      return ok({ answer, replayed: false });
    }),
  );
  if (result === undefined) return failure("conflict", `Another request of session ${input.sessionId} is in progress: retry it shortly.`);
  return result;
}
