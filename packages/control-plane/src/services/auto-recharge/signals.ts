import type { Redis } from "ioredis";
import type { AppContext } from "../../context.js";
import { triggerAutoRecharge } from "./trigger.js";
import { ensureGroups, isLostGroup } from "../../stream-groups.js";

type Entry = [id: string, fields: string[]];

/**
 * Reads the balance signals the charge scripts raise when a wallet crosses below its auto-recharge
 * threshold, through a consumer group (so none is lost while the control plane is down), and acts on each
 * at once: the recharge starts within the time of one blocking read, not at the next poll.
 */
export class SignalConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly streams: string[];

  constructor(
    private readonly ctx: AppContext,
    private readonly redis: Redis,
    private readonly consumer: string,
    private readonly group = "auto-recharge",
  ) {
    this.streams = ctx.hot.keyspace.signalStreams();
  }

  async start(): Promise<void> {
    await ensureGroups(this.redis, this.streams, this.group);
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    let from: "0" | ">" = "0"; // first what this consumer had read and not finished
    while (this.running) {
      try {
        const reply = (await this.redis.call(
          "XREADGROUP",
          "GROUP",
          this.group,
          this.consumer,
          "COUNT",
          100,
          "BLOCK",
          500,
          "STREAMS",
          ...this.streams,
          ...this.streams.map(() => from),
        )) as [string, Entry[]][] | null;
        let seen = 0;
        for (const [stream, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            seen++;
            const f: Record<string, string> = {};
            for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
            if (f.a && f.c) await triggerAutoRecharge(this.ctx, f.a, f.c);
            await this.redis.pipeline().xack(stream, this.group, id).xdel(stream, id).exec();
          }
        }
        if (from === "0" && seen === 0) from = ">";
      } catch (error) {
        this.ctx.log("auto-recharge signal error", { error: String(error) });
        if (isLostGroup(error)) await ensureGroups(this.redis, this.streams, this.group).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
