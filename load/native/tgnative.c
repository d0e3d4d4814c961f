/*
 * The benchmark's compiled-decision probe (issue 31): Tollgate's charging script for a flat price, written in C
 * as a Redis module, to measure what the same decision costs Redis when it is compiled rather than interpreted.
 * It is a probe, not a part of the product: `npm run bench` (side `native`) and `npm run bench:script` (kind
 * `charge_native`) load it into a Redis server of their own and send it exactly what the gateway's coalescer
 * sends METER_LUA (load/src/native-client.ts): the same batch envelope, keys and arguments, answered in the
 * same shape.
 *
 * It decides what CHARGE in packages/metering/src/store/scripts.ts decides for the calls the benchmark makes:
 * the request digest, the receipt (replay or void), the account's status and key, the payer field, the wallet,
 * the credit limit, the key's spend cap, the balance, the debit, the auto-recharge signal, the usage counters
 * when tracked, the usage event with the same fields, and the receipt; with the same commands, through
 * RedisModule_Call. What it does not compile (a rated price, quotas, bundles, a line of a hierarchy, reserve and
 * settle) it refuses with an error reply for that operation, which the gateway answers 503: the benchmark never
 * sends those to it.
 *
 * The module API is declared here, from its documentation (the functions are looked up by name through the
 * pointer Redis passes in the context, as the API specifies): the few this file calls.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "fields.h" /* generated from packages/metering/src/store/format.ts and scripts.ts (load/native/build.sh) */

#define RM_OK 0
#define RM_ERR 1
#define RM_APIVER_1 1
#define RM_REPLY_STRING 0
#define RM_REPLY_ERROR 1
#define RM_REPLY_INTEGER 2
#define RM_REPLY_ARRAY 3
#define RM_REPLY_NULL 4

typedef struct RedisModuleCtx RedisModuleCtx;
typedef struct RedisModuleString RedisModuleString;
typedef struct RedisModuleCallReply RedisModuleCallReply;
typedef int (*RedisModuleCmdFunc)(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);

static int (*RM_GetApi)(const char *name, void *target);
static int (*RM_SetModuleAttribs)(RedisModuleCtx *ctx, const char *name, int ver, int apiver);
static int (*RM_CreateCommand)(RedisModuleCtx *ctx, const char *name, RedisModuleCmdFunc f, const char *flags, int first,
                               int last, int step);
static void (*RM_AutoMemory)(RedisModuleCtx *ctx);
static RedisModuleCallReply *(*RM_Call)(RedisModuleCtx *ctx, const char *cmd, const char *fmt, ...);
static int (*RM_CallReplyType)(RedisModuleCallReply *reply);
static long long (*RM_CallReplyInteger)(RedisModuleCallReply *reply);
static const char *(*RM_CallReplyStringPtr)(RedisModuleCallReply *reply, size_t *len);
static RedisModuleCallReply *(*RM_CallReplyArrayElement)(RedisModuleCallReply *reply, size_t idx);
static const char *(*RM_StringPtrLen)(const RedisModuleString *s, size_t *len);
static int (*RM_StringToLongLong)(const RedisModuleString *s, long long *ll);
static RedisModuleString *(*RM_CreateString)(RedisModuleCtx *ctx, const char *ptr, size_t len);
static int (*RM_ReplyWithArray)(RedisModuleCtx *ctx, long len);
static int (*RM_ReplyWithLongLong)(RedisModuleCtx *ctx, long long ll);
static int (*RM_ReplyWithStringBuffer)(RedisModuleCtx *ctx, const char *buf, size_t len);
static int (*RM_ReplyWithError)(RedisModuleCtx *ctx, const char *err);
static int (*RM_WrongArity)(RedisModuleCtx *ctx);

/* A reply's text ("" for none), and a bounded copy of a string argument. */
static const char *reply_text(RedisModuleCallReply *r, size_t *len) {
  if (r == NULL || RM_CallReplyType(r) != RM_REPLY_STRING) {
    *len = 0;
    return NULL;
  }
  return RM_CallReplyStringPtr(r, len);
}

static int arg_is(RedisModuleString *s, const char *text) {
  size_t len;
  const char *p = RM_StringPtrLen(s, &len);
  return len == strlen(text) && memcmp(p, text, len) == 0;
}

static long long arg_ll(RedisModuleString *s) {
  long long v = 0;
  if (RM_StringToLongLong(s, &v) != RM_OK) v = 0;
  return v;
}

static long long text_ll(const char *p, size_t len) {
  char buf[32];
  if (p == NULL || len == 0 || len >= sizeof buf) return 0;
  memcpy(buf, p, len);
  buf[len] = 0;
  long long v = 0;
  sscanf(buf, "%lld", &v);
  return v;
}

