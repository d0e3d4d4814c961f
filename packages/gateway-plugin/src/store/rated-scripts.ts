/**
 * The scripts for rated prices (tiers, allowances, packages, time of use, quotas, per-key caps) and for
 * two-phase charging. Flat prices without limits keep the single CHARGE_LUA of scripts.ts.
 *
 * A price travels as one ARGV string compiled once per plan change (see encodePrice):
 *   mode,freeUnits,packageSize,minimum,maximum,nTiers,upTo1,unit1,flat1,…   (upTo -1 = open, maximum -1 = none)
 * and is rated by the same maths as core/rating.ts; a test holds the two equal.
 *
 * Quotas travel as groups of four ARGVs: limit, hard (1/0), per unit (1) or per call (0), quota id; each has
 * its counter among KEYS, in the same order.
 */

const PRELUDE = `
local function parse_price(s)
  local v = {}
  for x in string.gmatch(s, '[^,]+') do v[#v + 1] = tonumber(x) end
  local p = { mode = v[1], free = v[2], pkg = v[3], min = v[4], max = v[5], tiers = {} }
  for i = 0, v[6] - 1 do p.tiers[#p.tiers + 1] = { up = v[7 + 3 * i], unit = v[8 + 3 * i], flat = v[9 + 3 * i] } end
  return p
end
local function billable(p, u)
  local over = u - p.free
  if over <= 0 then return 0 end
  return math.ceil(over / p.pkg)
end
local function graduated(p, blocks)
  local total, floor = 0, 0
  for _, t in ipairs(p.tiers) do
    if blocks <= floor then break end
    local top = blocks
    if t.up >= 0 and t.up < blocks then top = t.up end
    total = total + (top - floor) * t.unit + t.flat
    if t.up < 0 then break end
    floor = t.up
  end
  return total
end
local function rate(p, before, units, percent)
  local from, to = billable(p, before), billable(p, before + units)
  local base
  if p.mode == 1 then
    base = graduated(p, to) - graduated(p, from)
  else
    local unit = p.tiers[#p.tiers].unit
    for _, t in ipairs(p.tiers) do if t.up < 0 or to <= t.up then unit = t.unit break end end
    base = (to - from) * unit
  end
  if percent ~= 100 then base = math.floor((base * percent + 50) / 100) end
  if base < p.min then base = p.min end
  if p.max >= 0 and base > p.max then base = p.max end
  return base
end
local function incr_counter(key, by, ttl)
  local v = redis.call('INCRBY', key, by)
  if v == by then redis.call('EXPIRE', key, ttl) end
  return v
end
`;

export const RatedCode = {
  ok: 1,
  insufficientFunds: 0,
  unknownAccount: -1,
  accountInactive: -2,
  keyInactive: -3,
  noWallet: -4,
  quotaExceeded: -5,
  spendCapReached: -6,
  reservationGone: -7,
  voided: -8,
  replayed: 2,
} as const;

// Checks shared by a single-phase charge and a reservation: account, key, wallet, hard quotas, key cap.
// Expects: acct (KEYS[1]), keyId, cur, spend key + cap, quota keys from index qk, quota args from index qa.
const ADMISSION = `
local a = redis.call('HMGET', KEYS[1], 'status', 'k:' .. keyId, 'b:' .. cur, 'cl:' .. cur, 'ar:' .. cur)
if not a[1] then return {-1, 0, 0} end
if a[1] ~= 'active' then return {-2, a[1], 0} end
if a[2] ~= '1' then return {-3, 0, 0} end
if not a[3] then return {-4, 0, 0} end
local balance = tonumber(a[3])
local creditLimit = tonumber(a[4] or '0')
local soft = ''
for i = 0, nq - 1 do
  local limit, hard, perUnit = tonumber(ARGV[qa + 4 * i]), ARGV[qa + 4 * i + 1] == '1', ARGV[qa + 4 * i + 2] == '1'
  local used = tonumber(redis.call('GET', KEYS[qk + i]) or '0')
  local adds = 1
  if perUnit then adds = units_known end
  if hard and ((perUnit and units_known < 0 and used >= limit) or (adds >= 0 and used + adds > limit)) then
    return {-5, ARGV[qa + 4 * i + 3], used}
  end
end
local spent = tonumber(redis.call('GET', spendKey) or '0')
if cap >= 0 and spent + amount > cap then return {-6, spent, cap} end
if balance + creditLimit < amount then return {0, balance, amount} end
`;

// A wallet carried below its auto-recharge threshold by this debit gets one signal (KEYS[sk]).
const SIGNAL = `
if a[5] and tonumber(a[3]) >= tonumber(a[5]) and balance < tonumber(a[5]) then
  redis.call('XADD', KEYS[sk], '*', 'a', ARGV[1], 'c', cur, 'b', balance, 't', a[5])
end
`;

