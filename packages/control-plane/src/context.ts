import type { HotStore } from "@tollgate/gateway-plugin/store";
import type { Authenticator } from "./http/auth.js";
import type { Models } from "./models/index.js";
import type { RedeemGuard } from "./services/vouchers/guard.js";

/** What every route and service is handed: the stores, and nothing global. */
export interface AppContext {
  models: Models;
  hot: HotStore;
  auth: Authenticator;
  redeemGuard: RedeemGuard;
  log: (message: string, data?: Record<string, unknown>) => void;
}
