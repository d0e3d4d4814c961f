import { decimalAmount, formatExactMoney, formatMoney, formatUnitPrice } from "@tollgate/sdk";

/**
 * Money arrives as integer micros and is shown by the one formatter (`@tollgate/money`, through the SDK): a
 * balance or a total in the currency's minor units ("$421.40"); `unitPrice` for a unit price (a fee, a cap, a threshold), with the digits it
 * needs ("$0.0015"); `exactMoney` for a tooltip or a detail, every digit and the micros. A chart's axis ticks
 * fall between micros: they are rounded to the nearest micro first.
 */
export function money(micros: number, currency: string): string {
  return formatMoney(Math.round(micros), currency);
}

export function unitPrice(micros: number, currency: string): string {
  return formatUnitPrice(micros, currency);
}

export function exactMoney(micros: number, currency: string): string {
  return formatExactMoney(micros, currency);
}

/** A whole number of minor units typed by a person ("12.50") as micros; undefined when it is not one. */
export function parseAmount(text: string): number | undefined {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(2, "0")) * 10_000;
}

/** A calendar month ("2026-12") in words: "December 2026". */
export function monthName(period: string): string {
  return new Date(`${period}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/**
 * A price typed by a person in major units ("0.0015", "12", ".5") as exact integer micros, for unit prices
 * that need more digits than cents; undefined when it is not one. Read from the digits, never through a
 * float: "0.0015" is 1,500 micros, not 1,499.
 */
export function parsePrice(text: string): number | undefined {
  const m = /^\s*(\d{1,7})?(?:\.(\d{1,6}))?\s*$/.exec(text);
  if (m === null || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? "0") * 1_000_000 + Number((m[2] ?? "").padEnd(6, "0"));
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** Micros as a person types them back ("12.50", "0.0015"): the exact decimal, its zeros trimmed down to cents. */
export function plainAmount(micros: number): string {
  return decimalAmount(micros).replace(/(\.\d\d\d*?)0+$/, "$1");
}

/** The last second of a day picked in a date field (YYYY-MM-DD), in UTC: when something set "until that day" ends. */
export function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59Z`).toISOString();
}
