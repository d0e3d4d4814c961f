import type { CatalogInput, PriceInput, RateLineInput } from "@tollgate/sdk";

/*
 * The draft both views edit: a catalog as the API takes it (PUT …/catalog), money in integer micros. A stored
 * catalog comes back with its defaults filled in and time-of-use minutes as numbers: `catalogInput` turns it
 * into the shorter input that means the same, so the JSON view and the summary of changes read as written.
 */

export type Product = NonNullable<CatalogInput["products"]>[number];
export type Quota = NonNullable<CatalogInput["quotas"]>[number];
type Tier = NonNullable<PriceInput["tiers"]>[number];
type Stored = Record<string, unknown>;

const hhmm = (v: unknown) =>
  typeof v === "number" ? `${String(Math.floor(v / 60)).padStart(2, "0")}:${String(v % 60).padStart(2, "0")}` : String(v);

/** Tiers as given: one open tier with no flat price is a unit price. */
function rates<T extends { unitPrice?: number; tiers?: Tier[] }>(r: T): T {
  const { tiers, ...rest } = r;
  if (tiers === undefined) return r;
  if (tiers.length === 1 && tiers[0]!.upTo === null && !tiers[0]!.flatPrice) return { ...rest, unitPrice: tiers[0]!.unitPrice } as T;
  return { ...rest, tiers: tiers.map((t) => (t.flatPrice ? t : { upTo: t.upTo, unitPrice: t.unitPrice })) } as T;
}

function line(l: RateLineInput): RateLineInput {
  return rates(l);
}

export function priceInput(stored: Stored): PriceInput {
  const p = { ...stored } as PriceInput & Stored;
  if (p.tierMode === "graduated") delete p.tierMode;
  if (p.packageSize === 1) delete p.packageSize;
  if (p.freeUnits === 0) delete p.freeUnits;
  if (p.minimum === 0) delete p.minimum;
  if (p.period === "month") delete p.period;
  if (p.metric === "calls") delete p.metric;
  if (Array.isArray(p.timeOfUse) && p.timeOfUse.length === 0) delete p.timeOfUse;
  else if (p.timeOfUse) p.timeOfUse = p.timeOfUse.map((w) => ({ ...w, from: hhmm(w.from), to: hhmm(w.to) }));
  if (p.dimension) p.dimension = { ...p.dimension, lines: p.dimension.lines.map(line) };
  return rates(p);
}

/** A stored catalog (GET /v1/plans/{id}) as the input that replaces it with itself. */
export function catalogInput(stored: Stored): CatalogInput {
  const c = { ...stored } as CatalogInput & Stored;
  c.products = (c.products ?? []).map((p) => ({ ...p, price: priceInput(p.price as Stored) }));
  if (c.unmatched?.action === "price") c.unmatched = { action: "price", price: priceInput(c.unmatched.price) };
  for (const key of ["quotas", "rateLimits"] as const) if (Array.isArray(c[key]) && c[key].length === 0) delete c[key];
  if (c.refund && !c.refund.upstreamError && !c.refund.clientAbort) delete c.refund;
  if (c.reservationTtlSeconds === 60) delete c.reservationTtlSeconds;
  if (c.caseInsensitivePaths === false) delete c.caseInsensitivePaths;
  if (c.metering === "exact") delete c.metering;
  return c;
}

/** The draft the form edits: `pricePerCall` (the flat plan's shorthand) spelled out as the unmatched rule it is. */
export function formDraft(c: CatalogInput): CatalogInput {
  if (c.pricePerCall === undefined) return c;
  const { pricePerCall, ...rest } = c;
  return { ...rest, unmatched: { action: "price", price: { unitPrice: pricePerCall } } };
}

