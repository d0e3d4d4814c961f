import type { SessionRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Principal } from "../../domain/principal.js";
import { ProblemError } from "../../domain/problem-error.js";
import { derivedId } from "../../ids.js";
import { audit } from "../audit.js";
import { chargingKey, sortedAttributes, staffActor, unchargeable, unfitProblem } from "../charges/direct.js";
import { grantUnits, meteringOrUnavailable } from "./grant.js";
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

/**
 * Open a session (Diameter's CCR-Initial): grant the units asked for, or as many as the wallet covers, held on
 * the wallet until they are reported. Once per Idempotency-Key: a repeat answers what the opening answered. Not a
 * single unit covered: refused (402, `coveredUnits: 0`), and no session is kept.
 */
export async function openSession(ctx: AppContext, input: SessionOpening): Promise<{ answer: SessionAnswer; replayed: boolean }> {
  const key = await chargingKey(ctx, input);
  const plan = await ctx.charging.plans.plan(key.planId);
  const attributes = sortedAttributes(input.attributes);
  const unfit = unchargeable(plan, input.productId, input.requestedUnits, attributes, "", "requestedUnits");
  if (unfit !== undefined) throw unfitProblem(unfit);
  const id = `ses_${derivedId(key.accountId, input.idempotencyKey)}`;
  const sessions = ctx.charging.sessions;
  const prior = await sessions.get(id);
  if (prior !== undefined) return { answer: await firstAnswer(ctx, prior), replayed: true };

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
      const grant = await grantUnits(ctx, { key, plan }, base, 1, input.requestedUnits, now);
      if (grant.kind === "refused") throw ProblemError.of(grant.problem);
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
      return answer;
    }),
  );
  if (opened === undefined) {
    const now = await sessions.get(id);
    if (now === undefined) throw new ProblemError("conflict", "This session is being opened by another request: retry shortly.");
    return { answer: await firstAnswer(ctx, now), replayed: true };
  }
  return { answer: opened, replayed: false };
}

/** What a repeated opening answers: the opening's own answer, as it was (the session as it is now, for one opened before it was kept). */
async function firstAnswer(ctx: AppContext, session: SessionRecord): Promise<SessionAnswer> {
  return session.opening ? (JSON.parse(session.opening) as SessionAnswer) : currentAnswer(ctx, session);
}
