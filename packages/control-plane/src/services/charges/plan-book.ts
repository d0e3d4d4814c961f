import type { CompiledPlan, Directory } from "@tollgate/metering";
import { failure, ok, type Outcome } from "../../domain/outcome.js";

/**
 * Plans and API keys as the gateways read them: the records the control plane publishes to Redis, kept in
 * process by a gateway's own Directory and dropped the moment the control plane announces a change. The
 * subscription to those announcements starts with `listen()` (a control-plane process calls it as it starts: it
 * must hear where moved accounts live, store/moves.ts) or else with the first lookup, and `close()` ends it.
 */
export class PlanBook {
  private listening: Promise<void> | undefined;

  constructor(
    private readonly directory: Directory,
    private readonly redis: Parameters<Directory["listen"]>[0],
  ) {}

  listen(): Promise<void> {
    this.listening ??= this.directory.listen(this.redis);
    return this.listening;
  }

  /** A plan as published; one that is not (it was never published, or Redis lost it) cannot charge. */
  async plan(planId: string): Promise<Outcome<CompiledPlan, "unprocessable">> {
    await this.listen();
    const plan = await this.directory.plan(planId);
    if (plan === undefined) return failure("unprocessable", `The plan ${planId} is not published: an admin republishes it (rebuild).`);
    return ok(plan);
  }

  /** An API key's published record (revoked ones included), by the key's SHA-256. */
  async key(keyHash: string) {
    await this.listen();
    return (await this.directory.resolve(keyHash))?.key;
  }

  async close(): Promise<void> {
    if (this.listening === undefined) return;
    await this.listening.catch(() => undefined);
    await this.directory.close();
  }
}
