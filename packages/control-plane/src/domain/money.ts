/**
 * The limits money is held to, stated once for the domain and the schemas that validate input. Money is
 * integer micros (1 currency unit = 1,000,000). The ceiling keeps every sum of amounts far below 2^53, so no
 * balance ever loses precision in JSON, JavaScript or Lua.
 */
export const MAX_AMOUNT = 1_000_000_000_000_000; // 10^9 currency units
/** Seats, their price and a plan's fee are bounded so that a period's amount (fee + seats × seat price) is one movement (≤ 10^15). */
export const MAX_SEATS = 100_000;
export const MAX_SEAT_PRICE = 5_000_000_000; // 5,000 currency units a seat
export const MAX_FEE = MAX_AMOUNT - MAX_SEATS * MAX_SEAT_PRICE;
/** Units a charge, an event or a grant may carry: whole, positive, and few enough that their price stays exact. */
export const MAX_CHARGE_UNITS = 1_000_000_000;
