import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { failure, ok, type Failure, type Outcome } from "../domain/outcome.js";
import type { Principal } from "../domain/principal.js";
import { keptCardOf } from "../services/recharges/cards.js";
import { isOwnOrigin } from "./route.js";
import { id } from "./schemas.js";

/*
 * What a card payment on the provider's page asks of its caller, for every route that starts one (a top-up, a
 * pack, an invoice): a saved card, or the address the customer comes back to, on this service's own origin.
 */

/** A card the provider keeps for the customer. */
export const paymentMethod = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,64}$/)
  .optional();

/** A card the account kept on an earlier top-up, named by that top-up (what the portal and the console list). */
export const fromRecharge = id.optional();

/** Where the provider's page sends the customer back. */
export const returnUrl = z.url({ protocol: /^https?$/ }).max(2_048);

/**
 * The refusal of a card payment's addresses, or undefined: a saved card and a return address are one or the
 * other, and a consumer's return address is on this service's own origin (staff may send a customer anywhere).
 */
export function checkoutProblem(
  body: { paymentMethod?: string | undefined; returnUrl?: string | undefined; fromRecharge?: string | undefined },
  principal: Principal,
  headers: IncomingHttpHeaders,
  ctx: Pick<AppContext, "publicUrl">,
): Failure<"validation_failed"> | undefined {
  if (body.fromRecharge !== undefined && (body.paymentMethod !== undefined || body.returnUrl !== undefined))
    return failure("validation_failed", "Give one of `fromRecharge`, `paymentMethod` and `returnUrl`.");
  if (body.returnUrl === undefined) return undefined;
  if (body.paymentMethod !== undefined) return failure("validation_failed", "Give a saved `paymentMethod` or a `returnUrl`, not both.");
  if (principal.kind !== "admin" && !isOwnOrigin(body.returnUrl, headers.host, ctx.publicUrl))
    return failure("validation_failed", "`returnUrl` must be on this service's own origin.");
  return undefined;
}

/**
 * The card a payment is started with: a kept card named by `fromRecharge` (its payment method and the customer the
 * provider keeps it for), else the `paymentMethod` given, if any.
 */
export async function paymentCard(
  ctx: AppContext,
  accountId: string,
  provider: string,
  body: { paymentMethod?: string | undefined; fromRecharge?: string | undefined },
): Promise<Outcome<{ paymentMethod?: string | undefined; customer?: string | undefined }, "unprocessable">> {
  if (body.fromRecharge === undefined) return ok({ paymentMethod: body.paymentMethod });
  const kept = await keptCardOf(ctx, accountId, body.fromRecharge, provider);
  return kept.ok ? ok({ paymentMethod: kept.value.paymentMethod, customer: kept.value.customer }) : kept;
}
