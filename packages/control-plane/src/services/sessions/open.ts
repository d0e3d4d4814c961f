import type { SessionRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Principal } from "../../domain/principal.js";
import { failure, ok, refusal, type Outcome } from "../../domain/outcome.js";
import { derivedId } from "../../ids.js";
import { audit } from "../audit.js";
import { chargeable, staffActor, type UnchargeableInput } from "../charges/direct.js";
import { GRANT_REFUSALS, grantUnits, meteringOrUnavailable } from "./grant.js";
import { currentAnswer } from "./read.js";
import { answerOf, type SessionAnswer } from "./view.js";

export interface SessionOpening {
  principal: Principal;
  accountId?: string | undefined;
  productId: string;
  attributes?: Record<string, string> | undefined;
  requestedUnits: number;
  ttlSeconds: number;
  idempotencyKey: string;
}

/** Why a session is not opened: what it names cannot be charged, a grant's refusal, an opening under way, Redis down. */
export type OpeningFailure = UnchargeableInput | (typeof GRANT_REFUSALS)[number] | "conflict" | "metering_unavailable";

/**
 * Open a session (Diameter's CCR-Initial): grant the units asked for, or as many as the wallet covers, held on
 * the wallet until they are reported. Once per Idempotency-Key: a repeat answers what the opening answered. Not a
 * single unit covered: refused (402, `coveredUnits: 0`), and no session is kept.
 */
export async function openSession(
  ctx: AppContext,
  input: SessionOpening,
): Promise<Outcome<{ answer: SessionAnswer; replayed: boolean }, OpeningFailure>> {
  const target = await chargeable(ctx, input, input.productId, input.requestedUnits, input.attributes, "requestedUnits");
  if (!target.ok) return target;
  const { resolved, attributes } = target.value;
  const { key, plan } = resolved;
  const id = `ses_${derivedId(key.accountId, input.idempotencyKey)}`;
  const sessions = ctx.charging.sessions;
  const prior = await sessions.get(id);
  if (prior !== undefined) return ok({ answer: await firstAnswer(ctx, prior), replayed: true });

  const opened = await meteringOrUnavailable(() =>
    sessions.locked(id, async () => {
      if ((await sessions.get(id)) !== undefined) return undefined;
      const now = Date.now();
      const base = {
        id,
        accountId: key.accountId,
        productId: input.productId,
        attributes: attributes === undefined ? "" : JSON.stringify(attributes),
        usedUnits: 0,
        ttlSeconds: input.ttlSeconds,
        currency: plan.spec.currency,
      };
      const grant = await grantUnits(ctx, resolved, base, 1, input.requestedUnits, now);
      if (grant.kind === "refused") return refusal(grant.problem, GRANT_REFUSALS);
      const session: SessionRecord = {
        ...base,
        keyId: key.keyId,
        planId: plan.spec.planId,
        status: "open",
        openedAtMs: now,
        expiresAtMs: now + input.ttlSeconds * 1000,
        request: 0,
        chunk: 1,
        chunkAtMs: now,
        chunkUnits: grant.units,
        heldCall: JSON.stringify(grant.call),
        grantedUnits: grant.units,
        amount: 0,
        answer: "",
      };
      const answer = answerOf(session, now, { balance: grant.balance, requestedUnits: input.requestedUnits });
      session.answer = JSON.stringify(answer);
      session.opening = session.answer;
      await sessions.create(session);
      const actor = staffActor(input.principal);
      if (actor !== undefined) {
        await audit(ctx, actor, "session.open", key.accountId, {
          sessionId: id,
          productId: input.productId,
          grantedUnits: grant.units,
          held: grant.amount,
          currency: base.currency,
        });
      }
      return ok(answer);
    }),
  );
  if (opened === undefined) {
    const now = await sessions.get(id);
    if (now === undefined) return failure("conflict", "This session is being opened by another request: retry shortly.");
    return ok({ answer: await firstAnswer(ctx, now), replayed: true });
  }
  return opened.ok ? ok({ answer: opened.value, replayed: false }) : opened;
}

/** What a repeated opening answers: the opening's own answer, as it was (the session as it is now, for one opened before it was kept). */
async function firstAnswer(ctx: AppContext, session: SessionRecord): Promise<SessionAnswer> {
  return session.opening ? (JSON.parse(session.opening) as SessionAnswer) : currentAnswer(ctx, session);
}
