import { useQuery } from "@tanstack/react-query";
import { SubscriptionFigures } from "../shared/subscription.js";
import { Loading, ProblemText, Section } from "../shared/ui.js";
import { ChangePlan, useSelfServicePlans } from "./change-plan.js";
import { client } from "./client.js";

/** The account's subscription, read again every 10 s (a fee falls due, a top-up pays it). */
export const subscriptionQuery = (accountId: string) => ({
  queryKey: ["subscription"],
  queryFn: () => client.getSubscription(accountId),
  refetchInterval: 10_000,
});

/**
 * The plan's recurring fee and seats, when it has one: the price, the next renewal, anything due; and the
 * change of plan or seats, where the provider offers it for self-service.
 */
export function SubscriptionCard({ accountId }: { accountId: string }) {
  const subscription = useQuery(subscriptionQuery(accountId));
  // The plans it may change to are read before the card is drawn: the card does not grow under the page.
  const plans = useSelfServicePlans(accountId);
  if (subscription.isPending || plans.isPending) return <Loading />;
  if (subscription.error) return <ProblemText error={subscription.error} />;
  const changeable = plans.data?.items.some((p) => p.id === subscription.data.planId) ?? false;
  if (subscription.data.status === "none" && !changeable) return null;
  return (
    <Section title="Subscription">
      {subscription.data.status !== "none" && <SubscriptionFigures subscription={subscription.data} />}
      <ChangePlan accountId={accountId} current={subscription.data} />
    </Section>
  );
}