/** What is wrong with a JSON text as a draft (not JSON, not an object, a list that is not one), or the draft. */
export function parseDraft(text: string): { draft: CatalogInput } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `The catalog is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { error: 'The catalog is a JSON object: { "products": [ … ] }.' };
  for (const key of ["products", "quotas", "rateLimits"]) {
    const list = (value as Stored)[key];
    if (list !== undefined && !Array.isArray(list)) return { error: `"${key}" is a list: [ … ].` };
    if (Array.isArray(list) && list.some((x) => typeof x !== "object" || x === null))
      return { error: `Each of "${key}" is an object: { … }.` };
  }
  return { draft: value };
}

/** JSON with its keys in one order, to tell whether two drafts say the same. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Stored).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** What saving the draft changes, in sentences: products added, removed and changed (and how), quotas, the other routes. */
export function changesBetween(before: CatalogInput, after: CatalogInput): string[] {
  const changes: string[] = [];
  const byId = <T extends { id: string }>(list: T[] | undefined) => new Map((list ?? []).map((x) => [x.id, x]));
  const was = byId(before.products);
  const now = byId(after.products);
  const added = [...now.keys()].filter((id) => !was.has(id));
  const removed = [...was.keys()].filter((id) => !now.has(id));
  if (added.length > 0) changes.push(`Adds ${added.length === 1 ? "product" : "products"} ${added.join(", ")}.`);
  if (removed.length > 0) changes.push(`Removes ${removed.length === 1 ? "product" : "products"} ${removed.join(", ")}.`);
  for (const [id, p] of now) {
    const q = was.get(id);
    if (q === undefined || canonical(p) === canonical(q)) continue;
    const what: string[] = [];
    if (p.method !== q.method || p.path !== q.path) what.push(`route ${q.method ?? "*"} ${q.path} → ${p.method ?? "*"} ${p.path}`);
    const { dimension: d1, ...price1 } = p.price;
    const { dimension: d0, ...price0 } = q.price;
    if (canonical(price1) !== canonical(price0)) what.push("price");
    if (canonical(d1) !== canonical(d0)) what.push(deckChange(d0?.lines, d1?.lines));
    changes.push(`Changes product ${id}: ${what.join(", ")}.`);
  }
  const order = (a: Product[] | undefined) => (a ?? []).map((p) => p.id).filter((id) => was.has(id) && now.has(id));
  if (added.length + removed.length === 0 && canonical(order(before.products)) !== canonical(order(after.products)))
    changes.push("Reorders the products (the first that matches a call prices it).");
  const qb = byId(before.quotas);
  const qa = byId(after.quotas);
  for (const id of qa.keys()) if (!qb.has(id)) changes.push(`Adds quota ${id}.`);
  for (const id of qb.keys()) if (!qa.has(id)) changes.push(`Removes quota ${id}.`);
  for (const [id, q] of qa) if (qb.has(id) && canonical(q) !== canonical(qb.get(id))) changes.push(`Changes quota ${id}.`);
  if (canonical(formDraft(before).unmatched) !== canonical(formDraft(after).unmatched))
    changes.push(`Other routes become ${unmatchedWords(formDraft(after))}.`);
  const rb = byId(before.rateLimits);
  const ra = byId(after.rateLimits);
  for (const [id, r] of ra) if (!rb.has(id)) changes.push(`Adds rate limit ${id}: ${rateLimitWords(r)}.`);
  for (const id of rb.keys()) if (!ra.has(id)) changes.push(`Removes rate limit ${id}.`);
  for (const [id, r] of ra)
    if (rb.has(id) && canonical(r) !== canonical(rb.get(id))) changes.push(`Changes rate limit ${id}: ${rateLimitWords(r)}.`);
  if (canonical(before.refund ?? {}) !== canonical(after.refund ?? {})) changes.push(`Refunds become: ${refundWords(after)}.`);
  if ((before.metering ?? "exact") !== (after.metering ?? "exact")) changes.push(`Metering becomes ${after.metering ?? "exact"}.`);
  if ((before.reservationTtlSeconds ?? 60) !== (after.reservationTtlSeconds ?? 60))
    changes.push(`Reservations and leases are held ${after.reservationTtlSeconds ?? 60} s.`);
  if ((before.timeZone ?? "UTC") !== (after.timeZone ?? "UTC")) changes.push(`The time zone becomes ${after.timeZone ?? "UTC"}.`);
  if ((before.caseInsensitivePaths ?? false) !== (after.caseInsensitivePaths ?? false))
    changes.push(after.caseInsensitivePaths ? "Paths match ignoring letter case." : "Paths match with their letter case.");
  const rest = (c: CatalogInput) => {
    const { products: _p, quotas: _q, unmatched: _u, pricePerCall: _c, rateLimits: _r, refund: _f, metering: _m, ...others } = c;
    const { reservationTtlSeconds: _t, timeZone: _z, caseInsensitivePaths: _i, ...unknown } = others;
    return canonical(unknown);
  };
  if (rest(before) !== rest(after)) changes.push("Changes the plan's other settings.");
  return changes;
}

function deckChange(before: RateLineInput[] | undefined, after: RateLineInput[] | undefined): string {
  if (before === undefined) return `a rate deck of ${after!.length} lines`;
  if (after === undefined) return "no rate deck any more";
  const was = new Map(before.map((l) => [l.value, canonical(l)]));
  const values = new Set(after.map((l) => l.value));
  const added = after.filter((l) => !was.has(l.value)).length;
  const removed = before.filter((l) => !values.has(l.value)).length;
  const changed = after.filter((l) => was.has(l.value) && was.get(l.value) !== canonical(l)).length;
  const lines = (n: number, what: string) => (n === 0 ? [] : [`${n} ${n === 1 ? "line" : "lines"} ${what}`]);
  const parts = [...lines(added, "added"), ...lines(removed, "removed"), ...lines(changed, "changed")];
  return `rate deck (${parts.length > 0 ? parts.join(", ") : "its settings"})`;
}

type RateLimit = NonNullable<CatalogInput["rateLimits"]>[number];

/** A window in words: "second", "5 minutes", "hour", "90 seconds". */
export function windowWords(seconds: number): string {
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  const [size, name] = units.find(([s]) => seconds % s === 0) ?? [1, "second"];
  const n = seconds / size;
  return n === 1 ? name : `${n.toLocaleString("en-US")} ${name}s`;
}

function rateLimitWords(r: RateLimit): string {
  return `${r.limit.toLocaleString("en-US")} calls per ${windowWords(r.windowSeconds)} for ${r.scope === "key" ? "each key" : "the account"}`;
}

function refundWords(c: CatalogInput): string {
  const when = [...(c.refund?.upstreamError ? ["upstream errors"] : []), ...(c.refund?.clientAbort ? ["abandoned calls"] : [])];
  return when.length === 0 ? "none" : when.join(" and ");
}

function unmatchedWords(c: CatalogInput): string {
  if (c.unmatched?.action === "refuse") return "refused (403)";
  if (c.unmatched?.action === "price") return "priced";
  return "free";
}

const WORDS: Record<string, string> = {
  products: "products",
  price: "price",
  unitPrice: "unit price",
  tiers: "tiers",
  upTo: "up to",
  flatPrice: "flat price",
  tierMode: "tier mode",
  packageSize: "package size",
  freeUnits: "free units",
  minimum: "minimum",
  maximum: "maximum",
  increments: "increments",
  ratePer: "prices per",
  period: "period",
  timeOfUse: "time of use",
  dimension: "rate deck",
  attribute: "attribute",
  header: "header",
  otherwise: "otherwise",
  metric: "metric",
  unitsHeader: "units header",
  unmatched: "other routes",
  quotas: "quotas",
  rateLimits: "rate limits",
  productId: "product",
  limit: "limit",
  scope: "counted for",
  windowSeconds: "window",
  refund: "refunds",
  upstreamError: "upstream errors",
  clientAbort: "abandoned calls",
  metering: "metering",
  reservationTtlSeconds: "reservation hold",
  caseInsensitivePaths: "letter case of paths",
  timeZone: "time zone",
  method: "method",
  path: "path",
  id: "id",
};

/** A problem's JSON pointer in words: "/products/1/price/dimension/lines/3/unitPrice" → "product voice › rate line 4 (+44) › unit price". */
export function pointerWords(pointer: string, draft: CatalogInput): string {
  const parts = pointer.split("/").slice(1);
  const words: string[] = [];
  let at: unknown = draft;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = /^\d+$/.test(part) && Array.isArray(at) ? (at as unknown[])[Number(part)] : (at as Stored | undefined)?.[part];
    const prev = parts[i - 1];
    if (/^\d+$/.test(part)) {
      const item = next as { id?: string; value?: string } | undefined;
      if (prev === "products" || prev === "quotas" || prev === "rateLimits") {
        words.pop();
        words.push(`${prev === "products" ? "product" : prev === "quotas" ? "quota" : "rate limit"} ${item?.id ?? Number(part) + 1}`);
      } else if (prev === "lines") {
        words.pop();
        words.push(`rate line ${Number(part) + 1}${item?.value ? ` (${item.value})` : ""}`);
      } else if (prev === "tiers" || prev === "timeOfUse") {
        words.pop();
        words.push(`${prev === "tiers" ? "tier" : "time-of-use window"} ${Number(part) + 1}`);
      }
    } else if (part === "lines") words.push("lines");
    else if (!(part === "price" && prev !== undefined && /^\d+$/.test(prev))) words.push(WORDS[part] ?? part);
    at = next;
  }
  return words.join(" › ") || "the catalog";
}
