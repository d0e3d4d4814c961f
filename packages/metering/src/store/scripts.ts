import { ACCOUNT_FIELDS as A, BUNDLE_OVERAGE, luaXadd, MOVE_STATUS, NO_KEY, SIGNAL_FIELDS, USAGE_FIELDS, VOID_RECEIPT } from "./format.js";

/**
 * Every Lua script that moves money in Redis. Each runs atomically and touches one account's hash slot only;
 * balances are integer micros (Lua numbers are doubles, exact to 2^53, far above any balance we accept). Field
 * names come from format.ts.
 *
 * One charging path: a call is charged by CHARGE when its units are known before it is forwarded (a flat price
 * is the same script with nothing to count), or reserved by RESERVE and settled by SETTLE when the response
 * ends. VOID_CHARGE and VOID_RESERVATION undo either when the gateway lost the answer; REAP returns what a
 * dead gateway left reserved; CREDIT applies a ledger entry.
 *
 * A price (one rate line's) travels as one ARGV string compiled once per plan change (see encodePrice): a flat
 * price per call with no minimum or maximum as `=<micros per unit>`, which needs no parsing and no rating
 * (most calls' price); any other as a JSON array that cjson decodes in C (half the instructions of splitting
 * it in Lua),
 *   [mode,freeUnits,packageSize,minimum,maximum,first,next,ratePer,nTiers,upTo1,unit1,flat1,…]
 *   (upTo -1 = open, maximum -1 = none; first,next = billing increments)
 * or, as older versions wrote it into a charging session that is still open, the same numbers comma-separated.
 * It is rated by the same maths as core/rating.ts; a property test holds the two equal. The usage counter
 * counts the units after increments (what tiers and allowances apply to); per-unit quotas count the units used.
 * A usage event carries its attributes (JSON), rate line and actor (a staff charge's) only when it has them.
 *
 * Quotas travel as groups of four ARGVs: limit, hard (1/0), per unit (1) or per call (0), quota id; each has
 * its counter among KEYS, in the same order.
 */

/** The one table of script outcomes: what a charge, reservation or settlement answers. */
export const Code = {
  ok: 1,
  replayed: 2,
  insufficientFunds: 0,
  unknownAccount: -1,
  accountInactive: -2,
  keyInactive: -3,
  noWallet: -4,
  quotaExceeded: -5,
  spendCapReached: -6,
  reservationGone: -7,
  /** The gateway gave up on this event id and voided it: the charge or reservation must not happen. */
  voided: -8,
  /** A direct charge's Idempotency-Key was first used with another request (its digest differs). */
  requestMismatch: -9,
  /** The product's live bundles do not cover the call's units and one of them refuses overage (it is named). */
  bundleExhausted: -10,
  /** A line of a hierarchy has spent its limit for the period. */
  lineLimitReached: -11,
  /** The caller named another payer than the account's hash does (it joined or left a hierarchy meanwhile). */
  payerChanged: -12,
} as const;

/** `moved`: the hash is a moved account's tombstone (store/moves.ts): nothing moves, look its partition up again. */
export const ApplyCode = { applied: 1, alreadyApplied: 2, notCovered: 3, unknownAccount: -1, moved: -2 } as const;

// A script that writes to an account hash (KEYS[1]) outside the charging path refuses a moved account's
// tombstone (one HGET), answering \`moved\`.
const ifMoved = (moved: string) => `if redis.call('HGET', KEYS[1], '${A.status}') == '${MOVE_STATUS.moved}' then return ${moved} end`;

// The same, for a script that also needs the hash to exist (\`absent\`: its answer when it does not); a hash with
// no status (keys published before the account) still counts as there.
const unlessMoved = (moved: string, absent: string) => `
local st = redis.call('HGET', KEYS[1], '${A.status}')
if st == '${MOVE_STATUS.moved}' then return ${moved} end
if not st and redis.call('EXISTS', KEYS[1]) == 0 then return ${absent} end
`;

/** What a void did: nothing had run (and now never will), it was voided before, or it was given back; or the account moved (nothing moves: void it again where it is now). */
export const VoidCode = { tombstoned: 1, alreadyVoid: 2, refunded: 3, moved: 4 } as const;

const U = USAGE_FIELDS;
const field = (name: string, suffix: string) => `'${name}' .. ${suffix}`;

const PRELUDE = `
local function parse_price(s)
  local c = string.byte(s, 1)
  if c == 61 then return { each = tonumber(string.sub(s, 2)) } end
  local v
  if c == 91 then
    v = cjson.decode(s)
  else
    v = {}
    for x in string.gmatch(s, '[^,]+') do v[#v + 1] = tonumber(x) end
  end
  local p = { mode = v[1], free = v[2], pkg = v[3], min = v[4], max = v[5], first = v[6], next = v[7], per = v[8], tiers = {} }
  for i = 0, v[9] - 1 do p.tiers[#p.tiers + 1] = { up = v[10 + 3 * i], unit = v[11 + 3 * i], flat = v[12 + 3 * i] } end
  return p
end
local function incremented(p, u)
  if u <= 0 then return 0 end
  if u <= p.first then return p.first end
  return p.first + math.ceil((u - p.first) / p.next) * p.next
end
local function per_rate(p, amount)
  if p.per == 1 then return amount end
  return math.ceil(amount / p.per)
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
-- The price of a charge of units (done: the call's units charged before), and the units it adds to the period.
local function rate(p, before, units, percent, done)
  if p.each then
    local base = units * p.each
    if percent ~= 100 then base = math.floor((base * percent + 50) / 100) end
    return base, units
  end
  local added = incremented(p, done + units) - incremented(p, done)
  local from, to = billable(p, before), billable(p, before + added)
  local base
  if p.mode == 1 then
    base = per_rate(p, graduated(p, to)) - per_rate(p, graduated(p, from))
  else
    local unit = p.tiers[#p.tiers].unit
    for _, t in ipairs(p.tiers) do if t.up < 0 or to <= t.up then unit = t.unit break end end
    base = per_rate(p, (to - from) * unit)
  end
  if percent ~= 100 then base = math.floor((base * percent + 50) / 100) end
  if done == 0 and base < p.min then base = p.min end
  if p.max >= 0 and base > p.max then base = p.max end
  return base, added
end
-- What a usage event carries only when it has it: its attributes (JSON), rate line, and the staff member who
-- charged it (an argument after the quotas that only staff charges send: nil for a gateway's calls).
local function usage_extras(attributes, line, actor)
  local extra = {}
  if attributes ~= '' then extra[#extra + 1] = '${USAGE_FIELDS.attributes}' extra[#extra + 1] = attributes end
  if line ~= '' then extra[#extra + 1] = '${USAGE_FIELDS.rateLine}' extra[#extra + 1] = line end
  if actor then extra[#extra + 1] = '${USAGE_FIELDS.actor}' extra[#extra + 1] = actor end
  return extra
end
-- The product's live bundles (bx:<product>, expiring after \`now\`) in consumption order: what they would pay of
-- \`units\` ({id, n, id, n…}), the units left uncovered, and the first live bundle refusing overage (or nil).
-- Nothing moves: take_bundles does, once the call is admitted.
local function from_bundles(acct_key, product, units, now)
  local list = redis.call('HGET', acct_key, '${A.bundleList}' .. product)
  if not list then return {}, units, nil end
  local takes, need, refuse = {}, units, nil
  for id, exp, over in string.gmatch(list, '([^,;]+),(%d+),(%a)[^;]*') do
    if tonumber(exp) > now then
      if over == '${BUNDLE_OVERAGE.refuse}' and not refuse then refuse = id end
      if need > 0 then
        local left = tonumber(redis.call('HGET', acct_key, '${A.bundleUnits}' .. id) or '0')
        if left > 0 then
          local n = math.min(left, need)
          takes[#takes + 1] = id
          takes[#takes + 1] = n
          need = need - n
        end
      end
    end
  end
  return takes, need, refuse
end
-- Take what from_bundles said from each bundle; the usage event's \`bn\` ("id:n id:n", '' for none).
local function take_bundles(acct_key, takes)
  local parts = {}
  for i = 1, #takes, 2 do
    redis.call('HINCRBY', acct_key, '${A.bundleUnits}' .. takes[i], 0 - takes[i + 1])
    parts[#parts + 1] = takes[i] .. ':' .. takes[i + 1]
  end
  return table.concat(parts, ' ')
end
local function bundle_extras(extra, bn)
  if bn ~= '' then extra[#extra + 1] = '${USAGE_FIELDS.bundles}' extra[#extra + 1] = bn end
  return extra
end
local function payer_extras(extra, payer)
  if payer ~= '' then extra[#extra + 1] = '${USAGE_FIELDS.payerId}' extra[#extra + 1] = payer end
  return extra
end
local function incr_counter(key, by, ttl)
  local v = redis.call('INCRBY', key, by)
  if v == by then redis.call('EXPIRE', key, ttl) end
  return v
end
`;

