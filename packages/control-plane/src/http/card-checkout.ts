import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { failure, type Failure } from "../domain/outcome.js";
import type { Principal } from "../domain/principal.js";
import { isOwnOrigin } from "./route.js";

/*
 * What a card payment on the provider's page asks of its caller, for every route that starts one (a top-up, a
 * pack, an invoice): a saved card, or the address the customer comes back to, on this service's own origin.
 */

/** A card the provider keeps for the customer. */
export const paymentMethod = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,64}$/)
  .optional();

/** Where the provider's page sends the customer back. */
export const returnUrl = z.url({ protocol: /^https?$/ }).max(2_048);

/**
 * The refusal of a card payment's addresses, or undefined: a saved card and a return address are one or the
 * other, and a consumer's return address is on this service's own origin (staff may send a customer anywhere).
 */
export function checkoutProblem(
  body: { paymentMethod?: string | undefined; returnUrl?: string | undefined },
  principal: Principal,
  headers: IncomingHttpHeaders,
  ctx: Pick<AppContext, "publicUrl">,
): Failure<"validation_failed"> | undefined {
  if (body.returnUrl === undefined) return undefined;
  if (body.paymentMethod !== undefined) return failure("validation_failed", "Give a saved `paymentMethod` or a `returnUrl`, not both.");
  if (principal.kind !== "admin" && !isOwnOrigin(body.returnUrl, headers.host, ctx.publicUrl))
    return failure("validation_failed", "`returnUrl` must be on this service's own origin.");
  return undefined;
}
