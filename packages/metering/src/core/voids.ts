/**
 * Voids still to be delivered to Redis. A call refused as 503 because its charge's outcome was lost (Redis
 * stalled past the command timeout, or the connection broke after the script was sent) may still be charged
 * when that script runs. Its void (idempotent by event id: refund what ran, or leave a tombstone so that it
 * never runs) is retried here, with backoff, until Redis has answered it. What is still pending when the
 * process dies is the one thing that can stay charged: state it, and keep the window short.
 */
export class PendingVoids {
  private readonly pending = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly maxDelayMs = 2_000,
  ) {}

  /** How many voids have not reached Redis yet. */
  get size(): number {
    return this.pending.size;
  }

  add(send: () => Promise<unknown>): void {
    const run = this.deliver(send).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Wait for every pending void (a graceful shutdown), trying each at least once more. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.pending);
  }

  private async deliver(send: () => Promise<unknown>): Promise<void> {
    let delay = 50;
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return;
      } catch (error) {
        this.onError(error);
        if (this.closing && attempt > 1) return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, this.maxDelayMs);
    }
  }
}