// Checks shared by a charge and a reservation: account, key, payer, wallet, hard quotas, key cap, line limit,
// balance. A line of a hierarchy (payer ~= '') spends from its payer's wallet (KEYS[wk]), which must be active,
// within its own limit per period (its \`ll:\` field, counted by KEYS[lk]); the payer the caller names must be the
// one the account's hash names. Sets \`wallet\` (the hash whose balance moves) and \`wacct\` (its account).
// Expects: acct (KEYS[1]), keyId, cur, payer, amount, spendKey + cap, quota keys from index qk, quota args from
// index qa, and for a line wk and lk (the keys after the quotas' that only a line's call sends).
const ADMISSION = `
local a = redis.call('HMGET', KEYS[1], '${A.status}', ${field(A.key, "keyId")}, ${field(A.balance, "cur")}, ${field(A.creditLimit, "cur")}, ${field(A.autoRechargeThreshold, "cur")}, '${A.payer}')
if not a[1] then return {${Code.unknownAccount}, 0, 0} end
if a[1] ~= 'active' then return {${Code.accountInactive}, a[1], 0} end
if keyId ~= '${NO_KEY}' and a[2] ~= '1' then return {${Code.keyInactive}, 0, 0} end
if (a[6] or '') ~= payer then return {${Code.payerChanged}, 0, 0} end
local wallet, wacct, lineLimit = KEYS[1], acct, nil
if payer ~= '' then
  wallet, wacct, lineLimit = KEYS[wk], payer, redis.call('HGET', KEYS[1], ${field(A.lineLimit, "cur")})
  local w = redis.call('HMGET', wallet, '${A.status}', ${field(A.balance, "cur")}, ${field(A.creditLimit, "cur")}, ${field(A.autoRechargeThreshold, "cur")})
  if not w[1] then return {${Code.unknownAccount}, 0, 0} end
  if w[1] ~= 'active' then return {${Code.accountInactive}, w[1], 0} end
  a[3], a[4], a[5] = w[2], w[3], w[4]
end
if not a[3] then return {${Code.noWallet}, 0, 0} end
local balance = tonumber(a[3])
local creditLimit = tonumber(a[4] or '0')
local soft = ''
for i = 0, nq - 1 do
  local limit, hard, perUnit = tonumber(ARGV[qa + 4 * i]), ARGV[qa + 4 * i + 1] == '1', ARGV[qa + 4 * i + 2] == '1'
  local used = tonumber(redis.call('GET', KEYS[qk + i]) or '0')
  local adds = 1
  if perUnit then adds = units_known end
  if hard and ((perUnit and units_known < 0 and used >= limit) or (adds >= 0 and used + adds > limit)) then
    return {${Code.quotaExceeded}, ARGV[qa + 4 * i + 3], used}
  end
end
if cap >= 0 then
  local spent = tonumber(redis.call('GET', spendKey) or '0')
  if spent + amount > cap then return {${Code.spendCapReached}, spent, cap} end
end
if lineLimit then
  local spent, limit = tonumber(redis.call('GET', KEYS[lk]) or '0'), tonumber(lineLimit)
  if spent + amount > limit then return {${Code.lineLimitReached}, spent, limit} end
end
if balance + creditLimit < amount then return {${Code.insufficientFunds}, balance, amount} end
`;

// A wallet carried below its auto-recharge threshold (`threshold`, or nil) by this debit gets one signal on the
// signal stream KEYS[sk]. Expects: before (the balance before), balance (after), wacct (the wallet's account), cur.
const SIGNAL = `
if threshold and before >= tonumber(threshold) and balance < tonumber(threshold) then
  ${luaXadd("KEYS[sk]", SIGNAL_FIELDS, { accountId: "wacct", currency: "cur", balance: "balance", threshold: "threshold" })}
end
`;

// Count a line's spend from its payer's wallet (KEYS[lk]) by \`by\` micros (negative: given back).
const countLine = (by: string) => `if payer ~= '' and ${by} ~= 0 then incr_counter(KEYS[lk], ${by}, ttl) end`;

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
 * Charge a call whose units are known before it is forwarded (calls, request bytes), or refuse it.
 * Its units are taken first from the product's live bundles (consumption order), and only the units they do
 * not cover are rated and charged to the wallet; when a live bundle refuses overage, a call they do not cover
 * whole is refused (bundleExhausted, naming it). A refused call takes nothing from any bundle. The period's
 * usage counter counts the units charged in money only (what tiers and allowances apply to); quotas count all.
 * With `track` off (a flat price, no quota, no key cap) nothing is counted: the price does not depend on the
 * period's usage.
 * A direct charge passes its request's digest: the first one is kept with the receipt's lifetime (whatever the
 * outcome), and a later one that differs is refused before anything else (the same Idempotency-Key, another
 * request).
 * A line of a hierarchy is charged to its payer's wallet, within its limit (ADMISSION).
 * KEYS: 1 account, 2 usage stream, 3 receipt, 4 usage counter, 5 key spend counter, 6 signal stream,
 *       7 request digest, 8.. quota counters, then a line's only: its payer's account, its spend counter
 * ARGV: 1 acct, 2 keyId, 3 planId, 4 productId, 5 currency, 6 eventId, 7 ts, 8 method, 9 path, 10 receipt TTL,
 *       11 units, 12 percent, 13 price, 14 key cap (-1), 15 counter TTL, 16 track (1/0), 17 attributes, 18 rate line,
 *       19 request digest ('' for none), 20 payer ('' for none), 21 nQuotas, 22.. quotas, then the actor (staff
 *       charges only)
 * Returns {ok, balance, amount, softExceeded, bundle takes} | {replayed, balance, amount} | refusal.
 */
