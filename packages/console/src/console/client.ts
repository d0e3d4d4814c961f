import { QueryClient } from "@tanstack/react-query";
import { TollgateAdminClient } from "@tollgate/sdk";

// Same origin, no token in the page: the staff member's HttpOnly session cookie signs every request.
export const admin = new TollgateAdminClient({ baseUrl: window.location.origin });
export const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The last `days` days, to the next whole hour (report edges fall on rollup hours). */
export function lastDays(days: number): { from: string; to: string } {
  const to = Math.ceil(Date.now() / HOUR) * HOUR;
  return { from: new Date(to - days * DAY).toISOString(), to: new Date(to).toISOString() };
}
