import { useQuery } from "@tanstack/react-query";
import type { Bundle, Page } from "@tollgate/sdk";
import { BundleTable, bundleLevel, count, isLive, lowPercentOf } from "../shared/bundles.js";
import { Empty, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";
import { notificationSettingsQuery } from "./settings.js";

/**
 * The account's bundles, active first, in the order they are used; read again every 5 s while one is live (calls
 * take from it), never while none is (a new one shows when the page is next opened or focused). One page of
 * 200 holds every live bundle of any account but a very unusual one; ended ones are left out.
 */
export const bundlesQuery = (accountId: string) => ({
  queryKey: ["bundles"],
  queryFn: () => client.listBundles(accountId, { limit: 200 }),
  refetchInterval: (query: { state: { data: Page<Bundle> | undefined } }) =>
    query.state.data?.items.some((b) => isLive(b)) ? 5_000 : false,
});

/**
 * Each live bundle: units left of issued, expiry, order and overage in words; a warning above when one runs low.
 * With none live, nothing (the overview), or `empty` said (the Bundles view).
 */
export function Bundles({ accountId, empty }: { accountId: string; empty?: string }) {
  const bundles = useQuery(bundlesQuery(accountId));
  // The percentages the account is told at say when a bundle is running low.
  const settings = useQuery(notificationSettingsQuery(accountId));
  const live = bundles.data?.items.filter((b) => isLive(b)) ?? [];
  if (bundles.error) return <ProblemText error={bundles.error} />;
  if (live.length === 0)
    return empty === undefined || bundles.data === undefined ? null : (
      <Section title="Your bundles">
        <Empty>{empty}</Empty>
      </Section>
    );
  const lowPercent = lowPercentOf(settings.data?.bundlePercents);
  const low = live.filter((b) => bundleLevel(b, lowPercent) !== "fine");
  return (
    <Section title="Your bundles">
      <p>Units of a product that calls use before your balance, in the order shown, each until it expires.</p>
      {low.length > 0 && (
        <ul className="bundle-warnings" data-testid="bundle-warnings">
          {low.map((b) => (
            <li key={b.id}>
              {b.remaining === 0
                ? `Your ${b.productId} bundle is used up${b.overage === "refuse" ? ": its calls are refused until you have another." : "."}`
                : `Your ${b.productId} bundle is running low: ${count(b.remaining)} of ${count(b.units)} units left.`}
            </li>
          ))}
        </ul>
      )}
      <BundleTable label="Your bundles" bundles={live} lowPercent={lowPercent} payer="your balance" />
    </Section>
  );
}
