import type { RateLineInput } from "@tollgate/sdk";
import { parsePrice, plainAmount } from "../../shared/money.js";

/*
 * A rate deck as a spreadsheet: one line a row, money in major units as people type it ("0.012"), so a deck
 * exported, edited and imported again comes back the same. Parsed in the browser; each refused row says why,
 * by its line number in the file.
 */

type Tier = NonNullable<RateLineInput["tiers"]>[number];

/** The columns, in the order they are written; only `value` and a price (`unit_price` or `tiers`) are needed. */
export const DECK_COLUMNS = [
  "value",
  "unit_price",
  "tiers",
  "tier_mode",
  "free_units",
  "package_size",
  "minimum",
  "maximum",
  "rate_per",
  "increments",
] as const;
type Column = (typeof DECK_COLUMNS)[number];

/** Tiers as one cell: "6000:0.03;*:0.02" (up to 6,000 units at 0.03, the rest at 0.02); "+1.00" adds a flat price. */
export function tiersText(tiers: readonly Tier[]): string {
  return tiers
    .map((t) => `${t.upTo === null ? "*" : t.upTo}:${plainAmount(t.unitPrice)}${t.flatPrice ? `+${plainAmount(t.flatPrice)}` : ""}`)
    .join(";");
}

/** The tiers a cell names, or what is wrong with it in words. */
export function parseTiersText(text: string): { tiers: Tier[] } | { error: string } {
  const tiers: Tier[] = [];
  for (const part of text.split(";").map((p) => p.trim())) {
    const m = /^(\*|\d{1,13}):([^+]+)(?:\+(.+))?$/.exec(part);
    if (m === null) return { error: `"${part}" is not a tier such as 6000:0.03 or *:0.02` };
    const unitPrice = parsePrice(m[2]!);
    const flatPrice = m[3] === undefined ? 0 : parsePrice(m[3]);
    if (unitPrice === undefined) return { error: `the tier price "${m[2]}" is not an amount such as 0.03` };
    if (flatPrice === undefined) return { error: `the flat price "${m[3]}" is not an amount such as 1.00` };
    tiers.push({ upTo: m[1] === "*" ? null : Number(m[1]), unitPrice, ...(flatPrice ? { flatPrice } : {}) });
  }
  if (tiers.at(-1)?.upTo !== null) return { error: "the last tier is * (every unit past the others)" };
  if (tiers.slice(0, -1).some((t) => t.upTo === null)) return { error: "only the last tier is *" };
  return { tiers };
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. Each row keeps the line it starts on. */
function rows(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const s = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== "")) out.push({ line: start, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  endRow();
  return out;
}

const NAMES: Record<Column, string> = {
  value: "value",
  unit_price: "unit price",
  tiers: "tiers",
  tier_mode: "tier mode",
  free_units: "free units",
  package_size: "package size",
  minimum: "minimum",
  maximum: "maximum",
  rate_per: "rate per",
  increments: "increments",
};

/** A deck's lines from a CSV file, or every row's problem in words ("Line 4: the unit price "abc" is not an amount…"). */
export function parseRateDeck(text: string): { lines: RateLineInput[]; errors: string[] } {
  const [head, ...body] = rows(text);
  if (head === undefined)
    return { lines: [], errors: ["The file is empty: it needs a header row (value,unit_price,…) and a row per rate line."] };
  const columns = head.cells.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(DECK_COLUMNS as readonly string[]).includes(c));
  const errors: string[] = [];
  if (unknown.length > 0)
    errors.push(`Line 1: unknown column ${unknown.map((c) => `"${c}"`).join(", ")}; the columns are ${DECK_COLUMNS.join(", ")}.`);
  if (!columns.includes("value")) errors.push("Line 1: the header has no value column (what the attribute equals or starts with).");
  if (!columns.includes("unit_price") && !columns.includes("tiers"))
    errors.push("Line 1: the header needs a unit_price or a tiers column.");
  if (errors.length > 0) return { lines: [], errors };
  if (body.length === 0) return { lines: [], errors: ["The file has a header but no rate lines."] };

  const lines: RateLineInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const problems: string[] = [];
    const get = (c: Column) => (cells[columns.indexOf(c)] ?? "").trim();
    const value = get("value");
    const out: RateLineInput = { value };
    if (cells.length > columns.length) problems.push(`it has ${cells.length} cells for ${columns.length} columns`);
    if (!/^[A-Za-z0-9+._:@/-]{1,64}$/.test(value))
      problems.push(value === "" ? "the value is empty" : `the value "${value}" may hold only 1–64 letters, digits and + . _ : @ / -`);
    else if (seen.has(value)) problems.push(`the value ${value} is already on line ${seen.get(value)}`);
    else seen.set(value, line);
    const money = (c: "unit_price" | "minimum" | "maximum", key: "unitPrice" | "minimum" | "maximum") => {
      const cell = get(c);
      if (cell === "") return;
      const micros = parsePrice(cell);
      if (micros === undefined) problems.push(`the ${NAMES[c]} "${cell}" is not an amount such as 0.0015`);
      else out[key] = micros;
    };
    const whole = (c: "free_units" | "package_size" | "rate_per", key: "freeUnits" | "packageSize" | "ratePer", min: number) => {
      const cell = get(c);
      if (cell === "") return;
      if (!/^\d{1,13}$/.test(cell) || Number(cell) < min)
        problems.push(`the ${NAMES[c]} "${cell}" is not a whole number of at least ${min}`);
      else out[key] = Number(cell);
    };
    money("unit_price", "unitPrice");
    const tiers = get("tiers");
    if (tiers !== "") {
      const parsed = parseTiersText(tiers);
      if ("error" in parsed) problems.push(parsed.error);
      else out.tiers = parsed.tiers;
    }
    if (get("unit_price") !== "" && tiers !== "") problems.push("it has both a unit price and tiers: give one");
    if (get("unit_price") === "" && tiers === "") problems.push("it has neither a unit price nor tiers");
    const mode = get("tier_mode");
    if (mode === "graduated" || mode === "volume") out.tierMode = mode;
    else if (mode !== "") problems.push(`the tier mode "${mode}" is neither graduated nor volume`);
    whole("free_units", "freeUnits", 0);
    whole("package_size", "packageSize", 1);
    money("minimum", "minimum");
    money("maximum", "maximum");
    whole("rate_per", "ratePer", 1);
    const increments = get("increments");
    if (increments !== "") {
      const m = /^(\d{1,7})\/(\d{1,7})$/.exec(increments);
      if (m === null || Number(m[2]) < 1) problems.push(`the increments "${increments}" are not first/next such as 60/6`);
      else out.increments = { first: Number(m[1]), next: Number(m[2]) };
    }
    if (problems.length > 0) errors.push(`Line ${line}: ${problems.join("; ")}.`);
    else lines.push(out);
  }
  return errors.length > 0 ? { lines: [], errors } : { lines, errors };
}

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A deck's lines as CSV, with the columns any line uses (value and a price always), as parseRateDeck reads them. */
export function rateDeckCsv(lines: readonly RateLineInput[]): string {
  const write: Record<Column, (l: RateLineInput) => string> = {
    value: (l) => l.value,
    unit_price: (l) => (l.unitPrice === undefined ? "" : plainAmount(l.unitPrice)),
    tiers: (l) => (l.tiers === undefined ? "" : tiersText(l.tiers)),
    tier_mode: (l) => l.tierMode ?? "",
    free_units: (l) => (l.freeUnits === undefined ? "" : String(l.freeUnits)),
    package_size: (l) => (l.packageSize === undefined ? "" : String(l.packageSize)),
    minimum: (l) => (l.minimum === undefined ? "" : plainAmount(l.minimum)),
    maximum: (l) => (l.maximum === undefined ? "" : plainAmount(l.maximum)),
    rate_per: (l) => (l.ratePer === undefined ? "" : String(l.ratePer)),
    increments: (l) => (l.increments === undefined ? "" : `${l.increments.first}/${l.increments.next}`),
  };
  const used = DECK_COLUMNS.filter((c) => c === "value" || c === "unit_price" || lines.some((l) => write[c](l) !== ""));
  return [used.join(","), ...lines.map((l) => used.map((c) => cell(write[c](l))).join(","))].join("\r\n") + "\r\n";
}
