#!/usr/bin/env node
import type { ControlPlane } from "./server.js";

// SIGTERM: stop taking work, finish what is in hand (requests in flight; the ingester's batch, inserted and
// acknowledged), then exit 0; a stop that fails exits 1 instead of hanging. Heard from the first line, before
// the modules load (imported below): one that arrives while they load exits 0 with nothing started; one that
// arrives while the process starts (its ingester may already be at work) stops it once started.
const started: { plane?: ControlPlane; log?: (message: string, data?: Record<string, unknown>) => void } = {};
let stopAsked = false;
const shutdown = () => {
  stopAsked = true;
  if (started.plane === undefined) return;
  void started.plane.close().then(
    () => process.exit(0),
    (error: unknown) => {
      started.log?.("shutdown failed", { error: String(error) });
      process.exit(1);
    },
  );
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
console.log("[control-plane] starting");

const { controlPlaneEnv } = await import("./env.js");
const { log, startControlPlane } = await import("./server.js");
started.log = log;

// A promise a library dropped (agenda unlocking a job while FerretDB's SQLite was briefly locked, seen under
// load) must not take the API and the ingester down with it: it is logged. Every piece of work such a promise
// belongs to is retried by its own schedule, and every money movement is idempotent.
process.on("unhandledRejection", (reason) => {
  log("unhandled rejection", { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
});

if (stopAsked) process.exit(0);

// `node main.js` serves the API (and ingests unless INGESTER=off); `node main.js ingester` only ingests.
const onlyIngester = process.argv[2] === "ingester";
const env = controlPlaneEnv.parse(process.env);
const plane = await startControlPlane(env, { api: !onlyIngester, ingester: onlyIngester || env.INGESTER === "on" });
started.plane = plane;
if (plane.server) {
  const address = plane.server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`[control-plane] listening on http://${env.HOST}:${port}`);
}
if (plane.ingester) console.log(`[control-plane] ingesting usage as consumer ${env.INGESTER_CONSUMER}`);
if (stopAsked) shutdown();