// Count this call against the quotas (per-call ones now; per-unit ones when the units are known) and
// note each soft quota this call carries past its limit.
const COUNT_QUOTAS = `
for i = 0, nq - 1 do
  local limit, hard, perUnit = tonumber(ARGV[qa + 4 * i]), ARGV[qa + 4 * i + 1] == '1', ARGV[qa + 4 * i + 2] == '1'
  local adds = -1
  if not perUnit then adds = 1 elseif units_known >= 0 then adds = units_known end
  if adds > 0 then
    local now = incr_counter(KEYS[qk + i], adds, ttl)
    if not hard and now > limit and now - adds <= limit then soft = soft .. ARGV[qa + 4 * i + 3] .. ' ' end
  end
end
`;

/**
 * Single-phase rated charge: units known before forwarding (calls, request bytes).
 * KEYS: 1 account, 2 stream, 3 receipt, 4 usage counter, 5 key spend counter, 6 signal stream, 7.. quota counters
 * ARGV: 1 acct, 2 keyId, 3 planId, 4 productId, 5 currency, 6 eventId, 7 ts, 8 method, 9 path, 10 receipt TTL,
 *       11 units, 12 percent, 13 price, 14 key cap (-1), 15 counter TTL, 16 nQuotas, 17.. quotas
 * Returns {1, balance, price, softExceeded} | {2, balance, 0} | refusal.
 */
export const CHARGE_RATED_LUA = `${PRELUDE}
local receipt = redis.call('GET', KEYS[3])
if receipt == 'void' then return {-8, 0, 0} end
if receipt then return {2, tonumber(string.match(receipt, '^%S+')), 0} end
local keyId, cur, units_known, ttl = ARGV[2], ARGV[5], tonumber(ARGV[11]), tonumber(ARGV[15])
local spendKey, cap, nq, qk, qa, sk = KEYS[5], tonumber(ARGV[14]), tonumber(ARGV[16]), 7, 17, 6
local before = tonumber(redis.call('GET', KEYS[4]) or '0')
local amount = rate(parse_price(ARGV[13]), before, units_known, tonumber(ARGV[12]))
${ADMISSION}
balance = redis.call('HINCRBY', KEYS[1], 'b:' .. cur, -amount)
${SIGNAL}
if units_known > 0 then incr_counter(KEYS[4], units_known, ttl) end
incr_counter(spendKey, amount, ttl)
${COUNT_QUOTAS}
redis.call('XADD', KEYS[2], '*', 'id', ARGV[6], 'a', ARGV[1], 'k', keyId, 'p', ARGV[3], 'pr', ARGV[4], 'c', cur,
  'amt', amount, 'u', units_known, 'ts', ARGV[7], 'm', ARGV[8], 'path', ARGV[9], 'qx', soft)
redis.call('SET', KEYS[3], balance .. ' ' .. amount .. ' ' .. units_known, 'EX', ARGV[10])
return {1, balance, amount, soft}
`;

/**
 * Reserve a call's maximum price before forwarding it; settled (or reaped) later.
 * KEYS: 1 account, 2 reservation, 3 partition reservation index, 4 key spend counter, 5 signal stream,
 *       6 charge receipt (where a void leaves its tombstone), 7.. quota counters
 * ARGV: 1 acct, 2 keyId, 3 currency, 4 eventId, 5 amount, 6 expires at (ms), 7 key cap, 8 counter TTL,
 *       9 nQuotas, 10.. quotas
 * Returns {1, balance, amount} | refusal.
 */
export const RESERVE_LUA = `${PRELUDE}
if redis.call('GET', KEYS[6]) == 'void' then return {-8, 0, 0} end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {1, tonumber(redis.call('HGET', KEYS[1], 'b:' .. ARGV[3]) or '0'), tonumber(redis.call('HGET', KEYS[2], 'amt'))}
end
local keyId, cur, amount, ttl = ARGV[2], ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[8])
local spendKey, cap, nq, qk, qa, units_known, sk = KEYS[4], tonumber(ARGV[7]), tonumber(ARGV[9]), 7, 10, -1, 5
${ADMISSION}
balance = redis.call('HINCRBY', KEYS[1], 'b:' .. cur, -amount)
${SIGNAL}
redis.call('HINCRBY', KEYS[1], 'h:' .. cur, amount)
incr_counter(spendKey, amount, ttl)
${COUNT_QUOTAS}
redis.call('HSET', KEYS[2], 'acct', ARGV[1], 'key', keyId, 'cur', cur, 'amt', amount, 'ks', spendKey, 'exp', ARGV[6])
redis.call('EXPIRE', KEYS[2], 7 * 86400)
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4])
return {1, balance, amount}
`;

/**
 * Settle a reservation with what the call actually used, or refund it; records the one usage event.
 * KEYS: 1 account, 2 stream, 3 reservation, 4 reservation index, 5 usage counter, 6 key spend counter,
 *       7.. quota counters
 * ARGV: 1 eventId, 2 units, 3 percent, 4 price, 5 refund (1/0), 6 status, 7 duration ms, 8 request bytes,
 *       9 response bytes, 10 counter TTL, 11 planId, 12 productId, 13 ts, 14 method, 15 path, 16 nQuotas, 17.. quotas
 * Returns {1, balance, price, softExceeded} | {-7} when already settled or reaped.
 */
