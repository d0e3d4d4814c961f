import type { Connection } from "mongoose";
import { Agenda } from "agenda";
import { MongoBackend } from "@agendajs/mongo-backend";
import type { RedisChargeStore } from "@tollgate/metering/store";
import type { AppContext } from "./context.js";
import { releaseStaleAutoRecharges } from "./services/auto-recharge/trigger.js";
import { expireStaleCheckouts } from "./services/recharges/cancel.js";
import { expireGrants } from "./services/grants/expire.js";
import { expireBundles } from "./services/bundles/expire.js";
import { reconcileBundles } from "./services/bundles/reconcile.js";
import { issuePlanBundles } from "./services/bundles/included.js";
import { endInterruptedMoves } from "./services/lines/move.js";
import { reconcile } from "./services/ledger/reconcile.js";
import { BOOKING_BATCH, bookUsage } from "./services/ledger/book-usage.js";
import { migrateBookingAtStartup, migrateLegacyBooking } from "./services/ledger/migrate-booking.js";
import { checkThresholds } from "./services/notifications/checks.js";
import { deliverNotifications } from "./services/notifications/deliver.js";
import { deliverWebhookEvents } from "./services/webhooks/deliver.js";
import { finishApprovals } from "./services/credit/decide.js";
import { finishRedemptions } from "./services/vouchers/redeem.js";
import { finishPackPurchases } from "./services/bundle-packs/finish.js";
import { applyPendingEntries } from "./services/wallets/apply.js";
import { closeEndedPeriods } from "./services/invoices/close-period.js";
import { detectAnomalies } from "./services/anomalies/detect.js";
import { foldRollups } from "./services/reports/fold.js";
import { renewSubscriptions } from "./services/subscriptions/renew.js";
import { produceExports } from "./services/privacy/export.js";
import { finishErasures } from "./services/privacy/erase.js";
import { retireUsage } from "./services/privacy/retention.js";

/**
 * What the scheduled jobs do, each also callable on its own: an operator's "run it now", or a test that picks
 * its own clock (closeEndedPeriods, expireGrants and the others take `now` where time matters).
 */
export const jobs = {
  bookUsage,
  /** Run once per database under the booking lock before jobs start (startJobs); `again` redoes it (an operator, a test). */
  migrateLegacyBooking,
  reconcile,
  closeEndedPeriods,
  expireGrants,
  /** Bundles past their date leave Redis, their units left booked as expired; the unit ledger checked against Redis. */
  expireBundles,
  /** Each account's plan bundles for its current period, the last period's ended (what rolls over, rolled over once). */
  issuePlanBundles,
  reconcileBundles,
  checkThresholds,
  deliverNotifications,
  deliverWebhookEvents,
  /** Credit approvals whose decider died before applying them. */
  finishApprovals,
  applyPendingEntries,
  finishRedemptions,
  /** Pack purchases whose writer died after the money moved: booked and their bundles issued, once. */
  finishPackPurchases,
  releaseStaleAutoRecharges,
  expireStaleCheckouts,
  detectAnomalies,
  foldRollups,
  renewSubscriptions,
  /** Privacy: exports asked for, erasures a crash left unfinished, raw usage past its retention. */
  produceExports,
  finishErasures,
  retireUsage,
} as const;

export interface JobIntervals {
  /** How often agenda looks for due jobs. */
  processEveryMs: number;
  bookMs: number;
  reapMs: number;
  sweepMs: number;
  expireMs: number;
  reconcileMs: number;
  notifyMs: number;
}

/**
 * The scheduled work, on agenda with its MongoDB backend: one job document per kind, locked while it runs,
 * so any number of control-plane processes run each at most once at a time. Every job is idempotent:
 * run twice, or killed midway and run again, it leaves one result (each service says how).
 */
