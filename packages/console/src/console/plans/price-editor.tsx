import type { Metric, PriceInput } from "@tollgate/sdk";
import { CountField, MoneyField, Optional, PointerErrors, SelectField, TextField } from "./fields.js";
import { RateDeckEditor } from "./rate-deck.js";

/*
 * One price, as a form: what it counts (the metric), how a unit is rated (one unit price, or graduated or
 * volume tiers), and the parts a price may add, each behind its box: packages, free units a period, a
 * minimum and maximum a call, billing increments, prices per N units, time of use, and a rate deck by an
 * attribute of the usage. Every model the catalog's schema has (packages/metering/src/core/catalog-schema.ts).
 */

type Tier = NonNullable<PriceInput["tiers"]>[number];
type Window = NonNullable<PriceInput["timeOfUse"]>[number];

export const METRICS: readonly (readonly [Metric, string])[] = [
  ["calls", "calls"],
  ["request_bytes", "request bytes"],
  ["response_bytes", "response bytes"],
  ["duration_ms", "milliseconds of the call"],
  ["units", "units the upstream reports"],
];
const UNIT: Record<Metric, string> = {
  calls: "call",
  request_bytes: "byte",
  response_bytes: "byte",
  duration_ms: "ms",
  units: "unit",
};
const RESPONSE_METRICS: ReadonlySet<Metric> = new Set(["response_bytes", "duration_ms", "units"]);
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

type Rate = "flat" | "graduated" | "volume";

