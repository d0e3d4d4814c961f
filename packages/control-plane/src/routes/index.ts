import type { RouteSpec } from "../http/route.js";
import { createAccount, createWallet, getAccount, setAutoRecharge, setBilling } from "./accounts.js";
import { getBalance, getMyBalance } from "./balance.js";
import { createApiKey, listApiKeys, revokeApiKey } from "./keys.js";
import { createPlan, getPlan, listPlans, replaceCatalog } from "./plans.js";
import { listAccountUsage, listMyUsage } from "./usage.js";
import { getWallet } from "./wallets.js";
import { issueGrantRoute, listGrants } from "./grants.js";
import { getStatement } from "./statements.js";
import { listNotifications, putNotificationSettings } from "./notifications.js";
import { closePeriod, creditNote, getInvoice, getInvoiceHtml, getInvoicePdf, listInvoices, payInvoice, voidInvoice } from "./invoices.js";
import { createRecharge, listRecharges, refundRechargeRoute } from "./recharges.js";
import { createVoucherBatch, redeemForAccount, redeemMine } from "./vouchers.js";
import { listMyTransactions, listTransactions, runRebuild, runReconciliation } from "./ledger.js";
import { adjustWalletRoute, creditWalletRoute } from "./wallets.credit.js";

export const routes: RouteSpec[] = [
  createPlan,
  listPlans,
  getPlan,
  replaceCatalog,
  createAccount,
  getAccount,
  setBilling,
  createWallet,
  setAutoRecharge,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  getWallet,
  creditWalletRoute,
  adjustWalletRoute,
  getBalance,
  listAccountUsage,
  getMyBalance,
  listMyUsage,
  listTransactions,
  listMyTransactions,
  runReconciliation,
  runRebuild,
  createVoucherBatch,
  redeemForAccount,
  redeemMine,
  createRecharge,
  listRecharges,
  refundRechargeRoute,
  issueGrantRoute,
  listGrants,
  getStatement,
  putNotificationSettings,
  listNotifications,
  closePeriod,
  listInvoices,
  getInvoice,
  getInvoiceHtml,
  getInvoicePdf,
  payInvoice,
  voidInvoice,
  creditNote,
];
