import { useQuery } from "@tanstack/react-query";
import { SubscriptionFigures } from "../shared/subscription.js";
import { Loading, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

/** The plan's recurring fee and seats, when it has one: the price, the next renewal, anything due. */
export function SubscriptionCard({ accountId }: { accountId: string }) {
  const subscription = useQuery({
    queryKey: ["subscription"],
    queryFn: () => client.getSubscription(accountId),
    refetchInterval: 10_000,
  });
  if (subscription.isPending) return <Loading />;
  if (subscription.error) return <ProblemText error={subscription.error} />;
  if (subscription.data.status === "none") return null;
  return (
    <Section title="Subscription">
      <SubscriptionFigures subscription={subscription.data} />
    </Section>
  );
}