/* A field name with a suffix (`b:` + `USD`), in `out`. */
static const char *field(char *out, size_t size, const char *name, RedisModuleString *suffix) {
  size_t len;
  const char *p = RM_StringPtrLen(suffix, &len);
  snprintf(out, size, "%s%.*s", name, (int)len, p);
  return out;
}

static int reply_code(RedisModuleCtx *ctx, long long code, long long a, long long b) {
  RM_ReplyWithArray(ctx, 3);
  RM_ReplyWithLongLong(ctx, code);
  RM_ReplyWithLongLong(ctx, a);
  RM_ReplyWithLongLong(ctx, b);
  return 0;
}

/* In a batch, METER_LUA's error reply of one operation ({'err', message}); alone, an error of the run. */
static int reply_not_compiled(RedisModuleCtx *ctx, int alone, const char *what) {
  char message[96];
  snprintf(message, sizeof message, "ERR not compiled in the probe: %s", what);
  if (alone) return RM_ReplyWithError(ctx, message);
  RM_ReplyWithArray(ctx, 2);
  RM_ReplyWithStringBuffer(ctx, "err", 3);
  RM_ReplyWithStringBuffer(ctx, message, strlen(message));
  return 0;
}

/* INCRBY, with the TTL set when the counter is new (incr_counter). */
static void incr_counter(RedisModuleCtx *ctx, RedisModuleString *key, long long by, RedisModuleString *ttl) {
  RedisModuleCallReply *r = RM_Call(ctx, "INCRBY", "sl", key, by);
  if (r != NULL && RM_CallReplyType(r) == RM_REPLY_INTEGER && RM_CallReplyInteger(r) == by) RM_Call(ctx, "EXPIRE", "ss", key, ttl);
}

/*
 * One charge: K and A are its keys and arguments (1-based as in the script: K[1] is the account hash).
 * KEYS: 1 account, 2 usage stream, 3 receipt, 4 usage counter, 5 key spend counter, 6 signal stream, 7 request digest
 * ARGV: 1 acct, 2 keyId, 3 planId, 4 productId, 5 currency, 6 eventId, 7 ts, 8 method, 9 path, 10 receipt TTL,
 *       11 units, 12 percent, 13 price, 14 key cap, 15 counter TTL, 16 track, 17 attributes, 18 rate line,
 *       19 request digest, 20 payer, 21 nQuotas, 22 actor (staff charges only)
 */