const CHARGE = `
if ARGV[19] ~= '' then
  local kept = redis.call('GET', KEYS[7])
  if kept and kept ~= ARGV[19] then return {${Code.requestMismatch}, 0, 0} end
  if not kept then redis.call('SET', KEYS[7], ARGV[19], 'EX', ARGV[10]) end
end
local receipt = redis.call('GET', KEYS[3])
if receipt == '${VOID_RECEIPT}' then return {${Code.voided}, 0, 0} end
if receipt then
  local b, amt = string.match(receipt, '^(%S+) (%S+)')
  return {${Code.replayed}, tonumber(b), tonumber(amt)}
end
local acct, keyId, cur, units_known, ttl, track, payer = ARGV[1], ARGV[2], ARGV[5], tonumber(ARGV[11]), tonumber(ARGV[15]), ARGV[16] == '1', ARGV[20]
local spendKey, cap, nq, qk, qa, sk = KEYS[5], tonumber(ARGV[14]), tonumber(ARGV[21]), 8, 22, 6
local wk, lk = qk + nq, qk + nq + 1
local takes, need, refuse = from_bundles(KEYS[1], ARGV[4], units_known, tonumber(ARGV[7]))
local refused = need > 0 and refuse
local amount, added = 0, 0
if not refused and (#takes == 0 or need > 0) then
  local used = 0
  if track then used = tonumber(redis.call('GET', KEYS[4]) or '0') end
  amount, added = rate(parse_price(ARGV[13]), used, need, tonumber(ARGV[12]), 0)
end
${ADMISSION}
if refused then return {${Code.bundleExhausted}, refuse, need} end
local bn = take_bundles(KEYS[1], takes)
local before, threshold = balance, a[5]
balance = redis.call('HINCRBY', wallet, ${field(A.balance, "cur")}, 0 - amount)
${SIGNAL}
if track then
  if added > 0 then incr_counter(KEYS[4], added, ttl) end
  incr_counter(spendKey, amount, ttl)
end
${countLine("amount")}
${COUNT_QUOTAS}
${luaXadd(
  "KEYS[2]",
  U,
  {
    eventId: "ARGV[6]",
    accountId: "acct",
    keyId: "keyId",
    planId: "ARGV[3]",
    productId: "ARGV[4]",
    currency: "cur",
    amount: "amount",
    units: "units_known",
    timestampMs: "ARGV[7]",
    method: "ARGV[8]",
    path: "ARGV[9]",
    quotasExceeded: "soft",
  },
  "payer_extras(bundle_extras(usage_extras(ARGV[17], ARGV[18], ARGV[qa + 4 * nq]), bn), payer)",
)}
redis.call('SET', KEYS[3], balance .. ' ' .. amount .. ' ' .. units_known .. ' ' .. added .. ' ' .. bn, 'EX', ARGV[10])
return {${Code.ok}, balance, amount, soft, bn}
`;

/**
 * Reserve a call's maximum price before forwarding it; settled (or reaped, or voided) later.
 * Bundles (the units are unknown until the response ends): while a live bundle of the product refuses
 * overage, money is never charged for the product, so nothing is held; the call is refused (bundleExhausted)
 * when no live bundle has a unit left. Otherwise the maximum is held as without bundles, and SETTLE takes the
 * units from the bundles first. Units are never reserved: SETTLE takes what the bundles hold then.
 * A line's reservation holds its payer's money, and counts against its limit; the reservation names the payer.
 * KEYS: 1 account, 2 reservation, 3 partition reservation index, 4 key spend counter, 5 signal stream,
 *       6 charge receipt (where a void leaves its tombstone), 7.. quota counters, then a line's only: its payer's
 *       account, its spend counter
 * ARGV: 1 acct, 2 keyId, 3 currency, 4 eventId, 5 amount, 6 expires at (ms), 7 key cap, 8 counter TTL,
 *       9 productId, 10 ts (ms: which bundles are live), 11 payer ('' for none), 12 nQuotas, 13.. quotas
 * Returns {ok, balance, amount} | refusal.
 */
const RESERVE = `
if redis.call('GET', KEYS[6]) == '${VOID_RECEIPT}' then return {${Code.voided}, 0, 0} end
if redis.call('EXISTS', KEYS[2]) == 1 then
  local w = KEYS[1]
  if ARGV[11] ~= '' then w = KEYS[7 + tonumber(ARGV[12])] end
  return {${Code.ok}, tonumber(redis.call('HGET', w, ${field(A.balance, "ARGV[3]")}) or '0'), tonumber(redis.call('HGET', KEYS[2], 'amt'))}
end
local acct, keyId, cur, amount, ttl, payer = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[8]), ARGV[11]
local spendKey, cap, nq, qk, qa, units_known, sk = KEYS[4], tonumber(ARGV[7]), tonumber(ARGV[12]), 7, 13, -1, 5
local wk, lk = qk + nq, qk + nq + 1
local _, need, refuse = from_bundles(KEYS[1], ARGV[9], 1, tonumber(ARGV[10]))
if refuse then amount = 0 end
${ADMISSION}
if refuse and need > 0 then return {${Code.bundleExhausted}, refuse, need} end
local before, threshold = balance, a[5]
balance = redis.call('HINCRBY', wallet, ${field(A.balance, "cur")}, 0 - amount)
${SIGNAL}
redis.call('HINCRBY', wallet, ${field(A.reserved, "cur")}, amount)
incr_counter(spendKey, amount, ttl)
${countLine("amount")}
${COUNT_QUOTAS}
redis.call('HSET', KEYS[2], 'acct', acct, 'key', keyId, 'cur', cur, 'amt', amount, 'ks', spendKey, 'exp', ARGV[6])
if payer ~= '' then redis.call('HSET', KEYS[2], 'py', payer, 'ls', KEYS[lk]) end
redis.call('EXPIRE', KEYS[2], 7 * 86400)
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4])
return {${Code.ok}, balance, amount}
`;

/**
 * Settle a reservation with what the call actually used, or refund it; records the call's one usage event.
 * The units are taken from the product's live bundles first (never more than they hold), and only the rest is
 * rated, at most what was held: a call reserved while a bundle refusing overage was live held nothing, so
 * its units beyond what the bundles hold now are not charged (at most one call's units per call in flight).
 * A line's settlement moves its payer's money (the payer the reservation names, which the caller must name too).
 * KEYS: 1 account, 2 stream, 3 reservation, 4 reservation index, 5 usage counter, 6 key spend counter,
 *       7.. quota counters, then a line's only: its payer's account, its spend counter
 * ARGV: 1 eventId, 2 units, 3 percent, 4 price, 5 refund (1/0), 6 status, 7 duration ms, 8 request bytes,
 *       9 response bytes, 10 counter TTL, 11 planId, 12 productId, 13 ts, 14 method, 15 path, 16 units done before,
 *       17 attributes, 18 rate line, 19 payer ('' for none), 20 nQuotas, 21.. quotas, then the actor (staff only)
 * Returns {ok, balance, amount, softExceeded} | {reservationGone} when already settled, reaped or voided |
 * {payerChanged} when the caller names another payer than the reservation (nothing moves).
 */
