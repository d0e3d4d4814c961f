/** Money arrives as integer micros; shown in the currency's usual form, with the micros kept when they matter. */
export function money(micros: number, currency: string): string {
  const units = micros / 1_000_000;
  const digits = Number.isInteger(micros / 10_000) ? 2 : 6;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: digits }).format(
    units,
  );
}

/** A whole number of minor units typed by a person ("12.50") as micros; undefined when it is not one. */
export function parseAmount(text: string): number | undefined {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(2, "0")) * 10_000;
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** Micros as a person types them back ("12.50"): what `parseAmount` reads. */
export function plainAmount(micros: number): string {
  return Number.isInteger(micros / 10_000) ? (micros / 1_000_000).toFixed(2) : (micros / 1_000_000).toFixed(6);
}
