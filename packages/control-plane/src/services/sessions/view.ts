import type { SessionRecord } from "@tollgate/metering/store";

/** What a session's requests answer: where it stands, and what may still be used. */
export interface SessionAnswer {
  id: string;
  accountId: string;
  productId: string;
  attributes?: Record<string, string>;
  /** `expired`: no request came before `expiresAt`; its grant was returned, and only reported use was charged. */
  status: "open" | "closed" | "expired";
  /** The number of the request this answers (0: the opening). */
  request: number;
  /** Units that may be used now, beyond those reported: the current grant (0: none; stop). */
  grantedUnits: number;
  usedUnits: number;
  /** Micros charged for the units reported so far. */
  amount: number;
  currency: string;
  /** The current grant was less than asked for (the wallet covers no more): when it is used up, stop. */
  final: boolean;
  expiresAt: string;
  /** The wallet's balance right after this request, when it moved money. */
  balance?: number;
  /** Why no units were granted again (`insufficient_funds`, `quota_exceeded`, `subscription_unpaid`…). */
  refusal?: { code: string; detail: string };
}

export function answerOf(
  s: SessionRecord,
  nowMs: number,
  moved: { balance?: number; requestedUnits?: number; refusal?: { code: string; detail: string } } = {},
): SessionAnswer {
  const expired = s.status === "open" && nowMs > s.expiresAtMs;
  return {
    id: s.id,
    accountId: s.accountId,
    productId: s.productId,
    ...(s.attributes ? { attributes: JSON.parse(s.attributes) as Record<string, string> } : {}),
    status: expired ? "expired" : s.status,
    request: s.request,
    grantedUnits: s.status === "open" && !expired ? s.chunkUnits : 0,
    usedUnits: s.usedUnits,
    amount: s.amount,
    currency: s.currency,
    final: moved.requestedUnits !== undefined ? s.chunkUnits < moved.requestedUnits : false,
    expiresAt: new Date(s.expiresAtMs).toISOString(),
    ...(moved.balance === undefined ? {} : { balance: moved.balance }),
    ...(moved.refusal === undefined ? {} : { refusal: moved.refusal }),
  };
}