const SETTLE = `
local r = redis.call('HMGET', KEYS[3], 'amt', 'cur', 'acct', 'key', 'py')
if not r[1] then return {${Code.reservationGone}, 0, 0} end
local payer, nq, qk, qa = ARGV[19], tonumber(ARGV[20]), 7, 21
if (r[5] or '') ~= payer then return {${Code.payerChanged}, 0, 0} end
local wallet, lk = KEYS[1], qk + nq + 1
if payer ~= '' then wallet = KEYS[qk + nq] end
local held, cur, refund, ttl = tonumber(r[1]), r[2], ARGV[5] == '1', tonumber(ARGV[10])
local units_known = tonumber(ARGV[2])
if refund then units_known = 0 end
local amount, bn = 0, ''
if not refund then
  local takes, need = from_bundles(KEYS[1], ARGV[12], units_known, tonumber(ARGV[13]))
  bn = take_bundles(KEYS[1], takes)
  if #takes == 0 or need > 0 then
    local used = tonumber(redis.call('GET', KEYS[5]) or '0')
    local added
    amount, added = rate(parse_price(ARGV[4]), used, need, tonumber(ARGV[3]), tonumber(ARGV[16]))
    if amount > held then amount = held end
    if added > 0 then incr_counter(KEYS[5], added, ttl) end
  end
end
local balance = redis.call('HINCRBY', wallet, ${field(A.balance, "cur")}, held - amount)
redis.call('HINCRBY', wallet, ${field(A.reserved, "cur")}, 0 - held)
redis.call('INCRBY', KEYS[6], amount - held)
${countLine("amount - held")}
local soft = ''
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
${luaXadd(
  "KEYS[2]",
  U,
  {
    eventId: "ARGV[1]",
    accountId: "r[3]",
    keyId: "r[4]",
    planId: "ARGV[11]",
    productId: "ARGV[12]",
    currency: "cur",
    amount: "amount",
    units: "units_known",
    timestampMs: "ARGV[13]",
    method: "ARGV[14]",
    path: "ARGV[15]",
    status: "ARGV[6]",
    durationMs: "ARGV[7]",
    requestBytes: "ARGV[8]",
    responseBytes: "ARGV[9]",
    refunded: "ARGV[5]",
    quotasExceeded: "soft",
  },
  "payer_extras(bundle_extras(usage_extras(ARGV[17], ARGV[18], ARGV[qa + 4 * nq]), bn), payer)",
)}
return {${Code.ok}, balance, amount, soft, bn}
`;

/** The operations METER_LUA applies, by number. */
export const MeterOp = { charge: 1, reserve: 2, settle: 3, forget: 4 } as const;

/**
 * The operations' bodies as functions of their own KEYS and ARGV (the parameters shadow the script's), for the
 * two scripts that run them: METER_LUA (a batch) and METER_ONE_LUA (one operation).
 */
const METER_BODIES = `${PRELUDE}
local function charge(KEYS, ARGV) ${CHARGE} end
local function reserve(KEYS, ARGV) ${RESERVE} end
local function settle(KEYS, ARGV) ${SETTLE} end`;

/**
 * The one script the charging path sends: a batch of charges, reservations and settlements of one hash slot,
 * applied in order, each on its own (one refused or failing leaves the others as they are), in one atomic run.
 * The gateway coalesces the calls of a slot that arrive while its previous batch is in flight (charge-store.ts);
 * a call that finds none in flight goes at once, as a batch of one.
 * Each body above is a function of its own KEYS and ARGV (the parameters shadow the script's), so it reads as
 * the single script it was.
 * KEYS: every operation's keys, one after the other.
 * ARGV: per operation: op (MeterOp), its key count, its argument count, then its arguments. `forget` deletes
 * its keys (charge receipts whose answer arrived: charge-store.ts).
 * Returns one reply per operation, in order: the operation's own, or {'err', message} when it raised an error.
 */
export const METER_LUA = `${METER_BODIES}
local ops = { charge, reserve, settle }
local out, ki, ai, n = {}, 1, 1, #ARGV
while ai <= n do
  local op, nk, na = tonumber(ARGV[ai]), tonumber(ARGV[ai + 1]), tonumber(ARGV[ai + 2])
  local reply
  if op == ${MeterOp.forget} then
    -- Delete keys no longer needed (charge receipts whose answer reached the gateway): one command, and no
    -- pcall or argument tables, which cost a script run more than the deletion.
    if nk > 0 then redis.call('UNLINK', unpack(KEYS, ki, ki + nk - 1)) end
    reply = {1}
  else
    local ok
    ok, reply = pcall(ops[op], { unpack(KEYS, ki, ki + nk - 1) }, { unpack(ARGV, ai + 3, ai + 2 + na) })
    if not ok then
      if type(reply) == 'table' then reply = reply.err end
      reply = { 'err', tostring(reply) }
    end
  end
  out[#out + 1] = reply
  ki, ai = ki + nk, ai + 3 + na
end
return out
`;

/**
 * METER_LUA for a batch of one operation, which is every batch at a steady rate (calls rarely overlap): the same
 * bodies, without the envelope's cost per operation (a table of its keys, one of its arguments, a pcall), which
 * was about a fifth of a flat charge's run. An error fails the run, which fails its one operation as METER_LUA's
 * error reply would.
 * KEYS: the operation's keys, then the keys to forget (charge receipts whose answer arrived, deleted first).
 * ARGV: the operation's arguments, then its op (MeterOp) and the number of keys to forget.
 * Returns the operation's reply.
 */
export const METER_ONE_LUA = `${METER_BODIES}
local nf = tonumber(table.remove(ARGV))
local op = tonumber(table.remove(ARGV))
if nf > 0 then redis.call('UNLINK', unpack(KEYS, #KEYS - nf + 1, #KEYS)) end
if op == ${MeterOp.charge} then return charge(KEYS, ARGV) end
if op == ${MeterOp.reserve} then return reserve(KEYS, ARGV) end
return settle(KEYS, ARGV)
`;

/** What a lease script answers besides a refusal: the lease stands (with what it holds), or it was given back. */
export const LeaseCode = { held: 1, returned: 2 } as const;

/** How many ARGVs one reported call takes in LEASE_LUA. */
export const LEASE_CALL_ARGS = 9;

// Units a lease holds (its \`ub\` field): "product,bundleId,units,expiresAtMs" items joined by ';', in the order
// they are spent (the bundles' consumption order). Each bundle's units held by leases are also counted in the
// account hash (\`bh:<bundle>\`), so that an end of the bundle waits for them (END_BUNDLE_LUA) and a reading of
// what it has left counts them. Expects KEYS[1] (the account), KEYS[5] is not needed.
const HELD_UNITS = `
local function held_items(text)
  local items = {}
  for product, id, n, exp in string.gmatch(text or '', '([^,;]+),([^,;]+),(%d+),(%d+)') do
    items[#items + 1] = { product = product, id = id, n = tonumber(n), exp = tonumber(exp) }
  end
  return items
end
local function held_text(items)
  local parts = {}
  for _, it in ipairs(items) do
    if it.n > 0 then parts[#parts + 1] = table.concat({ it.product, it.id, it.n, it.exp }, ',') end
  end
  return table.concat(parts, ';')
end
-- Give held units back to their bundles (an ending bundle keeps its units field until its held units are back).
local function give_back_units(items, keep)
  local kept = {}
  for _, it in ipairs(items) do
    if it.n > 0 and keep and keep(it) then
      kept[#kept + 1] = it
    elseif it.n > 0 then
      redis.call('HINCRBY', KEYS[1], '${A.bundleHeld}' .. it.id, 0 - it.n)
      if redis.call('HEXISTS', KEYS[1], '${A.bundleUnits}' .. it.id) == 1 then
        redis.call('HINCRBY', KEYS[1], '${A.bundleUnits}' .. it.id, it.n)
      end
    end
  end
  return kept
end
`;