/** A copy of `price` with `key` set, or left out when `value` is undefined. */
function set<K extends keyof PriceInput>(price: PriceInput, key: K, value: PriceInput[K] | undefined): PriceInput {
  const next = { ...price };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function PriceEditor(props: {
  price: PriceInput;
  onChange: (price: PriceInput) => void;
  pointer: string;
  currency: string;
  name: string;
}) {
  const { price, onChange, pointer, currency } = props;
  const at = (field: string) => `${pointer}/${field}`;
  const metric = price.metric ?? "calls";
  const unit = UNIT[metric];
  const per = price.ratePer && price.ratePer > 1 ? ` per ${price.ratePer.toLocaleString("en-US")} ${unit}s` : ` a ${unit}`;
  const rate: Rate = price.tiers === undefined ? "flat" : (price.tierMode ?? "graduated") === "volume" ? "volume" : "graduated";
  const setRate = (next: Rate) => {
    const { unitPrice, tiers, tierMode: _mode, ...rest } = price;
    if (next === "flat") onChange({ ...rest, unitPrice: unitPrice ?? tiers?.[0]?.unitPrice ?? 0 });
    else
      onChange({
        ...rest,
        tiers: (tiers ?? [{ upTo: null, unitPrice: unitPrice ?? 0 }]).map((t) =>
          next === "volume" ? { upTo: t.upTo, unitPrice: t.unitPrice } : t,
        ),
        ...(next === "volume" ? { tierMode: "volume" as const } : {}),
      });
  };
  return (
    <fieldset className="price">
      <legend>Price of {props.name}</legend>
      <SelectField
        label="Counts"
        pointer={at("metric")}
        value={metric}
        options={METRICS}
        onChange={(m) => onChange(set(price, "metric", m === "calls" ? undefined : m))}
      />
      {metric === "units" && (
        <TextField
          label="Units header"
          pointer={at("unitsHeader")}
          value={price.unitsHeader ?? ""}
          onChange={(h) => onChange(set(price, "unitsHeader", h || undefined))}
          placeholder="X-Tokens"
          size={12}
          hint="the response header reporting the units"
        />
      )}
      <SelectField
        label="Pricing model"
        pointer={at("tierMode")}
        value={rate}
        options={[
          ["flat", "flat: one unit price"],
          ["graduated", "graduated tiers"],
          ["volume", "volume tiers"],
        ]}
        onChange={setRate}
        hint={
          rate === "graduated"
            ? "each unit at its tier's price"
            : rate === "volume"
              ? "a call's units at the tier the period's total reaches"
              : undefined
        }
      />
      {rate === "flat" ? (
        <MoneyField
          label={`Unit price (${currency})`}
          pointer={at("unitPrice")}
          micros={price.unitPrice}
          onChange={(m) => onChange(set(price, "unitPrice", m))}
          currency={currency}
          per={per}
          required
        />
      ) : (
        <TiersEditor
          tiers={price.tiers ?? []}
          volume={rate === "volume"}
          onChange={(t) => onChange(set(price, "tiers", t))}
          pointer={at("tiers")}
          currency={currency}
          per={per}
        />
      )}
      <PointerErrors pointer={at("unitPrice")} />
      <div className="options">
        <Optional
          label="Sold in packages"
          on={price.packageSize !== undefined}
          onToggle={(on) => onChange(set(price, "packageSize", on ? 1000 : undefined))}
        >
          <CountField
            label={`Package size (${unit}s)`}
            pointer={at("packageSize")}
            value={price.packageSize}
            onChange={(n) => onChange(set(price, "packageSize", n))}
            required
          />
          <small className="hint">Whole packages are charged: the unit price is per package.</small>
        </Optional>
        <Optional
          label="Free units each period"
          on={price.freeUnits !== undefined}
          onToggle={(on) => onChange(set(set(price, "freeUnits", on ? 1000 : undefined), "period", undefined))}
        >
          <CountField
            label={`Free ${unit}s`}
            pointer={at("freeUnits")}
            value={price.freeUnits}
            onChange={(n) => onChange(set(price, "freeUnits", n))}
            required
          />
          <SelectField
            label="Each"
            pointer={at("period")}
            value={price.period ?? "month"}
            options={[
              ["month", "month"],
              ["day", "day"],
            ]}
            onChange={(p) => onChange(set(price, "period", p === "month" ? undefined : p))}
          />
        </Optional>
        <Optional
          label="Minimum or maximum a call"
          on={price.minimum !== undefined || price.maximum !== undefined}
          onToggle={(on) => onChange(on ? { ...price, minimum: 0 } : set(set(price, "minimum", undefined), "maximum", undefined))}
        >
          <MoneyField
            label="Minimum a call"
            pointer={at("minimum")}
            micros={price.minimum}
            onChange={(m) => onChange(set(price, "minimum", m))}
            currency={currency}
          />
          <MoneyField
            label="Maximum a call"
            pointer={at("maximum")}
            micros={price.maximum}
            onChange={(m) => onChange(set(price, "maximum", m))}
            currency={currency}
          />
        </Optional>
        {RESPONSE_METRICS.has(metric) && price.maximum === undefined && (
          <p className="hint">Priced from the response: a maximum a call is needed (it is what is reserved before the call).</p>
        )}
        <PointerErrors pointer={at("maximum")} />
        <Optional
          label="Billing increments"
          on={price.increments !== undefined}
          onToggle={(on) => onChange(set(price, "increments", on ? { first: 60, next: 6 } : undefined))}
        >
          <CountField
            label="First"
            pointer={at("increments/first")}
            value={price.increments?.first}
            onChange={(n) => onChange(set(price, "increments", { first: n ?? 0, next: price.increments?.next ?? 1 }))}
            required
          />
          <CountField
            label="Then each"
            pointer={at("increments/next")}
            value={price.increments?.next}
            onChange={(n) => onChange(set(price, "increments", { first: price.increments?.first ?? 0, next: n ?? 1 }))}
            required
          />
          <small className="hint">A call is rated as at least “first” units, then in whole steps (60/6: a 61 s call is 66 s).</small>
        </Optional>
        <Optional
          label={`Prices per N ${unit}s`}
          on={price.ratePer !== undefined}
          onToggle={(on) => onChange(set(price, "ratePer", on ? 60 : undefined))}
        >
          <CountField
            label={`Prices are per (${unit}s)`}
            pointer={at("ratePer")}
            value={price.ratePer}
            onChange={(n) => onChange(set(price, "ratePer", n))}
            required
          />
        </Optional>
        <Optional
          label="Time of use"
          on={price.timeOfUse !== undefined}
          onToggle={(on) =>
            onChange(set(price, "timeOfUse", on ? [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00", percent: 150 }] : undefined))
          }
          pointer={at("timeOfUse")}
        >
          <TimeOfUse windows={price.timeOfUse ?? []} onChange={(w) => onChange(set(price, "timeOfUse", w))} pointer={at("timeOfUse")} />
        </Optional>
        <Optional
          label="Rate deck by an attribute (destination, region, model…)"
          on={price.dimension !== undefined}
          onToggle={(on) =>
            onChange(
              set(price, "dimension", on ? { attribute: "destination", match: "prefix", otherwise: "refuse", lines: [] } : undefined),
            )
          }
          pointer={at("dimension")}
        >
          {price.dimension && (
            <RateDeckEditor
              deck={price.dimension}
              onChange={(d) => onChange(set(price, "dimension", d))}
              pointer={at("dimension")}
              currency={currency}
              per={per}
              name={props.name}
            />
          )}
        </Optional>
      </div>
    </fieldset>
  );
}

/** Tiers in order, each up to a count of units, the last open; graduated tiers may add a flat price on entering. */
export function TiersEditor(props: {
  tiers: Tier[];
  volume: boolean;
  onChange: (tiers: Tier[]) => void;
  pointer: string;
  currency: string;
  per: string;
}) {
  const { tiers, onChange } = props;
  const put = (i: number, tier: Tier) => onChange(tiers.map((t, j) => (j === i ? tier : t)));
  return (
    <fieldset className="tiers">
      <legend>{props.volume ? "Volume tiers" : "Graduated tiers"}</legend>
      <PointerErrors pointer={props.pointer} />
      <ol>
        {tiers.map((t, i) => {
          const last = i === tiers.length - 1;
          const from = i === 0 ? 1 : (tiers[i - 1]?.upTo ?? 0) + 1;
          return (
            <li key={i}>
              {last ? (
                <span className="from">{from.toLocaleString("en-US")} and beyond</span>
              ) : (
                <CountField
                  label={`Tier ${i + 1}: from ${from.toLocaleString("en-US")} up to`}
                  pointer={`${props.pointer}/${i}/upTo`}
                  value={t.upTo ?? undefined}
                  onChange={(n) => put(i, { ...t, upTo: n ?? 0 })}
                  required
                />
              )}
              <MoneyField
                label={`Tier ${i + 1} unit price`}
                pointer={`${props.pointer}/${i}/unitPrice`}
                micros={t.unitPrice}
                onChange={(m) => put(i, { ...t, unitPrice: m ?? 0 })}
                currency={props.currency}
                per={props.per}
                required
              />
              {!props.volume && (
                <MoneyField
                  label={`Tier ${i + 1} flat price`}
                  pointer={`${props.pointer}/${i}/flatPrice`}
                  micros={t.flatPrice || undefined}
                  onChange={(m) => put(i, m ? { ...t, flatPrice: m } : { upTo: t.upTo, unitPrice: t.unitPrice })}
                  currency={props.currency}
                  per=" on entering"
                />
              )}
              {tiers.length > 1 && (
                <button type="button" onClick={() => onChange(closeLast(tiers.filter((_, j) => j !== i)))}>
                  Remove tier {i + 1}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => {
          const before = tiers.slice(0, -1);
          const prev = before.at(-1)?.upTo ?? 0;
          const open = tiers.at(-1) ?? { upTo: null, unitPrice: 0 };
          onChange([...before, { ...open, upTo: prev + 1000 }, { upTo: null, unitPrice: open.unitPrice }]);
        }}
      >
        Add a tier
      </button>
    </fieldset>
  );
}

/** The last tier is the open one. */
function closeLast(tiers: Tier[]): Tier[] {
  return tiers.map((t, i) => (i === tiers.length - 1 ? { ...t, upTo: null } : t));
}

function TimeOfUse(props: { windows: Window[]; onChange: (w: Window[]) => void; pointer: string }) {
  const { windows, onChange } = props;
  const put = (i: number, w: Window) => onChange(windows.map((x, j) => (j === i ? w : x)));
  return (
    <div className="windows">
      {windows.map((w, i) => (
        <fieldset key={i} className="window">
          <legend>Window {i + 1} (first match wins, in the plan's time zone)</legend>
          <div role="group" aria-label={`Days of window ${i + 1}`} className="days">
            {DAYS.map((d, day) => (
              <label key={d} className="check">
                <input
                  type="checkbox"
                  checked={w.days.includes(day)}
                  onChange={(e) =>
                    put(i, { ...w, days: e.target.checked ? [...w.days, day].sort((a, b) => a - b) : w.days.filter((x) => x !== day) })
                  }
                />
                {d}
              </label>
            ))}
          </div>
          <PointerErrors pointer={`${props.pointer}/${i}/days`} />
          <TextField
            label="From (HH:MM)"
            pointer={`${props.pointer}/${i}/from`}
            value={w.from}
            onChange={(from) => put(i, { ...w, from })}
            size={5}
            required
          />
          <TextField
            label="To (HH:MM, 24:00 for midnight)"
            pointer={`${props.pointer}/${i}/to`}
            value={w.to}
            onChange={(to) => put(i, { ...w, to })}
            size={5}
            required
          />
          <CountField
            label="Percent of the price"
            pointer={`${props.pointer}/${i}/percent`}
            value={w.percent}
            onChange={(n) => put(i, { ...w, percent: n ?? 100 })}
            required
            size={5}
          />
          <button type="button" onClick={() => onChange(windows.filter((_, j) => j !== i))}>
            Remove window {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...windows, { days: [0, 6], from: "00:00", to: "24:00", percent: 80 }])}>
        Add a window
      </button>
    </div>
  );
}
