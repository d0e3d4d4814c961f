import type { CompiledPlan, Directory } from "@tollgate/metering";
import { ProblemError } from "../../domain/problem-error.js";

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

  async plan(planId: string): Promise<CompiledPlan> {
    await this.ready();
    const plan = await this.directory.plan(planId);
    if (plan === undefined)
      throw new ProblemError("unprocessable", `The plan ${planId} is not published: an admin republishes it (rebuild).`);
    return plan;
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
