import type { CompiledPlan, Directory } from "@tollgate/metering";
import { failure, ok, type Outcome } from "../../domain/outcome.js";

/**
 * Plans and API keys as the gateways read them: the records the control plane publishes to Redis, kept in
 * process by a gateway's own Directory and dropped the moment the control plane announces a change. The
 * subscription to those announcements starts with the first lookup (a process that never charges opens no
 * connection for it), and `close()` ends it.
 */
export class PlanBook {
  private listening: Promise<void> | undefined;

  constructor(
    private readonly directory: Directory,
    private readonly redis: Parameters<Directory["listen"]>[0],
  ) {}

  private ready(): Promise<void> {
    this.listening ??= this.directory.listen(this.redis);
    return this.listening;
  }

  /** A plan as published; one that is not (it was never published, or Redis lost it) cannot charge. */
  async plan(planId: string): Promise<Outcome<CompiledPlan, "unprocessable">> {
    await this.ready();
    const plan = await this.directory.plan(planId);
    if (plan === undefined) return failure("unprocessable", `The plan ${planId} is not published: an admin republishes it (rebuild).`);
    return ok(plan);
  }

  /** An API key's published record (revoked ones included), by the key's SHA-256. */
  async key(keyHash: string) {
    await this.ready();
    return (await this.directory.resolve(keyHash))?.key;
  }

  async close(): Promise<void> {
    if (this.listening === undefined) return;
    await this.listening.catch(() => undefined);
    await this.directory.close();
  }
}