static int charge(RedisModuleCtx *ctx, int alone, RedisModuleString **K, int nk, RedisModuleString **A, int na) {
  char f[6][160];
  size_t len;
  if (nk != 7 || na < 21) return reply_not_compiled(ctx, alone, "quotas or a line");
  if (!arg_is(A[20], "") || arg_ll(A[21]) != 0) return reply_not_compiled(ctx, alone, "a line or quotas");
  size_t price_len;
  const char *price = RM_StringPtrLen(A[13], &price_len);
  if (price_len < 2 || price[0] != '=') return reply_not_compiled(ctx, alone, "a rated price");

  if (!arg_is(A[19], "")) {
    const char *kept = reply_text(RM_Call(ctx, "GET", "s", K[7]), &len);
    size_t dlen;
    const char *digest = RM_StringPtrLen(A[19], &dlen);
    if (kept != NULL && (len != dlen || memcmp(kept, digest, len) != 0)) return reply_code(ctx, CODE_REQUEST_MISMATCH, 0, 0);
    if (kept == NULL) RM_Call(ctx, "SET", "sscs", K[7], A[19], "EX", A[10]);
  }
  const char *receipt = reply_text(RM_Call(ctx, "GET", "s", K[3]), &len);
  if (receipt != NULL) {
    if (len == strlen(VOID_RECEIPT) && memcmp(receipt, VOID_RECEIPT, len) == 0) return reply_code(ctx, CODE_VOIDED, 0, 0);
    long long b = 0, amt = 0;
    char buf[128];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < 127 ? len : 127), receipt);
    sscanf(buf, "%lld %lld", &b, &amt);
    return reply_code(ctx, CODE_REPLAYED, b, amt);
  }
  if (RM_CallReplyType(RM_Call(ctx, "HGET", "sc", K[1], field(f[0], sizeof f[0], F_BUNDLE_LIST, A[4]))) != RM_REPLY_NULL)
    return reply_not_compiled(ctx, alone, "bundles");

  long long units = arg_ll(A[11]), percent = arg_ll(A[12]), each = text_ll(price + 1, price_len - 1);
  long long amount = units * each, added = units;
  if (percent != 100) amount = (amount * percent + 50) / 100;
  int track = arg_is(A[16], "1");

  /* ADMISSION */
  RedisModuleCallReply *a = RM_Call(ctx, "HMGET", "scccccc", K[1], F_STATUS, field(f[1], sizeof f[1], F_KEY, A[2]),
                                    field(f[2], sizeof f[2], F_BALANCE, A[5]), field(f[3], sizeof f[3], F_CREDIT_LIMIT, A[5]),
                                    field(f[4], sizeof f[4], F_AUTO_RECHARGE, A[5]), F_PAYER);
  size_t slen;
  const char *status = reply_text(RM_CallReplyArrayElement(a, 0), &slen);
  if (status == NULL) return reply_code(ctx, CODE_UNKNOWN_ACCOUNT, 0, 0);
  if (slen != 6 || memcmp(status, "active", 6) != 0) {
    RM_ReplyWithArray(ctx, 3);
    RM_ReplyWithLongLong(ctx, CODE_ACCOUNT_INACTIVE);
    RM_ReplyWithStringBuffer(ctx, status, slen);
    RM_ReplyWithLongLong(ctx, 0);
    return 0;
  }
  size_t klen;
  const char *key = reply_text(RM_CallReplyArrayElement(a, 1), &klen);
  if (!arg_is(A[2], NO_KEY) && (key == NULL || klen != 1 || key[0] != '1')) return reply_code(ctx, CODE_KEY_INACTIVE, 0, 0);
  size_t plen;
  const char *payer = reply_text(RM_CallReplyArrayElement(a, 5), &plen);
  if (payer != NULL && plen > 0) return reply_code(ctx, CODE_PAYER_CHANGED, 0, 0);
  size_t blen, clen, tlen;
  const char *balance_text = reply_text(RM_CallReplyArrayElement(a, 2), &blen);
  if (balance_text == NULL) return reply_code(ctx, CODE_NO_WALLET, 0, 0);
  long long balance = text_ll(balance_text, blen);
  const char *credit_text = reply_text(RM_CallReplyArrayElement(a, 3), &clen);
  long long credit = text_ll(credit_text, clen);
  const char *threshold_text = reply_text(RM_CallReplyArrayElement(a, 4), &tlen);
  long long cap = arg_ll(A[14]);
  if (cap >= 0) {
    const char *spent_text = reply_text(RM_Call(ctx, "GET", "s", K[5]), &len);
    long long spent = text_ll(spent_text, len);
    if (spent + amount > cap) return reply_code(ctx, CODE_SPEND_CAP_REACHED, spent, cap);
  }
  if (balance + credit < amount) return reply_code(ctx, CODE_INSUFFICIENT_FUNDS, balance, amount);

  long long before = balance;
  balance = RM_CallReplyInteger(RM_Call(ctx, "HINCRBY", "scl", K[1], f[2], -amount));
  if (threshold_text != NULL) {
    long long threshold = text_ll(threshold_text, tlen);
    if (before >= threshold && balance < threshold)
      RM_Call(ctx, "XADD", "sccscsclcb", K[6], "*", SIGNAL_ACCOUNT, A[1], SIGNAL_CURRENCY, A[5], SIGNAL_BALANCE, balance,
              SIGNAL_THRESHOLD, threshold_text, tlen);
  }
  if (track) {
    if (added > 0) incr_counter(ctx, K[4], added, A[15]);
    incr_counter(ctx, K[5], amount, A[15]);
  }

  /* The usage event: the script's fields in its order, then what it carries only when it has it. */
  RedisModuleString *x[40];
  int n = 0;
  char amount_text[24], units_text[24];
  snprintf(amount_text, sizeof amount_text, "%lld", amount);
  snprintf(units_text, sizeof units_text, "%lld", units);
#define C(text) (x[n++] = RM_CreateString(ctx, (text), strlen(text)))
#define S(arg) (x[n++] = (arg))
  S(K[2]);
  C("*");
  C(U_EVENT_ID), S(A[6]), C(U_ACCOUNT_ID), S(A[1]), C(U_KEY_ID), S(A[2]), C(U_PLAN_ID), S(A[3]), C(U_PRODUCT_ID), S(A[4]);
  C(U_CURRENCY), S(A[5]), C(U_AMOUNT), C(amount_text), C(U_UNITS), C(units_text), C(U_TIMESTAMP_MS), S(A[7]);
  C(U_METHOD), S(A[8]), C(U_PATH), S(A[9]), C(U_QUOTAS_EXCEEDED), C("");
  if (!arg_is(A[17], "")) C(U_ATTRIBUTES), S(A[17]);
  if (!arg_is(A[18], "")) C(U_RATE_LINE), S(A[18]);
  if (na >= 22) C(U_ACTOR), S(A[22]);
#undef C
#undef S
  RM_Call(ctx, "XADD", "v", x, (size_t)n);

  char kept[96];
  int klen2 = snprintf(kept, sizeof kept, "%lld %lld %lld %lld ", balance, amount, units, added);
  RM_Call(ctx, "SET", "sbcs", K[3], kept, (size_t)klen2, "EX", A[10]);
  RM_ReplyWithArray(ctx, 5);
  RM_ReplyWithLongLong(ctx, CODE_OK);
  RM_ReplyWithLongLong(ctx, balance);
  RM_ReplyWithLongLong(ctx, amount);
  RM_ReplyWithStringBuffer(ctx, "", 0);
  RM_ReplyWithStringBuffer(ctx, "", 0);
  return 0;
}

