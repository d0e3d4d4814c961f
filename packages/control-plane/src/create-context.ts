import type { Redis } from "ioredis";
import { HotStore, type Keyspace } from "@tollgate/gateway-plugin/store";
import type { AppContext, Mailer } from "./context.js";
import { Authenticator } from "./http/auth.js";
import { Cursors } from "./http/cursor.js";
import type { Models } from "./models/index.js";
import type { PaymentProvider } from "./payments/provider.js";
import { STRICT_WEBHOOKS, type WebhookPolicy } from "./services/notifications/webhook-target.js";
import { RedeemGuard } from "./services/vouchers/guard.js";
import { ReportingClock } from "./services/reports/clock.js";

export interface ContextParts {
  models: Models;
  redis: Redis;
  keyspace: Keyspace;
  /** Bootstrap admin tokens: they authenticate admins and key the pagination cursors. */
  adminTokens: string[];
  payments?: Map<string, PaymentProvider>;
  mailer?: Mailer | undefined;
  /** Default: public https targets only. */
  webhooks?: WebhookPolicy;
  /** Failed voucher redemptions allowed per account per hour (default 10). */
  voucherFailuresPerAccount?: number;
  /** The zone whose hours, days and months the rollups are kept in (default UTC). */
  reportTimeZone?: string;
  /** Where customers reach the control plane (portal links; `https` makes the portal cookie Secure). */
  publicUrl?: string | undefined;
  log?: AppContext["log"];
}

/** The one place an AppContext is assembled: the server and the tests alike. */
export function createContext(parts: ContextParts): AppContext {
  return {
    models: parts.models,
    hot: new HotStore(parts.redis, parts.keyspace),
    auth: new Authenticator(parts.adminTokens, parts.models),
    cursors: Cursors.fromSecrets(parts.adminTokens),
    redeemGuard: new RedeemGuard(
      parts.redis,
      parts.keyspace.prefix,
      parts.voucherFailuresPerAccount === undefined ? {} : { failuresPerAccount: parts.voucherFailuresPerAccount },
    ),
    payments: parts.payments ?? new Map<string, PaymentProvider>(),
    mailer: parts.mailer,
    webhooks: parts.webhooks ?? STRICT_WEBHOOKS,
    reporting: new ReportingClock(parts.reportTimeZone ?? "UTC"),
    publicUrl: parts.publicUrl?.replace(/\/+$/, ""),
    log: parts.log ?? (() => undefined),
  };
}