export async function startJobs(
  ctx: AppContext,
  db: NonNullable<Connection["db"]>,
  charges: RedisChargeStore,
  intervals: JobIntervals,
  privacy: { usageRetentionDays?: number | undefined } = {},
): Promise<Agenda> {
  // Once per database, before this process books anything (a database booked by an older version).
  await migrateBookingAtStartup(ctx);
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: "jobs" }),
    processEvery: intervals.processEveryMs,
    defaultLockLifetime: 120_000,
  });
  agenda.on("error", (error: Error) => ctx.log("agenda error", { error: error.message }));
  // A job that throws is retried by its schedule; the operator hears of it here and in tollgate_job_failures_total.
  agenda.on("fail", (error: Error, job: { attrs?: { name?: string } }) =>
    ctx.log("job failed", { job: job.attrs?.name, error: error.stack ?? error.message }),
  );
  const jobs: [name: string, everyMs: number, run: () => Promise<unknown>][] = [
    [
      "usage.book",
      intervals.bookMs,
      async () => {
        // Run after run while each takes a whole batch, within one interval: the backlog drains however fast
        // usage arrives, as long as booking keeps up.
        const until = Date.now() + intervals.bookMs;
        while ((await bookUsage(ctx)) >= BOOKING_BATCH && Date.now() < until);
        // Right after the rollups move: a burst is flagged within one booking interval of being booked.
        await detectAnomalies(ctx);
      },
    ],
    [
      "reservations.reap",
      intervals.reapMs,
      async () => {
        // Every partition at once: one batch of reads instead of a round trip per partition.
        await Promise.all(Array.from({ length: ctx.hot.keyspace.partitions }, (_, p) => charges.reap(p)));
      },
    ],
    [
      "credits.sweep",
      intervals.sweepMs,
      async () => {
        await applyPendingEntries(ctx, 10_000);
        await finishRedemptions(ctx);
        await finishPackPurchases(ctx, 10_000);
        await releaseStaleAutoRecharges(ctx);
        await expireStaleCheckouts(ctx);
        await finishApprovals(ctx);
      },
    ],
    ["grants.expire", intervals.expireMs, () => expireGrants(ctx)],
    // Moves of an account's hot state whose process died (fenced, its calls refused): finished or undone.
    ["lines.moves", intervals.expireMs, () => endInterruptedMoves(ctx)],
    ["bundles.expire", intervals.expireMs, () => expireBundles(ctx)],
    ["bundles.include", intervals.expireMs, () => issuePlanBundles(ctx)],
    [
      "books.reconcile",
      intervals.reconcileMs,
      async () => {
        const report = await reconcile(ctx);
        ctx.metrics.driftWallets.set(report.drifts.length);
        ctx.metrics.driftMicros.set(report.drifts.reduce((sum, d) => sum + Math.abs(d.drift), 0));
        if (report.drifts.length > 0) ctx.log("reconciliation drift", { checked: report.checked, drifts: report.drifts });
        const units = await reconcileBundles(ctx);
        ctx.metrics.bundleDrifts(units.drifts);
        if (units.drifts.length > 0) ctx.log("bundle reconciliation drift", { checked: units.checked, drifts: units.drifts });
      },
    ],
    ["notifications.check", intervals.notifyMs, () => checkThresholds(ctx)],
    ["notifications.deliver", intervals.notifyMs, () => deliverNotifications(ctx, ctx.mailer)],
    // The deployment's webhooks: the outbox fanned out to its endpoints and delivered, with backoff.
    ["webhooks.deliver", intervals.notifyMs, () => deliverWebhookEvents(ctx)],
    // Renewals: each period's recurring fee as it begins, what is due collected, grace periods ended enforced.
    ["subscriptions.renew", 60_000, () => renewSubscriptions(ctx)],
    // Billing-cycle close: each postpaid and hybrid account's last ended period; idempotent per period.
    ["billing.close", 3_600_000, () => closeEndedPeriods(ctx)],
    // Data subjects' requests: exports produced, erasures finished (a crash's, or waiting on Redis).
    [
      "privacy.requests",
      intervals.sweepMs,
      async () => {
        await produceExports(ctx);
        await finishErasures(ctx);
      },
    ],
  ];
  // Raw usage past USAGE_RETENTION_DAYS, removed once rolled up and billed (kept for good when unset).
  const retentionDays = privacy.usageRetentionDays;
  if (retentionDays !== undefined) {
    jobs.push([
      "usage.retention",
      3_600_000,
      async () => {
        const result = await retireUsage(ctx, { retentionDays });
        if (result.removed > 0) ctx.log("usage retention", { ...result });
      },
    ]);
  }
  for (const [name, , run] of jobs) {
    agenda.define(
      name,
      async () => {
        const done = ctx.metrics.jobDuration.startTimer({ job: name });
        try {
          await run();
        } catch (error) {
          ctx.metrics.jobFailures.inc({ job: name });
          ctx.metrics.operationFailed(error);
          throw error;
        } finally {
          done();
        }
      },
      { concurrency: 1, lockLimit: 1 },
    );
  }
  await agenda.start();
  for (const [name, everyMs] of jobs) await agenda.every(everyMs, name);
  return agenda;
}

/**
 * Stop the scheduled work for a graceful exit: no job starts any more, jobs waiting their turn are handed
 * back, and the jobs running are let finish (up to `graceMs`) before the caller closes the connections
 * under them. Agenda's own `stop` returns at once, leaving a booking or a period close to fail midway on a
 * closed connection, its job locked for another process until the lock expires.
 */
export async function stopJobs(ctx: AppContext, agenda: Agenda, graceMs: number): Promise<void> {
  const drained = agenda.drain(graceMs);
  await agenda.stop();
  const { running } = await drained;
  if (running > 0) ctx.log("jobs still running at stop", { running, graceMs });
}
