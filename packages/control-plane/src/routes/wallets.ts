import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { ProblemError } from "../http/problem-error.js";
import { id } from "../http/schemas.js";
import { toWalletView, walletView } from "../http/views.js";

export const getWallet = defineRoute({
  method: "get",
  path: "/v1/wallets/:walletId",
  operationId: "getWallet",
  summary: "Read a wallet.",
  access: "admin",
  params: z.strictObject({ walletId: id }),
  responses: { 200: { description: "The wallet", schema: walletView } },
  async handle({ params, ctx }) {
    const wallet = await ctx.models.Wallet.findById(params.walletId).lean();
    if (wallet === null) throw new ProblemError("not_found", `No wallet ${params.walletId}.`);
    return { status: 200, body: toWalletView(wallet) };
  },
});
