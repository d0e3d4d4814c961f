import type { RedisClient } from "@tollgate/metering";
import type { AppContext } from "../../context.js";
import { triggerAutoRecharge } from "./trigger.js";
import { decodeSignal } from "@tollgate/metering/store";
import { StreamConsumer } from "../../stream-consumer.js";

/**
 * Reads the balance signals the charge scripts raise when a wallet crosses below its auto-recharge
 * threshold, through a consumer group (so none is lost while the control plane is down), and acts on each
 * at once: the recharge starts within the time of one blocking read, not at the next poll.
 */
export class SignalConsumer {
  private readonly consumer: StreamConsumer;

  constructor(ctx: AppContext, redis: RedisClient, consumer: string, group = "auto-recharge") {
    this.consumer = new StreamConsumer({
      redis,
      streams: ctx.hot.keyspace.signalStreams(),
      group,
      consumer,
      batchSize: 100,
      blockMs: 500,
      log: ctx.log,
      handle: async (entries) => {
        for (const [, fields] of entries) {
          const signal = decodeSignal(fields);
          if (signal.accountId && signal.currency)
            ctx.metrics.autoRecharges.inc({ outcome: await triggerAutoRecharge(ctx, signal.accountId, signal.currency) });
        }
      },
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}
