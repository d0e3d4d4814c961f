/**
 * Money as people read it. Tollgate counts money in integer micros (1 currency unit = 1,000,000 micros); this
 * is the one place micros become text, for the portal and console, the invoices, the emails and the CSV
 * downloads alike.
 *
 * - `formatMoney`: a balance or a total, in the currency's minor units as Intl knows them (USD 2 digits, JPY 0,
 *   BHD 3), rounded half away from zero (Intl's `halfExpand`, the rule an invoice's total is rounded by).
 * - `formatUnitPrice`: a price, with every digit it has ("$0.0015"): never rounded.
 * - `formatExactMoney`: what a dispute needs, "$421.403841 (421,403,841 micros)", for a detail or a tooltip.
 * - `decimalAmount`: the exact amount in major units as a plain decimal ("500.000000"), for a CSV's `amount`.
 *
 * Every one formats integer micros, exactly: the decimal Intl is given is built from the integer's digits, never
 * from a floating-point division (1,005,000 micros is 1.005 exactly, which rounds to $1.01; 1.005 as a double
 * is 1.00499…). Sum micros first and format the sum: the sum of rounded figures is not the rounded sum.
 */

/** What every function here takes: integer micros. A fraction or NaN throws (a RangeError): money is never guessed. */
export type Micros = number | bigint;

const MICROS_DIGITS = 6;
const DEFAULT_LOCALE = "en-US";

const formatters = new Map<string, Intl.NumberFormat>();
const minor = new Map<string, number>();

function currencyFormat(locale: string, currency: string, minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}\u0000${minimumFractionDigits}\u0000${maximumFractionDigits}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits,
      maximumFractionDigits,
      roundingMode: "halfExpand",
      // "-$0.00" is no amount: a negative that rounds to zero shows as zero (the exact form keeps its sign).
      signDisplay: "negative",
    });
    formatters.set(key, format);
  }
  return format;
}

/** The currency's minor digits as Intl (CLDR) knows them: USD 2, JPY 0, BHD 3. */
export function minorDigits(currency: string): number {
  let digits = minor.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat(DEFAULT_LOCALE, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minor.set(currency, digits);
  }
  return digits;
}

/** Micros as an exact decimal in major units, six digits after the point: 500000000 → "500.000000", -1234 → "-0.001234". */
export function decimalAmount(micros: Micros): string {
  const value = BigInt(micros);
  const digits = (value < 0n ? -value : value).toString().padStart(MICROS_DIGITS + 1, "0");
  return `${value < 0n ? "-" : ""}${digits.slice(0, -MICROS_DIGITS)}.${digits.slice(-MICROS_DIGITS)}`;
}

/** The decimal string Intl formats exactly (a string, not a number, so no digit is lost on the way). */
const exact = (micros: Micros) => decimalAmount(micros) as `${number}`;

/**
 * A balance or a total in the currency's minor units, rounded half away from zero: 421403841 USD → "$421.40",
 * 1500000 JPY → "¥2", 1234500 BHD → "BHD 1.235". Format a sum of micros, never add formatted amounts.
 */
export function formatMoney(micros: Micros, currency: string, locale = DEFAULT_LOCALE): string {
  const digits = minorDigits(currency);
  return currencyFormat(locale, currency, digits, digits).format(exact(micros));
}

/**
 * A unit price with as many digits as it needs, at least the currency's minor digits, never rounded:
 * 1500 USD → "$0.0015", 1000000 USD → "$1.00", 1500 JPY → "¥0.0015".
 */
export function formatUnitPrice(micros: Micros, currency: string, locale = DEFAULT_LOCALE): string {
  return currencyFormat(locale, currency, Math.min(minorDigits(currency), MICROS_DIGITS), MICROS_DIGITS).format(exact(micros));
}

/** A count of micros with grouping: 421403841 → "421,403,841 micros". */
export function formatMicros(micros: Micros, locale = DEFAULT_LOCALE): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(BigInt(micros))} micros`;
}

/** An amount as a dispute needs it, every digit and the micros: "$421.403841 (421,403,841 micros)". */
export function formatExactMoney(micros: Micros, currency: string, locale = DEFAULT_LOCALE): string {
  return `${formatUnitPrice(micros, currency, locale)} (${formatMicros(micros, locale)})`;
}
