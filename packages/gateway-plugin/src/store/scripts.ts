/**
 * The Lua scripts that move money in Redis. Each runs atomically and touches one account's hash slot only.
 * Balances are integer micros; Lua numbers are doubles, exact to 2^53, far above any balance we accept.
 */

/** Outcome codes shared by the scripts and their callers. */
export const ChargeCode = {
  charged: 1,
  replayed: 2,
  insufficientFunds: 0,
  unknownAccount: -1,
  accountInactive: -2,
  keyInactive: -3,
  noWallet: -4,
  /** The gateway gave up on this event id and voided it: the charge must not happen. */
  voided: -8,
} as const;

/**
 * A charge receipt (kept for a retry of the same event id) is `"<balance> <price> <units>"`, so that a void
 * can undo exactly what the charge did; `"void"` is the tombstone a void leaves where no charge ran (yet).
 */
export const VOID_RECEIPT = "void";

/**
 * Charge one call and record its usage event, or refuse. The wallet may go down to minus its credit limit
 * (`cl:<currency>`, 0 or absent for prepaid accounts), never further.
 * KEYS: 1 account hash, 2 partition usage stream, 3 charge receipt, 4 partition signal stream
 * ARGV: 1 accountId, 2 keyId, 3 planId, 4 currency, 5 price, 6 eventId, 7 ts (ms), 8 method, 9 path,
 *       10 receipt TTL (s)
 * Returns {code, balance|status}. A wallet with an auto-recharge threshold (`ar:<currency>`) that this
 * charge carries below it gets one signal on the partition's signal stream.
 */
export const CHARGE_LUA = `
local receipt = redis.call('GET', KEYS[3])
if receipt == 'void' then return {-8, 0} end
if receipt then return {2, tonumber(string.match(receipt, '^%S+'))} end
local a = redis.call('HMGET', KEYS[1], 'status', 'k:' .. ARGV[2], 'b:' .. ARGV[4], 'cl:' .. ARGV[4], 'ar:' .. ARGV[4])
if not a[1] then return {-1, 0} end
if a[1] ~= 'active' then return {-2, a[1]} end
if a[2] ~= '1' then return {-3, 0} end
if not a[3] then return {-4, 0} end
local price = tonumber(ARGV[5])
if tonumber(a[3]) + tonumber(a[4] or '0') < price then return {0, tonumber(a[3])} end
local balance = redis.call('HINCRBY', KEYS[1], 'b:' .. ARGV[4], -price)
redis.call('XADD', KEYS[2], '*', 'id', ARGV[6], 'a', ARGV[1], 'k', ARGV[2], 'p', ARGV[3], 'c', ARGV[4],
  'amt', ARGV[5], 'ts', ARGV[7], 'm', ARGV[8], 'path', ARGV[9])
redis.call('SET', KEYS[3], balance .. ' ' .. ARGV[5] .. ' 1', 'EX', ARGV[10])
if a[5] and tonumber(a[3]) >= tonumber(a[5]) and balance < tonumber(a[5]) then
  redis.call('XADD', KEYS[4], '*', 'a', ARGV[1], 'c', ARGV[4], 'b', balance, 't', a[5])
end
return {1, balance}
`;

export const CreditCode = { applied: 1, alreadyApplied: 2, unknownAccount: -1 } as const;

/**
 * Apply one ledger entry to the hot balance exactly once.
 * KEYS: 1 account hash, 2 credit receipt, 3 partition signal stream
 * ARGV: 1 currency, 2 amount (micros, signed), 3 receipt TTL (s), 4 accountId
 * Returns {code, balance}.
 */
export const CREDIT_LUA = `
local receipt = redis.call('GET', KEYS[2])
if receipt then return {2, tonumber(receipt)} end
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local before = tonumber(redis.call('HGET', KEYS[1], 'b:' .. ARGV[1]) or '0')
local balance = redis.call('HINCRBY', KEYS[1], 'b:' .. ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], balance, 'EX', ARGV[3])
local threshold = redis.call('HGET', KEYS[1], 'ar:' .. ARGV[1])
if threshold and before >= tonumber(threshold) and balance < tonumber(threshold) then
  redis.call('XADD', KEYS[3], '*', 'a', ARGV[4], 'c', ARGV[1], 'b', balance, 't', threshold)
end
return {1, balance}
`;

export const VoidCode = { tombstoned: 1, alreadyVoid: 2, refunded: 3 } as const;

/**
 * Void a charge whose outcome the gateway could not learn (Redis stalled or the connection broke after the
 * script was sent), so that a call refused as 503 is never charged, whenever the charge runs:
 * - no receipt: the charge has not run; leave the tombstone, and it will refuse when it does;
 * - a receipt: it ran; give back its price (and, for rated charges, its counters), append a void entry for
 *   the event to the usage stream (the ingester marks the event refunded), and leave the tombstone.
 * KEYS: 1 account, 2 usage stream, 3 receipt, then for rated charges: 4 usage counter, 5 key spend counter,
 *       6.. quota counters
 * ARGV: 1 tombstone TTL (s), 2 eventId, 3 accountId, 4 keyId, 5 planId, 6 productId, 7 currency, 8 ts,
 *       9 method, 10 path, 11 counters (1/0), 12 nQuotas, 13.. per quota: 1 if per unit, else 0
 * Returns {code, balance}.
 */
export const VOID_CHARGE_LUA = `
local receipt = redis.call('GET', KEYS[3])
if receipt == 'void' then return {2, 0} end
redis.call('SET', KEYS[3], 'void', 'EX', ARGV[1])
if not receipt then return {1, 0} end
local price, units = string.match(receipt, '^%S+ (%d+) (%d+)$')
if not price then return {2, 0} end
price, units = tonumber(price), tonumber(units)
local balance = redis.call('HINCRBY', KEYS[1], 'b:' .. ARGV[7], price)
if ARGV[11] == '1' then
  if units > 0 then redis.call('DECRBY', KEYS[4], units) end
  redis.call('DECRBY', KEYS[5], price)
  for i = 0, tonumber(ARGV[12]) - 1 do
    if ARGV[13 + i] == '1' then redis.call('DECRBY', KEYS[6 + i], units) else redis.call('DECR', KEYS[6 + i]) end
  end
end
redis.call('XADD', KEYS[2], '*', 'id', ARGV[2], 'a', ARGV[3], 'k', ARGV[4], 'p', ARGV[5], 'pr', ARGV[6], 'c', ARGV[7],
  'amt', 0 - price, 'u', units, 'ts', ARGV[8], 'm', ARGV[9], 'path', ARGV[10], 'st', 503, 'rf', '1', 'vd', '1')
return {3, balance}
`;
