import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { accountParams } from "../http/schemas.js";
import { LEDGER_ENTRY_TYPES } from "../models/ledger-entry.js";
import { sum } from "../services/ledger/sums.js";

const statementView = z.object({
  accountId: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  wallets: z.array(
    z.object({
      walletId: z.string(),
      currency: z.string(),
      opening: z.number().int(),
      movements: z
        .record(z.string(), z.number().int())
        .describe(`sum of the period's ledger entries by type: ${LEDGER_ENTRY_TYPES.join(", ")}`),
      closing: z.number().int(),
      entries: z.number().int(),
    }),
  ),
});

export const getStatement = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/statements/:period",
  operationId: "getStatement",
  summary:
    "A month's statement from the ledger (UTC): opening balance, movements by type, closing balance, per wallet. Usage appears once booked (seconds after the calls).",
  access: "owner",
  params: accountParams.extend({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM") }),
  responses: { 200: { description: "The statement", schema: statementView } },
  async handle({ params, ctx }) {
    const [year, month] = params.period.split("-").map(Number) as [number, number];
    const from = new Date(Date.UTC(year, month - 1, 1));
    const to = new Date(Date.UTC(year, month, 1));
    const wallets = await ctx.models.Wallet.find({ accountId: params.accountId }).sort({ currency: 1 }).lean();
    const rows = [];
    for (const wallet of wallets) {
      const opening = await sum(ctx, "LedgerEntry", { walletId: wallet._id, createdAt: { $lt: from } }, "$amount");
      const during = await ctx.models.LedgerEntry.find(
        { walletId: wallet._id, createdAt: { $gte: from, $lt: to } },
        { amount: 1, type: 1 },
      ).lean();
      const total = (entries: { amount: number }[]) => entries.reduce((acc, e) => acc + e.amount, 0);
      const movements = Object.fromEntries(LEDGER_ENTRY_TYPES.map((t) => [t, total(during.filter((e) => e.type === t))]));
      rows.push({
        walletId: wallet._id,
        currency: wallet.currency,
        opening,
        movements,
        closing: opening + total(during),
        entries: during.length,
      });
    }
    return {
      status: 200,
      body: { accountId: params.accountId, period: params.period, from: from.toISOString(), to: to.toISOString(), wallets: rows },
    };
  },
});
