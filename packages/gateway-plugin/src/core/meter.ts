import { createEventIdGenerator } from "./event-id.js";
import { hashApiKey } from "./api-key.js";
import { problem, type Problem } from "./problems.js";
import type { Directory } from "../store/directory.js";
import type { HotStore } from "../store/hot-store.js";
import type { ChargeRequest, ChargeResult } from "../store/types.js";

/** One call as the meter sees it: nothing framework-specific. */
export interface Call {
  apiKey: string | undefined;
  method: string;
  path: string;
}

export type MeterOutcome =
  | {
      ok: true;
      accountId: string;
      keyId: string;
      eventId: string;
      price: number;
      currency: string;
      balance: number;
    }
  | { ok: false; problem: Problem };

export interface MeterOptions {
  store: HotStore;
  directory: Directory;
  /** Called when metering itself fails (Redis unreachable, a script error): the call is refused. */
  onError?: (error: unknown) => void;
}

const MAX_PATH = 512;

/**
 * identify → rate → charge, as one decision. Insufficient funds and bad keys are outcomes, not exceptions;
 * an exception means metering could not decide, and then the call is refused (fail closed): nothing unpaid
 * is ever forwarded.
 */
export class Meter {
  private readonly nextEventId = createEventIdGenerator();
  private readonly store: HotStore;
  private readonly directory: Directory;
  private readonly onError: (error: unknown) => void;

  constructor(options: MeterOptions) {
    this.store = options.store;
    this.directory = options.directory;
    this.onError = options.onError ?? (() => undefined);
  }

  async charge(call: Call): Promise<MeterOutcome> {
    if (call.apiKey === undefined) return { ok: false, problem: problem("unauthorized", "Send your API key as `Authorization: Bearer <key>` or `X-Api-Key`.") };
    try {
      const resolved = await this.directory.resolve(hashApiKey(call.apiKey));
      if (resolved === undefined || resolved.key.status !== "active") {
        return { ok: false, problem: problem("unauthorized", "The API key is unknown or revoked.") };
      }
      const { key, plan } = resolved;
      const request: ChargeRequest = {
        accountId: key.accountId,
        keyId: key.keyId,
        planId: plan.planId,
        currency: plan.currency,
        price: plan.pricePerCall,
        eventId: this.nextEventId(),
        timestampMs: Date.now(),
        method: call.method,
        path: call.path.length > MAX_PATH ? call.path.slice(0, MAX_PATH) : call.path,
      };
      const result = await this.chargeOnce(request);
      return outcome(request, result);
    } catch (error) {
      this.onError(error);
      return { ok: false, problem: problem("metering_unavailable") };
    }
  }

  // A reply lost on the wire leaves us not knowing whether the charge landed. The script keeps a receipt
  // per event id, so asking again with the same id is safe: it answers instead of charging twice.
  private async chargeOnce(request: ChargeRequest): Promise<ChargeResult> {
    try {
      return await this.store.charge(request);
    } catch (first) {
      if (!isConnectionError(first)) throw first;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return this.store.charge(request);
    }
  }
}

function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /Connection is closed|ECONNRESET|EPIPE|ETIMEDOUT|Stream isn't writeable/i.test(message);
}

function outcome(request: ChargeRequest, result: ChargeResult): MeterOutcome {
  const money = { price: request.price, currency: request.currency };
  switch (result.kind) {
    case "charged":
      return {
        ok: true,
        accountId: request.accountId,
        keyId: request.keyId,
        eventId: request.eventId,
        balance: result.balance,
        ...money,
      };
    case "insufficient_funds":
      return {
        ok: false,
        problem: problem("insufficient_funds", `This call costs ${request.price} micros ${request.currency}; the balance is ${result.balance}.`, {
          balance: result.balance,
          ...money,
        }),
      };
    case "no_wallet":
      return { ok: false, problem: problem("no_wallet", `The account has no ${request.currency} wallet.`, money) };
    case "account_inactive":
      return { ok: false, problem: problem("account_inactive", `The account is ${result.status}.`) };
    case "key_inactive":
    case "unknown_account":
      return { ok: false, problem: problem("unauthorized", "The API key is unknown or revoked.") };
  }
}