/**
 * Leased mode (a plan's `metering: "leased"`): a gateway process holds a block of an account's balance (like
 * Diameter's granted units), spends it on calls locally, and reports them here in batches. A lease is a
 * reservation under the lease's id, which the reaper returns if its gateway dies (every report renews its
 * expiry), so the ledger's identity holds throughout: a grant moves money from the balance to `reserved`, a
 * reported call moves its amount from `reserved` to its usage event.
 * A lease may also hold units of the account's bundles (HELD_UNITS), for the products the gateway asks for: a
 * grant takes them from the product's live bundles in consumption order (those that outlive the lease), and a
 * call they cover whole is decided from them in memory, at no money; the units move from the bundle to the lease
 * (`bh:`), and a reported call's units leave the lease. A bundle that stops being live for the lease (it ends,
 * or would expire before the lease) gets its units back at the next run.
 * In one run: (1) record the reported calls, each one usage event. The gateway sends the totals it has spent
 * from the lease so far (money and units), and the lease keeps the totals recorded, so a report sent again (its
 * answer lost) moves nothing twice (its events repeat on the stream, and the ingester keeps one of each). A lease
 * that is gone (reaped while its gateway stalled, or lost with Redis) has its calls charged to the balance, and
 * their units taken from their bundles (the reaper gave them back). (2) Give back what is left when asked (`unit`
 * -1), or when the account or key may no longer spend; the lease stays as a record of what it recorded. (3) Grant
 * more when asked (`unit` > 0, the price of the call that asks): `unit` × min(max calls, spendable ÷ (8 × unit)),
 * at least one call's worth: the block shrinks with the balance, and the last calls are granted one at a time;
 * and up to `units wanted` units of the product asked for.
 * KEYS: 1 account, 2 lease (a reservation), 3 reservation index, 4 the account's leased total (the lease's
 *       spend key, which the reaper's release takes down), 5 usage stream, 6 signal stream
 * ARGV: 1 acct, 2 keyId (admission), 3 currency, 4 lease id, 5 unit (0: report only, -1: give back), 6 max
 *       calls per grant, 7 expires at (ms), 8 the leased total's TTL, 9 spent from the lease in all, 10 units spent
 *       from it in all, 11 the product whose units to hold ('' none), 12 units wanted, 13 now (ms), 14 calls n,
 *       then per call (LEASE_CALL_ARGS): eventId, keyId, planId, productId, amount, ts, method, path, bundle takes
 *       ("bundleId:units …", '' for a call paid in money)
 * Returns {held, amount held, balance, 0, units held} | {returned, 0, balance, 0, ''} | {insufficientFunds,
 * balance, unit, amount held, units held} (the wallet cannot pay for one more call: the lease stands, with what it
 * holds) | another refusal (the lease given back) | {accountInactive, 'moved'} before anything else when the hash is
 * a moved account's tombstone (nothing recorded: the calls are reported again where the account is now).
 */
export const LEASE_LUA = `${HELD_UNITS}
${ifMoved(`{${Code.accountInactive}, '${MOVE_STATUS.moved}', 0}`)}
local acct, keyId, cur, unit, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[8])
local l = redis.call('HMGET', KEYS[2], 'amt', 'spent', 'open', 'ub', 'us')
local exists, held, recorded = l[1] ~= false, tonumber(l[1] or '0'), tonumber(l[2] or '0')
local open = exists and l[3] == '1'
local units = held_items(l[4])
local total, utotal, n, sum = tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[14]), 0
local fresh = (not exists) or total > recorded or utotal > tonumber(l[5] or '0')
if fresh and n > 0 then
  for i = 0, n - 1 do
    local o = 14 + ${LEASE_CALL_ARGS} * i
    local amount, bn, used = tonumber(ARGV[o + 5]), ARGV[o + 9], 1
    sum = sum + amount
    if bn ~= '' then
      used = 0
      for id, k in string.gmatch(bn, '(%S+):(%d+)') do
        k = tonumber(k)
        used = used + k
        local from_lease = 0
        for _, it in ipairs(units) do
          if it.id == id and it.n > 0 and from_lease < k then
            local m = math.min(it.n, k - from_lease)
            it.n = it.n - m
            from_lease = from_lease + m
          end
        end
        if from_lease > 0 then redis.call('HINCRBY', KEYS[1], '${A.bundleHeld}' .. id, 0 - from_lease) end
        -- Units this lease no longer holds (it was reaped, or lost): taken from the bundle, which got them back.
        if k > from_lease and redis.call('HEXISTS', KEYS[1], '${A.bundleUnits}' .. id) == 1 then
          redis.call('HINCRBY', KEYS[1], '${A.bundleUnits}' .. id, from_lease - k)
        end
      end
    end
    ${luaXadd(
      "KEYS[5]",
      U,
      {
        eventId: "ARGV[o + 1]",
        accountId: "acct",
        keyId: "ARGV[o + 2]",
        planId: "ARGV[o + 3]",
        productId: "ARGV[o + 4]",
        currency: "cur",
        amount: "amount",
        units: "used",
        timestampMs: "ARGV[o + 6]",
        method: "ARGV[o + 7]",
        path: "ARGV[o + 8]",
        quotasExceeded: "''",
      },
      `(bn ~= '' and {'${USAGE_FIELDS.bundles}', bn} or {})`,
    )}
  end
  -- What this report adds: the new part of the total (the lease's own count), or every call sent (no lease).
  local owed = sum
  if exists then owed = total - recorded end
  local fromLease = 0
  if open then fromLease = math.min(owed, held) end
  if fromLease > 0 then
    held = held - fromLease
    redis.call('HINCRBY', KEYS[1], ${field(A.reserved, "cur")}, 0 - fromLease)
    redis.call('DECRBY', KEYS[4], fromLease)
  end
  if owed > fromLease then redis.call('HINCRBY', KEYS[1], ${field(A.balance, "cur")}, fromLease - owed) end
  if exists then redis.call('HSET', KEYS[2], 'amt', held, 'spent', total, 'us', utotal) end
end
local a = redis.call('HMGET', KEYS[1], '${A.status}', ${field(A.key, "keyId")}, ${field(A.balance, "cur")}, ${field(A.creditLimit, "cur")}, ${field(A.autoRechargeThreshold, "cur")})
local refusal
if not a[1] then refusal = {${Code.unknownAccount}, 0, 0}
elseif a[1] ~= 'active' then refusal = {${Code.accountInactive}, a[1], 0}
elseif keyId ~= '${NO_KEY}' and a[2] ~= '1' then refusal = {${Code.keyInactive}, 0, 0}
elseif not a[3] then refusal = {${Code.noWallet}, 0, 0} end
local balance = tonumber(a[3] or '0')
if open and (unit < 0 or refusal) then
  balance = redis.call('HINCRBY', KEYS[1], ${field(A.balance, "cur")}, held)
  redis.call('HINCRBY', KEYS[1], ${field(A.reserved, "cur")}, 0 - held)
  redis.call('DECRBY', KEYS[4], held)
  units = give_back_units(units, nil)
  redis.call('HSET', KEYS[2], 'amt', 0, 'open', 0, 'ub', '')
  redis.call('ZREM', KEYS[3], ARGV[4])
  open = false
end
if refusal then return refusal end
if unit < 0 then return {${LeaseCode.returned}, 0, balance, 0, ''} end
-- Units of bundles no longer live for the lease (ended, or expiring before it) go back to them.
local expires = tonumber(ARGV[7])
units = give_back_units(units, function(it)
  if it.exp <= expires then return false end
  local list = redis.call('HGET', KEYS[1], '${A.bundleList}' .. it.product)
  return list ~= false and string.find(';' .. list, ';' .. it.id .. ',', 1, true) ~= nil
end)
local short = false
if unit > 0 and (open or not exists) then
  local spendable = balance + tonumber(a[4] or '0')
  if spendable < unit then
    short = true
  else
    local calls = math.min(math.floor(spendable / (8 * unit)), tonumber(ARGV[6]))
    if calls < 1 then calls = 1 end
    local grant = calls * unit
    local before, threshold, sk, wacct = balance, a[5], 6, acct
    balance = redis.call('HINCRBY', KEYS[1], ${field(A.balance, "cur")}, 0 - grant)
    ${SIGNAL}
    redis.call('HINCRBY', KEYS[1], ${field(A.reserved, "cur")}, grant)
    redis.call('INCRBY', KEYS[4], grant)
    redis.call('EXPIRE', KEYS[4], ttl)
    if not exists then
      redis.call('HSET', KEYS[2], 'acct', acct, 'key', keyId, 'cur', cur, 'amt', grant, 'spent', total, 'us', utotal, 'ks', KEYS[4], 'open', 1)
      exists, open, held = true, true, grant
    else
      held = redis.call('HINCRBY', KEYS[2], 'amt', grant)
    end
  end
end
-- Units of the product asked for, from its live bundles that outlive the lease, in consumption order: an eighth
-- of what they have left (at least one), at most what was asked for, so that the block shrinks with the bundles
-- and the last units are held one at a time. None while a live bundle of the product refuses overage: a call
-- decided exactly elsewhere must not be refused for units a lease holds.
local product, want = ARGV[11], tonumber(ARGV[12])
local list = product ~= '' and redis.call('HGET', KEYS[1], '${A.bundleList}' .. product)
if list and want > 0 and (open or not exists) then
  local have, live, candidates = 0, 0, {}
  for _, it in ipairs(units) do if it.product == product then have = have + it.n end end
  for id, exp, over in string.gmatch(list, '([^,;]+),(%d+),(%a)[^;]*') do
    if tonumber(exp) > tonumber(ARGV[13]) and over == '${BUNDLE_OVERAGE.refuse}' then live = -1 break end
    if tonumber(exp) > expires then
      local left = tonumber(redis.call('HGET', KEYS[1], '${A.bundleUnits}' .. id) or '0')
      if left > 0 then
        live = live + left
        candidates[#candidates + 1] = { id = id, exp = tonumber(exp), left = left }
      end
    end
  end
  local need, granted = math.min(want, math.max(1, math.floor(live / 8))) - have, 0
  if live > 0 and need > 0 then
    for _, c in ipairs(candidates) do
      if need <= 0 then break end
      local take = math.min(c.left, need)
      redis.call('HINCRBY', KEYS[1], '${A.bundleUnits}' .. c.id, 0 - take)
      redis.call('HINCRBY', KEYS[1], '${A.bundleHeld}' .. c.id, take)
      local merged = false
      for _, it in ipairs(units) do
        if it.id == c.id then it.n = it.n + take merged = true end
      end
      if not merged then units[#units + 1] = { product = product, id = c.id, n = take, exp = c.exp } end
      need, granted = need - take, granted + take
    end
    if granted > 0 and not exists then
      redis.call('HSET', KEYS[2], 'acct', acct, 'key', keyId, 'cur', cur, 'amt', 0, 'spent', total, 'us', utotal, 'ks', KEYS[4], 'open', 1)
      exists, open = true, true
    end
  end
end
local ub = held_text(units)
if exists then redis.call('HSET', KEYS[2], 'ub', ub) end
if not open then
  if short then return {${Code.insufficientFunds}, balance, unit, 0, ''} end
  return {${LeaseCode.returned}, 0, balance, 0, ''}
end
redis.call('HSET', KEYS[2], 'exp', ARGV[7])
redis.call('EXPIRE', KEYS[2], 7 * 86400)
redis.call('ZADD', KEYS[3], ARGV[7], ARGV[4])
if short then return {${Code.insufficientFunds}, balance, unit, held, ub} end
return {${LeaseCode.held}, held, balance, 0, ub}
`;

