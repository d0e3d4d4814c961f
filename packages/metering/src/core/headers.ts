/** Response headers the gateway adds to every charged call (documented in docs/architecture.md, "Headers"). */
export const RESPONSE_HEADERS = {
  balance: "tollgate-balance",
  charge: "tollgate-charge",
  /** Instead of `charge` for two-phase prices: what is held until the response ends and is settled. */
  reserved: "tollgate-reserved",
  currency: "tollgate-currency",
  eventId: "tollgate-event-id",
} as const;

/** Request headers the upstream receives, set by the gateway (any sent by the caller are removed or replaced). */
export const UPSTREAM_HEADERS = {
  accountId: "tollgate-account-id",
  keyId: "tollgate-key-id",
  eventId: "tollgate-event-id",
} as const;

/** The caller's credentials never reach the upstream. */
export const CREDENTIAL_HEADERS = ["authorization", "x-api-key"] as const;
