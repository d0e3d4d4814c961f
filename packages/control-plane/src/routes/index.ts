import type { RouteSpec } from "../http/route.js";
import {
  createAccountRoute,
  getAccountRoute,
  openWalletRoute,
  resumeAccountRoute,
  searchAccountsRoute,
  setBillingRoute,
  suspendAccountRoute,
} from "./accounts.js";
import { getBalanceRoute, getMyBalance } from "./balance.js";
import { accountLimitsRoute, createApiKeyRoute, listApiKeys, revokeApiKeyRoute } from "./keys.js";
import { createPlanRoute, getPlan, listPlans, replaceCatalogRoute } from "./plans.js";
import { listAccountUsage, listMyUsage } from "./usage.js";
import { adjustWalletRoute, clearAutoRechargeRoute, creditWalletRoute, getWallet, setAutoRechargeRoute } from "./wallets.js";
import { issueGrantRoute, listGrants } from "./grants.js";
import { getStatementRoute } from "./statements.js";
import { getNotificationSettings, listNotifications, putNotificationSettings } from "./notifications.js";
import { closePeriod, creditNote, getInvoice, getInvoiceHtml, getInvoicePdf, listInvoices, payInvoice, voidInvoice } from "./invoices.js";
import { createRecharge, listRecharges, paymentWebhook, refundRechargeRoute } from "./recharges.js";
import { createVoucherBatch, redeemForAccount, redeemMine } from "./vouchers.js";
import { financialReportRoute, myUsageReportRoute, rebuildRollupsRoute, rechargeReportRoute, usageReportRoute } from "./reports.js";
import { clearAnomalyRoute, listAnomaliesRoute, setAnomalyPolicyRoute } from "./anomalies.js";
import {
  createPortalSessionRoute,
  getConsoleSessionRoute,
  getPortalSessionRoute,
  signInConsoleRoute,
  signInPortalRoute,
  signOutConsoleRoute,
  signOutPortalRoute,
} from "./portal.js";
import {
  createMyTokenRoute,
  createUserRoute,
  createUserTokenRoute,
  getUserRoute,
  listAuditRoute,
  listMyTokensRoute,
  listUsersRoute,
  listUserTokensRoute,
  revokeMyTokenRoute,
  revokeUserTokenRoute,
  updateUserRoute,
} from "./staff.js";
import { listMyTransactions, listTransactionsRoute, runRebuild, runReconciliation } from "./ledger.js";

export const routes: RouteSpec[] = [
  createUserRoute,
  listUsersRoute,
  getUserRoute,
  updateUserRoute,
  listUserTokensRoute,
  createUserTokenRoute,
  revokeUserTokenRoute,
  listMyTokensRoute,
  createMyTokenRoute,
  revokeMyTokenRoute,
  listAuditRoute,
  createPlanRoute,
  listPlans,
  getPlan,
  replaceCatalogRoute,
  createAccountRoute,
  searchAccountsRoute,
  getAccountRoute,
  suspendAccountRoute,
  resumeAccountRoute,
  setBillingRoute,
  openWalletRoute,
  setAutoRechargeRoute,
  clearAutoRechargeRoute,
  createApiKeyRoute,
  listApiKeys,
  revokeApiKeyRoute,
  accountLimitsRoute,
  getWallet,
  creditWalletRoute,
  adjustWalletRoute,
  getBalanceRoute,
  listAccountUsage,
  getMyBalance,
  listMyUsage,
  listTransactionsRoute,
  listMyTransactions,
  runReconciliation,
  runRebuild,
  createVoucherBatch,
  redeemForAccount,
  redeemMine,
  createRecharge,
  listRecharges,
  refundRechargeRoute,
  paymentWebhook,
  issueGrantRoute,
  listGrants,
  getStatementRoute,
  putNotificationSettings,
  getNotificationSettings,
  listNotifications,
  closePeriod,
  listInvoices,
  getInvoice,
  getInvoiceHtml,
  getInvoicePdf,
  payInvoice,
  voidInvoice,
  creditNote,
  usageReportRoute,
  myUsageReportRoute,
  rechargeReportRoute,
  financialReportRoute,
  rebuildRollupsRoute,
  listAnomaliesRoute,
  clearAnomalyRoute,
  setAnomalyPolicyRoute,
  createPortalSessionRoute,
  signInPortalRoute,
  getPortalSessionRoute,
  signOutPortalRoute,
  signInConsoleRoute,
  getConsoleSessionRoute,
  signOutConsoleRoute,
];