// Give back what a reservation holds and forget it: balance up, reserved down, the key's spend down, and a
// line's spend down (\`payer\`, the payer it names, or nil; \`lineKey\` its counter).
// Expects r = HMGET(reservation, 'amt', 'cur', …); KEYS 1 the wallet's account (the payer's, for a line's),
// 2 reservation, 3 reservation index, 4 key spend.
const release = (eventId: string, payer: string, lineKey: string) => `
local held = tonumber(r[1])
redis.call('HINCRBY', KEYS[1], ${field(A.balance, "r[2]")}, held)
redis.call('HINCRBY', KEYS[1], ${field(A.reserved, "r[2]")}, 0 - held)
redis.call('DECRBY', KEYS[4], held)
if ${payer} and held ~= 0 then redis.call('DECRBY', ${lineKey}, held) end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ${eventId})
`;

/**
 * Return an expired reservation whose gateway never settled it (it died): the caller is not charged. A lease's
 * units go back to their bundles.
 * KEYS: 1 the wallet's account (the payer the reservation names, else its account), 2 reservation,
 *       3 reservation index, 4 key spend counter, 5 stream, 6 the line's spend counter (a line's; else the key
 *       spend counter again) — all read from the reservation
 * ARGV: 1 eventId, 2 now (ms)
 * Returns 1 when returned, 0 when there was nothing (settled meanwhile) or it has not expired.
 */
export const REAP_LUA = `${HELD_UNITS}
local r = redis.call('HMGET', KEYS[2], 'amt', 'cur', 'exp', 'acct', 'key', 'py', 'ub')
if not r[1] then redis.call('ZREM', KEYS[3], ARGV[1]) return 0 end
if tonumber(r[3]) > tonumber(ARGV[2]) then return 0 end
-- A lease's units go back to their bundles.
give_back_units(held_items(r[7]), nil)
${release("ARGV[1]", "r[6]", "KEYS[6]")}
${luaXadd(
  "KEYS[5]",
  U,
  {
    eventId: "ARGV[1]",
    accountId: "r[4]",
    keyId: "r[5]",
    planId: "''",
    productId: "''",
    currency: "r[2]",
    amount: "0",
    units: "0",
    timestampMs: "ARGV[2]",
    method: "''",
    path: "''",
    status: "'reaped'",
    refunded: "'1'",
    quotasExceeded: "''",
  },
  `(r[6] and {'${USAGE_FIELDS.payerId}', r[6]} or {})`,
)}
return 1
`;

/**
 * Void a charge whose outcome the gateway could not learn (Redis stalled or the connection broke after the
 * script was sent), so that a call refused as 503 is never charged, whenever the charge runs:
 * - no receipt: the charge has not run; leave the tombstone, and it will refuse when it does;
 * - a receipt: it ran; give back its amount (and what it counted) and the units its bundles paid (to those
 *   still live), append a void entry for the event to the usage stream (the ingester marks the event refunded;
 *   its `bn` says the units given back), and leave the tombstone.
 * A line's charge goes back to its payer's wallet, and off its spend.
 * KEYS: 1 account, 2 usage stream, 3 receipt, 4 usage counter, 5 key spend counter, 6 the payer's account
 *       (else the account again), 7 the line's spend counter (else the key spend counter again), 8.. quota counters
 * ARGV: 1 tombstone TTL (s), 2 eventId, 3 accountId, 4 keyId, 5 planId, 6 productId, 7 currency, 8 ts,
 *       9 method, 10 path, 11 track (1/0), 12 payer ('' for none), 13 nQuotas, 14.. per quota: 1 if per unit, else 0
 * Returns {code, balance}; {moved} when KEYS[1] is a moved account's tombstone (nothing moves).
 */
