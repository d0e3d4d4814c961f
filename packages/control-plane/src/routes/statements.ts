import { z } from "zod";
import { ANY_STAFF } from "../http/roles.js";
import { defineRoute } from "../http/route.js";
import { accountParams } from "../http/schemas.js";
import { statementView } from "../http/views.js";
import { getStatement } from "../services/ledger/statement.js";

export const getStatementRoute = defineRoute({
  method: "get",
  path: "/v1/accounts/:accountId/statements/:period",
  operationId: "getStatement",
  summary:
    "A month's statement from the ledger (UTC): opening balance, movements by type, closing balance, per wallet. Usage appears once booked (seconds after the calls).",
  access: "owner",
  roles: ANY_STAFF,
  params: accountParams.extend({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM") }),
  responses: { 200: { description: "The statement", schema: statementView } },
  handle: async ({ params, ctx }) => ({ status: 200, body: await getStatement(ctx, params.accountId, params.period) }),
});
