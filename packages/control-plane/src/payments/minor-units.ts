/**
 * Payment providers count in a currency's minor units (cents); Tollgate counts in micros. The conversion
 * is exact or refused: an amount that is not a whole number of minor units cannot be charged to a card.
 */
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

function minorUnitExponent(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** Micros per minor unit: 10,000 for USD (one cent), 1,000,000 for JPY. */
export function microsPerMinorUnit(currency: string): number {
  return 10 ** (6 - minorUnitExponent(currency));
}

export function toMinorUnits(micros: number, currency: string): number | undefined {
  const per = microsPerMinorUnit(currency);
  return micros % per === 0 ? micros / per : undefined;
}