export const VOID_CHARGE_LUA = `
${ifMoved(`{${VoidCode.moved}, 0}`)}
local receipt = redis.call('GET', KEYS[3])
if receipt == '${VOID_RECEIPT}' then return {${VoidCode.alreadyVoid}, 0} end
redis.call('SET', KEYS[3], '${VOID_RECEIPT}', 'EX', ARGV[1])
if not receipt then return {${VoidCode.tombstoned}, 0} end
local amount, units, added, bn = string.match(receipt, '^%S+ (%d+) (%d+) ?(%d*) ?(.*)$')
if not amount then return {${VoidCode.alreadyVoid}, 0} end
amount, units = tonumber(amount), tonumber(units)
added = tonumber(added) or units
local balance = redis.call('HINCRBY', KEYS[6], ${field(A.balance, "ARGV[7]")}, amount)
if ARGV[12] ~= '' and amount ~= 0 then redis.call('DECRBY', KEYS[7], amount) end
-- The units its bundles paid go back to those still live (an expired or revoked one's left with it).
local back = {}
for id, n in string.gmatch(bn, '(%S+):(%d+)') do
  if redis.call('HEXISTS', KEYS[1], '${A.bundleUnits}' .. id) == 1 then
    redis.call('HINCRBY', KEYS[1], '${A.bundleUnits}' .. id, n)
    back[#back + 1] = id .. ':' .. n
  end
end
local extra = {}
if #back > 0 then extra = {'${USAGE_FIELDS.bundles}', table.concat(back, ' ')} end
if ARGV[12] ~= '' then extra[#extra + 1] = '${USAGE_FIELDS.payerId}' extra[#extra + 1] = ARGV[12] end
if ARGV[11] == '1' then
  if added > 0 then redis.call('DECRBY', KEYS[4], added) end
  redis.call('DECRBY', KEYS[5], amount)
end
for i = 0, tonumber(ARGV[13]) - 1 do
  if ARGV[14 + i] == '1' then redis.call('DECRBY', KEYS[8 + i], units) else redis.call('DECR', KEYS[8 + i]) end
end
${luaXadd(
  "KEYS[2]",
  U,
  {
    eventId: "ARGV[2]",
    accountId: "ARGV[3]",
    keyId: "ARGV[4]",
    planId: "ARGV[5]",
    productId: "ARGV[6]",
    currency: "ARGV[7]",
    amount: "0 - amount",
    units: "units",
    timestampMs: "ARGV[8]",
    method: "ARGV[9]",
    path: "ARGV[10]",
    status: "503",
    refunded: "'1'",
    void: "'1'",
  },
  "extra",
)}
return {${VoidCode.refunded}, balance}
`;

/**
 * Void a reservation whose outcome the gateway could not learn: release it if it was made (no usage event:
 * the call was never forwarded), and leave the tombstone that makes a late reservation refuse.
 * KEYS: 1 the wallet's account (the payer's, for a line), 2 reservation, 3 reservation index, 4 key spend counter,
 *       5 charge receipt, 6 the line's spend counter (else the key spend counter again), 7.. quota counters
 * ARGV: 1 tombstone TTL (s), 2 eventId, 3 payer ('' for none), 4 nQuotas, 5.. per quota: 1 if per unit, else 0
 * Returns {code}, or {payerChanged} (nothing moves: the reaper returns it) when the reservation names another
 * payer than the caller.
 */
export const VOID_RESERVATION_LUA = `
if redis.call('GET', KEYS[5]) == '${VOID_RECEIPT}' then return {${VoidCode.alreadyVoid}} end
local r = redis.call('HMGET', KEYS[2], 'amt', 'cur', 'py')
if r[1] and (r[3] or '') ~= ARGV[3] then return {${Code.payerChanged}} end
redis.call('SET', KEYS[5], '${VOID_RECEIPT}', 'EX', ARGV[1])
if not r[1] then return {${VoidCode.tombstoned}} end
${release("ARGV[2]", "r[3]", "KEYS[6]")}
for i = 0, tonumber(ARGV[4]) - 1 do
  if ARGV[5 + i] ~= '1' then redis.call('DECR', KEYS[7 + i]) end
end
return {${VoidCode.refunded}}
`;

/**
 * Apply one ledger entry to the hot balance exactly once.
 * KEYS: 1 account hash, 2 credit receipt, 3 partition signal stream
 * ARGV: 1 currency, 2 amount (micros, signed), 3 receipt TTL (s), 4 accountId, 5 "1": only if the wallet covers
 * it (a debit that would take the balance below minus its credit limit is refused, and nothing moves).
 * Returns {code, balance} or {notCovered, balance, creditLimit}; {moved} on a moved account's tombstone.
 */
export const APPLY_ENTRY_LUA = `
local receipt = redis.call('GET', KEYS[2])
if receipt then return {${ApplyCode.alreadyApplied}, tonumber(receipt)} end
${unlessMoved(`{${ApplyCode.moved}, 0}`, `{${ApplyCode.unknownAccount}, 0}`)}
local wacct, cur, sk = ARGV[4], ARGV[1], 3
local before = tonumber(redis.call('HGET', KEYS[1], ${field(A.balance, "cur")}) or '0')
if ARGV[5] == '1' then
  local creditLimit = tonumber(redis.call('HGET', KEYS[1], ${field(A.creditLimit, "cur")}) or '0')
  if before + tonumber(ARGV[2]) + creditLimit < 0 then return {${ApplyCode.notCovered}, before, creditLimit} end
end
local balance = redis.call('HINCRBY', KEYS[1], ${field(A.balance, "cur")}, ARGV[2])
redis.call('SET', KEYS[2], balance, 'EX', ARGV[3])
local threshold = redis.call('HGET', KEYS[1], ${field(A.autoRechargeThreshold, "cur")})
${SIGNAL}
return {${ApplyCode.applied}, balance}
`;

/** What a bundle script did: applied now, applied before (its receipt), or the account is not in Redis (or moved from here). */
export const BundleCode = { applied: 1, alreadyApplied: 2, pending: 3, unknownAccount: -1, moved: -2 } as const;

// Split a bundle list into its items, and the one comparison of consumption order.
const BUNDLE_LIST = `
local function bundle_items(list)
  local items = {}
  if list then for item in string.gmatch(list, '[^;]+') do items[#items + 1] = item end end
  return items
end
local function bundle_order(item)
  local id, exp, _, prio, at = string.match(item, '^([^,]+),(%d+),(%a),(%-?%d+),(%d+)$')
  return tonumber(prio), tonumber(exp), tonumber(at), id
end
local function before(x, y)
  local p1, e1, a1, i1 = bundle_order(x)
  local p2, e2, a2, i2 = bundle_order(y)
  if p1 ~= p2 then return p1 < p2 end
  if e1 ~= e2 then return e1 < e2 end
  if a1 ~= a2 then return a1 < a2 end
  return i1 < i2
end
`;

/**
 * Issue a bundle to the hot state exactly once (its issue unit entry's receipt): its remaining units, and its
 * place in the product's list in consumption order.
 * KEYS: 1 account hash, 2 receipt (the issue entry's)
 * ARGV: 1 bundleId, 2 productId, 3 units, 4 expires at (ms), 5 overage (BUNDLE_OVERAGE), 6 priority,
 *       7 issued at (ms), 8 receipt TTL (s)
 * Returns {code}.
 */
export const ISSUE_BUNDLE_LUA = `${BUNDLE_LIST}
if redis.call('EXISTS', KEYS[2]) == 1 then return {${BundleCode.alreadyApplied}} end
${unlessMoved(`{${BundleCode.moved}}`, `{${BundleCode.unknownAccount}}`)}
local units = '${A.bundleUnits}' .. ARGV[1]
if redis.call('HEXISTS', KEYS[1], units) == 0 then
  local f = '${A.bundleList}' .. ARGV[2]
  local items = bundle_items(redis.call('HGET', KEYS[1], f))
  items[#items + 1] = table.concat({ARGV[1], ARGV[4], ARGV[5], ARGV[6], ARGV[7]}, ',')
  table.sort(items, before)
  redis.call('HSET', KEYS[1], f, table.concat(items, ';'), units, ARGV[3])
end
redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[8])
return {${BundleCode.applied}}
`;

