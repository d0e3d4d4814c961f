import { sendUnpipelined, type RedisClient } from "../redis.js";
import { Code, METER_LUA, METER_ONE_LUA, MeterOp } from "./scripts.js";

export type Reply = (number | string)[];
type Arg = string | number;
type MeterRedis = RedisClient & {
  tollgateMeter(numKeys: number, ...args: Arg[]): Promise<(Reply | ["err", string])[]>;
  tollgateMeterOne(numKeys: number, ...args: Arg[]): Promise<Reply>;
};

interface Operation {
  op: number;
  keys: string[];
  args: Arg[];
  resolve: (reply: Reply) => void;
  reject: (error: unknown) => void;
  /** A charge's receipt, to delete once the charge's answer is in. */
  receipt: string | undefined;
}

interface Slot {
  inFlight: boolean;
  queue: Operation[];
  /** Receipts of charges whose answer arrived, deleted by the slot's next batch. */
  forget: string[];
}

/**
 * Group commit for the charging path. Each hash slot (an account partition) has at most one METER_LUA batch in
 * flight: an operation that finds none goes at once, as a batch of one (no wait at low load); the operations
 * that arrive meanwhile queue, and go together as the next batch when its reply is in. Under load a batch
 * carries what one round trip let gather, so Redis runs one script and the gateway parses one reply for many
 * calls. Every operation still gets its own reply, and is decided before its call goes further.
 * A batch that fails as a whole (a lost connection, a timeout) fails each of its operations with that error:
 * each is idempotent by event id, and the meter retries or voids each as it would a call of its own.
 * A charge sent with its receipt's key has the receipt deleted by the slot's next batch once the charge's
 * answer (charged, or a replay) is in: an event id is asked again only when its answer was lost.
 * A batch of one, every batch at a steady rate, goes as METER_ONE_LUA: the same decision without the envelope.
 */
export class Coalescer {
  private readonly redis: MeterRedis;
  private readonly slots = new Map<number, Slot>();

  constructor(
    redis: RedisClient,
    /** The most operations one script run applies (it holds Redis for their time: about 20 µs each). */
    private readonly maxBatch = 100,
    private readonly onBatch?: (size: number) => void,
  ) {
    redis.defineCommand("tollgateMeter", { lua: METER_LUA });
    redis.defineCommand("tollgateMeterOne", { lua: METER_ONE_LUA });
    // The batching is done here already; and a batch must fail after the command timeout when Redis stalls.
    sendUnpipelined(redis, "tollgateMeter");
    sendUnpipelined(redis, "tollgateMeterOne");
    this.redis = redis as MeterRedis;
  }

  /** Apply one operation of `slot` (its keys all in that slot), in its turn; `receipt`: see above. */
  send(slot: number, op: number, keys: string[], args: Arg[], receipt?: string): Promise<Reply> {
    const s = this.slots.get(slot) ?? this.open(slot);
    const queued = new Promise<Reply>((resolve, reject) => s.queue.push({ op, keys, args, resolve, reject, receipt }));
    if (!s.inFlight) this.flush(s);
    return queued;
  }

  // A slot per partition: as many as the deployment has, kept for the process's life.
  private open(slot: number): Slot {
    const s: Slot = { inFlight: false, queue: [], forget: [] };
    this.slots.set(slot, s);
    return s;
  }

  private flush(s: Slot): void {
    const batch = s.queue.splice(0, this.maxBatch);
    s.inFlight = true;
    this.onBatch?.(batch.length);
    if (batch.length === 1) return this.flushOne(s, batch[0]!);
    const keys: string[] = [];
    const args: Arg[] = [];
    // The keys to forget go first, as an operation whose reply is not anybody's.
    const skip = s.forget.length > 0 ? 1 : 0;
    if (skip === 1) {
      for (const k of s.forget) keys.push(k);
      args.push(MeterOp.forget, s.forget.length, 0);
      s.forget = [];
    }
    for (const o of batch) {
      for (const k of o.keys) keys.push(k);
      args.push(o.op, o.keys.length, o.args.length);
      for (const a of o.args) args.push(a);
    }
    this.redis.tollgateMeter(keys.length, ...keys, ...args).then(
      (replies) => {
        for (let i = 0; i < batch.length; i++) {
          const o = batch[i]!;
          const reply = replies[i + skip];
          if (reply === undefined) o.reject(new Error("the meter script gave no reply for an operation"));
          else if (reply[0] === "err") o.reject(new Error(`meter script: ${reply[1]}`));
          else answered(s, o, reply);
        }
        this.next(s);
      },
      (error: unknown) => {
        for (const o of batch) o.reject(error);
        this.next(s);
      },
    );
  }

  /** A batch of one (METER_ONE_LUA): its keys, then those to forget; its arguments, then its op and their count. */
  private flushOne(s: Slot, o: Operation): void {
    const forget = s.forget;
    s.forget = [];
    this.redis.tollgateMeterOne(o.keys.length + forget.length, ...o.keys, ...forget, ...o.args, o.op, forget.length).then(
      (reply) => {
        answered(s, o, reply);
        this.next(s);
      },
      (error: unknown) => {
        o.reject(error);
        this.next(s);
      },
    );
  }

  private next(s: Slot): void {
    s.inFlight = false;
    if (s.queue.length > 0) this.flush(s);
  }
}

/** An operation's reply is in: it resolves, and a charge's receipt is deleted by the slot's next batch. */
function answered(s: Slot, o: Operation, reply: Reply): void {
  if (o.receipt !== undefined && (reply[0] === Code.ok || reply[0] === Code.replayed)) s.forget.push(o.receipt);
  o.resolve(reply);
}
