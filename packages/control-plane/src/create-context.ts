import type { RedisClient } from "@tollgate/metering";
import { Directory, Meter, RateLimits } from "@tollgate/metering";
import { HotStore, RedisChargeStore, SessionStore, type Keyspace } from "@tollgate/metering/store";
import { USAGE_EVENT_WINDOW_MS } from "./services/charges/batch.js";
import { PlanBook } from "./services/charges/plan-book.js";
import type { AppContext, Mailer } from "./context.js";
import { Authenticator } from "./http/auth.js";
import { toAccountView, toInvoiceView, toRechargeView } from "./http/views.js";
import { Cursors } from "./domain/cursor.js";
import { ControlPlaneMetrics } from "./metrics.js";
import type { Models } from "./models/index.js";
import type { PaymentProvider } from "./payments/provider.js";
import { STRICT_WEBHOOKS, type WebhookPolicy } from "./services/notifications/webhook-target.js";
import { FailureGuard } from "./services/failure-guard.js";
import { ReportingClock } from "./services/reports/clock.js";
import { TAX_DEFAULTS, type TaxPolicy } from "./services/taxes/policy.js";

export interface ContextParts {
  models: Models;
  redis: RedisClient;
  keyspace: Keyspace;
  /** Bootstrap admin tokens: they authenticate admins and key the pagination cursors. */
  adminTokens: string[];
  payments?: Map<string, PaymentProvider>;
  mailer?: Mailer | undefined;
  /** Default: public https targets only. */
  webhooks?: WebhookPolicy;
  /** Failed voucher redemptions allowed per account per hour (default 10). */
  voucherFailuresPerAccount?: number;
  /** Failed console sign-ins allowed per email per 15 minutes (default 5; 20 per client address). */
  signInFailuresPerUser?: number;
  /** The zone whose hours, days and months the rollups are kept in (default UTC). */
  reportTimeZone?: string;
  /** When prepaid money is taxed and how taxes are rounded (default: at top-up, per document). */
  taxes?: Partial<TaxPolicy>;
  /** Where customers reach the control plane (portal links; `https` makes the portal cookie Secure). */
  publicUrl?: string | undefined;
  /** Sites that may frame the customer portal (PORTAL_FRAME_ANCESTORS). */
  portalFrameAncestors?: readonly string[];
  log?: AppContext["log"];
  /** Defaults to metrics of its own, without the process's. */
  metrics?: ControlPlaneMetrics;
}

/** How long a direct charge's Idempotency-Key is remembered: a repeat within it answers the first charge. */
export const CHARGE_RECEIPT_TTL_SECONDS = 24 * 3600;

/** The one place an AppContext is assembled: the server and the tests alike. */
export function createContext(parts: ContextParts): AppContext {
  const hot = new HotStore(parts.redis, parts.keyspace);
  const store = new RedisChargeStore(parts.redis, parts.keyspace, { chargeReceiptTtlSeconds: CHARGE_RECEIPT_TTL_SECONDS });
  const log = parts.log ?? (() => undefined);
  const rateLimits = new RateLimits(parts.redis, parts.keyspace.prefix);
  const onError = (error: unknown) => log("direct charge failed", { error: String(error) });
  const directory = new Directory(hot);
  // This process's own changes reach its cache at once; other processes' through the channel.
  hot.onPublish((message) => directory.invalidate(message));
  const plans = new PlanBook(directory, parts.redis);
  return {
    models: parts.models,
    hot,
    charging: {
      meter: new Meter({ store, rateLimits, onError }),
      store,
      batches: new Meter({
        store: new RedisChargeStore(parts.redis, parts.keyspace, { chargeReceiptTtlSeconds: USAGE_EVENT_WINDOW_MS / 1000 }),
        rateLimits,
        onError,
      }),
      plans,
      sessions: new SessionStore(parts.redis, parts.keyspace),
    },
    auth: new Authenticator(parts.adminTokens, parts.models, (keyHash) => plans.key(keyHash)),
    views: { account: toAccountView, invoice: toInvoiceView, recharge: toRechargeView },
    cursors: Cursors.fromSecrets(parts.adminTokens),
    metrics: parts.metrics ?? new ControlPlaneMetrics(),
    redeemGuard: new FailureGuard(parts.redis, `${parts.keyspace.prefix}vf`, "Too many invalid voucher codes: try again later.", {
      failuresPerSubject: parts.voucherFailuresPerAccount ?? 10,
      failuresPerAddress: 50,
      windowSeconds: 3_600,
    }),
    signInGuard: new FailureGuard(parts.redis, `${parts.keyspace.prefix}sf`, "Too many failed sign-ins: try again later.", {
      failuresPerSubject: parts.signInFailuresPerUser ?? 5,
      failuresPerAddress: 20,
      windowSeconds: 900,
    }),
    payments: parts.payments ?? new Map<string, PaymentProvider>(),
    mailer: parts.mailer,
    webhooks: parts.webhooks ?? STRICT_WEBHOOKS,
    reporting: new ReportingClock(parts.reportTimeZone ?? "UTC"),
    taxes: { ...TAX_DEFAULTS, ...parts.taxes },
    publicUrl: parts.publicUrl?.replace(/\/+$/, ""),
    portalFrameAncestors: parts.portalFrameAncestors ?? [],
    log,
  };
}
