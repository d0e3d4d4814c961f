import { QueryClient } from "@tanstack/react-query";
import { TollgateClient } from "@tollgate/sdk";

// Same origin, no token: the HttpOnly session cookie signs every request.
export const client = new TollgateClient({ baseUrl: window.location.origin });
export const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });

/** One wallet as the portal's sections need it. */
export interface WalletRef {
  walletId: string;
  currency: string;
}