/**
 * End a bundle (expiry or revocation) exactly once: remove it from the hot state and keep what it had left in
 * the receipt, so that a repeat answers the same units whenever the first answer was lost. While leases hold
 * some of its units it only leaves its product's list (no call or lease takes from it again) and answers
 * pending: each lease gives them back at its next run (the reaper, a dead gateway's), and a later run ends it.
 * KEYS: 1 account hash, 2 receipt (the end's)
 * ARGV: 1 bundleId, 2 productId, 3 receipt TTL (s)
 * Returns {code, units it had left} | {pending, 0}.
 */
export const END_BUNDLE_LUA = `${BUNDLE_LIST}
local kept = redis.call('GET', KEYS[2])
if kept then return {${BundleCode.alreadyApplied}, tonumber(kept)} end
${unlessMoved(`{${BundleCode.moved}, 0}`, `{${BundleCode.unknownAccount}, 0}`)}
local units = '${A.bundleUnits}' .. ARGV[1]
local f = '${A.bundleList}' .. ARGV[2]
local keep = {}
for _, item in ipairs(bundle_items(redis.call('HGET', KEYS[1], f))) do
  if string.match(item, '^([^,]+)') ~= ARGV[1] then keep[#keep + 1] = item end
end
if #keep == 0 then redis.call('HDEL', KEYS[1], f) else redis.call('HSET', KEYS[1], f, table.concat(keep, ';')) end
-- Units leases hold: out of the list now (no call or lease takes from it again), ended when they are back.
if tonumber(redis.call('HGET', KEYS[1], '${A.bundleHeld}' .. ARGV[1]) or '0') > 0 then return {${BundleCode.pending}, 0} end
local left = tonumber(redis.call('HGET', KEYS[1], units) or '0')
redis.call('HDEL', KEYS[1], units, '${A.bundleHeld}' .. ARGV[1])
redis.call('SET', KEYS[2], left, 'EX', ARGV[3])
return {${BundleCode.applied}, left}
`;

// Run a hash command on KEYS[1] with ARGV[from..to] as its arguments, a thousand at a time (an even number, so a
// field and its value stay together): Lua unpacks no more than about 8,000 values at once, and an account may have
// thousands of API keys.
const ARGV_IN_CHUNKS = `
local function in_chunks(command, from, to)
  for s = from, to, 1000 do redis.call(command, KEYS[1], unpack(ARGV, s, math.min(s + 999, to))) end
end
`;

// Recreate an account's hash whole, and only if it is absent: a gateway can never see it half-written,
// and an account that reappeared meanwhile (published, charged) is left alone, as is a moved account's tombstone.
// (A hash with no status holds no account yet: an API key's field published first, kept.)
export const RESTORE_LUA = `${ARGV_IN_CHUNKS}
if redis.call('HEXISTS', KEYS[1], '${A.status}') == 1 then return 0 end
in_chunks('HSET', 1, #ARGV)
return 1
`;

/**
 * Publish an account's status and fields (hot-store.ts publishAccount). A moved account's tombstone is left as it
 * is (0: publish again where the account is now); while it moves, the status is kept for its return (`ms`).
 * KEYS: 1 account hash
 * ARGV: 1 status, 2 n, then n field/value pairs to set, then m, then m pairs to set if absent, then fields to delete
 */
export const PUBLISH_ACCOUNT_LUA = `${ARGV_IN_CHUNKS}
local st = redis.call('HGET', KEYS[1], '${A.status}')
if st == '${MOVE_STATUS.moved}' then return 0 end
if st == '${MOVE_STATUS.moving}' then redis.call('HSET', KEYS[1], '${A.statusBeforeMove}', ARGV[1])
else redis.call('HSET', KEYS[1], '${A.status}', ARGV[1]) end
local i, n = 3, tonumber(ARGV[2])
in_chunks('HSET', i, i + 2 * n - 1)
i = i + 2 * n
local m = tonumber(ARGV[i])
i = i + 1
for j = 0, m - 1 do redis.call('HSETNX', KEYS[1], ARGV[i + 2 * j], ARGV[i + 2 * j + 1]) end
i = i + 2 * m
in_chunks('HDEL', i, #ARGV)
return 1
`;

/**
 * Set (ARGV[2] = '1') or delete one field of an account hash (an API key's \`k:\`), unless the hash is a moved
 * account's tombstone (0). KEYS: 1 account hash. ARGV: 1 field, 2 '1' or '0'.
 */
export const ACCOUNT_FIELD_LUA = `
${ifMoved("0")}
if ARGV[2] == '1' then redis.call('HSET', KEYS[1], ARGV[1], '1') else redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
`;

/**
 * The steps of moving an account's hot state to another partition (store/moves.ts), each on the hash it leaves.
 * KEYS: 1 the account hash where it is now. ARGV: 1 step, 2 the partition it goes to.
 * - fence: `moving`, its status kept in `ms` (a hash that is absent gets one, so that nothing recreates it here);
 *   0 when it is `moved` already;
 * - reopen: `moved` back to `moving` (a move that died before the account was rebuilt elsewhere is taken over);
 * - seal: `moved` (only from `moving`: 0 otherwise);
 * - bury: the tombstone alone (status `moved`, `mv`), every balance and key field gone;
 * - undo: back as it was (status from `ms`; a hash that was absent is deleted);
 * - clear: on the hash where it goes, a tombstone of an earlier move away from there is deleted.
 */
export const MOVE_LUA = `
local st = redis.call('HGET', KEYS[1], '${A.status}')
local step = ARGV[1]
if step == 'fence' then
  if st == '${MOVE_STATUS.moved}' then return 0 end
  if st ~= '${MOVE_STATUS.moving}' then
    redis.call('HSET', KEYS[1], '${A.statusBeforeMove}', st or '', '${A.status}', '${MOVE_STATUS.moving}', '${A.movedTo}', ARGV[2])
  end
  return 1
elseif step == 'reopen' then
  if st ~= '${MOVE_STATUS.moved}' then return 0 end
  redis.call('HSET', KEYS[1], '${A.status}', '${MOVE_STATUS.moving}')
  return 1
elseif step == 'seal' then
  if st ~= '${MOVE_STATUS.moving}' then return 0 end
  redis.call('HSET', KEYS[1], '${A.status}', '${MOVE_STATUS.moved}')
  return 1
elseif step == 'bury' then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], '${A.status}', '${MOVE_STATUS.moved}', '${A.movedTo}', ARGV[2])
  return 1
elseif step == 'undo' then
  if st ~= '${MOVE_STATUS.moving}' and st ~= '${MOVE_STATUS.moved}' then return 0 end
  local before = redis.call('HGET', KEYS[1], '${A.statusBeforeMove}')
  if not before or before == '' then redis.call('DEL', KEYS[1]) return 1 end
  redis.call('HSET', KEYS[1], '${A.status}', before)
  redis.call('HDEL', KEYS[1], '${A.statusBeforeMove}', '${A.movedTo}')
  return 1
elseif step == 'clear' then
  if st ~= '${MOVE_STATUS.moved}' then return 0 end
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/** Rating maths alone, for the test that holds Lua and TypeScript equal. ARGV: price, before, units, percent, done. */
export const RATE_ONLY_LUA = `${PRELUDE}
local amount, added = rate(parse_price(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
return {amount, added}
`;
