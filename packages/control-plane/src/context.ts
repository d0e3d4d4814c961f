import type { Meter } from "@tollgate/metering";
import type { HotStore, RedisChargeStore, SessionStore } from "@tollgate/metering/store";
import type { PlanBook } from "./services/charges/plan-book.js";
import type { CredentialCheck } from "./domain/principal.js";
import type { EventViews } from "./domain/event-views.js";
import type { ControlPlaneMetrics } from "./metrics.js";
import type { Cursors } from "./domain/cursor.js";
import type { Models } from "./models/index.js";
import type { FailureGuard } from "./services/failure-guard.js";
import type { PaymentProvider } from "./payments/provider.js";
import type { Transporter } from "nodemailer";
import type { WebhookPolicy } from "./services/notifications/webhook-target.js";
import type { ReportingClock } from "./services/reports/clock.js";
import type { TaxPolicy } from "./services/taxes/policy.js";

/** Where notifications are mailed from. */
export interface Mailer {
  transport: Transporter;
  from: string;
}

/** What every route and service is handed: the stores, and nothing global. */
export interface AppContext {
  models: Models;
  hot: HotStore;
  /**
   * The gateway's charging core, for usage that does not pass through a gateway: direct charges (receipts kept
   * a day), batches of usage events (receipts kept for the deduplication window), and sessions.
   */
  charging: { meter: Meter; store: RedisChargeStore; batches: Meter; plans: PlanBook; sessions: SessionStore };
  auth: CredentialCheck;
  /** The API's views of invoices, recharges and accounts, for the events webhooks carry (http/views.ts). */
  views: EventViews;
  /** Signs the pagination cursors this API issues, and refuses any other. */
  cursors: Cursors;
  /** Prometheus counters (served on METRICS_PORT when set). */
  metrics: ControlPlaneMetrics;
  /** Failed voucher redemptions, per account and client address. */
  redeemGuard: FailureGuard;
  /** Failed console sign-ins, per email and client address. */
  signInGuard: FailureGuard;
  /** Configured payment providers by name (e.g. `stripe`). */
  payments: Map<string, PaymentProvider>;
  /** The SMTP transport notifications are mailed through, when one is configured. */
  mailer?: Mailer | undefined;
  /** Which addresses notification webhooks may reach. */
  webhooks: WebhookPolicy;
  /** The rollups' hours, days and months (REPORT_TIME_ZONE). */
  reporting: ReportingClock;
  /** When prepaid money is taxed, and how taxes are rounded (TAX_PREPAID, TAX_ROUNDING). */
  taxes: TaxPolicy;
  /** PUBLIC_URL: the control plane's address as customers see it, when set (else the request's host). */
  publicUrl?: string | undefined;
  /** Sites that may frame the customer portal (PORTAL_FRAME_ANCESTORS); empty: never framed. */
  portalFrameAncestors: readonly string[];
  log: (message: string, data?: Record<string, unknown>) => void;
}