export const SETTLE_LUA = `${PRELUDE}
local r = redis.call('HMGET', KEYS[3], 'amt', 'cur', 'acct', 'key')
if not r[1] then return {-7, 0, 0} end
local held, cur, refund, ttl = tonumber(r[1]), r[2], ARGV[5] == '1', tonumber(ARGV[10])
local units_known = tonumber(ARGV[2])
if refund then units_known = 0 end
local price = 0
if not refund then
  local before = tonumber(redis.call('GET', KEYS[5]) or '0')
  price = rate(parse_price(ARGV[4]), before, units_known, tonumber(ARGV[3]))
  if price > held then price = held end
  if units_known > 0 then incr_counter(KEYS[5], units_known, ttl) end
end
local balance = redis.call('HINCRBY', KEYS[1], 'b:' .. cur, held - price)
redis.call('HINCRBY', KEYS[1], 'h:' .. cur, -held)
redis.call('INCRBY', KEYS[6], price - held)
local soft, nq, qk, qa = '', tonumber(ARGV[16]), 7, 17
for i = 0, nq - 1 do
  local limit, hard, perUnit = tonumber(ARGV[qa + 4 * i]), ARGV[qa + 4 * i + 1] == '1', ARGV[qa + 4 * i + 2] == '1'
  if not perUnit and refund then
    redis.call('DECR', KEYS[qk + i])
  elseif perUnit and units_known > 0 then
    local now = incr_counter(KEYS[qk + i], units_known, ttl)
    if not hard and now > limit and now - units_known <= limit then soft = soft .. ARGV[qa + 4 * i + 3] .. ' ' end
  end
end
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('XADD', KEYS[2], '*', 'id', ARGV[1], 'a', r[3], 'k', r[4], 'p', ARGV[11], 'pr', ARGV[12], 'c', cur,
  'amt', price, 'u', units_known, 'ts', ARGV[13], 'm', ARGV[14], 'path', ARGV[15], 'st', ARGV[6], 'dur', ARGV[7],
  'rqb', ARGV[8], 'rsb', ARGV[9], 'rf', ARGV[5], 'qx', soft)
return {1, balance, price, soft}
`;

/**
 * Return an expired reservation whose gateway never settled it (it died): the caller is not charged.
 * KEYS: 1 account, 2 reservation, 3 reservation index, 4 key spend counter (read from the reservation), 5 stream
 * ARGV: 1 eventId, 2 now (ms)
 * Returns 1 when returned, 0 when there was nothing (settled meanwhile) or it has not expired.
 */
export const REAP_LUA = `
local r = redis.call('HMGET', KEYS[2], 'amt', 'cur', 'exp', 'acct', 'key')
if not r[1] then redis.call('ZREM', KEYS[3], ARGV[1]) return 0 end
if tonumber(r[3]) > tonumber(ARGV[2]) then return 0 end
local held = tonumber(r[1])
redis.call('HINCRBY', KEYS[1], 'b:' .. r[2], held)
redis.call('HINCRBY', KEYS[1], 'h:' .. r[2], -held)
redis.call('INCRBY', KEYS[4], -held)
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('XADD', KEYS[5], '*', 'id', ARGV[1], 'a', r[4], 'k', r[5], 'p', '', 'pr', '', 'c', r[2], 'amt', 0, 'u', 0,
  'ts', ARGV[2], 'm', '', 'path', '', 'st', 'reaped', 'rf', '1', 'qx', '')
return 1
`;

/**
 * Void a reservation whose outcome the gateway could not learn: release it if it was made (no usage event:
 * the call was never forwarded), and leave the tombstone that makes a late reservation refuse.
 * KEYS: 1 account, 2 reservation, 3 reservation index, 4 key spend counter, 5 charge receipt, 6.. quota counters
 * ARGV: 1 tombstone TTL (s), 2 eventId, 3 nQuotas, 4.. per quota: 1 if per unit, else 0
 * Returns {1} tombstoned, {2} already void, {3} released.
 */
export const VOID_RESERVATION_LUA = `
if redis.call('GET', KEYS[5]) == 'void' then return {2} end
redis.call('SET', KEYS[5], 'void', 'EX', ARGV[1])
local r = redis.call('HMGET', KEYS[2], 'amt', 'cur')
if not r[1] then return {1} end
local held = tonumber(r[1])
redis.call('HINCRBY', KEYS[1], 'b:' .. r[2], held)
redis.call('HINCRBY', KEYS[1], 'h:' .. r[2], -held)
redis.call('DECRBY', KEYS[4], held)
for i = 0, tonumber(ARGV[3]) - 1 do
  if ARGV[4 + i] ~= '1' then redis.call('DECR', KEYS[6 + i]) end
end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[2])
return {3}
`;

/** Rating maths alone, for the test that holds Lua and TypeScript equal. ARGV: price, before, units, percent. */
export const RATE_ONLY_LUA = `${PRELUDE}
return rate(parse_price(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
`;
