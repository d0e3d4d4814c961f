import { ANY_STAFF, MONEY } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { issuerProfile } from "../http/party-schemas.js";
import { issuerProfileView, toIssuerProfileView } from "../http/views.js";
import { getIssuerProfile, setIssuerProfile } from "../services/invoices/issuer.js";

export const getIssuerProfileRoute = defineRoute({
  method: "get",
  path: "/v1/issuer-profile",
  operationId: "getIssuerProfile",
  summary:
    "Who documents (invoices, receipts, credit notes, statements) are from: legal name, address, tax id, logo, payment terms, payment instructions and footer. Until it is set, `configured` is false and documents print the defaults shown.",
  access: "admin",
  roles: ANY_STAFF,
  responses: { 200: { description: "The issuer profile", schema: issuerProfileView } },
  async handle({ ctx }) {
    const { profile, updatedAt } = await getIssuerProfile(ctx);
    return { status: 200, body: toIssuerProfileView(profile, updatedAt) };
  },
});

export const setIssuerProfileRoute = defineRoute({
  method: "put",
  path: "/v1/issuer-profile",
  operationId: "setIssuerProfile",
  summary:
    "Replace the issuer profile. Documents finalized from now on print it (and invoices fall due `dueDays` after they are issued); finalized documents keep what they printed. The logo is a PNG or JPEG `data:` URL of at most 100 kB.",
  access: "admin",
  roles: MONEY,
  body: issuerProfile,
  responses: { 200: { description: "The issuer profile", schema: issuerProfileView } },
  async handle({ body, principal, ctx }) {
    const { _id, updatedAt, ...profile } = await setIssuerProfile(ctx, body, principal.actor);
    return { status: 200, body: toIssuerProfileView(profile, updatedAt) };
  },
});
