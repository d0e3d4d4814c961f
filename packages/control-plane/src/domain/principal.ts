import type { IncomingHttpHeaders } from "node:http";
import type { KeyRecord } from "@tollgate/metering/store";
import type { Role } from "../models/index.js";

/**
 * Staff (`admin`) act with a role: a bootstrap token's is `owner`; a user's, or a user token's, is looked up
 * on every request. A consumer signed in to the portal by cookie has no key (`keyId` ""); `viaCookie` asks
 * for the CSRF check; `viaLink`: the session was opened by a portal link the provider issued, not by an API key.
 */
export type Principal =
  | { kind: "admin"; actor: string; role: Role; userId?: string; viaCookie?: boolean }
  | {
      kind: "consumer";
      actor: string;
      accountId: string;
      keyId: string;
      viaCookie?: boolean;
      viaLink?: boolean;
      /** Keys read as the gateways read them (`published`): the record they charge with. */
      key?: KeyRecord;
    };

/**
 * Who a request's credential is (an API key, a staff token, a session cookie), or undefined when it names
 * nobody. Implemented over HTTP headers by http/auth.ts; the services that sign someone in ask it through this.
 */
export interface CredentialCheck {
  authenticate(headers: IncomingHttpHeaders, options?: { keys?: "stored" | "published" }): Promise<Principal | undefined>;
}
