// Generated from the control plane's OpenAPI document by packages/sdk/scripts/generate-types.ts: do not edit.
// Run `node packages/sdk/scripts/generate-types.ts` after changing a route or a schema.
/* eslint-disable */
export interface paths {
  "/v1/users": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Staff users, oldest first, cursor-paginated (1,000 a page unless `limit` says).
     * @description Staff roles admitted: owner.
     */
    get: operations["listUsers"];
    put?: never;
    /**
     * Create a staff user (owners only; the first owner is created with a bootstrap admin token). The email is unique, in any case; the password is kept as an argon2id hash.
     * @description Staff roles admitted: owner.
     */
    post: operations["createUser"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/users/{userId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One staff user.
     * @description Staff roles admitted: owner.
     */
    get: operations["getUser"];
    /**
     * Change a user's name, role, status (`disabled` signs them out everywhere: sessions and tokens are checked on each request) or password. The last active owner cannot be demoted or disabled.
     * @description Staff roles admitted: owner.
     */
    put: operations["updateUser"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/users/{userId}/tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user's API tokens (never their secrets), oldest first, cursor-paginated (1,000 a page unless `limit` says).
     * @description Staff roles admitted: owner.
     */
    get: operations["listUserTokens"];
    put?: never;
    /**
     * Create an API token for a user, with the user's role or a narrower one, never broader than the calling credential's (403 naming both roles); the secret is in this answer only.
     * @description Staff roles admitted: owner.
     */
    post: operations["createUserToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/users/{userId}/tokens/{tokenId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a user's token: it stops working at once. Revoking it again changes nothing.
     * @description Staff roles admitted: owner.
     */
    delete: operations["revokeUserToken"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in user's own API tokens, oldest first, cursor-paginated (1,000 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listMyTokens"];
    put?: never;
    /**
     * Create an API token for automation, for the signed-in user: named, with an optional expiry, carrying the role of the credential that creates it (by default) or a narrower one, never a broader one, whatever the user's role (403 naming both roles). The secret is in this answer only; only its hash is kept.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    post: operations["createMyToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tokens/{tokenId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke one of the signed-in user's tokens.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    delete: operations["revokeMyToken"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/audit": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit trail, newest first: every admin change, money movement and sign-in, with who did it (`user:…`, `token:…`, `admin:…` for a bootstrap token, `key:…`, `portal:…`, `system:…`). Filters: `actor`, `target` (an account, a wallet, a user…), `action`, and `from`/`to`. Records are never changed or deleted through the API.
     * @description Staff roles admitted: owner, admin, finance.
     */
    get: operations["listAudit"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List plans, newest first, cursor-paginated (200 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listPlans"];
    put?: never;
    /**
     * Create a plan: its currency and catalog (products and prices, quotas, rate limits, refund policy). `pricePerCall` alone makes a flat plan.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createPlan"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a plan.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getPlan"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}/catalog": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Replace a plan's catalog. Every gateway applies it within a second (its cached copy is dropped on the change).
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["replacePlanCatalog"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}/recurring": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set a plan's recurring fee and seat price (micros per period), its period (month, week or year) and the grace a prepaid account gets when it cannot pay. New amounts apply from each account's next renewal.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setPlanRecurring"];
    post?: never;
    /**
     * Remove a plan's recurring fee: its accounts are not renewed again (fees already charged or due stay).
     * @description Staff roles admitted: owner, admin.
     */
    delete: operations["removePlanRecurring"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}/included-bundles": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the bundles a plan includes, one per product (an empty list: none). Each account on the plan is given each of them for each period (or once), valid until the period ends; at the end at most `rolloverCap` of the units left roll over into the next period, the rest expire. Applies from each account's next period; bundles already issued stay.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setPlanIncludedBundles"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Accounts newest first, with their wallets: `query` matches a name (any case) or an id's start; `status` filters.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["searchAccounts"];
    put?: never;
    /**
     * Create an account on a plan, with an empty wallet in the plan's currency. On a plan with a recurring fee, its first period starts now and its fee is charged (a prepaid account with nothing to pay it is past due until a top-up).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createAccount"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read an account and its wallets (admin, or the account's own API key).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getAccount"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/lines": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The lines this account pays for, oldest first, each with its limit and what it has spent this month (staff, or the payer's own key or portal session; a line's credentials cannot read its payer's).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listLines"];
    put?: never;
    /**
     * Create a line of a hierarchy: a new account, on a plan with no recurring fee (the payer's when `planId` is absent), whose calls spend from this account's wallet in the plan's currency, within `limit` micros a calendar month (none when absent). The line has no wallet of its own; its usage events name the payer. Its plan's included bundles are issued for the current period at once.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createLine"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/lines/attach": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Make an existing account a line of this account from its next call (its own wallet keeps what it holds; nothing charged moves). An account of another Redis partition is moved to its payer's first: its calls meanwhile are refused (`503`, retry at once).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["attachLine"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/lines/{lineId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Raise, lower or remove (`limit: null`) a line's monthly limit, from its next call (staff, or the payer's own key or portal session). A limit below what the line spent this month refuses its calls until the month ends.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setLineLimit"];
    post?: never;
    /**
     * Take a line out of the hierarchy: from its next call it pays from a wallet of its own (opened empty in its plan's currency if it has none). What it was charged stays on the payer's wallet.
     * @description Staff roles admitted: owner, admin.
     */
    delete: operations["detachLine"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/line": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A line as it sees itself: its payer, its monthly limit, what it has spent and what is left (staff, or the line's own key or portal session). 404 for an account that is not a line.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getLine"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/suspend": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Suspend an account, with a reason: its calls are refused (403 account_inactive) until it is resumed.
     * @description Staff roles admitted: owner, admin, support.
     */
    post: operations["suspendAccount"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/resume": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume a suspended account, with a reason.
     * @description Staff roles admitted: owner, admin, support.
     */
    post: operations["resumeAccount"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/billing": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set an account's billing mode and its plan-currency wallet's credit limit, held to the deployment's credit rule: what gives no more credit, or what the rule allows, applies at once (gateways too); what the account does not qualify for is refused (`credit_check_failed`, `unmet` listing each check); what it qualifies for beyond what the rule gives at once waits for a second staff member (`202`, `creditRequest`).
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setBilling"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/billing-details": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Who the account's documents are addressed to: legal name, postal address, tax id and billing email (staff, or the account itself from its portal). Documents finalized from now on print them; finalized ones keep theirs.
     * @description Staff roles admitted: owner, admin, finance.
     */
    put: operations["setBillingDetails"];
    post?: never;
    /**
     * Remove the account's billing details: documents finalized from now on are addressed to its name only.
     * @description Staff roles admitted: owner, admin, finance.
     */
    delete: operations["removeBillingDetails"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/credit-rule": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The deployment's credit rule: what an account must show before it gets a credit limit or a postpaid or hybrid mode (the defaults until saved).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getCreditRule"];
    /**
     * Replace the deployment's credit rule: payment history (invoices paid on time, overdue), prepaid tenure (days since the first top-up, micros topped up), `any` or `all` of them, finance's approval of every grant, and the largest limit given at once (`autoLimit`). Requests already waiting keep what they were held for.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setCreditRule"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/credit": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What the account shows the credit rule (invoices paid on time and overdue, days since its first top-up, micros topped up), each of the rule's checks, and whether it qualifies for credit.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getCreditStanding"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/credit-requests": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Credit requests newest first, with what became of them, cursor-paginated (100 a page unless `limit` says): `status` (`pending` for those waiting for a second staff member), `accountId`.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listCreditRequests"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/credit-requests/{creditRequestId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A credit request and what became of it.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getCreditRequest"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/credit-requests/{creditRequestId}/approve": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a pending credit request as a second staff member (never its requester): the billing asked for applies at once, audited with both people.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["approveCreditRequest"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/credit-requests/{creditRequestId}/reject": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject a pending credit request as a second staff member (never its requester), with an optional reason: the account keeps its billing.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["rejectCreditRequest"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/subscription": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's subscription: plan, seats, what a period costs, the current period, the next renewal, and any fee due.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getSubscription"];
    /**
     * Change an account's plan or seats now (staff; or the account itself, from its portal or with its key, between self-service plans within their seat limit, else 403). The difference is prorated over the rest of the period (docs/concepts/recurring-fees.md; `GET …/subscription/quote` shows it first) and charged or credited once per Idempotency-Key; a prepaid wallet that cannot pay it refuses the change (402) and nothing changes.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["changeSubscription"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/subscription/quote": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What a change of plan or seats would cost now, without making it: the period amounts before and after, the prorated amount charged (positive) or credited (negative) now, whether the new plan's first period is charged at once (another period), and whether the account may make it itself (self-service).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["quoteSubscriptionChange"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/subscription/plans": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The plans the account may move to by itself (self-service plans in its currency), its own among them when it is one.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listSelfServicePlans"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}/self-service": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Let customers move to and from this plan themselves (their portal), with at most `maxSeats` seats.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setPlanSelfService"];
    post?: never;
    /**
     * Stop offering this plan for self-service: only staff move accounts to or from it.
     * @description Staff roles admitted: owner, admin.
     */
    delete: operations["removePlanSelfService"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/fees": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's fees (renewals and prorated changes, due or paid), newest first, cursor-paginated.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listFees"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/admin/subscriptions/renew": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run the renewal job now (it also runs every minute): charge each period's fee that has begun, collect what is due, block accounts past their grace period. Idempotent.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["renewSubscriptions"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/me/subscription": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling API key's (or portal session's) account subscription. */
    get: operations["getMySubscription"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/wallets": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open a wallet in another currency (one per currency; nothing is ever converted between them).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createWallet"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/wallets/{walletId}/auto-recharge": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Turn auto-recharge on (or change it): when the balance falls below `threshold`, top up by `amount` (fixed) or up to `amount` (target), with at most one recharge in flight and `dailyLimit` a day. The card is a saved `paymentMethod` (admin), or `fromRecharge`: the card the customer kept when paying that recharge (`saveCard`). Admin, or the account's own key or portal session.
     * @description Staff roles admitted: owner, admin, finance.
     */
    put: operations["setAutoRecharge"];
    post?: never;
    /**
     * Turn auto-recharge off (a recharge already under way still completes). Admin, or the account's own key or portal session.
     * @description Staff roles admitted: owner, admin, finance.
     */
    delete: operations["clearAutoRecharge"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/keys": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List an account's API keys, never the keys themselves (admin, or the account's own key or portal session), oldest first, cursor-paginated (1,000 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listApiKeys"];
    put?: never;
    /**
     * Issue an API key (admin, or the account's portal session opened by a portal link; never an API key, so a leaked key cannot mint others). The key is in this response only; Tollgate keeps its SHA-256.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createApiKey"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/keys/{keyId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API key: every gateway refuses it from the next call on (admin, or the account's portal session opened by a portal link).
     * @description Staff roles admitted: owner, admin.
     */
    delete: operations["revokeApiKey"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/limits": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What the account has used this period of each quota of its plan and of each key's spending cap, from the counters the gateways hold the next call to (admin, or the account's own key or portal session).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getAccountLimits"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/wallets/{walletId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a wallet (admin, or the account's own key or portal session).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getWallet"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/wallets/{walletId}/credits": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Credit a wallet (integer micros). Requires an Idempotency-Key: a replay returns the first response with `Idempotent-Replayed: true`; the same key with a different body is 422.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["creditWallet"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/wallets/{walletId}/adjustments": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * An admin's correction: a signed amount with a required reason, booked in the ledger and applied once. Requires an Idempotency-Key.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["adjustWallet"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's available balance per wallet, in real time (admin, or the account's own API key).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getBalance"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/charges": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Charge usage that does not pass through the gateway (a job, a message, tokens counted afterwards): units of a product of the account's plan, rated and debited atomically like a gateway call, one usage event. Once per Idempotency-Key (remembered 24 h): a repeat answers the first charge. Refusals are the gateway's: 402, 429. Staff (naming `accountId`) are audited (`charge.create`) and named on the usage event (`actor`).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createCharge"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/usage-events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record up to 1,000 events of usage already delivered (each with its own id, time, product and units), deduplicated by id over 35 days, each charged as of its own time like a call. One bad event refuses the whole batch (4xx, nothing changes); otherwise each event is accepted, a duplicate, or refused with its reason. Staff (naming `accountId`) are audited for each accepted event (`usage_event.create`) and named on it (`actor`).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["reportUsageEvents"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/charging-sessions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open a charging session (a call, a stream, a job): units of a product granted ahead and held on the wallet, as many as asked or as the wallet covers. Refused (402, coveredUnits 0) when not one unit is covered. Once per Idempotency-Key. Staff (naming `accountId`) are audited for the opening, each update and the termination (`session.open`, `session.update`, `session.terminate`) and named on its usage events (`actor`).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["openChargingSession"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/charging-sessions/{sessionId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A session: its status, what it was granted and used, and what it was charged.
     * @description Staff roles admitted: owner, admin.
     */
    get: operations["getChargingSession"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/charging-sessions/{sessionId}/updates": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Report a session's use and ask for more: what was used since the last report is charged from the grant, the rest returns, and units are granted again, as many as asked or as the wallet covers (0: stop).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["updateChargingSession"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/charging-sessions/{sessionId}/terminate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End a session with its final use: charged from the grant, the rest returns. A second terminate is refused (409).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["terminateChargingSession"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's usage events, newest first, with cursor pagination (admin, or the account's own API key).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listUsage"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/me/balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling API key's account balance. */
    get: operations["getMyBalance"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/me/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling API key's account usage events, newest first, with cursor pagination. */
    get: operations["listMyUsage"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/transactions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's ledger entries (credits, booked usage), newest first, cursor-paginated (admin, or the account's own API key).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listTransactions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/me/transactions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling API key's account ledger entries, newest first, cursor-paginated. */
    get: operations["listMyTransactions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/admin/reconciliation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check ledger = Redis balance + open reservations + usage not yet booked, for every wallet (or the accounts given); report the wallets that drift.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["reconcile"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/admin/rebuild": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Restore every account missing from Redis (after Redis lost its data) from the ledger; live accounts are left alone.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["rebuildRedis"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/voucher-batches": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Voucher batches, newest first, cursor-paginated: each code's face value, currency and expiry, how many codes were issued and how many redeemed. The codes are never listed: Tollgate keeps only their hashes.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listVoucherBatches"];
    put?: never;
    /**
     * Generate a batch of prepaid voucher codes (face value, currency, expiry), or codes that each grant a bundle pack (`packId` instead of `amount`: worth the pack's price in `currency`). The codes are in this response only; Tollgate keeps their hashes.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["createVoucherBatch"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/vouchers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Redeem a voucher code into the account's wallet in the voucher's currency (admin, or the account's own key). A code that grants a bundle pack buys it: its credit pays the pack and the pack's bundle is issued, once. Failed attempts are limited and audited.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["redeemVoucher"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/me/vouchers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Redeem a voucher code into the calling key's account. */
    post: operations["redeemMyVoucher"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/recharges": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's recharges, newest first, cursor-paginated (100 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listRecharges"];
    put?: never;
    /**
     * Start a paid recharge (admin, or the account's own key). It is pending until the provider's signed webhook confirms it; the wallet is then credited exactly once. With `fromRecharge` the card the account kept on that top-up is charged at once (the portal's kept cards), with `paymentMethod` a card the provider knows; with `returnUrl` the answer has a `checkoutUrl`, the provider's hosted payment page (Stripe Checkout), which sends the customer back to `returnUrl` with `?recharge=<id>`; `saveCard` keeps the card for auto-recharge. A consumer's `returnUrl` must be on this service's origin. Requires an Idempotency-Key.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["createRecharge"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/recharges/{rechargeId}/refund": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Refund a succeeded recharge through its provider and reverse its credit in the ledger (once).
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["refundRecharge"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/recharges/{rechargeId}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a pending top-up (staff, or the account itself from its portal): the provider's page stops taking payment and the top-up fails (`cancelled`). One paid meanwhile is not cancelled (409): it is credited when the provider confirms it. Pending top-ups also expire on their own an hour after they started (`expiresAt`).
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["cancelRecharge"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/cards": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The cards the account kept when paying a top-up (brand, last four digits, expiry), and whether auto-recharge pays with each.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listKeptCards"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/cards/{rechargeId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Forget a kept card (named by the top-up that kept it): the provider stops keeping it, and auto-recharge that paid with it is turned off (`autoRechargeOff` names those wallets).
     * @description Staff roles admitted: owner, admin, finance.
     */
    delete: operations["forgetKeptCard"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhooks/{provider}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A payment provider's signed webhook (Stripe: Stripe-Signature), authenticated by its signature over the body as sent. Applied exactly once however often it is delivered. */
    post: operations["paymentWebhook"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/wallets/{walletId}/grants": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Grant credits (promotional or paid) that are spent before the wallet's own money, in consumption order (lowest priority number, then soonest expiry, then oldest), and whose remainder leaves at expiry. Requires an Idempotency-Key.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["issueGrant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/grants": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's grants, in consumption order (active first), cursor-paginated (200 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listGrants"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/bundles": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's bundles with the units each has left now, active first in consumption order, cursor-paginated (200 a page unless `limit` says) (staff, or the account's own key or portal session).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listBundles"];
    put?: never;
    /**
     * Grant a bundle of units of one product of the account's plan, consumed before money (lowest priority number, then soonest expiry, then oldest) until it expires; `overage` says whether the units its bundles do not cover are charged at the plan's price or refused (402 bundle_exhausted). Requires an Idempotency-Key.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["issueBundle"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/bundles/{bundleId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a bundle: no call takes from it any more, and the units it had left leave through its unit ledger. A bundle that has ended is answered as it is.
     * @description Staff roles admitted: owner, admin, finance.
     */
    delete: operations["revokeBundle"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/bundle-packs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Bundle packs, newest first, cursor-paginated; `status` picks those on sale (`active`) or `archived`.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listBundlePacks"];
    put?: never;
    /**
     * Put a bundle pack on sale: `units` of one product, valid `validity.days` from each purchase or `until` a date, with a `priority` and an `overage`, at a price in micros per currency (an account buys in its plan's currency).
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createBundlePack"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/bundle-packs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The bundle packs the account can buy now: on sale, still valid, of a product of its plan and priced in its currency; newest first, cursor-paginated (staff, or the account's own key or portal session).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listAccountBundlePacks"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/bundle-packs/{packId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Take a bundle pack off sale: no one buys it any more (vouchers already sold for it still grant it); what was bought stays as it was.
     * @description Staff roles admitted: owner, admin.
     */
    delete: operations["archiveBundlePack"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/pack-purchases": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's bundle pack purchases, newest first, cursor-paginated (staff, or the account's own key or portal session).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listPackPurchases"];
    put?: never;
    /**
     * Buy a bundle pack for the account (staff, or the account's own key or portal session), once per Idempotency-Key. `payment: wallet` (the default) takes its price from the wallet of the plan's currency and issues the bundle at once, or refuses with 402 insufficient_funds and changes nothing; `payment: card` starts a card payment of its price with `provider` (a kept card named by `fromRecharge`, a saved `paymentMethod`, or the provider's page with `returnUrl`, as a recharge does) and issues the bundle once the provider's signed webhook confirms it. A voucher that grants a pack is redeemed at POST …/vouchers.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["buyBundlePack"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/admin/bundle-reconciliation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check each bundle's unit ledger + the units the usage streams still hold = its units in Redis, for every account with bundles (or those given); report the bundles that drift (seen twice in a row), and, for the accounts given, every bundle's figures.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["reconcileBundles"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/statements/{period}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A month's statement from the ledger (UTC): opening balance, movements by type (their sum and how many entries), closing balance, per wallet. Usage appears once booked (seconds after the calls).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getStatement"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/statements/{period}/html": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A month's statement as a document (HTML): from the issuer to the account holder, each wallet's opening balance, movements and closing balance.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getStatementHtml"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/statements/{period}/pdf": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A month's statement as a PDF (A4): the same content as its HTML.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getStatementPdf"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/notification-settings": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who hears about the account, and about what (the defaults until settings are saved).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getNotificationSettings"];
    /**
     * Who hears about the account, and about what: email recipients, webhook endpoints (each gets a signing secret, kept across updates for the same URL), muted kinds, balance thresholds (micros, and percent of the last recharge), quota percentages, and the percentages of a bundle's units left (a bundle used up is always told).
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setNotificationSettings"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/notifications": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The account's notifications, newest first, cursor-paginated (100 a page unless `limit` says), with where each was delivered and what failed.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listNotifications"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The deployment's webhook endpoints, oldest first.
     * @description Staff roles admitted: owner, admin.
     */
    get: operations["listWebhookEndpoints"];
    put?: never;
    /**
     * Register a deployment-level webhook endpoint (a CRM, an accounting system) for `invoice.finalized`, `invoice.paid`, `payment.refunded` and `account.updated`: each event is signed as Standard Webhooks with the endpoint's new secret and delivered at least once, with the same `webhook-id` on every attempt. It receives the events recorded from now on.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createWebhookEndpoint"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints/{endpointId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A webhook endpoint, with its signing secret.
     * @description Staff roles admitted: owner, admin.
     */
    get: operations["getWebhookEndpoint"];
    /**
     * Change a webhook endpoint's URL, events or description; its secret stays.
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["updateWebhookEndpoint"];
    post?: never;
    /**
     * Remove a webhook endpoint: nothing more is sent to it; its delivery log stays.
     * @description Staff roles admitted: owner, admin.
     */
    delete: operations["removeWebhookEndpoint"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/webhook-endpoints/{endpointId}/deliveries": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An endpoint's delivery log: every attempt (event, attempt number, whether it succeeded, the HTTP status or why it failed), newest first, cursor-paginated (100 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin.
     */
    get: operations["listWebhookDeliveries"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/invoices": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's invoices, receipts and credit notes, newest first, cursor-paginated (100 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listInvoices"];
    put?: never;
    /**
     * Close a postpaid or hybrid account's billing period, named by its first day (UTC; the account's cycle gives its end), into a finalized invoice of the usage charged before min(period end, now). Closing a period early ends that invoice now; usage charged later in the period goes on its next invoice (when it is closed again, or by the billing-cycle job once it ends), so every call is billed exactly once. Closing again with nothing new returns the period's last invoice; `invoice` is null when there is nothing to bill.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["closeBillingPeriod"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/invoices/{invoiceId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One document, as JSON.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getInvoice"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/invoices/{invoiceId}/html": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One document, rendered to HTML: issuer and customer (as they were when it was finalized), number, issue and due dates, lines with quantity × unit price, totals, what is credited, paid and due, and how to pay.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getInvoiceHtml"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/invoices/{invoiceId}/pdf": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One document, rendered to PDF (A4): the same content as its HTML.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getInvoicePdf"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{invoiceId}/pay": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a payment of a finalized invoice: booked in the ledger once and credited to the wallet, which frees the credit its usage took. `amount` (micros, whole minor units, at most what remains due) makes a partial payment and then needs an Idempotency-Key; without it, what remains due is paid. Once nothing is due the invoice is `paid`, and the rounding of its total to minor units is booked, so the wallet gets back exactly the usage billed.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["payInvoice"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/invoices/{invoiceId}/card-payments": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pay what remains due on a finalized invoice by card (the account itself from its portal, or staff): the answer's `checkoutUrl` is the provider's payment page, which sends the customer back to `returnUrl` (on this service's origin for a consumer). Once the provider confirms it, the payment is recorded on the invoice once; anything beyond what was then due is credited to the wallet. Pending, it expires and can be cancelled as a top-up. Requires an Idempotency-Key.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["payInvoiceByCard"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{invoiceId}/void": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Void a finalized, unpaid document (it keeps its number).
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["voidInvoice"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/invoices/{invoiceId}/credit-notes": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Correct a finalized invoice with a credit note (numbered in the same sequence; at most what remains uncredited). Requires an Idempotency-Key.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["issueCreditNote"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/issuer-profile": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who documents (invoices, receipts, credit notes, statements) are from: legal name, address, tax id, logo, payment terms, payment instructions and footer. Until it is set, `configured` is false and documents print the defaults shown.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getIssuerProfile"];
    /**
     * Replace the issuer profile. Documents finalized from now on print it (and invoices fall due `dueDays` after they are issued); finalized documents keep what they printed. The logo is a PNG or JPEG `data:` URL of at most 100 kB.
     * @description Staff roles admitted: owner, admin, finance.
     */
    put: operations["setIssuerProfile"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tax-rates": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tax rates, newest first (of one `country` when given), cursor-paginated (200 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listTaxRates"];
    put?: never;
    /**
     * Add a tax rate for a jurisdiction (a country, or a region of it such as a US state) and a product tax category, valid from a date until another (or until further notice), in parts per million. A rate whose validity overlaps another of the same jurisdiction and category is refused (409). Documents finalized while it is valid use it, and keep it.
     * @description Staff roles admitted: owner, admin, finance.
     */
    post: operations["createTaxRate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/tax-rates/{taxRateId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One tax rate.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getTaxRate"];
    /**
     * Change a tax rate's name, figure or validity (end it by giving `validUntil`; without it the rate runs until further notice). Its jurisdiction and category never change: add another rate. Documents already finalized keep the rate they printed.
     * @description Staff roles admitted: owner, admin, finance.
     */
    put: operations["updateTaxRate"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}/tax": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * How a plan's prices meet tax: exclusive (documents add the tax) or inclusive (documents take it out of the prices), the tax category of its products, fees and seats, and products in another category. Applies to documents finalized from now on.
     * @description Staff roles admitted: owner, admin, finance.
     */
    put: operations["setPlanTax"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Usage report over every account, or one (admin). Calls, units and amount booked per bucket (hour, day, month in `timeZone`) and group (account, product, API key or plan), per currency, from the rollups. `top` groups are kept by amount; the rest are summed as `(other)`. Range edges must fall on the rollups' hours (REPORT_TIME_ZONE).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getUsageReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/me/reports/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling key's own account's usage report. Calls, units and amount booked per bucket (hour, day, month in `timeZone`) and group (account, product, API key or plan), per currency, from the rollups. `top` groups are kept by amount; the rest are summed as `(other)`. Range edges must fall on the rollups' hours (REPORT_TIME_ZONE). */
    get: operations["getMyUsageReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/recharges": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every top-up (admin credit, voucher, payment provider, auto-recharge) with amount, status and time; count, total and average per method and bucket; recharge frequency per account. CSV: `table` picks topUps, totals, buckets or accounts.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getRechargeReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/financial": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Per currency: revenue by part (usage booked, refunded and net; subscription fees; their total), recharges by method, reversals, adjustments, grants issued and expired, invoice payments over the range; prepaid liability, negative balances and unpaid invoices (aged 0-30/31-60/61-90/90+ days) now.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getFinancialReport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/reports/journal": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The books' journal in double entry, one per reporting day and currency, from `from` to `to` (at most 366 days): each line one GL account of the chart (GET /v1/books/chart), its debit or credit in micros, what it books and the ledger entries, documents and rollups it sums; each day's debits equal its credits. Its figures are the financial report's for the same days. CSV: Date, Journal, Account code, Account name, Debit, Credit, Currency, Description, Reference.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getJournal"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/books/chart": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The chart of accounts the journal posts to: the GL account (code, name) of each role of the books (cash, receivables, prepaid balances, tax payable, revenue…) and products' own revenue accounts. Until it is set, `configured` is false and the defaults apply.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getChartOfAccounts"];
    /**
     * Replace the chart of accounts (roles left out take their defaults). Every export made from now on uses it, past days included: the journal is computed, never stored. Audited.
     * @description Staff roles admitted: owner, admin, finance.
     */
    put: operations["setChartOfAccounts"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/admin/rollups/rebuild": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Recompute every rollup from the booked usage events and the ledger (after an upgrade from before rollups, or a change of REPORT_TIME_ZONE). Reads whole collections; 409 while usage is being booked.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["rebuildRollups"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/anomalies": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Usage anomalies, newest first: hours in which an account's calls exceeded max(minCalls, factor × its average hour over the 7 days before), each listed once; cursor-paginated (1,000 a page unless `limit` says).
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["listAnomalies"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/anomalies/{anomalyId}/clear": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close an anomaly after review, undoing its mitigation (the key suspended is active again, a spending cap set is restored).
     * @description Staff roles admitted: owner, admin, support.
     */
    post: operations["clearAnomaly"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/plans/{planId}/anomaly-policy": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * How the plan's accounts are watched: an hour is anomalous above max(minCalls, factor × the account's average hour); mitigation none, suspend_key or cap_spending (the busiest key, until cleared).
     * @description Staff roles admitted: owner, admin.
     */
    put: operations["setAnomalyPolicy"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/portal-sessions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A short-lived link to the account's customer portal (admin, or the provider's backend). The secret is in the URL's fragment: it never reaches a server log; it signs one browser in, once, before `expiresAt`.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["createPortalSession"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/portal/session": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account the caller (portal cookie or API key) acts for, and whether it may manage keys (`manageKeys`: a session opened by a portal link). */
    get: operations["getPortalSession"];
    put?: never;
    /** Sign a browser in to the customer portal with a portal link's secret (once) or the customer's own API key: answers with an HttpOnly, SameSite=Strict session cookie (an hour). */
    post: operations["signInPortal"];
    /** Sign the browser out of the portal: the session ends and its cookie is cleared. */
    delete: operations["signOutPortal"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/portal/branding": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How the portal presents the provider, before and after sign-in: its name, logo and accent colour (from the issuer profile, as printed on its documents), and whether the portal may be embedded in the provider's own site (`embeddable`). */
    get: operations["getPortalBranding"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/console/session": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who is signed in to the admin console (or calling with a token), with the role they act with.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getConsoleSession"];
    put?: never;
    /** Sign a staff member in to the admin console, with an email and password or with a token (a bootstrap admin token or a user's API token), checked once: answers with an HttpOnly, SameSite=Strict session cookie (8 hours). Failed sign-ins are limited per email (5) and per client address (20) in 15 minutes, then refused with 429; every attempt is audited. */
    post: operations["signInConsole"];
    /**
     * Sign out of the admin console: the session ends and its cookie is cleared.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    delete: operations["signOutConsole"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/privacy": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The account's privacy requests: whether its personal data is erased, and its exports (newest first) with their state.
     * @description Staff roles admitted: owner, admin, finance, support, viewer.
     */
    get: operations["getPrivacy"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/privacy/exports": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ask for an export of everything kept about the account (a data subject's access request), as one JSON document. The privacy job produces it (`pending`, then `ready`); it is downloaded once. Audited.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["requestPrivacyExport"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/privacy/exports/{exportId}/download": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Download a ready export's document, once: it is deleted as it is handed over, and any later download is a 409 (ask for a new export). Audited.
     * @description Staff roles admitted: owner, admin.
     */
    post: operations["downloadPrivacyExport"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/accounts/{accountId}/privacy/erasure": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Erase the account's personal data (names, emails, addresses, tax ids, webhook URLs, free-text reasons, usage attributes) for good: each becomes a pseudonym derived from the account's id. Ledger, documents and reports keep every figure. `confirm` repeats the account's id. Idempotent: a repeat finishes what a crash left and changes nothing else. `pending` while usage of the account is still on its way from Redis or a charging session is open (the privacy job finishes it).
     * @description Staff roles admitted: owner.
     */
    post: operations["eraseAccount"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Problem: {
      type: string;
      title: string;
      status: number;
      /** @enum {string} */
      code:
        | "bad_request"
        | "validation_failed"
        | "invalid_path"
        | "idempotency_key_missing"
        | "unauthorized"
        | "insufficient_funds"
        | "spend_cap_reached"
        | "line_limit_reached"
        | "subscription_unpaid"
        | "no_wallet"
        | "bundle_exhausted"
        | "forbidden"
        | "account_inactive"
        | "not_found"
        | "not_in_plan"
        | "method_not_allowed"
        | "conflict"
        | "length_required"
        | "payload_too_large"
        | "unsupported_media_type"
        | "idempotency_key_reused"
        | "no_rate"
        | "unprocessable"
        | "credit_check_failed"
        | "quota_exceeded"
        | "rate_limited"
        | "internal"
        | "upstream_unavailable"
        | "metering_unavailable"
        | "unavailable";
      detail?: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listUsers: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of users */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              email: string;
              name: string;
              /** @enum {string} */
              role: "owner" | "admin" | "finance" | "support" | "viewer";
              /** @enum {string} */
              status: "active" | "disabled";
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: email */
          email: string;
          name: string;
          /** @enum {string} */
          role: "owner" | "admin" | "finance" | "support" | "viewer";
          password: string;
        };
      };
    };
    responses: {
      /** @description The user */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "support" | "viewer";
            /** @enum {string} */
            status: "active" | "disabled";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The email is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The user */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "support" | "viewer";
            /** @enum {string} */
            status: "active" | "disabled";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name?: string;
          /** @enum {string} */
          role?: "owner" | "admin" | "finance" | "support" | "viewer";
          /** @enum {string} */
          status?: "active" | "disabled";
          password?: string;
        };
      };
    };
    responses: {
      /** @description The user */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "support" | "viewer";
            /** @enum {string} */
            status: "active" | "disabled";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The last active owner */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listUserTokens: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tokens */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              userId: string;
              name: string;
              /** @enum {string} */
              role: "owner" | "admin" | "finance" | "support" | "viewer";
              /** Format: date-time */
              expiresAt?: string;
              /** Format: date-time */
              revokedAt?: string;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createUserToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
          /** @enum {string} */
          role?: "owner" | "admin" | "finance" | "support" | "viewer";
          /** Format: date-time */
          expiresAt?: string;
        };
      };
    };
    responses: {
      /** @description The token and its secret */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            token: {
              id: string;
              userId: string;
              name: string;
              /** @enum {string} */
              role: "owner" | "admin" | "finance" | "support" | "viewer";
              /** Format: date-time */
              expiresAt?: string;
              /** Format: date-time */
              revokedAt?: string;
              /** Format: date-time */
              createdAt: string;
            };
            secret: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  revokeUserToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        userId: string;
        tokenId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            userId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "support" | "viewer";
            /** Format: date-time */
            expiresAt?: string;
            /** Format: date-time */
            revokedAt?: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listMyTokens: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tokens */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              userId: string;
              name: string;
              /** @enum {string} */
              role: "owner" | "admin" | "finance" | "support" | "viewer";
              /** Format: date-time */
              expiresAt?: string;
              /** Format: date-time */
              revokedAt?: string;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createMyToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
          /** @enum {string} */
          role?: "owner" | "admin" | "finance" | "support" | "viewer";
          /** Format: date-time */
          expiresAt?: string;
        };
      };
    };
    responses: {
      /** @description The token and its secret */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            token: {
              id: string;
              userId: string;
              name: string;
              /** @enum {string} */
              role: "owner" | "admin" | "finance" | "support" | "viewer";
              /** Format: date-time */
              expiresAt?: string;
              /** Format: date-time */
              revokedAt?: string;
              /** Format: date-time */
              createdAt: string;
            };
            secret: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  revokeMyToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tokenId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            userId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "support" | "viewer";
            /** Format: date-time */
            expiresAt?: string;
            /** Format: date-time */
            revokedAt?: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listAudit: {
    parameters: {
      query?: {
        actor?: string;
        target?: string;
        action?: string;
        from?: string;
        to?: string;
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit records */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              actor: string;
              action: string;
              target: string;
              data: {
                [key: string]: unknown;
              };
              /** Format: date-time */
              at: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listPlans: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of plans */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              name: string;
              currency: string;
              /** @description products and prices (integer micros), quotas, rate limits, refund policy */
              catalog: {
                [key: string]: unknown;
              };
              /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
              anomalyPolicy: {
                factor: number;
                minCalls: number;
                /** @enum {string} */
                mitigation: "none" | "suspend_key" | "cap_spending";
              };
              /** @description a recurring fee per period and a price per seat, charged beside usage */
              recurring?: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                fee: number;
                seatPrice: number;
                graceHours: number;
              };
              /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
              selfService?: {
                maxSeats: number;
              };
              /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
              tax: {
                inclusive: boolean;
                category: string;
                products: {
                  productId: string;
                  category: string;
                }[];
              };
              /** @description bundles each account on the plan is given for each period (or once), consumed before money */
              includedBundles: {
                productId: string;
                units: number;
                /** @enum {string} */
                overage: "charge" | "refuse";
                priority: number;
                /** @enum {string} */
                recurrence: "period" | "once";
                rolloverCap: number;
              }[];
              createdAt: string;
              updatedAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createPlan: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
          currency: string;
          /** @default UTC */
          timeZone?: string;
          products?: {
            id: string;
            /**
             * @default *
             * @enum {string}
             */
            method?: "*" | "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
            path: string;
            price: {
              /**
               * @default calls
               * @enum {string}
               */
              metric?: "calls" | "request_bytes" | "response_bytes" | "duration_ms" | "units";
              unitsHeader?: string;
              unitPrice?: number;
              tiers?: {
                upTo: number | null;
                unitPrice: number;
                /** @default 0 */
                flatPrice?: number;
              }[];
              /** @enum {string} */
              tierMode?: "graduated" | "volume";
              packageSize?: number;
              freeUnits?: number;
              minimum?: number;
              maximum?: number;
              /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
              increments?: {
                /** @description a call using fewer units is rated as this many (0: none) */
                first: number;
                /** @description units past `first` round up to a multiple of this */
                next: number;
              };
              /** @description unit prices are per this many units (60: per minute of seconds) */
              ratePer?: number;
              /**
               * @default month
               * @enum {string}
               */
              period?: "day" | "month";
              timeOfUse?: {
                days: number[];
                from: string;
                to: string;
                percent: number;
              }[];
              /** @description prices by an attribute of the usage (destination prefix, region, model) */
              dimension?: {
                attribute: string;
                /**
                 * @default prefix
                 * @enum {string}
                 */
                match?: "prefix" | "exact";
                /** @description for calls through the gateway: the request header holding the attribute */
                header?: string;
                /**
                 * @description usage no line matches: the product's own price, or refused
                 * @default refuse
                 * @enum {string}
                 */
                otherwise?: "base" | "refuse";
                lines: {
                  value: string;
                  unitPrice?: number;
                  tiers?: {
                    upTo: number | null;
                    unitPrice: number;
                    /** @default 0 */
                    flatPrice?: number;
                  }[];
                  /** @enum {string} */
                  tierMode?: "graduated" | "volume";
                  packageSize?: number;
                  freeUnits?: number;
                  minimum?: number;
                  maximum?: number;
                  /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
                  increments?: {
                    /** @description a call using fewer units is rated as this many (0: none) */
                    first: number;
                    /** @description units past `first` round up to a multiple of this */
                    next: number;
                  };
                  /** @description unit prices are per this many units (60: per minute of seconds) */
                  ratePer?: number;
                }[];
              };
            };
          }[];
          unmatched?:
            | {
                /** @constant */
                action: "free";
              }
            | {
                /** @constant */
                action: "refuse";
              }
            | {
                /** @constant */
                action: "price";
                price: {
                  /**
                   * @default calls
                   * @enum {string}
                   */
                  metric?: "calls" | "request_bytes" | "response_bytes" | "duration_ms" | "units";
                  unitsHeader?: string;
                  unitPrice?: number;
                  tiers?: {
                    upTo: number | null;
                    unitPrice: number;
                    /** @default 0 */
                    flatPrice?: number;
                  }[];
                  /** @enum {string} */
                  tierMode?: "graduated" | "volume";
                  packageSize?: number;
                  freeUnits?: number;
                  minimum?: number;
                  maximum?: number;
                  /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
                  increments?: {
                    /** @description a call using fewer units is rated as this many (0: none) */
                    first: number;
                    /** @description units past `first` round up to a multiple of this */
                    next: number;
                  };
                  /** @description unit prices are per this many units (60: per minute of seconds) */
                  ratePer?: number;
                  /**
                   * @default month
                   * @enum {string}
                   */
                  period?: "day" | "month";
                  timeOfUse?: {
                    days: number[];
                    from: string;
                    to: string;
                    percent: number;
                  }[];
                  /** @description prices by an attribute of the usage (destination prefix, region, model) */
                  dimension?: {
                    attribute: string;
                    /**
                     * @default prefix
                     * @enum {string}
                     */
                    match?: "prefix" | "exact";
                    /** @description for calls through the gateway: the request header holding the attribute */
                    header?: string;
                    /**
                     * @description usage no line matches: the product's own price, or refused
                     * @default refuse
                     * @enum {string}
                     */
                    otherwise?: "base" | "refuse";
                    lines: {
                      value: string;
                      unitPrice?: number;
                      tiers?: {
                        upTo: number | null;
                        unitPrice: number;
                        /** @default 0 */
                        flatPrice?: number;
                      }[];
                      /** @enum {string} */
                      tierMode?: "graduated" | "volume";
                      packageSize?: number;
                      freeUnits?: number;
                      minimum?: number;
                      maximum?: number;
                      /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
                      increments?: {
                        /** @description a call using fewer units is rated as this many (0: none) */
                        first: number;
                        /** @description units past `first` round up to a multiple of this */
                        next: number;
                      };
                      /** @description unit prices are per this many units (60: per minute of seconds) */
                      ratePer?: number;
                    }[];
                  };
                };
              };
          /** @default [] */
          quotas?: {
            id: string;
            /** @enum {string} */
            metric: "calls" | "units";
            productId?: string;
            /** @enum {string} */
            period: "day" | "month";
            limit: number;
            /** @enum {string} */
            enforcement: "hard" | "soft";
          }[];
          /** @default [] */
          rateLimits?: {
            id: string;
            /** @enum {string} */
            scope: "account" | "key";
            limit: number;
            windowSeconds: number;
          }[];
          /**
           * @default {
           *       "upstreamError": false,
           *       "clientAbort": false
           *     }
           */
          refund?: {
            /** @default false */
            upstreamError?: boolean;
            /** @default false */
            clientAbort?: boolean;
          };
          /** @default 60 */
          reservationTtlSeconds?: number;
          /** @default false */
          caseInsensitivePaths?: boolean;
          pricePerCall?: number;
          /**
           * @default exact
           * @enum {string}
           */
          metering?: "exact" | "leased";
          recurring?: {
            /** @enum {string} */
            interval: "month" | "week" | "year";
            /** @description micros charged at the start of each period */
            fee: number;
            /**
             * @description micros per seat and period
             * @default 0
             */
            seatPrice?: number;
            /**
             * @description how long a prepaid account may stay past due before its calls are refused
             * @default 72
             */
            graceHours?: number;
          };
        };
      };
    };
    responses: {
      /** @description The plan */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getPlan: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  replacePlanCatalog: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @default UTC */
          timeZone?: string;
          products?: {
            id: string;
            /**
             * @default *
             * @enum {string}
             */
            method?: "*" | "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
            path: string;
            price: {
              /**
               * @default calls
               * @enum {string}
               */
              metric?: "calls" | "request_bytes" | "response_bytes" | "duration_ms" | "units";
              unitsHeader?: string;
              unitPrice?: number;
              tiers?: {
                upTo: number | null;
                unitPrice: number;
                /** @default 0 */
                flatPrice?: number;
              }[];
              /** @enum {string} */
              tierMode?: "graduated" | "volume";
              packageSize?: number;
              freeUnits?: number;
              minimum?: number;
              maximum?: number;
              /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
              increments?: {
                /** @description a call using fewer units is rated as this many (0: none) */
                first: number;
                /** @description units past `first` round up to a multiple of this */
                next: number;
              };
              /** @description unit prices are per this many units (60: per minute of seconds) */
              ratePer?: number;
              /**
               * @default month
               * @enum {string}
               */
              period?: "day" | "month";
              timeOfUse?: {
                days: number[];
                from: string;
                to: string;
                percent: number;
              }[];
              /** @description prices by an attribute of the usage (destination prefix, region, model) */
              dimension?: {
                attribute: string;
                /**
                 * @default prefix
                 * @enum {string}
                 */
                match?: "prefix" | "exact";
                /** @description for calls through the gateway: the request header holding the attribute */
                header?: string;
                /**
                 * @description usage no line matches: the product's own price, or refused
                 * @default refuse
                 * @enum {string}
                 */
                otherwise?: "base" | "refuse";
                lines: {
                  value: string;
                  unitPrice?: number;
                  tiers?: {
                    upTo: number | null;
                    unitPrice: number;
                    /** @default 0 */
                    flatPrice?: number;
                  }[];
                  /** @enum {string} */
                  tierMode?: "graduated" | "volume";
                  packageSize?: number;
                  freeUnits?: number;
                  minimum?: number;
                  maximum?: number;
                  /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
                  increments?: {
                    /** @description a call using fewer units is rated as this many (0: none) */
                    first: number;
                    /** @description units past `first` round up to a multiple of this */
                    next: number;
                  };
                  /** @description unit prices are per this many units (60: per minute of seconds) */
                  ratePer?: number;
                }[];
              };
            };
          }[];
          unmatched?:
            | {
                /** @constant */
                action: "free";
              }
            | {
                /** @constant */
                action: "refuse";
              }
            | {
                /** @constant */
                action: "price";
                price: {
                  /**
                   * @default calls
                   * @enum {string}
                   */
                  metric?: "calls" | "request_bytes" | "response_bytes" | "duration_ms" | "units";
                  unitsHeader?: string;
                  unitPrice?: number;
                  tiers?: {
                    upTo: number | null;
                    unitPrice: number;
                    /** @default 0 */
                    flatPrice?: number;
                  }[];
                  /** @enum {string} */
                  tierMode?: "graduated" | "volume";
                  packageSize?: number;
                  freeUnits?: number;
                  minimum?: number;
                  maximum?: number;
                  /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
                  increments?: {
                    /** @description a call using fewer units is rated as this many (0: none) */
                    first: number;
                    /** @description units past `first` round up to a multiple of this */
                    next: number;
                  };
                  /** @description unit prices are per this many units (60: per minute of seconds) */
                  ratePer?: number;
                  /**
                   * @default month
                   * @enum {string}
                   */
                  period?: "day" | "month";
                  timeOfUse?: {
                    days: number[];
                    from: string;
                    to: string;
                    percent: number;
                  }[];
                  /** @description prices by an attribute of the usage (destination prefix, region, model) */
                  dimension?: {
                    attribute: string;
                    /**
                     * @default prefix
                     * @enum {string}
                     */
                    match?: "prefix" | "exact";
                    /** @description for calls through the gateway: the request header holding the attribute */
                    header?: string;
                    /**
                     * @description usage no line matches: the product's own price, or refused
                     * @default refuse
                     * @enum {string}
                     */
                    otherwise?: "base" | "refuse";
                    lines: {
                      value: string;
                      unitPrice?: number;
                      tiers?: {
                        upTo: number | null;
                        unitPrice: number;
                        /** @default 0 */
                        flatPrice?: number;
                      }[];
                      /** @enum {string} */
                      tierMode?: "graduated" | "volume";
                      packageSize?: number;
                      freeUnits?: number;
                      minimum?: number;
                      maximum?: number;
                      /** @description billing increments of one call or session, e.g. {first: 60, next: 6} for seconds billed 60/6 */
                      increments?: {
                        /** @description a call using fewer units is rated as this many (0: none) */
                        first: number;
                        /** @description units past `first` round up to a multiple of this */
                        next: number;
                      };
                      /** @description unit prices are per this many units (60: per minute of seconds) */
                      ratePer?: number;
                    }[];
                  };
                };
              };
          /** @default [] */
          quotas?: {
            id: string;
            /** @enum {string} */
            metric: "calls" | "units";
            productId?: string;
            /** @enum {string} */
            period: "day" | "month";
            limit: number;
            /** @enum {string} */
            enforcement: "hard" | "soft";
          }[];
          /** @default [] */
          rateLimits?: {
            id: string;
            /** @enum {string} */
            scope: "account" | "key";
            limit: number;
            windowSeconds: number;
          }[];
          /**
           * @default {
           *       "upstreamError": false,
           *       "clientAbort": false
           *     }
           */
          refund?: {
            /** @default false */
            upstreamError?: boolean;
            /** @default false */
            clientAbort?: boolean;
          };
          /** @default 60 */
          reservationTtlSeconds?: number;
          /** @default false */
          caseInsensitivePaths?: boolean;
          pricePerCall?: number;
          /**
           * @default exact
           * @enum {string}
           */
          metering?: "exact" | "leased";
        };
      };
    };
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setPlanRecurring: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @enum {string} */
          interval: "month" | "week" | "year";
          /** @description micros charged at the start of each period */
          fee: number;
          /**
           * @description micros per seat and period
           * @default 0
           */
          seatPrice?: number;
          /**
           * @description how long a prepaid account may stay past due before its calls are refused
           * @default 72
           */
          graceHours?: number;
        };
      };
    };
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Accounts renew on another period on this plan (`conflict`): make another plan and move them */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  removePlanRecurring: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setPlanIncludedBundles: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          bundles: {
            /** @description a product of the plan's catalog (`default`: the unmatched price) */
            productId: string;
            /** @description units valid for each period */
            units: number;
            /**
             * @description what the units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
             * @default charge
             * @enum {string}
             */
            overage?: "charge" | "refuse";
            /**
             * @description consumption order: lowest first
             * @default 0
             */
            priority?: number;
            /**
             * @description issued at the start of every period, or for the first period on the plan only
             * @default period
             * @enum {string}
             */
            recurrence?: "period" | "once";
            /**
             * @description at most this many of the units left when the period ends roll over into the next period (0: none); at most `units`
             * @default 0
             */
            rolloverCap?: number;
          }[];
        };
      };
    };
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  searchAccounts: {
    parameters: {
      query?: {
        query?: string;
        status?: "active" | "suspended" | "closed";
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of accounts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              name: string;
              planId: string;
              status: string;
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              billingCycle: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                anchorDay: number;
                anchorMonth?: number;
              };
              /** @description seats, priced by the plan's seat price */
              seats: number;
              /** @description who its documents are addressed to (absent: its name only) */
              billingDetails?: {
                legalName: string;
                address: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                taxId?: string;
                /**
                 * Format: email
                 * @description where documents go (the notification recipients when absent)
                 */
                email?: string;
              };
              /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
              payerId?: string;
              createdAt: string;
              wallets: {
                id: string;
                accountId: string;
                currency: string;
                creditLimit: number;
                autoRecharge?: {
                  threshold: number;
                  /** @enum {string} */
                  mode: "fixed" | "target";
                  amount: number;
                  dailyLimit: number;
                  provider: string;
                  paymentMethod: string;
                  customer?: string;
                  /** @description the card it pays with, when kept at a top-up */
                  card?: {
                    /** @description visa, mastercard, amex… */
                    brand: string;
                    last4: string;
                    expMonth: number;
                    expYear: number;
                  };
                };
                createdAt: string;
              }[];
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
          planId: string;
          /**
           * @description seats, priced by the plan's seat price
           * @default 1
           */
          seats?: number;
          /**
           * @default prepaid
           * @enum {string}
           */
          billingMode?: "prepaid" | "postpaid" | "hybrid";
          /** @default 0 */
          creditLimit?: number | 0;
          billingCycle?: {
            /** @enum {string} */
            interval: "month" | "week" | "year";
            anchorDay: number;
            anchorMonth?: number;
          };
        };
      };
    };
    responses: {
      /** @description The account; when the credit asked for waits for a second staff member, the account is prepaid until then and `creditRequest` says why */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
            /** @description the credit asked for waits for a second staff member: the account is unchanged until then */
            creditRequest?: {
              id: string;
              accountId: string;
              /** @enum {string} */
              status: "pending" | "approved" | "rejected";
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
              billingCycle?: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                anchorDay: number;
                anchorMonth?: number;
              };
              currency: string;
              /** @description the account's billing when it was asked */
              from: {
                /** @enum {string} */
                billingMode: "prepaid" | "postpaid" | "hybrid";
                creditLimit: number;
              };
              /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
              holds: ("above_auto_limit" | "finance_approval")[];
              /** @description the roles that may decide it (never the requester) */
              approverRoles: string[];
              requestedBy: string;
              createdAt: string;
              decidedBy?: string;
              decidedAt?: string;
              reason?: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The plan does not exist, or cannot take the account (`unprocessable`); the credit asked for fails the credit rule, `unmet` listing each check (`credit_check_failed`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listLines: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The lines */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              accountId: string;
              name: string;
              planId: string;
              status: string;
              /** @description the account whose wallet pays for its calls */
              payerId: string;
              currency: string;
              /** @description the most it may spend of its payer's wallet per calendar month, in micros; null: no limit */
              limit: number | null;
              /** @description the calendar month `spent` counts, in its plan's time zone (e.g. 2026-12) */
              period: string;
              /** @description micros spent from its payer's wallet this month, open reservations included */
              spent: number;
              /** @description what its limit leaves this month (never below 0); null: no limit */
              left: number | null;
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createLine: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
          planId?: string;
          /** @description the most the line may spend of its payer's wallet per calendar month, in micros */
          limit?: number;
        };
      };
    };
    responses: {
      /** @description The line */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            name: string;
            planId: string;
            status: string;
            /** @description the account whose wallet pays for its calls */
            payerId: string;
            currency: string;
            /** @description the most it may spend of its payer's wallet per calendar month, in micros; null: no limit */
            limit: number | null;
            /** @description the calendar month `spent` counts, in its plan's time zone (e.g. 2026-12) */
            period: string;
            /** @description micros spent from its payer's wallet this month, open reservations included */
            spent: number;
            /** @description what its limit leaves this month (never below 0); null: no limit */
            left: number | null;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The payer is a line itself, or closed (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The plan does not exist, has a recurring fee, or is in a currency the payer has no wallet in (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  attachLine: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          accountId: string;
          /** @description the most the line may spend of its payer's wallet per calendar month, in micros */
          limit?: number;
        };
      };
    };
    responses: {
      /** @description The line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            name: string;
            planId: string;
            status: string;
            /** @description the account whose wallet pays for its calls */
            payerId: string;
            currency: string;
            /** @description the most it may spend of its payer's wallet per calendar month, in micros; null: no limit */
            limit: number | null;
            /** @description the calendar month `spent` counts, in its plan's time zone (e.g. 2026-12) */
            period: string;
            /** @description micros spent from its payer's wallet this month, open reservations included */
            spent: number;
            /** @description what its limit leaves this month (never below 0); null: no limit */
            left: number | null;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Either account is already in a hierarchy, or the account to move has reservations, leases or charging sessions open or usage not yet ingested: try again (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such account, its plan has a recurring fee, or the payer has no wallet in its currency (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setLineLimit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        lineId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          limit: number | null;
        };
      };
    };
    responses: {
      /** @description The line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            name: string;
            planId: string;
            status: string;
            /** @description the account whose wallet pays for its calls */
            payerId: string;
            currency: string;
            /** @description the most it may spend of its payer's wallet per calendar month, in micros; null: no limit */
            limit: number | null;
            /** @description the calendar month `spent` counts, in its plan's time zone (e.g. 2026-12) */
            period: string;
            /** @description micros spent from its payer's wallet this month, open reservations included */
            spent: number;
            /** @description what its limit leaves this month (never below 0); null: no limit */
            left: number | null;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  detachLine: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        lineId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account, no longer a line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another change to the hierarchy is under way: retry shortly (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getLine: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            name: string;
            planId: string;
            status: string;
            /** @description the account whose wallet pays for its calls */
            payerId: string;
            currency: string;
            /** @description the most it may spend of its payer's wallet per calendar month, in micros; null: no limit */
            limit: number | null;
            /** @description the calendar month `spent` counts, in its plan's time zone (e.g. 2026-12) */
            period: string;
            /** @description micros spent from its payer's wallet this month, open reservations included */
            spent: number;
            /** @description what its limit leaves this month (never below 0); null: no limit */
            left: number | null;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  suspendAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          reason: string;
        };
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description A closed account cannot be suspended or resumed (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  resumeAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          reason: string;
        };
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description A closed account cannot be suspended or resumed (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setBilling: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * @default prepaid
           * @enum {string}
           */
          billingMode?: "prepaid" | "postpaid" | "hybrid";
          /** @default 0 */
          creditLimit?: number | 0;
          billingCycle?: {
            /** @enum {string} */
            interval: "month" | "week" | "year";
            anchorDay: number;
            anchorMonth?: number;
          };
        };
      };
    };
    responses: {
      /** @description The account, its billing applied */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
            /** @description the credit asked for waits for a second staff member: the account is unchanged until then */
            creditRequest?: {
              id: string;
              accountId: string;
              /** @enum {string} */
              status: "pending" | "approved" | "rejected";
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
              billingCycle?: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                anchorDay: number;
                anchorMonth?: number;
              };
              currency: string;
              /** @description the account's billing when it was asked */
              from: {
                /** @enum {string} */
                billingMode: "prepaid" | "postpaid" | "hybrid";
                creditLimit: number;
              };
              /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
              holds: ("above_auto_limit" | "finance_approval")[];
              /** @description the roles that may decide it (never the requester) */
              approverRoles: string[];
              requestedBy: string;
              createdAt: string;
              decidedBy?: string;
              decidedAt?: string;
              reason?: string;
            };
          };
        };
      };
      /** @description The account, unchanged: the credit asked for waits for a second staff member (`creditRequest`) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
            /** @description the credit asked for waits for a second staff member: the account is unchanged until then */
            creditRequest?: {
              id: string;
              accountId: string;
              /** @enum {string} */
              status: "pending" | "approved" | "rejected";
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
              billingCycle?: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                anchorDay: number;
                anchorMonth?: number;
              };
              currency: string;
              /** @description the account's billing when it was asked */
              from: {
                /** @enum {string} */
                billingMode: "prepaid" | "postpaid" | "hybrid";
                creditLimit: number;
              };
              /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
              holds: ("above_auto_limit" | "finance_approval")[];
              /** @description the roles that may decide it (never the requester) */
              approverRoles: string[];
              requestedBy: string;
              createdAt: string;
              decidedBy?: string;
              decidedAt?: string;
              reason?: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another credit request for the account is pending (`conflict`, `pendingRequestId`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The account does not meet the credit rule: `unmet` lists each check it fails (`credit_check_failed`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setBillingDetails: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          legalName: string;
          address: {
            line1: string;
            line2?: string;
            city: string;
            postalCode?: string;
            /** @description a state, province or county, where the address needs one */
            region?: string;
            /** @description the country, which also says which tax rates apply (with `region`) */
            country: string;
          };
          /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
          taxId?: string;
          /**
           * Format: email
           * @description where documents go (the notification recipients when absent)
           */
          email?: string;
        };
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  removeBillingDetails: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            planId: string;
            status: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            billingCycle: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            /** @description seats, priced by the plan's seat price */
            seats: number;
            /** @description who its documents are addressed to (absent: its name only) */
            billingDetails?: {
              legalName: string;
              address: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
              taxId?: string;
              /**
               * Format: email
               * @description where documents go (the notification recipients when absent)
               */
              email?: string;
            };
            /** @description a line of a hierarchy: the account whose wallet pays for its calls (GET …/line for its limit) */
            payerId?: string;
            createdAt: string;
            wallets: {
              id: string;
              accountId: string;
              currency: string;
              creditLimit: number;
              autoRecharge?: {
                threshold: number;
                /** @enum {string} */
                mode: "fixed" | "target";
                amount: number;
                dailyLimit: number;
                provider: string;
                paymentMethod: string;
                customer?: string;
                /** @description the card it pays with, when kept at a top-up */
                card?: {
                  /** @description visa, mastercard, amex… */
                  brand: string;
                  last4: string;
                  expMonth: number;
                  expYear: number;
                };
              };
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getCreditRule: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description payment history on this system (absent: not a criterion) */
            paymentHistory?: {
              /** @description at least this many invoices paid by their due date */
              paidOnTime: number;
              /** @description at most this many invoices overdue now */
              overdue: number;
            };
            /** @description prepaid tenure (absent: not a criterion) */
            prepaidTenure?: {
              /** @description at least this many days since the first top-up */
              days: number;
              /** @description at least this many micros topped up, in the plan's currency, refunds deducted */
              toppedUp: number;
            };
            /**
             * @description `any`: one configured criterion is enough; `all`: each must hold
             * @enum {string}
             */
            qualifyBy: "any" | "all";
            /** @description every grant of credit waits for a staff member of the finance role */
            financeApproval: boolean;
            /** @description the largest credit limit given at once (micros); above it, a second staff member approves */
            autoLimit?: number;
            /** @description false: the defaults, never saved (every request for credit applies at once) */
            saved: boolean;
            updatedAt: string;
            updatedBy: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setCreditRule: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          paymentHistory?: {
            paidOnTime: number;
            /** @default 0 */
            overdue?: number;
          };
          prepaidTenure?: {
            days: number;
            /** @default 0 */
            toppedUp?: number | 0;
          };
          /**
           * @default any
           * @enum {string}
           */
          qualifyBy?: "any" | "all";
          /** @default false */
          financeApproval?: boolean;
          autoLimit?: number | 0;
        };
      };
    };
    responses: {
      /** @description The rule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description payment history on this system (absent: not a criterion) */
            paymentHistory?: {
              /** @description at least this many invoices paid by their due date */
              paidOnTime: number;
              /** @description at most this many invoices overdue now */
              overdue: number;
            };
            /** @description prepaid tenure (absent: not a criterion) */
            prepaidTenure?: {
              /** @description at least this many days since the first top-up */
              days: number;
              /** @description at least this many micros topped up, in the plan's currency, refunds deducted */
              toppedUp: number;
            };
            /**
             * @description `any`: one configured criterion is enough; `all`: each must hold
             * @enum {string}
             */
            qualifyBy: "any" | "all";
            /** @description every grant of credit waits for a staff member of the finance role */
            financeApproval: boolean;
            /** @description the largest credit limit given at once (micros); above it, a second staff member approves */
            autoLimit?: number;
            /** @description false: the defaults, never saved (every request for credit applies at once) */
            saved: boolean;
            updatedAt: string;
            updatedBy: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getCreditStanding: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account's credit standing */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            record: {
              paidOnTime: number;
              overdue: number;
              prepaidDays: number;
              toppedUp: number;
            };
            /** @description the account meets the rule's criteria (credit up to `autoLimit` applies at once unless finance approves every grant) */
            qualifies: boolean;
            checks: {
              /** @enum {string} */
              check: "paid_on_time" | "overdue" | "prepaid_days" | "topped_up";
              required: number;
              actual: number;
              met: boolean;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listCreditRequests: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        status?: "pending" | "approved" | "rejected";
        accountId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of credit requests */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              /** @enum {string} */
              status: "pending" | "approved" | "rejected";
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
              billingCycle?: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                anchorDay: number;
                anchorMonth?: number;
              };
              currency: string;
              /** @description the account's billing when it was asked */
              from: {
                /** @enum {string} */
                billingMode: "prepaid" | "postpaid" | "hybrid";
                creditLimit: number;
              };
              /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
              holds: ("above_auto_limit" | "finance_approval")[];
              /** @description the roles that may decide it (never the requester) */
              approverRoles: string[];
              requestedBy: string;
              createdAt: string;
              decidedBy?: string;
              decidedAt?: string;
              reason?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getCreditRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        creditRequestId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The credit request */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            creditLimit: number;
            billingCycle?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            currency: string;
            /** @description the account's billing when it was asked */
            from: {
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
            };
            /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
            holds: ("above_auto_limit" | "finance_approval")[];
            /** @description the roles that may decide it (never the requester) */
            approverRoles: string[];
            requestedBy: string;
            createdAt: string;
            decidedBy?: string;
            decidedAt?: string;
            reason?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  approveCreditRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        creditRequestId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The credit request, decided */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            creditLimit: number;
            billingCycle?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            currency: string;
            /** @description the account's billing when it was asked */
            from: {
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
            };
            /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
            holds: ("above_auto_limit" | "finance_approval")[];
            /** @description the roles that may decide it (never the requester) */
            approverRoles: string[];
            requestedBy: string;
            createdAt: string;
            decidedBy?: string;
            decidedAt?: string;
            reason?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The requester may not decide their own request, nor may a role the request does not name (finance alone when the rule asks for finance's approval) (`forbidden`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another staff member decided it otherwise first (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  rejectCreditRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        creditRequestId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The credit request, decided */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            creditLimit: number;
            billingCycle?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              anchorDay: number;
              anchorMonth?: number;
            };
            currency: string;
            /** @description the account's billing when it was asked */
            from: {
              /** @enum {string} */
              billingMode: "prepaid" | "postpaid" | "hybrid";
              creditLimit: number;
            };
            /** @description why it waits: above the rule's `autoLimit`, or the rule asks finance to approve every grant */
            holds: ("above_auto_limit" | "finance_approval")[];
            /** @description the roles that may decide it (never the requester) */
            approverRoles: string[];
            requestedBy: string;
            createdAt: string;
            decidedBy?: string;
            decidedAt?: string;
            reason?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The requester may not decide their own request, nor may a role the request does not name (finance alone when the rule asks for finance's approval) (`forbidden`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another staff member decided it otherwise first (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            planId: string;
            planName: string;
            /**
             * @description none: no recurring fee; past_due: a fee is due, calls pass until graceUntil; unpaid: calls are refused (402)
             * @enum {string}
             */
            status: "none" | "active" | "past_due" | "unpaid";
            currency: string;
            /** @enum {string} */
            interval?: "month" | "week" | "year";
            seats: number;
            /** @description micros per period */
            fee: number;
            /** @description micros per seat and period */
            seatPrice: number;
            /** @description what a period costs now: fee + seats × seat price */
            amount: number;
            currentPeriod?: {
              from: string;
              to: string;
            };
            /** @description when the next period's fee is charged */
            renewsAt?: string;
            /** @description fees not yet paid */
            due: {
              feeId: string;
              amount: number;
              graceUntil: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  changeSubscription: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          planId?: string;
          seats?: number;
        };
      };
    };
    responses: {
      /** @description The subscription after the change, and the change's fee (its prorated amount) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            subscription: {
              accountId: string;
              planId: string;
              planName: string;
              /**
               * @description none: no recurring fee; past_due: a fee is due, calls pass until graceUntil; unpaid: calls are refused (402)
               * @enum {string}
               */
              status: "none" | "active" | "past_due" | "unpaid";
              currency: string;
              /** @enum {string} */
              interval?: "month" | "week" | "year";
              seats: number;
              /** @description micros per period */
              fee: number;
              /** @description micros per seat and period */
              seatPrice: number;
              /** @description what a period costs now: fee + seats × seat price */
              amount: number;
              currentPeriod?: {
                from: string;
                to: string;
              };
              /** @description when the next period's fee is charged */
              renewsAt?: string;
              /** @description fees not yet paid */
              due: {
                feeId: string;
                amount: number;
                graceUntil: string;
              }[];
            };
            change: {
              id: string;
              accountId: string;
              /** @enum {string} */
              kind: "renewal" | "change";
              /** @enum {string} */
              status: "due" | "paid";
              currency: string;
              /** @description micros the customer pays; negative: credited */
              amount: number;
              planId: string;
              periodFrom: string;
              periodTo: string;
              fee: number;
              seatPrice: number;
              seats: number;
              /** @description changes: amount = trunc((toAmount − fromAmount) × remainingSeconds ÷ periodSeconds), or the old remainder credited */
              change?: {
                fromPlanId: string;
                toPlanId: string;
                fromSeats: number;
                toSeats: number;
                /** @description a period's amount before the change */
                fromAmount: number;
                /** @description …and after */
                toAmount: number;
                at: string;
                remainingSeconds: number;
                periodSeconds: number;
              };
              /** @description paid fees: the ledger entry that moved the money */
              ledgerEntryId?: string;
              /** @description due fees: calls are refused from then on */
              graceUntil?: string;
              invoiceId?: string;
              createdAt: string;
              paidAt?: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description A prepaid wallet cannot pay what the change costs now (`insufficient_funds`); nothing changed */
      402: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description A fee is due, the account is closed, or another change is under way (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The plan does not exist, is in another currency, or the account has no wallet in it (`unprocessable`); or the key was used for another change (`idempotency_key_reused`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  quoteSubscriptionChange: {
    parameters: {
      query?: {
        planId?: string;
        seats?: number;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The quote */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            planId: string;
            seats: number;
            currency: string;
            /** @description micros a period costs now */
            fromAmount: number;
            /** @description micros a period costs after the change */
            toAmount: number;
            /** @description micros the change moves now, prorated: positive charged, negative credited */
            amount: number;
            periodFrom: string;
            periodTo: string;
            remainingSeconds: number;
            periodSeconds: number;
            /** @description the new plan renews on another period: its first period is charged in full at once */
            newCycle: boolean;
            selfService:
              | {
                  /** @constant */
                  allowed: true;
                }
              | {
                  /** @constant */
                  allowed: false;
                  reason: string;
                };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listSelfServicePlans: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plans */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              name: string;
              currency: string;
              /** @description products and prices (integer micros), quotas, rate limits, refund policy */
              catalog: {
                [key: string]: unknown;
              };
              /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
              anomalyPolicy: {
                factor: number;
                minCalls: number;
                /** @enum {string} */
                mitigation: "none" | "suspend_key" | "cap_spending";
              };
              /** @description a recurring fee per period and a price per seat, charged beside usage */
              recurring?: {
                /** @enum {string} */
                interval: "month" | "week" | "year";
                fee: number;
                seatPrice: number;
                graceHours: number;
              };
              /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
              selfService?: {
                maxSeats: number;
              };
              /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
              tax: {
                inclusive: boolean;
                category: string;
                products: {
                  productId: string;
                  category: string;
                }[];
              };
              /** @description bundles each account on the plan is given for each period (or once), consumed before money */
              includedBundles: {
                productId: string;
                units: number;
                /** @enum {string} */
                overage: "charge" | "refuse";
                priority: number;
                /** @enum {string} */
                recurrence: "period" | "once";
                rolloverCap: number;
              }[];
              createdAt: string;
              updatedAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setPlanSelfService: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          maxSeats: number;
        };
      };
    };
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  removePlanSelfService: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listFees: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of fees */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              /** @enum {string} */
              kind: "renewal" | "change";
              /** @enum {string} */
              status: "due" | "paid";
              currency: string;
              /** @description micros the customer pays; negative: credited */
              amount: number;
              planId: string;
              periodFrom: string;
              periodTo: string;
              fee: number;
              seatPrice: number;
              seats: number;
              /** @description changes: amount = trunc((toAmount − fromAmount) × remainingSeconds ÷ periodSeconds), or the old remainder credited */
              change?: {
                fromPlanId: string;
                toPlanId: string;
                fromSeats: number;
                toSeats: number;
                /** @description a period's amount before the change */
                fromAmount: number;
                /** @description …and after */
                toAmount: number;
                at: string;
                remainingSeconds: number;
                periodSeconds: number;
              };
              /** @description paid fees: the ledger entry that moved the money */
              ledgerEntryId?: string;
              /** @description due fees: calls are refused from then on */
              graceUntil?: string;
              invoiceId?: string;
              createdAt: string;
              paidAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  renewSubscriptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          accountIds?: string[];
        };
      };
    };
    responses: {
      /** @description How many accounts were looked at */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accounts: number;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another renewal run holds the lock (`conflict`): try again shortly */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getMySubscription: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            planId: string;
            planName: string;
            /**
             * @description none: no recurring fee; past_due: a fee is due, calls pass until graceUntil; unpaid: calls are refused (402)
             * @enum {string}
             */
            status: "none" | "active" | "past_due" | "unpaid";
            currency: string;
            /** @enum {string} */
            interval?: "month" | "week" | "year";
            seats: number;
            /** @description micros per period */
            fee: number;
            /** @description micros per seat and period */
            seatPrice: number;
            /** @description what a period costs now: fee + seats × seat price */
            amount: number;
            currentPeriod?: {
              from: string;
              to: string;
            };
            /** @description when the next period's fee is charged */
            renewsAt?: string;
            /** @description fees not yet paid */
            due: {
              feeId: string;
              amount: number;
              graceUntil: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createWallet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          currency: string;
          /** @default 0 */
          creditLimit?: number | 0;
        };
      };
    };
    responses: {
      /** @description The wallet */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            currency: string;
            creditLimit: number;
            autoRecharge?: {
              threshold: number;
              /** @enum {string} */
              mode: "fixed" | "target";
              amount: number;
              dailyLimit: number;
              provider: string;
              paymentMethod: string;
              customer?: string;
              /** @description the card it pays with, when kept at a top-up */
              card?: {
                /** @description visa, mastercard, amex… */
                brand: string;
                last4: string;
                expMonth: number;
                expYear: number;
              };
            };
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The account already has a wallet in that currency (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setAutoRecharge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        walletId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          threshold: number;
          /** @enum {string} */
          mode: "fixed" | "target";
          amount: number;
          dailyLimit: number;
          /** @enum {string} */
          provider: "stripe";
          paymentMethod?: string;
          fromRecharge?: string;
        };
      };
    };
    responses: {
      /** @description The wallet */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            currency: string;
            creditLimit: number;
            autoRecharge?: {
              threshold: number;
              /** @enum {string} */
              mode: "fixed" | "target";
              amount: number;
              dailyLimit: number;
              provider: string;
              paymentMethod: string;
              customer?: string;
              /** @description the card it pays with, when kept at a top-up */
              card?: {
                /** @description visa, mastercard, amex… */
                brand: string;
                last4: string;
                expMonth: number;
                expYear: number;
              };
            };
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The recharge named by `fromRecharge` kept no card of that provider (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  clearAutoRecharge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        walletId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The wallet */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            currency: string;
            creditLimit: number;
            autoRecharge?: {
              threshold: number;
              /** @enum {string} */
              mode: "fixed" | "target";
              amount: number;
              dailyLimit: number;
              provider: string;
              paymentMethod: string;
              customer?: string;
              /** @description the card it pays with, when kept at a top-up */
              card?: {
                /** @description visa, mastercard, amex… */
                brand: string;
                last4: string;
                expMonth: number;
                expYear: number;
              };
            };
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of keys */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              name: string;
              /** @description the first characters of the key, to recognise it by */
              prefix: string;
              /**
               * @description suspended: by a usage anomaly, until an admin clears it
               * @enum {string}
               */
              status: "active" | "revoked" | "suspended";
              spendCap?: {
                amount: number;
                /** @enum {string} */
                period: "day" | "month";
              };
              createdAt: string;
              revokedAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name?: string;
          spendCap?: {
            amount: number;
            /** @enum {string} */
            period: "day" | "month";
          };
        };
      };
    };
    responses: {
      /** @description The key, shown once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            name: string;
            /** @description the first characters of the key, to recognise it by */
            prefix: string;
            /**
             * @description suspended: by a usage anomaly, until an admin clears it
             * @enum {string}
             */
            status: "active" | "revoked" | "suspended";
            spendCap?: {
              amount: number;
              /** @enum {string} */
              period: "day" | "month";
            };
            createdAt: string;
            revokedAt?: string;
            key: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        keyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            name: string;
            /** @description the first characters of the key, to recognise it by */
            prefix: string;
            /**
             * @description suspended: by a usage anomaly, until an admin clears it
             * @enum {string}
             */
            status: "active" | "revoked" | "suspended";
            spendCap?: {
              amount: number;
              /** @enum {string} */
              period: "day" | "month";
            };
            createdAt: string;
            revokedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getAccountLimits: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Quota and cap use */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            currency: string;
            /** @description the plan's: periods are its local days and months */
            timeZone: string;
            quotas: {
              id: string;
              /** @enum {string} */
              metric: "calls" | "units";
              productId?: string;
              /** @enum {string} */
              period: "day" | "month";
              /** @description `2026-11-22` or `2026-11` */
              periodKey: string;
              used: number;
              limit: number;
              /** @enum {string} */
              enforcement: "hard" | "soft";
            }[];
            keys: {
              keyId: string;
              name: string;
              /** @enum {string} */
              period: "day" | "month";
              periodKey: string;
              /** @description micros spent through the key this period */
              spent: number;
              cap: number;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getWallet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        walletId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The wallet */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            currency: string;
            creditLimit: number;
            autoRecharge?: {
              threshold: number;
              /** @enum {string} */
              mode: "fixed" | "target";
              amount: number;
              dailyLimit: number;
              provider: string;
              paymentMethod: string;
              customer?: string;
              /** @description the card it pays with, when kept at a top-up */
              card?: {
                /** @description visa, mastercard, amex… */
                brand: string;
                last4: string;
                expMonth: number;
                expYear: number;
              };
            };
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  creditWallet: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        walletId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount: number;
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The ledger entry, with the balance right after it */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            walletId: string;
            accountId: string;
            type: string;
            amount: number;
            currency: string;
            reason?: string;
            /** @description usage entries: how many calls the entry books */
            usageCount?: number;
            /** @description credits: the wallet's available balance right after this entry */
            balanceAfter?: number;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  adjustWallet: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        walletId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount: number;
          reason: string;
        };
      };
    };
    responses: {
      /** @description The ledger entry */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            walletId: string;
            accountId: string;
            type: string;
            amount: number;
            currency: string;
            reason?: string;
            /** @description usage entries: how many calls the entry books */
            usageCount?: number;
            /** @description credits: the wallet's available balance right after this entry */
            balanceAfter?: number;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getBalance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The balance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            balances: {
              walletId: string;
              currency: string;
              /** @description the wallet's balance now, in micros (negative when credit is in use) */
              available: number;
              /** @description held by calls in flight (two-phase prices), released when they settle */
              reserved: number;
              /** @description how far below zero the balance may go */
              creditLimit: number;
              /** @description available + creditLimit: what the next calls may spend */
              spendable: number;
              /** @description active grants (part of available), in consumption order; remaining as of the usage booked so far */
              grants: {
                grantId: string;
                kind: string;
                remaining: number;
                expiresAt: string;
              }[];
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createCharge: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description the account to charge: required with a staff credential; a key charges its own */
          accountId?: string;
          productId: string;
          /**
           * @description how many of the product's metric (calls, units, bytes, ms) this charge is for
           * @default 1
           */
          units?: number;
          /** @description what the usage was, e.g. {destination: '+351912345678'}: picks the product's rate line; kept on the usage event */
          attributes?: {
            [key: string]: string;
          };
        };
      };
    };
    responses: {
      /** @description The charge, and the balance right after it */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description the charge's usage event */
            id: string;
            accountId: string;
            /** @description the key charged with, or `-` for a charge made by staff */
            keyId: string;
            planId: string;
            productId: string;
            units: number;
            /** @description micros charged */
            amount: number;
            currency: string;
            /** @description the wallet's balance right after this charge */
            balance: number;
            /** @description soft quotas this charge carried past their limit */
            quotasExceeded: string[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not covered by the balance, the key's spending cap, or the subscription is unpaid */
      402: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account; The account is not active (`account_inactive`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description This key's first charge was refused as metering was unavailable: it will never be made */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The product is not in the plan, the units could cost more than one movement may, the account is unknown (`unprocessable`), or no rate line rates the attribute (`no_rate`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description A hard quota is used up (`quota_exceeded`), or a rate limit was reached (`rate_limited`) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Metering is unavailable: nothing was charged */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  reportUsageEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          events: {
            /** @description your id for this usage: a repeat within 35 days is a duplicate */
            id: string;
            /**
             * Format: date-time
             * @description when the usage happened: at most 35 days ago, at most 5 minutes ahead
             */
            timestamp: string;
            /** @description required with a staff credential; a key reports for its own account */
            accountId?: string;
            productId: string;
            /** @default 1 */
            units?: number;
            /** @description what the usage was, e.g. {destination: '+351912345678'}: picks the product's rate line; kept on the usage event */
            attributes?: {
              [key: string]: string;
            };
          }[];
        };
      };
    };
    responses: {
      /** @description Each event's result, in the batch's order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            results: {
              id: string;
              /** @enum {string} */
              status: "accepted" | "duplicate" | "refused";
              /** @description the usage event it is (or would have been) recorded as */
              eventId: string;
              amount?: number;
              currency?: string;
              /** @description the wallet's balance right after it (a duplicate: after the first) */
              balance?: number;
              /** @description refused: the problem code (insufficient_funds, quota_exceeded, metering_unavailable…) */
              code?: string;
              detail?: string;
            }[];
            accepted: number;
            duplicates: number;
            refused: number;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An event cannot be charged (an unknown product or account, units that could cost more than one movement may, `unprocessable`; no rate line, `no_rate`): the whole batch is refused, naming it */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  openChargingSession: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description required with a staff credential */
          accountId?: string;
          productId: string;
          /** @default 60 */
          requestedUnits?: number;
          /** @description what the usage was, e.g. {destination: '+351912345678'}: picks the product's rate line; kept on the usage event */
          attributes?: {
            [key: string]: string;
          };
          /**
           * @description how long a grant lasts with no request
           * @default 120
           */
          ttlSeconds?: number;
        };
      };
    };
    responses: {
      /** @description The session and its first grant */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            productId: string;
            /** @description what the usage is, as the session was opened */
            attributes?: {
              [key: string]: string;
            };
            /**
             * @description expired: no request came in time; its grant was returned
             * @enum {string}
             */
            status: "open" | "closed" | "expired";
            /** @description the number of the request this answers (0: the opening) */
            request: number;
            /** @description units that may be used now beyond those reported (0: stop) */
            grantedUnits: number;
            usedUnits: number;
            /** @description micros charged for the units reported so far */
            amount: number;
            currency: string;
            /** @description the grant is less than asked: the wallet covers no more, stop when it is used */
            final: boolean;
            /** @description when the grant lapses unless a request comes */
            expiresAt: string;
            balance?: number;
            /** @description why nothing more was granted */
            refusal?: {
              code: string;
              detail: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not one unit is covered (`coveredUnits: 0`), or the subscription is unpaid */
      402: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account; The account is not active (`account_inactive`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The session is being opened by another request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The product is not in the plan, the units could cost more than one movement may (`unprocessable`), or no rate line rates its attribute (`no_rate`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description A hard quota is used up (`quota_exceeded`) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Metering is unavailable: nothing was granted (`metering_unavailable`) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getChargingSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sessionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            productId: string;
            /** @description what the usage is, as the session was opened */
            attributes?: {
              [key: string]: string;
            };
            /**
             * @description expired: no request came in time; its grant was returned
             * @enum {string}
             */
            status: "open" | "closed" | "expired";
            /** @description the number of the request this answers (0: the opening) */
            request: number;
            /** @description units that may be used now beyond those reported (0: stop) */
            grantedUnits: number;
            usedUnits: number;
            /** @description micros charged for the units reported so far */
            amount: number;
            currency: string;
            /** @description the grant is less than asked: the wallet covers no more, stop when it is used */
            final: boolean;
            /** @description when the grant lapses unless a request comes */
            expiresAt: string;
            balance?: number;
            /** @description why nothing more was granted */
            refusal?: {
              code: string;
              detail: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  updateChargingSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sessionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description 1, 2, 3… in order; the same number again repeats the answer */
          request: number;
          /** @description all units used since the session opened */
          usedUnits: number;
          requestedUnits?: number;
        };
      };
    };
    responses: {
      /** @description Where the session stands, and its new grant */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            productId: string;
            /** @description what the usage is, as the session was opened */
            attributes?: {
              [key: string]: string;
            };
            /**
             * @description expired: no request came in time; its grant was returned
             * @enum {string}
             */
            status: "open" | "closed" | "expired";
            /** @description the number of the request this answers (0: the opening) */
            request: number;
            /** @description units that may be used now beyond those reported (0: stop) */
            grantedUnits: number;
            usedUnits: number;
            /** @description micros charged for the units reported so far */
            amount: number;
            currency: string;
            /** @description the grant is less than asked: the wallet covers no more, stop when it is used */
            final: boolean;
            /** @description when the grant lapses unless a request comes */
            expiresAt: string;
            balance?: number;
            /** @description why nothing more was granted */
            refusal?: {
              code: string;
              detail: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Terminated, expired, another request in progress, or not the next request number */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description More units reported than were granted (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Metering is unavailable, so the call was not forwarded (`metering_unavailable`) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  terminateChargingSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sessionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description 1, 2, 3… in order; the same number again repeats the answer */
          request: number;
          /** @description all units used since the session opened */
          usedUnits: number;
        };
      };
    };
    responses: {
      /** @description The closed session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            productId: string;
            /** @description what the usage is, as the session was opened */
            attributes?: {
              [key: string]: string;
            };
            /**
             * @description expired: no request came in time; its grant was returned
             * @enum {string}
             */
            status: "open" | "closed" | "expired";
            /** @description the number of the request this answers (0: the opening) */
            request: number;
            /** @description units that may be used now beyond those reported (0: stop) */
            grantedUnits: number;
            usedUnits: number;
            /** @description micros charged for the units reported so far */
            amount: number;
            currency: string;
            /** @description the grant is less than asked: the wallet covers no more, stop when it is used */
            final: boolean;
            /** @description when the grant lapses unless a request comes */
            expiresAt: string;
            balance?: number;
            /** @description why nothing more was granted */
            refusal?: {
              code: string;
              detail: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Already terminated, expired, another request in progress, or not the next request number */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description More units reported than were granted (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Metering is unavailable, so the call was not forwarded (`metering_unavailable`) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listUsage: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of usage events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              keyId: string;
              planId: string;
              productId: string;
              method: string;
              path: string;
              /** @description the priced units: 1 per call, or bytes, milliseconds, reported units */
              units: number;
              /** @description micros this call costs: its price; 0 for a refunded call, whenever it was refunded (what was taken and given back is refundedAmount) */
              amount: number;
              /** @description deprecated: the old name of amount */
              price: number;
              currency: string;
              /** @description the response status (two-phase charges) */
              status?: number;
              durationMs?: number;
              /** @description returned to the caller: an upstream failure or abort, a reservation reaped, or a charge voided (503) */
              refunded: boolean;
              /** @description micros taken for this call and given back: a voided charge's price (booked first, its refund is a usage ledger entry of its own), 0 when nothing was taken (a reservation released or reaped) or not refunded */
              refundedAmount: number;
              /** @description soft quotas this call carried past their limit */
              quotasExceeded: string[];
              /** @description what the usage was, as it was charged */
              attributes?: {
                [key: string]: string;
              };
              /** @description the rate line that priced it (a destination prefix, a model), for a product rated by a dimension */
              rateLine?: string;
              /** @description who charged it, for a charge made with a staff credential (`user:…`, `token:…`, `admin:…`; its keyId is `-`) */
              actor?: string;
              /** @description the bundles that paid its units, in consumption order, and how many each; the rest (if any) was charged in money */
              bundles?: {
                bundleId: string;
                units: number;
              }[];
              timestamp: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getMyBalance: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The balance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            /** @enum {string} */
            billingMode: "prepaid" | "postpaid" | "hybrid";
            balances: {
              walletId: string;
              currency: string;
              /** @description the wallet's balance now, in micros (negative when credit is in use) */
              available: number;
              /** @description held by calls in flight (two-phase prices), released when they settle */
              reserved: number;
              /** @description how far below zero the balance may go */
              creditLimit: number;
              /** @description available + creditLimit: what the next calls may spend */
              spendable: number;
              /** @description active grants (part of available), in consumption order; remaining as of the usage booked so far */
              grants: {
                grantId: string;
                kind: string;
                remaining: number;
                expiresAt: string;
              }[];
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listMyUsage: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of usage events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              keyId: string;
              planId: string;
              productId: string;
              method: string;
              path: string;
              /** @description the priced units: 1 per call, or bytes, milliseconds, reported units */
              units: number;
              /** @description micros this call costs: its price; 0 for a refunded call, whenever it was refunded (what was taken and given back is refundedAmount) */
              amount: number;
              /** @description deprecated: the old name of amount */
              price: number;
              currency: string;
              /** @description the response status (two-phase charges) */
              status?: number;
              durationMs?: number;
              /** @description returned to the caller: an upstream failure or abort, a reservation reaped, or a charge voided (503) */
              refunded: boolean;
              /** @description micros taken for this call and given back: a voided charge's price (booked first, its refund is a usage ledger entry of its own), 0 when nothing was taken (a reservation released or reaped) or not refunded */
              refundedAmount: number;
              /** @description soft quotas this call carried past their limit */
              quotasExceeded: string[];
              /** @description what the usage was, as it was charged */
              attributes?: {
                [key: string]: string;
              };
              /** @description the rate line that priced it (a destination prefix, a model), for a product rated by a dimension */
              rateLine?: string;
              /** @description who charged it, for a charge made with a staff credential (`user:…`, `token:…`, `admin:…`; its keyId is `-`) */
              actor?: string;
              /** @description the bundles that paid its units, in consumption order, and how many each; the rest (if any) was charged in money */
              bundles?: {
                bundleId: string;
                units: number;
              }[];
              timestamp: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listTransactions: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        timeZone?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of ledger entries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              walletId: string;
              accountId: string;
              type: string;
              amount: number;
              currency: string;
              reason?: string;
              /** @description usage entries: how many calls the entry books */
              usageCount?: number;
              /** @description credits: the wallet's available balance right after this entry */
              balanceAfter?: number;
              createdAt: string;
            }[];
            nextCursor?: string;
            /** @description with ?timeZone: each day of the page's usage entries, newest first, with the whole day's totals */
            usageDays?: {
              /** @description YYYY-MM-DD in the timeZone asked for */
              date: string;
              currency: string;
              /** @description the sum of the day's usage entries, on this page or not */
              amount: number;
              entries: number;
              calls: number;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listMyTransactions: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        timeZone?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of ledger entries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              walletId: string;
              accountId: string;
              type: string;
              amount: number;
              currency: string;
              reason?: string;
              /** @description usage entries: how many calls the entry books */
              usageCount?: number;
              /** @description credits: the wallet's available balance right after this entry */
              balanceAfter?: number;
              createdAt: string;
            }[];
            nextCursor?: string;
            /** @description with ?timeZone: each day of the page's usage entries, newest first, with the whole day's totals */
            usageDays?: {
              /** @description YYYY-MM-DD in the timeZone asked for */
              date: string;
              currency: string;
              /** @description the sum of the day's usage entries, on this page or not */
              amount: number;
              entries: number;
              calls: number;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  reconcile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          accountIds?: string[];
        };
      };
    };
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            checked: number;
            drifts: {
              accountId: string;
              walletId: string;
              currency: string;
              /** @description sum of the wallet's ledger entries */
              ledger: number;
              /** @description ledger entries not yet applied to Redis */
              pendingCredits: number;
              /** @description usage ingested, not yet booked into the ledger */
              unbookedUsage: number;
              /** @description usage still in the Redis streams, not yet ingested */
              streamedUsage: number;
              hotBalance: number;
              /** @description held by open reservations */
              reserved: number;
              drift: number;
              /** @description deprecated: the old name of unbookedUsage */
              unsettledUsage: number;
              /** @description deprecated: the old name of reserved */
              held: number;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  rebuildRedis: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description How many accounts came back */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            restored: number;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listVoucherBatches: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of voucher batches */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              batchId: string;
              /** @description each code's face value, in micros */
              amount: number;
              currency: string;
              /** @description the bundle pack each code grants, if they grant one */
              packId?: string;
              expiresAt: string;
              createdAt: string;
              /** @description codes issued */
              count: number;
              /** @description codes redeemed so far */
              redeemed: number;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createVoucherBatch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount?: number;
          /** @description a bundle pack each code grants (instead of an amount) */
          packId?: string;
          currency: string;
          count: number;
          /** Format: date-time */
          expiresAt: string;
        };
      };
    };
    responses: {
      /** @description The batch and its codes */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            batchId: string;
            amount: number;
            currency: string;
            packId?: string;
            expiresAt: string;
            codes: string[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  redeemVoucher: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          code: string;
        };
      };
    };
    responses: {
      /** @description The credit (and, for a code that grants a pack, the purchase it paid) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            walletId: string;
            accountId: string;
            type: string;
            amount: number;
            currency: string;
            reason?: string;
            /** @description usage entries: how many calls the entry books */
            usageCount?: number;
            /** @description credits: the wallet's available balance right after this entry */
            balanceAfter?: number;
            createdAt: string;
            /** @description a code that grants a bundle pack: the purchase its credit paid, its bundle issued (the credit is taken back by it) */
            packPurchase?: {
              id: string;
              accountId: string;
              packId: string;
              /** @enum {string} */
              payment: "wallet" | "card" | "voucher";
              /** @description micros */
              price: number;
              currency: string;
              productId: string;
              units: number;
              /** @description when the bundle it issues expires */
              expiresAt: string;
              /**
               * @description `issued` once paid and its bundle issued; a card purchase is pending until the payment succeeds; `failed`: the wallet did not cover it (nothing was taken; its Idempotency-Key answers the same 402)
               * @enum {string}
               */
              status: "pending" | "issued" | "failed";
              /** @description the bundle it issues (issued purchases) */
              bundleId: string;
              /** @description the `pack` ledger entry that takes its price */
              ledgerEntryId: string;
              /** @description card purchases: the card payment */
              rechargeId?: string;
              createdAt: string;
              issuedAt?: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The code is not valid, already redeemed, expired, or in a currency the account has no wallet for (`unprocessable`, with a `reason`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Too many invalid codes from this account or address (`rate_limited`, with `retryAfterSeconds`) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  redeemMyVoucher: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          code: string;
        };
      };
    };
    responses: {
      /** @description The credit (and, for a code that grants a pack, the purchase it paid) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            walletId: string;
            accountId: string;
            type: string;
            amount: number;
            currency: string;
            reason?: string;
            /** @description usage entries: how many calls the entry books */
            usageCount?: number;
            /** @description credits: the wallet's available balance right after this entry */
            balanceAfter?: number;
            createdAt: string;
            /** @description a code that grants a bundle pack: the purchase its credit paid, its bundle issued (the credit is taken back by it) */
            packPurchase?: {
              id: string;
              accountId: string;
              packId: string;
              /** @enum {string} */
              payment: "wallet" | "card" | "voucher";
              /** @description micros */
              price: number;
              currency: string;
              productId: string;
              units: number;
              /** @description when the bundle it issues expires */
              expiresAt: string;
              /**
               * @description `issued` once paid and its bundle issued; a card purchase is pending until the payment succeeds; `failed`: the wallet did not cover it (nothing was taken; its Idempotency-Key answers the same 402)
               * @enum {string}
               */
              status: "pending" | "issued" | "failed";
              /** @description the bundle it issues (issued purchases) */
              bundleId: string;
              /** @description the `pack` ledger entry that takes its price */
              ledgerEntryId: string;
              /** @description card purchases: the card payment */
              rechargeId?: string;
              createdAt: string;
              issuedAt?: string;
            };
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The code is not valid, already redeemed, expired, or in a currency the account has no wallet for (`unprocessable`, with a `reason`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Too many invalid codes from this account or address (`rate_limited`, with `retryAfterSeconds`) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listRecharges: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of recharges */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              walletId: string;
              amount: number;
              currency: string;
              provider: string;
              providerRef?: string;
              /** @description a card payment of this invoice, not a top-up */
              invoiceId?: string;
              /** @description a card payment of this bundle pack purchase, not a top-up */
              packPurchaseId?: string;
              /** @enum {string} */
              status: "pending" | "succeeded" | "failed" | "refunded";
              automatic: boolean;
              failureReason?: string;
              /** @description pending top-ups paid on the provider's page: where the customer pays */
              checkoutUrl?: string;
              /** @description pending top-ups paid on the provider's page: when the page stops taking payment */
              expiresAt?: string;
              /** @description the customer kept this payment's card for auto-recharge (`fromRecharge`) */
              cardSaved: boolean;
              /** @description the kept card, as the provider describes it */
              card?: {
                /** @description visa, mastercard, amex… */
                brand: string;
                last4: string;
                expMonth: number;
                expYear: number;
              };
              /** @description the ledger entry that credited the wallet with this payment: absent while a confirmed payment is still being applied */
              creditEntryId?: string;
              createdAt: string;
              updatedAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createRecharge: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount: number;
          currency?: string;
          /** @enum {string} */
          provider: "stripe";
          paymentMethod?: string;
          fromRecharge?: string;
          /** Format: uri */
          returnUrl?: string;
          /** @default false */
          saveCard?: boolean;
        };
      };
    };
    responses: {
      /** @description The recharge */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            walletId: string;
            amount: number;
            currency: string;
            provider: string;
            providerRef?: string;
            /** @description a card payment of this invoice, not a top-up */
            invoiceId?: string;
            /** @description a card payment of this bundle pack purchase, not a top-up */
            packPurchaseId?: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "refunded";
            automatic: boolean;
            failureReason?: string;
            /** @description where the customer pays, when `returnUrl` was given */
            checkoutUrl?: string;
            /** @description pending top-ups paid on the provider's page: when the page stops taking payment */
            expiresAt?: string;
            /** @description the customer kept this payment's card for auto-recharge (`fromRecharge`) */
            cardSaved: boolean;
            /** @description the kept card, as the provider describes it */
            card?: {
              /** @description visa, mastercard, amex… */
              brand: string;
              last4: string;
              expMonth: number;
              expYear: number;
            };
            /** @description the ledger entry that credited the wallet with this payment: absent while a confirmed payment is still being applied */
            creditEntryId?: string;
            createdAt: string;
            updatedAt: string;
            /** @description for the provider's own card form, when neither a card nor a return address was given */
            clientSecret?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such payment provider is configured, or the account has no wallet in the currency (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  refundRecharge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        rechargeId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description The refunded recharge */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            walletId: string;
            amount: number;
            currency: string;
            provider: string;
            providerRef?: string;
            /** @description a card payment of this invoice, not a top-up */
            invoiceId?: string;
            /** @description a card payment of this bundle pack purchase, not a top-up */
            packPurchaseId?: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "refunded";
            automatic: boolean;
            failureReason?: string;
            /** @description pending top-ups paid on the provider's page: where the customer pays */
            checkoutUrl?: string;
            /** @description pending top-ups paid on the provider's page: when the page stops taking payment */
            expiresAt?: string;
            /** @description the customer kept this payment's card for auto-recharge (`fromRecharge`) */
            cardSaved: boolean;
            /** @description the kept card, as the provider describes it */
            card?: {
              /** @description visa, mastercard, amex… */
              brand: string;
              last4: string;
              expMonth: number;
              expYear: number;
            };
            /** @description the ledger entry that credited the wallet with this payment: absent while a confirmed payment is still being applied */
            creditEntryId?: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Only a succeeded recharge can be refunded (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The recharge's payment provider is not configured (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  cancelRecharge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        rechargeId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description The cancelled recharge */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            walletId: string;
            amount: number;
            currency: string;
            provider: string;
            providerRef?: string;
            /** @description a card payment of this invoice, not a top-up */
            invoiceId?: string;
            /** @description a card payment of this bundle pack purchase, not a top-up */
            packPurchaseId?: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "refunded";
            automatic: boolean;
            failureReason?: string;
            /** @description pending top-ups paid on the provider's page: where the customer pays */
            checkoutUrl?: string;
            /** @description pending top-ups paid on the provider's page: when the page stops taking payment */
            expiresAt?: string;
            /** @description the customer kept this payment's card for auto-recharge (`fromRecharge`) */
            cardSaved: boolean;
            /** @description the kept card, as the provider describes it */
            card?: {
              /** @description visa, mastercard, amex… */
              brand: string;
              last4: string;
              expMonth: number;
              expYear: number;
            };
            /** @description the ledger entry that credited the wallet with this payment: absent while a confirmed payment is still being applied */
            creditEntryId?: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request conflicts with the resource's state (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listKeptCards: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The kept cards */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              /** @description the top-up that kept it: auto-recharge's `fromRecharge` */
              rechargeId: string;
              provider: string;
              card?: {
                /** @description visa, mastercard, amex… */
                brand: string;
                last4: string;
                expMonth: number;
                expYear: number;
              };
              keptAt: string;
              /** @description a wallet of the account pays its auto-recharges with it */
              usedByAutoRecharge: boolean;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  forgetKeptCard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        rechargeId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Forgotten */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            autoRechargeOff: string[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  paymentWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        provider: "stripe";
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description Received */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @constant */
            received: true;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The signature does not verify over the body as sent (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request conflicts with the resource's state (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  issueGrant: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        walletId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @enum {string} */
          kind: "promotional" | "paid";
          amount: number;
          /** @default 0 */
          priority?: number;
          /** Format: date-time */
          expiresAt: string;
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The grant */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            walletId: string;
            currency: string;
            /** @enum {string} */
            kind: "promotional" | "paid";
            amount: number;
            remaining: number;
            priority: number;
            expiresAt: string;
            /** @enum {string} */
            status: "active" | "expired";
            reason?: string;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listGrants: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of grants */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              walletId: string;
              currency: string;
              /** @enum {string} */
              kind: "promotional" | "paid";
              amount: number;
              remaining: number;
              priority: number;
              expiresAt: string;
              /** @enum {string} */
              status: "active" | "expired";
              reason?: string;
              createdAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listBundles: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of bundles */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              productId: string;
              /** @description units issued */
              units: number;
              /** @description units left now (what the gateways take from); 0 once it has ended */
              remaining: number;
              priority: number;
              expiresAt: string;
              /**
               * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
               * @enum {string}
               */
              overage: "charge" | "refuse";
              /** @enum {string} */
              status: "active" | "expired" | "revoked";
              /**
               * @description granted by staff, bought as a pack, included in the plan for a period, or a plan bundle's units rolled over into the next period
               * @enum {string}
               */
              source: "grant" | "pack" | "plan" | "rollover";
              /** @description plan and rollover bundles: the plan that included it */
              planId?: string;
              /** @description plan bundles: the period it is valid for, by its first day (`once`: the first period only) */
              periodKey?: string;
              /** @description plan bundles: at most this many of its units left when it expires roll over */
              rolloverCap?: number;
              /** @description rollover bundles: the plan bundle whose units they are */
              rolledFrom?: string;
              reason?: string;
              createdAt: string;
              endedAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  issueBundle: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          productId: string;
          units: number;
          /** @default 0 */
          priority?: number;
          /** Format: date-time */
          expiresAt: string;
          /**
           * @default charge
           * @enum {string}
           */
          overage?: "charge" | "refuse";
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The bundle */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            productId: string;
            /** @description units issued */
            units: number;
            /** @description units left now (what the gateways take from); 0 once it has ended */
            remaining: number;
            priority: number;
            expiresAt: string;
            /**
             * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
             * @enum {string}
             */
            overage: "charge" | "refuse";
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            /**
             * @description granted by staff, bought as a pack, included in the plan for a period, or a plan bundle's units rolled over into the next period
             * @enum {string}
             */
            source: "grant" | "pack" | "plan" | "rollover";
            /** @description plan and rollover bundles: the plan that included it */
            planId?: string;
            /** @description plan bundles: the period it is valid for, by its first day (`once`: the first period only) */
            periodKey?: string;
            /** @description plan bundles: at most this many of its units left when it expires roll over */
            rolloverCap?: number;
            /** @description rollover bundles: the plan bundle whose units they are */
            rolledFrom?: string;
            reason?: string;
            createdAt: string;
            endedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`); The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  revokeBundle: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        bundleId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked bundle */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            productId: string;
            /** @description units issued */
            units: number;
            /** @description units left now (what the gateways take from); 0 once it has ended */
            remaining: number;
            priority: number;
            expiresAt: string;
            /**
             * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
             * @enum {string}
             */
            overage: "charge" | "refuse";
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            /**
             * @description granted by staff, bought as a pack, included in the plan for a period, or a plan bundle's units rolled over into the next period
             * @enum {string}
             */
            source: "grant" | "pack" | "plan" | "rollover";
            /** @description plan and rollover bundles: the plan that included it */
            planId?: string;
            /** @description plan bundles: the period it is valid for, by its first day (`once`: the first period only) */
            periodKey?: string;
            /** @description plan bundles: at most this many of its units left when it expires roll over */
            rolloverCap?: number;
            /** @description rollover bundles: the plan bundle whose units they are */
            rolledFrom?: string;
            reason?: string;
            createdAt: string;
            endedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listBundlePacks: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        status?: "active" | "archived";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of packs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              name: string;
              productId: string;
              units: number;
              /** @description a bundle bought lasts `days` from its purchase, or `until` a date */
              validity: {
                days?: number;
                until?: string;
              };
              priority: number;
              /**
               * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
               * @enum {string}
               */
              overage: "charge" | "refuse";
              prices: {
                currency: string;
                /** @description micros */
                amount: number;
              }[];
              /** @enum {string} */
              status: "active" | "archived";
              createdAt: string;
              archivedAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createBundlePack: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
          productId: string;
          units: number;
          validity:
            | {
                days: number;
              }
            | {
                /** Format: date-time */
                until: string;
              };
          /** @default 0 */
          priority?: number;
          /**
           * @default charge
           * @enum {string}
           */
          overage?: "charge" | "refuse";
          prices: {
            currency: string;
            amount: number;
          }[];
        };
      };
    };
    responses: {
      /** @description The pack */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            productId: string;
            units: number;
            /** @description a bundle bought lasts `days` from its purchase, or `until` a date */
            validity: {
              days?: number;
              until?: string;
            };
            priority: number;
            /**
             * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
             * @enum {string}
             */
            overage: "charge" | "refuse";
            prices: {
              currency: string;
              /** @description micros */
              amount: number;
            }[];
            /** @enum {string} */
            status: "active" | "archived";
            createdAt: string;
            archivedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listAccountBundlePacks: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of packs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              name: string;
              productId: string;
              units: number;
              /** @description a bundle bought lasts `days` from its purchase, or `until` a date */
              validity: {
                days?: number;
                until?: string;
              };
              priority: number;
              /**
               * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
               * @enum {string}
               */
              overage: "charge" | "refuse";
              prices: {
                currency: string;
                /** @description micros */
                amount: number;
              }[];
              /** @enum {string} */
              status: "active" | "archived";
              createdAt: string;
              archivedAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  archiveBundlePack: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        packId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The archived pack */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            productId: string;
            units: number;
            /** @description a bundle bought lasts `days` from its purchase, or `until` a date */
            validity: {
              days?: number;
              until?: string;
            };
            priority: number;
            /**
             * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
             * @enum {string}
             */
            overage: "charge" | "refuse";
            prices: {
              currency: string;
              /** @description micros */
              amount: number;
            }[];
            /** @enum {string} */
            status: "active" | "archived";
            createdAt: string;
            archivedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listPackPurchases: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of purchases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              packId: string;
              /** @enum {string} */
              payment: "wallet" | "card" | "voucher";
              /** @description micros */
              price: number;
              currency: string;
              productId: string;
              units: number;
              /** @description when the bundle it issues expires */
              expiresAt: string;
              /**
               * @description `issued` once paid and its bundle issued; a card purchase is pending until the payment succeeds; `failed`: the wallet did not cover it (nothing was taken; its Idempotency-Key answers the same 402)
               * @enum {string}
               */
              status: "pending" | "issued" | "failed";
              /** @description the bundle it issues (issued purchases) */
              bundleId: string;
              /** @description the `pack` ledger entry that takes its price */
              ledgerEntryId: string;
              /** @description card purchases: the card payment */
              rechargeId?: string;
              createdAt: string;
              issuedAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  buyBundlePack: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          packId: string;
          /**
           * @default wallet
           * @enum {string}
           */
          payment?: "wallet" | "card";
          /** @enum {string} */
          provider?: "stripe";
          paymentMethod?: string;
          fromRecharge?: string;
          /** Format: uri */
          returnUrl?: string;
        };
      };
    };
    responses: {
      /** @description The purchase: issued with its bundle (wallet), or pending its card payment */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            packId: string;
            /** @enum {string} */
            payment: "wallet" | "card" | "voucher";
            /** @description micros */
            price: number;
            currency: string;
            productId: string;
            units: number;
            /** @description when the bundle it issues expires */
            expiresAt: string;
            /**
             * @description `issued` once paid and its bundle issued; a card purchase is pending until the payment succeeds; `failed`: the wallet did not cover it (nothing was taken; its Idempotency-Key answers the same 402)
             * @enum {string}
             */
            status: "pending" | "issued" | "failed";
            /** @description the bundle it issues (issued purchases) */
            bundleId: string;
            /** @description the `pack` ledger entry that takes its price */
            ledgerEntryId: string;
            /** @description card purchases: the card payment */
            rechargeId?: string;
            createdAt: string;
            issuedAt?: string;
            /** @description the bundle issued (issued purchases) */
            bundle?: {
              id: string;
              accountId: string;
              productId: string;
              /** @description units issued */
              units: number;
              /** @description units left now (what the gateways take from); 0 once it has ended */
              remaining: number;
              priority: number;
              expiresAt: string;
              /**
               * @description what units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)
               * @enum {string}
               */
              overage: "charge" | "refuse";
              /** @enum {string} */
              status: "active" | "expired" | "revoked";
              /**
               * @description granted by staff, bought as a pack, included in the plan for a period, or a plan bundle's units rolled over into the next period
               * @enum {string}
               */
              source: "grant" | "pack" | "plan" | "rollover";
              /** @description plan and rollover bundles: the plan that included it */
              planId?: string;
              /** @description plan bundles: the period it is valid for, by its first day (`once`: the first period only) */
              periodKey?: string;
              /** @description plan bundles: at most this many of its units left when it expires roll over */
              rolloverCap?: number;
              /** @description rollover bundles: the plan bundle whose units they are */
              rolledFrom?: string;
              reason?: string;
              createdAt: string;
              endedAt?: string;
            };
            /** @description card: for the provider's own card form, when neither a card nor a return address was given */
            clientSecret?: string;
            /** @description card: where the customer pays, when `returnUrl` was given */
            checkoutUrl?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The wallet does not cover the pack's price (`insufficient_funds`): nothing was taken or issued */
      402: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The pack is unknown, archived, not of the account's plan or currency, or no such payment provider (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  reconcileBundles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          accountIds?: string[];
        };
      };
    };
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description bundles checked */
            checked: number;
            drifts: {
              accountId: string;
              bundleId: string;
              /** @description the sum of the bundle's unit entries */
              ledger: number;
              /** @description units its usage (negative) and voids (positive) in the usage streams moved, not yet in the unit ledger */
              streamed: number;
              /** @description Redis: its units left (0 once it has ended) */
              hot: number;
              /** @description ledger + streamed - hot: 0 when all agree */
              drift: number;
            }[];
            /** @description with `accountIds`: every bundle of those accounts, as read */
            bundles?: {
              accountId: string;
              bundleId: string;
              /** @description the sum of the bundle's unit entries */
              ledger: number;
              /** @description units its usage (negative) and voids (positive) in the usage streams moved, not yet in the unit ledger */
              streamed: number;
              /** @description Redis: its units left (0 once it has ended) */
              hot: number;
              /** @description ledger + streamed - hot: 0 when all agree */
              drift: number;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getStatement: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        period: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            period: string;
            from: string;
            to: string;
            wallets: {
              walletId: string;
              currency: string;
              opening: number;
              /** @description sum of the period's ledger entries by type: credit, adjustment, grant, reversal, expiry, payment, fee, pack, usage */
              movements: {
                [key: string]: number;
              };
              /** @description how many ledger entries of each type the period holds */
              counts: {
                [key: string]: number;
              };
              closing: number;
              entries: number;
            }[];
            /** @description a payer's statement: its lines' calls its wallets paid this month, per line (their money is in `usage`, once booked) */
            lines?: {
              accountId: string;
              name: string;
              currency: string;
              /** @description the line's calls of the month (by their time) this account's wallet paid, refunded ones left out */
              calls: number;
              /** @description micros charged for them */
              amount: number;
            }[];
            /** @description a line's statement: its own calls of the month that its payer paid (no money of its own moved for them) */
            paidByPayer?: {
              payerId: string;
              currency: string;
              /** @description this account's calls of the month (by their time) while it was a line of that payer */
              calls: number;
              /** @description micros charged for them to the payer's wallet */
              amount: number;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getStatementHtml: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        period: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement as an HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getStatementPdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        period: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement as a PDF file (an attachment named by its month) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/pdf": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getNotificationSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The settings */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            emails: string[];
            webhooks: {
              id: string;
              url: string;
              /** @description Standard Webhooks signing secret (whsec_…) */
              secret: string;
            }[];
            muted: (
              | "balance_below"
              | "balance_depleted"
              | "quota_reached"
              | "recharge_succeeded"
              | "recharge_failed"
              | "invoice_issued"
              | "usage_anomaly"
              | "fee_past_due"
              | "bundle_below"
              | "bundle_depleted"
            )[];
            balanceThresholds: number[];
            percentOfLastRecharge: number[];
            quotaPercents: number[];
            /** @description A bundle's units left, in percent of those issued, at which the account is told */
            bundlePercents: number[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setNotificationSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @default [] */
          emails?: string[];
          /** @default [] */
          webhooks?: string[];
          /** @default [] */
          muted?: (
            | "balance_below"
            | "balance_depleted"
            | "quota_reached"
            | "recharge_succeeded"
            | "recharge_failed"
            | "invoice_issued"
            | "usage_anomaly"
            | "fee_past_due"
            | "bundle_below"
            | "bundle_depleted"
          )[];
          /** @default [] */
          balanceThresholds?: number[];
          /** @default [] */
          percentOfLastRecharge?: number[];
          /**
           * @default [
           *       50,
           *       80,
           *       100
           *     ]
           */
          quotaPercents?: number[];
          /**
           * @default [
           *       20
           *     ]
           */
          bundlePercents?: number[];
        };
      };
    };
    responses: {
      /** @description The settings */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            emails: string[];
            webhooks: {
              id: string;
              url: string;
              /** @description Standard Webhooks signing secret (whsec_…) */
              secret: string;
            }[];
            muted: (
              | "balance_below"
              | "balance_depleted"
              | "quota_reached"
              | "recharge_succeeded"
              | "recharge_failed"
              | "invoice_issued"
              | "usage_anomaly"
              | "fee_past_due"
              | "bundle_below"
              | "bundle_depleted"
            )[];
            balanceThresholds: number[];
            percentOfLastRecharge: number[];
            quotaPercents: number[];
            /** @description A bundle's units left, in percent of those issued, at which the account is told */
            bundlePercents: number[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listNotifications: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of notifications */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              kind: string;
              data: {
                [key: string]: unknown;
              };
              delivered: string[];
              pending: string[];
              failed: string[];
              attempts: number;
              createdAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listWebhookEndpoints: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoints */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              url: string;
              events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
              description?: string;
              /** @description the Standard Webhooks signing secret (`whsec_…`): verify each delivery's `webhook-signature` with it */
              secret: string;
              createdBy: string;
              createdAt: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: uri */
          url: string;
          events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
          description?: string;
        };
      };
    };
    responses: {
      /** @description The endpoint, with its signing secret */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            url: string;
            events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
            description?: string;
            /** @description the Standard Webhooks signing secret (`whsec_…`): verify each delivery's `webhook-signature` with it */
            secret: string;
            createdBy: string;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            url: string;
            events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
            description?: string;
            /** @description the Standard Webhooks signing secret (`whsec_…`): verify each delivery's `webhook-signature` with it */
            secret: string;
            createdBy: string;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  updateWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: uri */
          url: string;
          events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
          description?: string;
        };
      };
    };
    responses: {
      /** @description The endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            url: string;
            events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
            description?: string;
            /** @description the Standard Webhooks signing secret (`whsec_…`): verify each delivery's `webhook-signature` with it */
            secret: string;
            createdBy: string;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  removeWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        endpointId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The removed endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            url: string;
            events: ("invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated")[];
            description?: string;
            /** @description the Standard Webhooks signing secret (`whsec_…`): verify each delivery's `webhook-signature` with it */
            secret: string;
            createdBy: string;
            createdAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        endpointId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of delivery attempts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              endpointId: string;
              /** @description the event's id: the `webhook-id` header, the same on every attempt */
              eventId: string;
              /** @enum {string} */
              eventType: "invoice.finalized" | "invoice.paid" | "payment.refunded" | "account.updated";
              attempt: number;
              ok: boolean;
              /** @description `HTTP 204`, or why it failed */
              detail: string;
              at: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listInvoices: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of documents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              /** @enum {string} */
              kind: "invoice" | "receipt" | "credit_note";
              number?: string;
              accountId: string;
              currency: string;
              subject: string;
              /** @enum {string} */
              status: "draft" | "finalized" | "paid" | "void";
              lines: {
                /**
                 * @description period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats
                 * @enum {string}
                 */
                kind?: "usage" | "fee" | "seats" | "proration";
                description: string;
                productId?: string;
                /**
                 * @description usage lines: what the quantity counts
                 * @enum {string}
                 */
                unit?: "call" | "unit";
                /** @description usage lines: the units bundles paid, at 0 (the charged usage is on other lines) */
                covered?: boolean;
                quantity: number;
                unitPrice: number;
                amount: number;
                /** @description documents with tax: the line's product tax category */
                taxCategory?: string;
                /** @description tax rounded per line: the line's tax, in micros */
                tax?: number;
                /** @description consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's */
                accountId?: string;
              }[];
              /** @description consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print */
              sections?: {
                accountId: string;
                /** @description the account's name when the invoice was made */
                name: string;
                /** @description micros: the sum of the section's lines */
                subtotal: number;
              }[];
              /** @description micros, exact: the lines' sum (tax included when `tax.inclusive`) */
              subtotal: number;
              rounding: number;
              /** @description the tax, fixed when the document was finalized (absent: no tax applied) */
              tax?: {
                /** @description the lines' amounts include the tax */
                inclusive: boolean;
                /**
                 * @description each tax rounded to the minor unit per line, or per rate on the document
                 * @enum {string}
                 */
                rounding: "line" | "document";
                /** @description EU B2B across a border: 0 %, the customer accounts for the VAT */
                reverseCharge: boolean;
                lines: {
                  name: string;
                  country: string;
                  region?: string;
                  category: string;
                  ratePpm: number;
                  taxRateId?: string;
                  /** @description micros, net of tax */
                  taxable: number;
                  /** @description micros of tax */
                  amount: number;
                }[];
                /** @description micros: the document's tax */
                amount: number;
              };
              /** @description a prepaid period's invoice (tax at use), settled from the prepaid balance */
              prepaid?: boolean;
              /** @description micros: subtotal plus any tax added, rounded half up to the currency's minor unit */
              total: number;
              correctsInvoiceId?: string;
              /** @description period invoices: the billing period's start */
              periodFrom?: string;
              /** @description period invoices: the billing period's end */
              periodTo?: string;
              /** @description period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice */
              cutoff?: string;
              /** @description micros received for this invoice (ledger payment entries) */
              amountPaid: number;
              /** @description finalized documents: who issued it, as the issuer profile was when it was finalized */
              issuer?: {
                legalName: string;
                address?: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                taxId?: string;
                /** Format: email */
                email?: string;
                /** Format: uri */
                website?: string;
                accentColor?: string;
                /**
                 * @description invoices fall due this many days after they are issued (0: on receipt)
                 * @default 14
                 */
                dueDays: number;
                /** @description how to pay (bank details, a payment link), printed under the totals */
                paymentInstructions?: string;
                /** @description the documents' last line (registered office, company number…) */
                footer?: string;
              };
              /** @description finalized documents: who it is to, as the account was when it was finalized */
              customer?: {
                name: string;
                billingDetails?: {
                  legalName: string;
                  address: {
                    line1: string;
                    line2?: string;
                    city: string;
                    postalCode?: string;
                    /** @description a state, province or county, where the address needs one */
                    region?: string;
                    /** @description the country, which also says which tax rates apply (with `region`) */
                    country: string;
                  };
                  /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                  taxId?: string;
                  /**
                   * Format: email
                   * @description where documents go (the notification recipients when absent)
                   */
                  email?: string;
                };
              };
              /** @description finalized invoices: when payment is due (the issuer's payment terms) */
              dueAt?: string;
              finalizedAt?: string;
              paidAt?: string;
              voidedAt?: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  closeBillingPeriod: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: date */
          periodStart: string;
        };
      };
    };
    responses: {
      /** @description The invoice */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            invoice: {
              id: string;
              /** @enum {string} */
              kind: "invoice" | "receipt" | "credit_note";
              number?: string;
              accountId: string;
              currency: string;
              subject: string;
              /** @enum {string} */
              status: "draft" | "finalized" | "paid" | "void";
              lines: {
                /**
                 * @description period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats
                 * @enum {string}
                 */
                kind?: "usage" | "fee" | "seats" | "proration";
                description: string;
                productId?: string;
                /**
                 * @description usage lines: what the quantity counts
                 * @enum {string}
                 */
                unit?: "call" | "unit";
                /** @description usage lines: the units bundles paid, at 0 (the charged usage is on other lines) */
                covered?: boolean;
                quantity: number;
                unitPrice: number;
                amount: number;
                /** @description documents with tax: the line's product tax category */
                taxCategory?: string;
                /** @description tax rounded per line: the line's tax, in micros */
                tax?: number;
                /** @description consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's */
                accountId?: string;
              }[];
              /** @description consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print */
              sections?: {
                accountId: string;
                /** @description the account's name when the invoice was made */
                name: string;
                /** @description micros: the sum of the section's lines */
                subtotal: number;
              }[];
              /** @description micros, exact: the lines' sum (tax included when `tax.inclusive`) */
              subtotal: number;
              rounding: number;
              /** @description the tax, fixed when the document was finalized (absent: no tax applied) */
              tax?: {
                /** @description the lines' amounts include the tax */
                inclusive: boolean;
                /**
                 * @description each tax rounded to the minor unit per line, or per rate on the document
                 * @enum {string}
                 */
                rounding: "line" | "document";
                /** @description EU B2B across a border: 0 %, the customer accounts for the VAT */
                reverseCharge: boolean;
                lines: {
                  name: string;
                  country: string;
                  region?: string;
                  category: string;
                  ratePpm: number;
                  taxRateId?: string;
                  /** @description micros, net of tax */
                  taxable: number;
                  /** @description micros of tax */
                  amount: number;
                }[];
                /** @description micros: the document's tax */
                amount: number;
              };
              /** @description a prepaid period's invoice (tax at use), settled from the prepaid balance */
              prepaid?: boolean;
              /** @description micros: subtotal plus any tax added, rounded half up to the currency's minor unit */
              total: number;
              correctsInvoiceId?: string;
              /** @description period invoices: the billing period's start */
              periodFrom?: string;
              /** @description period invoices: the billing period's end */
              periodTo?: string;
              /** @description period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice */
              cutoff?: string;
              /** @description micros received for this invoice (ledger payment entries) */
              amountPaid: number;
              /** @description finalized documents: who issued it, as the issuer profile was when it was finalized */
              issuer?: {
                legalName: string;
                address?: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                taxId?: string;
                /** Format: email */
                email?: string;
                /** Format: uri */
                website?: string;
                accentColor?: string;
                /**
                 * @description invoices fall due this many days after they are issued (0: on receipt)
                 * @default 14
                 */
                dueDays: number;
                /** @description how to pay (bank details, a payment link), printed under the totals */
                paymentInstructions?: string;
                /** @description the documents' last line (registered office, company number…) */
                footer?: string;
              };
              /** @description finalized documents: who it is to, as the account was when it was finalized */
              customer?: {
                name: string;
                billingDetails?: {
                  legalName: string;
                  address: {
                    line1: string;
                    line2?: string;
                    city: string;
                    postalCode?: string;
                    /** @description a state, province or county, where the address needs one */
                    region?: string;
                    /** @description the country, which also says which tax rates apply (with `region`) */
                    country: string;
                  };
                  /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                  taxId?: string;
                  /**
                   * Format: email
                   * @description where documents go (the notification recipients when absent)
                   */
                  email?: string;
                };
              };
              /** @description finalized invoices: when payment is due (the issuer's payment terms) */
              dueAt?: string;
              finalizedAt?: string;
              paidAt?: string;
              voidedAt?: string;
            } | null;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The period has not begun, or another close of it is under way (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getInvoice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            kind: "invoice" | "receipt" | "credit_note";
            number?: string;
            accountId: string;
            currency: string;
            subject: string;
            /** @enum {string} */
            status: "draft" | "finalized" | "paid" | "void";
            lines: {
              /**
               * @description period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats
               * @enum {string}
               */
              kind?: "usage" | "fee" | "seats" | "proration";
              description: string;
              productId?: string;
              /**
               * @description usage lines: what the quantity counts
               * @enum {string}
               */
              unit?: "call" | "unit";
              /** @description usage lines: the units bundles paid, at 0 (the charged usage is on other lines) */
              covered?: boolean;
              quantity: number;
              unitPrice: number;
              amount: number;
              /** @description documents with tax: the line's product tax category */
              taxCategory?: string;
              /** @description tax rounded per line: the line's tax, in micros */
              tax?: number;
              /** @description consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's */
              accountId?: string;
            }[];
            /** @description consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print */
            sections?: {
              accountId: string;
              /** @description the account's name when the invoice was made */
              name: string;
              /** @description micros: the sum of the section's lines */
              subtotal: number;
            }[];
            /** @description micros, exact: the lines' sum (tax included when `tax.inclusive`) */
            subtotal: number;
            rounding: number;
            /** @description the tax, fixed when the document was finalized (absent: no tax applied) */
            tax?: {
              /** @description the lines' amounts include the tax */
              inclusive: boolean;
              /**
               * @description each tax rounded to the minor unit per line, or per rate on the document
               * @enum {string}
               */
              rounding: "line" | "document";
              /** @description EU B2B across a border: 0 %, the customer accounts for the VAT */
              reverseCharge: boolean;
              lines: {
                name: string;
                country: string;
                region?: string;
                category: string;
                ratePpm: number;
                taxRateId?: string;
                /** @description micros, net of tax */
                taxable: number;
                /** @description micros of tax */
                amount: number;
              }[];
              /** @description micros: the document's tax */
              amount: number;
            };
            /** @description a prepaid period's invoice (tax at use), settled from the prepaid balance */
            prepaid?: boolean;
            /** @description micros: subtotal plus any tax added, rounded half up to the currency's minor unit */
            total: number;
            correctsInvoiceId?: string;
            /** @description period invoices: the billing period's start */
            periodFrom?: string;
            /** @description period invoices: the billing period's end */
            periodTo?: string;
            /** @description period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice */
            cutoff?: string;
            /** @description micros received for this invoice (ledger payment entries) */
            amountPaid: number;
            /** @description finalized documents: who issued it, as the issuer profile was when it was finalized */
            issuer?: {
              legalName: string;
              address?: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              taxId?: string;
              /** Format: email */
              email?: string;
              /** Format: uri */
              website?: string;
              accentColor?: string;
              /**
               * @description invoices fall due this many days after they are issued (0: on receipt)
               * @default 14
               */
              dueDays: number;
              /** @description how to pay (bank details, a payment link), printed under the totals */
              paymentInstructions?: string;
              /** @description the documents' last line (registered office, company number…) */
              footer?: string;
            };
            /** @description finalized documents: who it is to, as the account was when it was finalized */
            customer?: {
              name: string;
              billingDetails?: {
                legalName: string;
                address: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                taxId?: string;
                /**
                 * Format: email
                 * @description where documents go (the notification recipients when absent)
                 */
                email?: string;
              };
            };
            /** @description finalized invoices: when payment is due (the issuer's payment terms) */
            dueAt?: string;
            finalizedAt?: string;
            paidAt?: string;
            voidedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getInvoiceHtml: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document as an HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getInvoicePdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document as a PDF file (an attachment named by its number) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/pdf": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  payInvoice: {
    parameters: {
      query?: never;
      header?: {
        "Idempotency-Key"?: string;
      };
      path: {
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount?: number;
        };
      };
    };
    responses: {
      /** @description The invoice, with what has been paid */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            kind: "invoice" | "receipt" | "credit_note";
            number?: string;
            accountId: string;
            currency: string;
            subject: string;
            /** @enum {string} */
            status: "draft" | "finalized" | "paid" | "void";
            lines: {
              /**
               * @description period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats
               * @enum {string}
               */
              kind?: "usage" | "fee" | "seats" | "proration";
              description: string;
              productId?: string;
              /**
               * @description usage lines: what the quantity counts
               * @enum {string}
               */
              unit?: "call" | "unit";
              /** @description usage lines: the units bundles paid, at 0 (the charged usage is on other lines) */
              covered?: boolean;
              quantity: number;
              unitPrice: number;
              amount: number;
              /** @description documents with tax: the line's product tax category */
              taxCategory?: string;
              /** @description tax rounded per line: the line's tax, in micros */
              tax?: number;
              /** @description consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's */
              accountId?: string;
            }[];
            /** @description consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print */
            sections?: {
              accountId: string;
              /** @description the account's name when the invoice was made */
              name: string;
              /** @description micros: the sum of the section's lines */
              subtotal: number;
            }[];
            /** @description micros, exact: the lines' sum (tax included when `tax.inclusive`) */
            subtotal: number;
            rounding: number;
            /** @description the tax, fixed when the document was finalized (absent: no tax applied) */
            tax?: {
              /** @description the lines' amounts include the tax */
              inclusive: boolean;
              /**
               * @description each tax rounded to the minor unit per line, or per rate on the document
               * @enum {string}
               */
              rounding: "line" | "document";
              /** @description EU B2B across a border: 0 %, the customer accounts for the VAT */
              reverseCharge: boolean;
              lines: {
                name: string;
                country: string;
                region?: string;
                category: string;
                ratePpm: number;
                taxRateId?: string;
                /** @description micros, net of tax */
                taxable: number;
                /** @description micros of tax */
                amount: number;
              }[];
              /** @description micros: the document's tax */
              amount: number;
            };
            /** @description a prepaid period's invoice (tax at use), settled from the prepaid balance */
            prepaid?: boolean;
            /** @description micros: subtotal plus any tax added, rounded half up to the currency's minor unit */
            total: number;
            correctsInvoiceId?: string;
            /** @description period invoices: the billing period's start */
            periodFrom?: string;
            /** @description period invoices: the billing period's end */
            periodTo?: string;
            /** @description period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice */
            cutoff?: string;
            /** @description micros received for this invoice (ledger payment entries) */
            amountPaid: number;
            /** @description finalized documents: who issued it, as the issuer profile was when it was finalized */
            issuer?: {
              legalName: string;
              address?: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              taxId?: string;
              /** Format: email */
              email?: string;
              /** Format: uri */
              website?: string;
              accentColor?: string;
              /**
               * @description invoices fall due this many days after they are issued (0: on receipt)
               * @default 14
               */
              dueDays: number;
              /** @description how to pay (bank details, a payment link), printed under the totals */
              paymentInstructions?: string;
              /** @description the documents' last line (registered office, company number…) */
              footer?: string;
            };
            /** @description finalized documents: who it is to, as the account was when it was finalized */
            customer?: {
              name: string;
              billingDetails?: {
                legalName: string;
                address: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                taxId?: string;
                /**
                 * Format: email
                 * @description where documents go (the notification recipients when absent)
                 */
                email?: string;
              };
            };
            /** @description finalized invoices: when payment is due (the issuer's payment terms) */
            dueAt?: string;
            finalizedAt?: string;
            paidAt?: string;
            voidedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The invoice is not finalized (a draft, void, or a credit note), or another payment of it is under way (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description More than remains due, not whole minor units, or no wallet to credit (`unprocessable`); the key was used for another amount (`idempotency_key_reused`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  payInvoiceByCard: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        accountId: string;
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @enum {string} */
          provider: "stripe";
          /** Format: uri */
          returnUrl: string;
        };
      };
    };
    responses: {
      /** @description The card payment, pending */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            walletId: string;
            amount: number;
            currency: string;
            provider: string;
            providerRef?: string;
            /** @description a card payment of this invoice, not a top-up */
            invoiceId?: string;
            /** @description a card payment of this bundle pack purchase, not a top-up */
            packPurchaseId?: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "refunded";
            automatic: boolean;
            failureReason?: string;
            /** @description where the customer pays */
            checkoutUrl?: string;
            /** @description pending top-ups paid on the provider's page: when the page stops taking payment */
            expiresAt?: string;
            /** @description the customer kept this payment's card for auto-recharge (`fromRecharge`) */
            cardSaved: boolean;
            /** @description the kept card, as the provider describes it */
            card?: {
              /** @description visa, mastercard, amex… */
              brand: string;
              last4: string;
              expMonth: number;
              expYear: number;
            };
            /** @description the ledger entry that credited the wallet with this payment: absent while a confirmed payment is still being applied */
            creditEntryId?: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request conflicts with the resource's state (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`); The request refers to something that cannot be used (`unprocessable`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  voidInvoice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description The document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            kind: "invoice" | "receipt" | "credit_note";
            number?: string;
            accountId: string;
            currency: string;
            subject: string;
            /** @enum {string} */
            status: "draft" | "finalized" | "paid" | "void";
            lines: {
              /**
               * @description period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats
               * @enum {string}
               */
              kind?: "usage" | "fee" | "seats" | "proration";
              description: string;
              productId?: string;
              /**
               * @description usage lines: what the quantity counts
               * @enum {string}
               */
              unit?: "call" | "unit";
              /** @description usage lines: the units bundles paid, at 0 (the charged usage is on other lines) */
              covered?: boolean;
              quantity: number;
              unitPrice: number;
              amount: number;
              /** @description documents with tax: the line's product tax category */
              taxCategory?: string;
              /** @description tax rounded per line: the line's tax, in micros */
              tax?: number;
              /** @description consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's */
              accountId?: string;
            }[];
            /** @description consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print */
            sections?: {
              accountId: string;
              /** @description the account's name when the invoice was made */
              name: string;
              /** @description micros: the sum of the section's lines */
              subtotal: number;
            }[];
            /** @description micros, exact: the lines' sum (tax included when `tax.inclusive`) */
            subtotal: number;
            rounding: number;
            /** @description the tax, fixed when the document was finalized (absent: no tax applied) */
            tax?: {
              /** @description the lines' amounts include the tax */
              inclusive: boolean;
              /**
               * @description each tax rounded to the minor unit per line, or per rate on the document
               * @enum {string}
               */
              rounding: "line" | "document";
              /** @description EU B2B across a border: 0 %, the customer accounts for the VAT */
              reverseCharge: boolean;
              lines: {
                name: string;
                country: string;
                region?: string;
                category: string;
                ratePpm: number;
                taxRateId?: string;
                /** @description micros, net of tax */
                taxable: number;
                /** @description micros of tax */
                amount: number;
              }[];
              /** @description micros: the document's tax */
              amount: number;
            };
            /** @description a prepaid period's invoice (tax at use), settled from the prepaid balance */
            prepaid?: boolean;
            /** @description micros: subtotal plus any tax added, rounded half up to the currency's minor unit */
            total: number;
            correctsInvoiceId?: string;
            /** @description period invoices: the billing period's start */
            periodFrom?: string;
            /** @description period invoices: the billing period's end */
            periodTo?: string;
            /** @description period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice */
            cutoff?: string;
            /** @description micros received for this invoice (ledger payment entries) */
            amountPaid: number;
            /** @description finalized documents: who issued it, as the issuer profile was when it was finalized */
            issuer?: {
              legalName: string;
              address?: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              taxId?: string;
              /** Format: email */
              email?: string;
              /** Format: uri */
              website?: string;
              accentColor?: string;
              /**
               * @description invoices fall due this many days after they are issued (0: on receipt)
               * @default 14
               */
              dueDays: number;
              /** @description how to pay (bank details, a payment link), printed under the totals */
              paymentInstructions?: string;
              /** @description the documents' last line (registered office, company number…) */
              footer?: string;
            };
            /** @description finalized documents: who it is to, as the account was when it was finalized */
            customer?: {
              name: string;
              billingDetails?: {
                legalName: string;
                address: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                taxId?: string;
                /**
                 * Format: email
                 * @description where documents go (the notification recipients when absent)
                 */
                email?: string;
              };
            };
            /** @description finalized invoices: when payment is due (the issuer's payment terms) */
            dueAt?: string;
            finalizedAt?: string;
            paidAt?: string;
            voidedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Only a finalized, unpaid document can be voided; a partly paid one is credited instead (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  issueCreditNote: {
    parameters: {
      query?: never;
      header: {
        "Idempotency-Key": string;
      };
      path: {
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          amount: number;
          reason: string;
        };
      };
    };
    responses: {
      /** @description The credit note */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            kind: "invoice" | "receipt" | "credit_note";
            number?: string;
            accountId: string;
            currency: string;
            subject: string;
            /** @enum {string} */
            status: "draft" | "finalized" | "paid" | "void";
            lines: {
              /**
               * @description period invoices: usage, the recurring fee, the seats, or a prorated change of plan or seats
               * @enum {string}
               */
              kind?: "usage" | "fee" | "seats" | "proration";
              description: string;
              productId?: string;
              /**
               * @description usage lines: what the quantity counts
               * @enum {string}
               */
              unit?: "call" | "unit";
              /** @description usage lines: the units bundles paid, at 0 (the charged usage is on other lines) */
              covered?: boolean;
              quantity: number;
              unitPrice: number;
              amount: number;
              /** @description documents with tax: the line's product tax category */
              taxCategory?: string;
              /** @description tax rounded per line: the line's tax, in micros */
              tax?: number;
              /** @description consolidated invoices: the payer's line (child account) whose usage this is; absent: the invoice's own account's */
              accountId?: string;
            }[];
            /** @description consolidated invoices (a payer's, billing its lines' usage too): the payer's own section first, then one per line, in the order they print */
            sections?: {
              accountId: string;
              /** @description the account's name when the invoice was made */
              name: string;
              /** @description micros: the sum of the section's lines */
              subtotal: number;
            }[];
            /** @description micros, exact: the lines' sum (tax included when `tax.inclusive`) */
            subtotal: number;
            rounding: number;
            /** @description the tax, fixed when the document was finalized (absent: no tax applied) */
            tax?: {
              /** @description the lines' amounts include the tax */
              inclusive: boolean;
              /**
               * @description each tax rounded to the minor unit per line, or per rate on the document
               * @enum {string}
               */
              rounding: "line" | "document";
              /** @description EU B2B across a border: 0 %, the customer accounts for the VAT */
              reverseCharge: boolean;
              lines: {
                name: string;
                country: string;
                region?: string;
                category: string;
                ratePpm: number;
                taxRateId?: string;
                /** @description micros, net of tax */
                taxable: number;
                /** @description micros of tax */
                amount: number;
              }[];
              /** @description micros: the document's tax */
              amount: number;
            };
            /** @description a prepaid period's invoice (tax at use), settled from the prepaid balance */
            prepaid?: boolean;
            /** @description micros: subtotal plus any tax added, rounded half up to the currency's minor unit */
            total: number;
            correctsInvoiceId?: string;
            /** @description period invoices: the billing period's start */
            periodFrom?: string;
            /** @description period invoices: the billing period's end */
            periodTo?: string;
            /** @description period invoices: usage of the period charged before this instant is billed here; later usage goes on the period's next invoice */
            cutoff?: string;
            /** @description micros received for this invoice (ledger payment entries) */
            amountPaid: number;
            /** @description finalized documents: who issued it, as the issuer profile was when it was finalized */
            issuer?: {
              legalName: string;
              address?: {
                line1: string;
                line2?: string;
                city: string;
                postalCode?: string;
                /** @description a state, province or county, where the address needs one */
                region?: string;
                /** @description the country, which also says which tax rates apply (with `region`) */
                country: string;
              };
              taxId?: string;
              /** Format: email */
              email?: string;
              /** Format: uri */
              website?: string;
              accentColor?: string;
              /**
               * @description invoices fall due this many days after they are issued (0: on receipt)
               * @default 14
               */
              dueDays: number;
              /** @description how to pay (bank details, a payment link), printed under the totals */
              paymentInstructions?: string;
              /** @description the documents' last line (registered office, company number…) */
              footer?: string;
            };
            /** @description finalized documents: who it is to, as the account was when it was finalized */
            customer?: {
              name: string;
              billingDetails?: {
                legalName: string;
                address: {
                  line1: string;
                  line2?: string;
                  city: string;
                  postalCode?: string;
                  /** @description a state, province or county, where the address needs one */
                  region?: string;
                  /** @description the country, which also says which tax rates apply (with `region`) */
                  country: string;
                };
                /** @description a VAT number, EIN, ABN…: printed on documents; with an EU address, it makes the customer a business for VAT's reverse charge */
                taxId?: string;
                /**
                 * Format: email
                 * @description where documents go (the notification recipients when absent)
                 */
                email?: string;
              };
            };
            /** @description finalized invoices: when payment is due (the issuer's payment terms) */
            dueAt?: string;
            finalizedAt?: string;
            paidAt?: string;
            voidedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Only a finalized invoice can be credited, or another numbering is under way (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description More than remains to be credited (`unprocessable`), or the key was used for another amount or reason (`idempotency_key_reused`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getIssuerProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The issuer profile */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            legalName: string;
            address?: {
              line1: string;
              line2?: string;
              city: string;
              postalCode?: string;
              /** @description a state, province or county, where the address needs one */
              region?: string;
              /** @description the country, which also says which tax rates apply (with `region`) */
              country: string;
            };
            taxId?: string;
            /** Format: email */
            email?: string;
            /** Format: uri */
            website?: string;
            logo?: string;
            accentColor?: string;
            /**
             * @description invoices fall due this many days after they are issued (0: on receipt)
             * @default 14
             */
            dueDays: number;
            /** @description how to pay (bank details, a payment link), printed under the totals */
            paymentInstructions?: string;
            /** @description the documents' last line (registered office, company number…) */
            footer?: string;
            /** @description false until the profile is set: documents print the defaults shown */
            configured: boolean;
            updatedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setIssuerProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          legalName: string;
          address?: {
            line1: string;
            line2?: string;
            city: string;
            postalCode?: string;
            /** @description a state, province or county, where the address needs one */
            region?: string;
            /** @description the country, which also says which tax rates apply (with `region`) */
            country: string;
          };
          taxId?: string;
          /** Format: email */
          email?: string;
          /** Format: uri */
          website?: string;
          logo?: string;
          accentColor?: string;
          /**
           * @description invoices fall due this many days after they are issued (0: on receipt)
           * @default 14
           */
          dueDays?: number;
          /** @description how to pay (bank details, a payment link), printed under the totals */
          paymentInstructions?: string;
          /** @description the documents' last line (registered office, company number…) */
          footer?: string;
        };
      };
    };
    responses: {
      /** @description The issuer profile */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            legalName: string;
            address?: {
              line1: string;
              line2?: string;
              city: string;
              postalCode?: string;
              /** @description a state, province or county, where the address needs one */
              region?: string;
              /** @description the country, which also says which tax rates apply (with `region`) */
              country: string;
            };
            taxId?: string;
            /** Format: email */
            email?: string;
            /** Format: uri */
            website?: string;
            logo?: string;
            accentColor?: string;
            /**
             * @description invoices fall due this many days after they are issued (0: on receipt)
             * @default 14
             */
            dueDays: number;
            /** @description how to pay (bank details, a payment link), printed under the totals */
            paymentInstructions?: string;
            /** @description the documents' last line (registered office, company number…) */
            footer?: string;
            /** @description false until the profile is set: documents print the defaults shown */
            configured: boolean;
            updatedAt?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listTaxRates: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        country?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of rates */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              country: string;
              region?: string;
              category: string;
              name: string;
              ratePpm: number;
              validFrom: string;
              validUntil?: string;
              createdAt: string;
              updatedAt: string;
            }[];
            nextCursor?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createTaxRate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          country: string;
          /** @description a region of the country (a US state: NY), as billing addresses name it; absent: the whole country */
          region?: string;
          /**
           * @description a product tax category
           * @default standard
           */
          category?: string;
          /** @description what documents call it: VAT, Sales tax, GST */
          name: string;
          /** @description parts per million of the taxable amount: 23 % is 230000, 8.875 % is 88750; 0 for a zero rate */
          ratePpm: number;
          /** @description from when it applies: a day (midnight UTC) or an instant */
          validFrom: string;
          /** @description until when, exclusive; absent: until further notice */
          validUntil?: string;
        };
      };
    };
    responses: {
      /** @description The rate */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            country: string;
            region?: string;
            category: string;
            name: string;
            ratePpm: number;
            validFrom: string;
            validUntil?: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another rate of the jurisdiction and category is valid at some of its instants (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getTaxRate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        taxRateId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rate */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            country: string;
            region?: string;
            category: string;
            name: string;
            ratePpm: number;
            validFrom: string;
            validUntil?: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  updateTaxRate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        taxRateId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description what documents call it: VAT, Sales tax, GST */
          name: string;
          /** @description parts per million of the taxable amount: 23 % is 230000, 8.875 % is 88750; 0 for a zero rate */
          ratePpm: number;
          /** @description from when it applies: a day (midnight UTC) or an instant */
          validFrom: string;
          /** @description until when, exclusive; absent: until further notice */
          validUntil?: string;
        };
      };
    };
    responses: {
      /** @description The rate */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            country: string;
            region?: string;
            category: string;
            name: string;
            ratePpm: number;
            validFrom: string;
            validUntil?: string;
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Another rate of the jurisdiction and category is valid at some of its instants (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setPlanTax: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description prices include tax (documents take it out of them) or exclude it (documents add it) */
          inclusive: boolean;
          /**
           * @description the tax category of the plan's products, fees and seats
           * @default standard
           */
          category?: string;
          /**
           * @description products in another category than the plan's
           * @default []
           */
          products?: {
            productId: string;
            /** @description a product tax category */
            category: string;
          }[];
        };
      };
    };
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getUsageReport: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        timeZone?: string;
        bucket?: "hour" | "day" | "month";
        currency?: string;
        format?: "json" | "csv";
        groupBy?: "none" | "account" | "product" | "key" | "plan";
        top?: number;
        accountId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The usage report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            range: {
              from: string;
              to: string;
              timeZone: string;
              /** @enum {string} */
              bucket: "hour" | "day" | "month";
            };
            /** @enum {string} */
            groupBy: "none" | "account" | "product" | "key" | "plan";
            accountId?: string;
            totals: {
              currency: string;
              calls: number;
              units: number;
              amount: number;
            }[];
            groups: {
              currency: string;
              group: string;
              /** @description what the group is called: the account's, API key's or plan's name as it is now, the product's id; `(other)` and `(unmatched)` as themselves; null when not grouped, or when no object has the id any more */
              name: string | null;
              calls: number;
              units: number;
              amount: number;
            }[];
            rows: {
              currency: string;
              bucketStart: string;
              group: string | null;
              /** @description what the group is called: the account's, API key's or plan's name as it is now, the product's id; `(other)` and `(unmatched)` as themselves; null when not grouped, or when no object has the id any more */
              name: string | null;
              calls: number;
              units: number;
              amount: number;
            }[];
          };
          "text/csv": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getMyUsageReport: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        timeZone?: string;
        bucket?: "hour" | "day" | "month";
        currency?: string;
        format?: "json" | "csv";
        groupBy?: "none" | "account" | "product" | "key" | "plan";
        top?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The usage report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            range: {
              from: string;
              to: string;
              timeZone: string;
              /** @enum {string} */
              bucket: "hour" | "day" | "month";
            };
            /** @enum {string} */
            groupBy: "none" | "account" | "product" | "key" | "plan";
            accountId?: string;
            totals: {
              currency: string;
              calls: number;
              units: number;
              amount: number;
            }[];
            groups: {
              currency: string;
              group: string;
              /** @description what the group is called: the account's, API key's or plan's name as it is now, the product's id; `(other)` and `(unmatched)` as themselves; null when not grouped, or when no object has the id any more */
              name: string | null;
              calls: number;
              units: number;
              amount: number;
            }[];
            rows: {
              currency: string;
              bucketStart: string;
              group: string | null;
              /** @description what the group is called: the account's, API key's or plan's name as it is now, the product's id; `(other)` and `(unmatched)` as themselves; null when not grouped, or when no object has the id any more */
              name: string | null;
              calls: number;
              units: number;
              amount: number;
            }[];
          };
          "text/csv": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getRechargeReport: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        timeZone?: string;
        bucket?: "hour" | "day" | "month";
        currency?: string;
        format?: "json" | "csv";
        accountId?: string;
        table?: "topUps" | "totals" | "buckets" | "accounts";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The recharge report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            range: {
              from: string;
              to: string;
              timeZone: string;
              /** @enum {string} */
              bucket: "hour" | "day" | "month";
            };
            accountId?: string;
            topUps: {
              entryId?: string;
              rechargeId?: string;
              accountId: string;
              currency: string;
              /** @enum {string} */
              method: "admin" | "voucher" | "payment_provider" | "auto_recharge";
              amount: number;
              /** @enum {string} */
              status: "succeeded" | "refunded" | "pending" | "failed";
              at: string;
            }[];
            totals: {
              currency: string;
              /** @enum {string} */
              method: "admin" | "voucher" | "payment_provider" | "auto_recharge";
              count: number;
              total: number;
              average: number;
            }[];
            buckets: {
              bucketStart: string;
              currency: string;
              /** @enum {string} */
              method: "admin" | "voucher" | "payment_provider" | "auto_recharge";
              count: number;
              total: number;
              average: number;
            }[];
            accounts: {
              currency: string;
              accountId: string;
              count: number;
              total: number;
            }[];
          };
          "text/csv": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getFinancialReport: {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        timeZone?: string;
        currency?: string;
        format?: "json" | "csv";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The financial summary */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            range: {
              from: string;
              to: string;
              timeZone: string;
            };
            asOf: string;
            currencies: {
              currency: string;
              /** @description what customers were charged over the range, by part */
              revenue: {
                /** @description usage booked, usage refunded (calls refused after their charge), and the difference */
                usage: {
                  booked: number;
                  refunded: number;
                  net: number;
                };
                /** @description subscriptions' recurring fees and prorated changes taken, less prorated credits */
                fees: number;
                /** @description bundle packs sold: their prices, from the wallet, by card or by voucher */
                packs: number;
                /** @description the tax inside inclusive prices, from the invoices and credit notes issued in the range */
                taxIncluded: number;
                /** @description usage.net + fees + packs - taxIncluded: revenue, never tax */
                total: number;
              };
              /** @description tax owed to tax authorities: never revenue */
              tax: {
                /** @description tax on the documents issued in the range (invoices, receipts, less credit notes) */
                total: number;
                /** @description what was invoiced under a reverse charge (0 %, the customer accounts for the VAT) */
                reverseCharged: number;
                /** @description by `country[-region]:category:ratePpm`: the taxable amount and the tax */
                byRate: {
                  [key: string]: {
                    taxable: number;
                    amount: number;
                  };
                };
              };
              recharges: {
                count: number;
                total: number;
                byMethod: {
                  admin: number;
                  voucher: number;
                  payment_provider: number;
                  auto_recharge: number;
                };
              };
              reversals: number;
              adjustments: number;
              grants: {
                issued: number;
                expired: number;
              };
              payments: number;
              prepaidLiability: {
                total: number;
                wallets: number;
              };
              outstanding: {
                negativeBalances: number;
                wallets: number;
                unpaidInvoices: number;
                invoices: number;
                ageing: {
                  "0-30": number;
                  "31-60": number;
                  "61-90": number;
                  "90+": number;
                };
              };
            }[];
          };
          "text/csv": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getJournal: {
    parameters: {
      query: {
        from: string;
        to?: string;
        currency?: string;
        format?: "json" | "csv";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The journals */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            range: {
              from: string;
              to: string;
              timeZone: string;
              start: string;
              end: string;
            };
            journals: {
              id: string;
              date: string;
              currency: string;
              lines: {
                /**
                 * @description the role of the books the account plays (its code and name are the chart's)
                 * @enum {string}
                 */
                role:
                  | "cash"
                  | "vouchers"
                  | "receivables"
                  | "prepaid"
                  | "tax"
                  | "revenue"
                  | "fees"
                  | "packs"
                  | "taxIncluded"
                  | "refunds"
                  | "promotions"
                  | "breakage"
                  | "adjustments"
                  | "writeOffs"
                  | "rounding";
                code: string;
                name: string;
                debit: number;
                credit: number;
                /** @enum {string} */
                kind:
                  "usage" | "usage_refund" | "fee" | "pack" | "top_up" | "reversal" | "adjustment" | "grant" | "expiry" | "payment" | "tax";
                /** @description the top-up method, the adjustment's sort, or the tax rate and document */
                detail?: string;
                productId?: string;
                description: string;
                /** @description the ledger entries the line sums */
                entries: string[];
                /** @description the documents (invoices, receipts, credit notes) whose tax the line sums */
                documents: string[];
                /** @description the usage rollups the line reads (the usage report of the day gives their detail) */
                rollups: string[];
              }[];
              debits: number;
              credits: number;
            }[];
          };
          "text/csv": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getChartOfAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The chart of accounts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accounts: {
              cash: {
                code: string;
                name: string;
              };
              vouchers: {
                code: string;
                name: string;
              };
              receivables: {
                code: string;
                name: string;
              };
              prepaid: {
                code: string;
                name: string;
              };
              tax: {
                code: string;
                name: string;
              };
              revenue: {
                code: string;
                name: string;
              };
              fees: {
                code: string;
                name: string;
              };
              packs: {
                code: string;
                name: string;
              };
              taxIncluded: {
                code: string;
                name: string;
              };
              refunds: {
                code: string;
                name: string;
              };
              promotions: {
                code: string;
                name: string;
              };
              breakage: {
                code: string;
                name: string;
              };
              adjustments: {
                code: string;
                name: string;
              };
              writeOffs: {
                code: string;
                name: string;
              };
              rounding: {
                code: string;
                name: string;
              };
            };
            products: {
              productId: string;
              code: string;
              name: string;
            }[];
            /** @description false until staff set the chart: the defaults */
            configured: boolean;
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setChartOfAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description the GL account of each role of the books (see docs/concepts/books.md); a role left out keeps its default */
          accounts: {
            cash?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            vouchers?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            receivables?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            prepaid?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            tax?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            revenue?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            fees?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            packs?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            taxIncluded?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            refunds?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            promotions?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            breakage?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            adjustments?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            writeOffs?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
            rounding?: {
              /** @description the account's code in the accounting system */
              code: string;
              /** @description the account's name in the accounting system */
              name: string & (unknown & unknown);
            };
          };
          /**
           * @description products whose revenue goes to an account of its own (otherwise the `revenue` role's, named `Revenue: <product>`)
           * @default []
           */
          products?: {
            productId: string;
            /** @description the account's code in the accounting system */
            code: string;
            /** @description the account's name in the accounting system */
            name: string & (unknown & unknown);
          }[];
        };
      };
    };
    responses: {
      /** @description The chart of accounts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accounts: {
              cash: {
                code: string;
                name: string;
              };
              vouchers: {
                code: string;
                name: string;
              };
              receivables: {
                code: string;
                name: string;
              };
              prepaid: {
                code: string;
                name: string;
              };
              tax: {
                code: string;
                name: string;
              };
              revenue: {
                code: string;
                name: string;
              };
              fees: {
                code: string;
                name: string;
              };
              packs: {
                code: string;
                name: string;
              };
              taxIncluded: {
                code: string;
                name: string;
              };
              refunds: {
                code: string;
                name: string;
              };
              promotions: {
                code: string;
                name: string;
              };
              breakage: {
                code: string;
                name: string;
              };
              adjustments: {
                code: string;
                name: string;
              };
              writeOffs: {
                code: string;
                name: string;
              };
              rounding: {
                code: string;
                name: string;
              };
            };
            products: {
              productId: string;
              code: string;
              name: string;
            }[];
            /** @description false until staff set the chart: the defaults */
            configured: boolean;
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  rebuildRollups: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description What was rolled up */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            usageEntries: number;
            movements: number;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Usage is being booked right now (`conflict`): try again in a few seconds */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listAnomalies: {
    parameters: {
      query?: {
        status?: "open" | "cleared";
        accountId?: string;
        format?: "json" | "csv";
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of anomalies */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              accountId: string;
              /** @description the account's name now; null when no account has the id any more */
              accountName: string | null;
              currency: string;
              /** @description start of the anomalous hour */
              hour: string;
              calls: number;
              amount: number;
              /** @description the account's average calls an hour over the 7 reporting days before */
              baselineCalls: number;
              threshold: number;
              policy: {
                factor: number;
                minCalls: number;
                /** @enum {string} */
                mitigation: "none" | "suspend_key" | "cap_spending";
              };
              /** @description the hour's busiest key, which a mitigation acts on */
              keyId: string;
              /** @description the key's name now; null when no key has the id any more */
              keyName: string | null;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
              /** @enum {string} */
              status: "open" | "cleared";
              detectedAt: string;
              clearedAt?: string;
              clearedBy?: string;
              clearReason?: string;
            }[];
            nextCursor?: string;
          };
          "text/csv": string;
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  clearAnomaly: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        anomalyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          reason: string;
        };
      };
    };
    responses: {
      /** @description The anomaly, cleared */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            accountId: string;
            /** @description the account's name now; null when no account has the id any more */
            accountName: string | null;
            currency: string;
            /** @description start of the anomalous hour */
            hour: string;
            calls: number;
            amount: number;
            /** @description the account's average calls an hour over the 7 reporting days before */
            baselineCalls: number;
            threshold: number;
            policy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description the hour's busiest key, which a mitigation acts on */
            keyId: string;
            /** @description the key's name now; null when no key has the id any more */
            keyName: string | null;
            /** @enum {string} */
            mitigation: "none" | "suspend_key" | "cap_spending";
            /** @enum {string} */
            status: "open" | "cleared";
            detectedAt: string;
            clearedAt?: string;
            clearedBy?: string;
            clearReason?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  setAnomalyPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        planId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          factor: number;
          minCalls: number;
          /** @enum {string} */
          mitigation: "none" | "suspend_key" | "cap_spending";
        };
      };
    };
    responses: {
      /** @description The plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            currency: string;
            /** @description products and prices (integer micros), quotas, rate limits, refund policy */
            catalog: {
              [key: string]: unknown;
            };
            /** @description how usage far above an account's own baseline is flagged (defaults when never set: 5, 100, none) */
            anomalyPolicy: {
              factor: number;
              minCalls: number;
              /** @enum {string} */
              mitigation: "none" | "suspend_key" | "cap_spending";
            };
            /** @description a recurring fee per period and a price per seat, charged beside usage */
            recurring?: {
              /** @enum {string} */
              interval: "month" | "week" | "year";
              fee: number;
              seatPrice: number;
              graceHours: number;
            };
            /** @description customers may move to and from this plan themselves (their portal), with at most `maxSeats` seats */
            selfService?: {
              maxSeats: number;
            };
            /** @description how its prices meet tax (defaults when never set: exclusive, every product `standard`) */
            tax: {
              inclusive: boolean;
              category: string;
              products: {
                productId: string;
                category: string;
              }[];
            };
            /** @description bundles each account on the plan is given for each period (or once), consumed before money */
            includedBundles: {
              productId: string;
              units: number;
              /** @enum {string} */
              overage: "charge" | "refuse";
              priority: number;
              /** @enum {string} */
              recurrence: "period" | "once";
              rolloverCap: number;
            }[];
            createdAt: string;
            updatedAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createPortalSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @default 600 */
          ttlSeconds?: number;
        };
      };
    };
    responses: {
      /** @description The portal link */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            url: string;
            expiresAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getPortalSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            manageKeys: boolean;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  signInPortal: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          login?: string;
          apiKey?: string;
        };
      };
    };
    responses: {
      /** @description Signed in */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            accountId: string;
            expiresAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The link is used, expired or unknown, or the API key is not valid (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  signOutPortal: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getPortalBranding: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The branding */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            name: string;
            /** @description a data: URL (PNG or JPEG) */
            logo?: string;
            /** @description #rrggbb */
            accentColor?: string;
            /** @description the deployment lets its own sites frame the portal (PORTAL_FRAME_ANCESTORS) */
            embeddable: boolean;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getConsoleSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            /** @enum {string} */
            role: "owner" | "admin" | "finance" | "support" | "viewer";
            userId?: string;
            name?: string;
            email?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  signInConsole: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json":
          | {
              token: string;
            }
          | {
              /** Format: email */
              email: string;
              password: string;
            };
      };
    };
    responses: {
      /** @description Signed in */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            actor: string;
            expiresAt: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Wrong credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Too many failed sign-ins */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  signOutConsole: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getPrivacy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Erasure and exports */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description the account's personal data is erased (its erasure is done) */
            erased: boolean;
            erasure?: {
              id: string;
              /** @enum {string} */
              kind: "export" | "erasure";
              accountId: string;
              /**
               * @description exports: pending, ready (downloadable once), downloaded, expired; erasures: pending, done
               * @enum {string}
               */
              status: "pending" | "ready" | "downloaded" | "expired" | "done";
              /** @description the staff member who asked */
              requestedBy: string;
              createdAt: string;
              /** @description an export's document written, or an erasure's last run finished */
              finishedAt?: string;
              /** @description an export's size, in bytes of JSON */
              bytes?: number;
              downloadedAt?: string;
              downloadedBy?: string;
            };
            /** @description newest first, the last 100 */
            exports: {
              id: string;
              /** @enum {string} */
              kind: "export" | "erasure";
              accountId: string;
              /**
               * @description exports: pending, ready (downloadable once), downloaded, expired; erasures: pending, done
               * @enum {string}
               */
              status: "pending" | "ready" | "downloaded" | "expired" | "done";
              /** @description the staff member who asked */
              requestedBy: string;
              createdAt: string;
              /** @description an export's document written, or an erasure's last run finished */
              finishedAt?: string;
              /** @description an export's size, in bytes of JSON */
              bytes?: number;
              downloadedAt?: string;
              downloadedBy?: string;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  requestPrivacyExport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description The export, pending */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            kind: "export" | "erasure";
            accountId: string;
            /**
             * @description exports: pending, ready (downloadable once), downloaded, expired; erasures: pending, done
             * @enum {string}
             */
            status: "pending" | "ready" | "downloaded" | "expired" | "done";
            /** @description the staff member who asked */
            requestedBy: string;
            createdAt: string;
            /** @description an export's document written, or an erasure's last run finished */
            finishedAt?: string;
            /** @description an export's size, in bytes of JSON */
            bytes?: number;
            downloadedAt?: string;
            downloadedBy?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  downloadPrivacyExport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
        exportId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": Record<string, never>;
      };
    };
    responses: {
      /** @description Everything kept about the account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description tollgate.privacy-export/1 */
            format: string;
            exportId: string;
            accountId: string;
            requestedAt: string;
            producedAt: string;
            /** @description the account, its billing details and subscription */
            account: {
              [key: string]: unknown;
            } | null;
            wallets: {
              [key: string]: unknown;
            }[];
            /** @description metadata only: never a key or its hash */
            apiKeys: {
              [key: string]: unknown;
            }[];
            /** @description webhook secrets redacted */
            notificationSettings: {
              [key: string]: unknown;
            } | null;
            notifications: {
              [key: string]: unknown;
            }[];
            notificationDeliveries: {
              [key: string]: unknown;
            }[];
            /** @description without their ids, which are their secrets' hashes */
            portalSessions: {
              [key: string]: unknown;
            }[];
            usageEvents: {
              [key: string]: unknown;
            }[];
            /** @description what retention kept of removed usage events: sums per hour, product, key and plan */
            retiredUsage: {
              [key: string]: unknown;
            }[];
            ledgerEntries: {
              [key: string]: unknown;
            }[];
            recharges: {
              [key: string]: unknown;
            }[];
            /** @description invoices, receipts and credit notes */
            invoices: {
              [key: string]: unknown;
            }[];
            grants: {
              [key: string]: unknown;
            }[];
            /** @description the subscription's fees */
            fees: {
              [key: string]: unknown;
            }[];
            anomalies: {
              [key: string]: unknown;
            }[];
            /** @description vouchers the account redeemed, without their codes' hashes */
            vouchers: {
              [key: string]: unknown;
            }[];
            privacyRequests: {
              [key: string]: unknown;
            }[];
            /** @description every audit record about the account or one of its things */
            auditRecords: {
              [key: string]: unknown;
            }[];
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The request conflicts with the resource's state (`conflict`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  eraseAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description the account's id, again */
          confirm: string;
        };
      };
    };
    responses: {
      /** @description The erasure */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            kind: "export" | "erasure";
            accountId: string;
            /**
             * @description exports: pending, ready (downloadable once), downloaded, expired; erasures: pending, done
             * @enum {string}
             */
            status: "pending" | "ready" | "downloaded" | "expired" | "done";
            /** @description the staff member who asked */
            requestedBy: string;
            createdAt: string;
            /** @description an export's document written, or an erasure's last run finished */
            finishedAt?: string;
            /** @description an export's size, in bytes of JSON */
            bytes?: number;
            downloadedAt?: string;
            downloadedBy?: string;
          };
        };
      };
      /** @description The input is invalid (`validation_failed`, each offending field as a JSON pointer; `idempotency_key_missing`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid credential (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The credential may not do this (`forbidden`): a staff role the route does not admit, or another account */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such resource (`not_found`), or a malformed id in the path */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is larger than 256 KiB (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description An error, as RFC 9457 problem details */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
}
