import type { Server } from "node:http";
import { createDemoCheckout } from "../../load/src/demo-checkout.js";
import { listen, startStack, STRIPE_WEBHOOK_SECRET, type Stack } from "./stack.js";

/**
 * A stack whose Stripe is stripe-mock behind the demo's checkout page (load/src/demo-checkout.ts), as `npm run
 * demo` runs it: a card payment goes through the page, the signed webhook and the ledger, end to end.
 * `onWebhook` hears of each webhook once the control plane has answered it.
 */
export async function startStackWithDemoCheckout(
  onWebhook?: (type: string, status: number) => void,
  options: { portalFrameAncestors?: string[] } = {},
): Promise<{ stack: Stack; checkout: { server: Server; url: string }; close: () => Promise<void> }> {
  let checkout!: { server: Server; url: string };
  const stack: Stack = await startStack({
    ...options,
    stripe: {
      through: async (stripeMockUrl) => {
        checkout = await listen(
          createDemoCheckout({
            stripeMockUrl,
            webhookUrl: () => `${stack.controlPlaneUrl}/v1/webhooks/stripe`,
            webhookSecret: STRIPE_WEBHOOK_SECRET,
            publicUrl: () => checkout.url,
            ...(onWebhook ? { onWebhook } : {}),
          }),
        );
        return checkout.url;
      },
    },
  });
  return {
    stack,
    checkout,
    close: async () => {
      await stack.close();
      checkout.server.close();
    },
  };
}