/*
 * TGNATIVE.METER numkeys key… arg…: METER_LUA's envelope. Per operation: op, its key count, its argument count,
 * its arguments; one reply per operation, in order. `forget` deletes its keys.
 */
static int meter(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
  if (argc < 2) return RM_WrongArity(ctx);
  RM_AutoMemory(ctx);
  long long numkeys = arg_ll(argv[1]);
  if (numkeys < 0 || numkeys > argc - 2) return RM_ReplyWithError(ctx, "ERR numkeys out of range");
  RedisModuleString **keys = argv + 2, **args = argv + 2 + numkeys;
  int nargs = argc - 2 - (int)numkeys, count = 0;
  for (int ai = 0; ai + 2 < nargs; ai += 3 + (int)arg_ll(args[ai + 2])) count++;
  RM_ReplyWithArray(ctx, count);
  int ki = 0;
  for (int ai = 0; ai + 2 < nargs;) {
    long long op = arg_ll(args[ai]), nk = arg_ll(args[ai + 1]), na = arg_ll(args[ai + 2]);
    if (ki + nk > numkeys || ai + 3 + na > nargs) {
      reply_not_compiled(ctx, 0, "a malformed batch");
      break;
    }
    if (op == OP_FORGET) {
      if (nk > 0) RM_Call(ctx, "UNLINK", "v", keys + ki, (size_t)nk);
      RM_ReplyWithArray(ctx, 1);
      RM_ReplyWithLongLong(ctx, 1);
    } else if (op == OP_CHARGE) {
      /* 1-based, as the script reads them. */
      charge(ctx, 0, keys + ki - 1, (int)nk, args + ai + 3 - 1, (int)na);
    } else {
      reply_not_compiled(ctx, 0, "reserve and settle");
    }
    ki += (int)nk;
    ai += 3 + (int)na;
  }
  return RM_OK;
}

/*
 * TGNATIVE.METER_ONE numkeys key… arg…: METER_ONE_LUA's form, a batch of one. KEYS: the operation's, then the keys
 * to forget; ARGV: the operation's, then its op and the number of keys to forget. Replies the operation's reply.
 */
static int meter_one(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
  if (argc < 4) return RM_WrongArity(ctx);
  RM_AutoMemory(ctx);
  long long numkeys = arg_ll(argv[1]);
  if (numkeys < 0 || numkeys > argc - 4) return RM_ReplyWithError(ctx, "ERR numkeys out of range");
  RedisModuleString **keys = argv + 2, **args = argv + 2 + numkeys;
  int nargs = argc - 2 - (int)numkeys;
  long long op = arg_ll(args[nargs - 2]), nf = arg_ll(args[nargs - 1]);
  if (nf < 0 || nf > numkeys) return RM_ReplyWithError(ctx, "ERR the keys to forget are out of range");
  if (nf > 0) RM_Call(ctx, "UNLINK", "v", keys + numkeys - nf, (size_t)nf);
  if (op != OP_CHARGE) return reply_not_compiled(ctx, 1, "reserve and settle");
  charge(ctx, 1, keys - 1, (int)(numkeys - nf), args - 1, nargs - 2);
  return RM_OK;
}

#define GET_API(name) RM_GetApi("RedisModule_" #name, (void *)&RM_##name)

int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
  (void)argv;
  (void)argc;
  /* The context's first member is the API lookup function (the module API's loading convention). */
  RM_GetApi = (int (*)(const char *, void *))((void **)ctx)[0];
  if (GET_API(SetModuleAttribs) || GET_API(CreateCommand) || GET_API(AutoMemory) || GET_API(Call) || GET_API(CallReplyType) ||
      GET_API(CallReplyInteger) || GET_API(CallReplyStringPtr) || GET_API(CallReplyArrayElement) || GET_API(StringPtrLen) ||
      GET_API(StringToLongLong) || GET_API(CreateString) || GET_API(ReplyWithArray) || GET_API(ReplyWithLongLong) ||
      GET_API(ReplyWithStringBuffer) || GET_API(ReplyWithError) || GET_API(WrongArity))
    return RM_ERR;
  RM_SetModuleAttribs(ctx, "tgnative", 1, RM_APIVER_1);
  if (RM_CreateCommand(ctx, "tgnative.meter", meter, "write deny-oom", 0, 0, 0)) return RM_ERR;
  return RM_CreateCommand(ctx, "tgnative.meter_one", meter_one, "write deny-oom", 0, 0, 0);
}
