import { createHash } from "node:crypto";
import {
  dimensionValue,
  mostItCosts,
  productById,
  rateLimitHeaderPairs,
  rateLineOf,
  type CompiledPlan,
  type DirectChargeOutcome,
  type Resolved,
} from "@tollgate/metering";
import { NO_KEY, type KeyRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import { failure, ok, refusal, type Failure, type Outcome } from "../../domain/outcome.js";
import type { Principal } from "../../domain/principal.js";
import { derivedId } from "../../ids.js";
import { MAX_AMOUNT } from "../../domain/money.js";
import { audit } from "../audit.js";

export interface DirectChargeInput {
  principal: Principal;
  /** Staff name the account; a key charges its own (and may name it). */
  accountId?: string | undefined;
  productId: string;
  units: number;
  /** What the usage was: picks the product's rate line (when it has a dimension), kept on the usage event. */
  attributes?: Record<string, string> | undefined;
  idempotencyKey: string;
}

/** Attributes in one order, whatever order they were sent in: a retry is the same request. */
export function sortedAttributes(attributes: Record<string, string> | undefined): Record<string, string> | undefined {
  if (attributes === undefined || Object.keys(attributes).length === 0) return undefined;
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * What the charge and reservation scripts refuse with (core/meter.ts's `refusalProblem`): money, a key's cap,
 * an unpaid subscription, no wallet, an unknown or inactive key or account, a quota, a reused Idempotency-Key,
 * a charge voided when metering was lost, a bundle refusing overage.
 */
export const SCRIPT_REFUSALS = [
  "insufficient_funds",
  "line_limit_reached",
  "bundle_exhausted",
  "spend_cap_reached",
  "subscription_unpaid",
  "no_wallet",
  "unauthorized",
  "account_inactive",
  "quota_exceeded",
  "idempotency_key_reused",
  "metering_unavailable",
  "unavailable",
] as const;

/**
 * What the meter refuses a direct charge with: the scripts' refusals, and its own (a product or rate line the
 * plan lacks, a rate limit, a first charge voided when metering was lost, Redis not answering).
 */
export const CHARGE_REFUSALS = [...SCRIPT_REFUSALS, "unprocessable", "no_rate", "rate_limited", "conflict"] as const;
export type ChargeRefusal = (typeof CHARGE_REFUSALS)[number];

/** Why what a caller names cannot be charged: not its account, no account named, or nothing chargeable (see `chargeable`). */
export type UnchargeableInput = "forbidden" | "validation_failed" | "unprocessable" | "no_rate";

/** A charge made (or a repeat's first charge), with the rate limit's headers for its answer. */
export type DirectCharge = Omit<Extract<DirectChargeOutcome, { ok: true }>, "ok">;

/**
 * Charge usage that did not pass through the gateway: `units` of a product of the account's plan, rated,
 * checked and debited by the gateway's own charge script, with one usage event, exactly like a call. Once per
 * Idempotency-Key: the key names the usage event (`d` + a digest of account and key), whose receipt answers
 * a repeat with the first charge for `CHARGE_RECEIPT_TTL_SECONDS`; the request's digest is kept as long, so
 * the same key with another product or other units is refused. A refusal carries its headers (`Retry-After`,
 * the RateLimit headers); the charges metric counts what the meter answered.
 */
export async function directCharge(
  ctx: AppContext,
  input: DirectChargeInput,
): Promise<Outcome<DirectCharge, ChargeRefusal | UnchargeableInput>> {
  // Before anything is kept: input naming nothing changes nothing.
  const target = await chargeable(ctx, input, input.productId, input.units, input.attributes);
  if (!target.ok) return target;
  const { resolved, attributes } = target.value;
  const eventId = `d${derivedId(resolved.key.accountId, input.idempotencyKey)}`;
  const digest = createHash("sha256")
    .update(JSON.stringify([input.productId, input.units, ...(attributes === undefined ? [] : [attributes])]))
    .digest("base64url");
  const actor = staffActor(input.principal);
  const outcome = await ctx.charging.meter.chargeDirect({
    requestDigest: digest,
    resolved,
    productId: input.productId,
    units: input.units,
    eventId,
    ...(attributes && { attributes }),
    ...(actor && { actor }),
  });
  ctx.metrics.charges.inc(
    outcome.ok
      ? { form: "direct", outcome: outcome.replayed ? "replayed" : "charged", code: "" }
      : { form: "direct", outcome: "refused", code: outcome.problem.code },
  );
  if (!outcome.ok) {
    const headers: Record<string, string> = outcome.rateLimit ? rateLimitHeaderPairs(outcome.rateLimit) : {};
    if (outcome.retryAfterSeconds !== undefined) headers["retry-after"] = String(outcome.retryAfterSeconds);
    return refusal(outcome.problem, CHARGE_REFUSALS, headers);
  }
  // A replay moved no money: the first charge was audited.
  if (!outcome.replayed && actor !== undefined) {
    const { accountId, productId, units, amount, currency } = outcome;
    await audit(ctx, actor, "charge.create", accountId, { eventId, productId, units, amount, currency });
  }
  const { ok: _ok, ...charge } = outcome;
  return ok(charge);
}

/**
 * What a charge (or a session's opening) is made with, checked before anything is kept: the caller's key
 * record (see chargingKey), its plan as published, and the usage's attributes in one order; refused when the
 * plan cannot charge `units` of the product (see unchargeable), with the units' field named as `field`.
 */
export async function chargeable(
  ctx: AppContext,
  input: Pick<DirectChargeInput, "principal" | "accountId">,
  productId: string,
  units: number,
  attributes: Record<string, string> | undefined,
  field = "units",
): Promise<Outcome<{ resolved: Resolved; attributes: Record<string, string> | undefined }, UnchargeableInput>> {
  const key = await chargingKey(ctx, input);
  if (!key.ok) return key;
  const plan = await ctx.charging.plans.plan(key.value.planId);
  if (!plan.ok) return plan;
  const sorted = sortedAttributes(attributes);
  const unfit = unchargeable(plan.value, productId, units, sorted, "", field);
  if (unfit !== undefined) return unfitFailure(unfit);
  return ok({ resolved: { key: key.value, plan: plan.value }, attributes: sorted });
}

/**
 * The staff member charging, named on the usage event and in the audit trail; none for an API key (the event
 * names the key, and a consumer's charges are its usage, not an admin change).
 */
export function staffActor(principal: Principal): string | undefined {
  return principal.kind === "admin" ? principal.actor : undefined;
}

/** Why usage cannot be charged, as the 422 that refuses it: `no_rate` when its attribute has no rate line. */
export function unfitFailure(unfit: Unfit): Failure<"no_rate" | "unprocessable"> {
  return failure(unfit.noRate ? "no_rate" : "unprocessable", `Not chargeable: ${unfit.message}.`, {
    errors: [{ location: "body", pointer: unfit.pointer, message: unfit.message }],
  });
}

export interface Unfit {
  pointer: string;
  message: string;
  /** No rate line of the product rates the usage's attribute. */
  noRate?: boolean;
}

/**
 * Why `units` of a product cannot be charged on this plan, if they cannot: the plan has no such product, the
 * product rates by an attribute whose value has no rate line, or their price could pass the most one movement
 * may be (10^15 micros), where it would stop being exact.
 */
export function unchargeable(
  plan: CompiledPlan,
  productId: string,
  units: number,
  attributes: Record<string, string> | undefined,
  at = "",
  /** The field that carries the units, named by the pointer when they could cost too much. */
  field = "units",
): Unfit | undefined {
  const product = productById(plan, productId);
  if (product === undefined) return { pointer: `${at}/productId`, message: `the plan ${plan.spec.planId} has no product "${productId}"` };
  const deck = product.dimension;
  if (deck !== undefined) {
    const attribute = deck.spec.attribute;
    const value = dimensionValue(product, attributes);
    if (rateLineOf(product, value) === undefined) {
      const message =
        value === undefined
          ? `"${productId}" is rated by the attribute "${attribute}"`
          : `"${productId}" has no rate for ${attribute} "${value}"`;
      return { pointer: `${at}/attributes${value === undefined ? "" : `/${attribute}`}`, message, noRate: true };
    }
  }
  if (mostItCosts(product.price, units) > MAX_AMOUNT)
    return { pointer: `${at}/${field}`, message: `${units} units of "${productId}" could cost more than ${MAX_AMOUNT} micros` };
  return undefined;
}

/** The key record the charge is made with: the caller's own, or (staff) the named account's with no key. */
export async function chargingKey(
  ctx: AppContext,
  input: Pick<DirectChargeInput, "principal" | "accountId">,
): Promise<Outcome<KeyRecord, "forbidden" | "validation_failed" | "unprocessable">> {
  const { principal } = input;
  if (principal.kind === "consumer") {
    if (principal.key === undefined) return failure("forbidden", "Charges are made with an API key.");
    if (input.accountId !== undefined && input.accountId !== principal.accountId)
      return failure("forbidden", "An API key may only charge its own account.");
    return ok(principal.key);
  }
  if (input.accountId === undefined)
    return failure("validation_failed", "Staff name the account to charge.", {
      errors: [{ location: "body", pointer: "/accountId", message: "required with a staff credential" }],
    });
  const account = await ctx.models.Account.findById(input.accountId, { planId: 1, payerId: 1 }).lean();
  if (account === null)
    return failure("unprocessable", `No account ${input.accountId}.`, {
      errors: [{ location: "body", pointer: "/accountId", message: "unknown account" }],
    });
  return ok({
    keyId: NO_KEY,
    accountId: account._id,
    planId: account.planId,
    status: "active",
    // A line's charges are its payer's wallet's, within its limit.
    ...(account.payerId !== undefined && { payerId: account.payerId }),
  });
}
