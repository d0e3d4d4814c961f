import type { Bundle } from "@tollgate/sdk";
import type { ChangeEvent, ReactNode } from "react";
import { Field } from "./forms.js";
import { when } from "./money.js";

/*
 * Bundles as the portal and the console show them: units left of those issued, the expiry in the viewer's time
 * zone, the consumption order and what pays after each in words, and a warning when one runs low. The API lists
 * them active first, in consumption order (lowest priority number, soonest expiry, oldest: models/bundle.ts).
 */

/** Until the account chooses percentages of its own, a bundle is running low at 20% of its units left (as it is told). */
const DEFAULT_LOW_PERCENT = 20;

/** The percentage of its units left at which a bundle is shown running low: the highest the account is told at. */
export function lowPercentOf(bundlePercents: readonly number[] | undefined): number {
  return bundlePercents === undefined || bundlePercents.length === 0 ? DEFAULT_LOW_PERCENT : Math.max(...bundlePercents);
}

/** A bundle the gateways still take from: active and not past its expiry. */
export function isLive(b: Bundle, now = Date.now()): boolean {
  return b.status === "active" && Date.parse(b.expiresAt) > now;
}

/** A number of units as the pages write it: "10,000". */
export const count = (n: number): string => n.toLocaleString("en-US");

/** How the account came to have it, by its `source`; a source this page does not know yet is shown as the API names it. */
const SOURCES: Record<string, string> = {
  grant: "granted",
  pack: "bought as a pack",
  plan: "included in the plan",
  rollover: "rolled over",
};

/** Where a live bundle stands: used up, running low (at or below `lowPercent` of its units), or fine. */
export function bundleLevel(b: Bundle, lowPercent: number): "used-up" | "low" | "fine" {
  if (b.remaining <= 0) return "used-up";
  return b.remaining * 100 <= b.units * lowPercent ? "low" : "fine";
}

/** Its place among its product's live bundles, in words: "used first", "used 2nd". */
function orderWords(b: Bundle, live: Bundle[]): string {
  const same = live.filter((x) => x.productId === b.productId);
  const place = same.findIndex((x) => x.id === b.id) + 1;
  if (same.length <= 1 || place === 1) return "used first";
  const suffix = place % 10 === 2 && place % 100 !== 12 ? "nd" : place % 10 === 3 && place % 100 !== 13 ? "rd" : "th";
  return `used ${place}${suffix}`;
}

/** Its overage in words, said to `payer` ("your balance"): what calls its product's bundles do not cover become. */
export function overageWords(b: Pick<Bundle, "overage">, payer: string): string {
  return b.overage === "refuse" ? "calls beyond it are refused" : `calls beyond it are paid from ${payer}`;
}

/**
 * Bundles in a table, one a row: product, units left of issued (with a warning when running low or used up),
 * expiry, its place in the order bundles are used in and what calls beyond it become. Ended ones (in the console's list) say when they ended instead.
 * `action`: a last cell per row (the console's Revoke).
 */
export function BundleTable(props: {
  label: string;
  bundles: Bundle[];
  lowPercent: number;
  /** Who pays the units bundles do not cover, as the reader calls it: "your balance", "the balance". */
  payer: string;
  action?: { header: string; cell: (b: Bundle) => ReactNode };
}) {
  const live = props.bundles.filter((b) => isLive(b));
  return (
    <table aria-label={props.label} className="stack bundles">
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col" className="num">
            Units left
          </th>
          <th scope="col">Expires</th>
          <th scope="col">Used</th>
          {props.action && <th scope="col">{props.action.header}</th>}
        </tr>
      </thead>
      <tbody>
        {props.bundles.map((b) => {
          const level = isLive(b) ? bundleLevel(b, props.lowPercent) : undefined;
          return (
            <tr key={b.id} className={level === undefined ? "ended" : undefined}>
              <td data-label="Product">
                <code>{b.productId}</code> <small>{SOURCES[b.source] ?? b.source}</small>
              </td>
              <td data-label="Units left" className="num">
                {count(b.remaining)} of {count(b.units)}
                {level === "used-up" && <strong className="bundle-warning"> Used up</strong>}
                {level === "low" && <strong className="bundle-warning"> Running low</strong>}
              </td>
              <td data-label="Expires">{level === undefined ? `${b.status} ${when(b.endedAt ?? b.expiresAt)}` : when(b.expiresAt)}</td>
              <td data-label="Used">
                {level === undefined ? (
                  "ended"
                ) : (
                  <>
                    {orderWords(b, live)} <small>(priority {b.priority})</small>, {overageWords(b, props.payer)}
                  </>
                )}
              </td>
              {props.action && <td>{props.action.cell(b)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The ids of a plan's own products, in its catalog's order. */
export function catalogProducts(catalog: unknown): string[] {
  return ((catalog as { products?: { id: string }[] } | undefined)?.products ?? []).map((p) => p.id);
}

/** What a bundle may be of: a plan's products, and `default` (the calls of its unmatched routes). */
export function bundleProducts(catalog: unknown): string[] {
  return [...catalogProducts(catalog), "default"];
}

/**
 * A bundle's priority and what happens to calls beyond it, as the console's forms that issue bundles or sell packs
 * ask them (their labels are "/priority" and "/overage" in the form's own field table).
 */
export function BundleTermsFields(props: {
  priority: string;
  overage: string;
  onChange: (name: "priority" | "overage") => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
  problems: { at: (pointer: string) => string | undefined };
  labels: { "/priority": string; "/overage": string };
}) {
  const { problems, labels } = props;
  return (
    <>
      <Field label={labels["/priority"]} problem={problems.at("/priority")} hint="Lower numbers are used first (0 to 1,000).">
        <input value={props.priority} onChange={props.onChange("priority")} inputMode="numeric" maxLength={5} />
      </Field>
      <Field label={labels["/overage"]} problem={problems.at("/overage")}>
        <select value={props.overage} onChange={props.onChange("overage")}>
          <option value="charge">calls are paid from the balance</option>
          <option value="refuse">calls are refused (a hard allowance)</option>
        </select>
      </Field>
    </>
  );
}
