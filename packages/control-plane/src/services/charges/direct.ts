import { createHash } from "node:crypto";
import { dimensionValue, mostItCosts, productById, rateLineOf, type CompiledPlan, type DirectChargeOutcome } from "@tollgate/metering";
import { NO_KEY, type KeyRecord } from "@tollgate/metering/store";
import type { AppContext } from "../../context.js";
import type { Principal } from "../../domain/principal.js";
import { ProblemError } from "../../domain/problem-error.js";
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
 * Charge usage that did not pass through the gateway: `units` of a product of the account's plan, rated,
 * checked and debited by the gateway's own charge script, with one usage event, exactly like a call. Once per
 * Idempotency-Key: the key names the usage event (`d` + a digest of account and key), whose receipt answers
 * a repeat with the first charge for `CHARGE_RECEIPT_TTL_SECONDS`; the request's digest is kept as long, so
 * the same key with another product or other units is refused.
 */
export async function directCharge(ctx: AppContext, input: DirectChargeInput): Promise<DirectChargeOutcome> {
  const key = await chargingKey(ctx, input);
  const plan = await ctx.charging.plans.plan(key.planId);
  // Before anything is kept: input naming nothing changes nothing.
  const attributes = sortedAttributes(input.attributes);
  const unfit = unchargeable(plan, input.productId, input.units, attributes);
  if (unfit !== undefined) throw unfitProblem(unfit);
  const eventId = `d${derivedId(key.accountId, input.idempotencyKey)}`;
  const digest = createHash("sha256")
    .update(JSON.stringify([input.productId, input.units, ...(attributes === undefined ? [] : [attributes])]))
    .digest("base64url");
  const actor = staffActor(input.principal);
  const outcome = await ctx.charging.meter.chargeDirect({
    requestDigest: digest,
    resolved: { key, plan },
    productId: input.productId,
    units: input.units,
    eventId,
    ...(attributes && { attributes }),
    ...(actor && { actor }),
  });
  // A replay moved no money: the first charge was audited.
  if (outcome.ok && !outcome.replayed && actor !== undefined) {
    const { accountId, productId, units, amount, currency } = outcome;
    await audit(ctx, actor, "charge.create", accountId, { eventId, productId, units, amount, currency });
  }
  return outcome;
}

/**
 * The staff member charging, named on the usage event and in the audit trail; none for an API key (the event
 * names the key, and a consumer's charges are its usage, not an admin change).
 */
export function staffActor(principal: Principal): string | undefined {
  return principal.kind === "admin" ? principal.actor : undefined;
}

/** Why usage cannot be charged, as the 422 that refuses it: `no_rate` when its attribute has no rate line. */
export function unfitProblem(unfit: Unfit): ProblemError {
  const code = unfit.noRate ? "no_rate" : "unprocessable";
  return new ProblemError(code, `Not chargeable: ${unfit.message}.`, {
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
export async function chargingKey(ctx: AppContext, input: Pick<DirectChargeInput, "principal" | "accountId">): Promise<KeyRecord> {
  const { principal } = input;
  if (principal.kind === "consumer") {
    if (principal.key === undefined) throw new ProblemError("forbidden", "Charges are made with an API key.");
    if (input.accountId !== undefined && input.accountId !== principal.accountId)
      throw new ProblemError("forbidden", "An API key may only charge its own account.");
    return principal.key;
  }
  if (input.accountId === undefined)
    throw new ProblemError("validation_failed", "Staff name the account to charge.", {
      errors: [{ location: "body", pointer: "/accountId", message: "required with a staff credential" }],
    });
  const account = await ctx.models.Account.findById(input.accountId, { planId: 1 }).lean();
  if (account === null)
    throw new ProblemError("unprocessable", `No account ${input.accountId}.`, {
      errors: [{ location: "body", pointer: "/accountId", message: "unknown account" }],
    });
  return { keyId: NO_KEY, accountId: account._id, planId: account.planId, status: "active" };
}
