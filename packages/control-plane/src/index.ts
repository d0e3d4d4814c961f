// The control plane's public API: what a deployment, or a service that embeds it, starts and configures.
export { createApp, MAX_BODY_BYTES } from "./app.js";
export type { AppContext, Mailer } from "./context.js";
export { createContext, type ContextParts } from "./create-context.js";
export { controlPlaneEnv, type ControlPlaneEnv } from "./env.js";
export { openApiDocument } from "./http/openapi.js";
export type { Principal } from "./http/auth.js";
export { Ingester, type IngesterOptions } from "./ingester/ingester.js";
export { jobs, startJobs, type JobIntervals } from "./jobs.js";
export { createModels, type Models } from "./models/index.js";
export { StripeProvider } from "./payments/stripe.js";
export type { PaymentEvent, PaymentProvider } from "./payments/provider.js";
export { routes } from "./routes/index.js";
export { startControlPlane, type ControlPlane } from "./server.js";
export { foldRollups } from "./services/reports/fold.js";
export { recordLedgerIntent, recordUsageIntent, type BookedCall } from "./services/reports/intents.js";
export { SignalConsumer } from "./services/auto-recharge/signals.js";
export type { WalletReconciliation } from "./services/ledger/reconcile.js";
export { STRICT_WEBHOOKS, type WebhookPolicy } from "./services/notifications/webhook-target.js";
