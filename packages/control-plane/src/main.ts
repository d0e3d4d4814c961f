#!/usr/bin/env node
import { controlPlaneEnv } from "./env.js";
import { log, startControlPlane } from "./server.js";

// A promise a library dropped (agenda unlocking a job while FerretDB's SQLite was briefly locked, seen under
// load) must not take the API and the ingester down with it: it is logged. Every piece of work such a promise
// belongs to is retried by its own schedule, and every money movement is idempotent.
process.on("unhandledRejection", (reason) => {
  log("unhandled rejection", { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
});

// `node main.js` serves the API (and ingests unless INGESTER=off); `node main.js ingester` only ingests.
const onlyIngester = process.argv[2] === "ingester";
const env = controlPlaneEnv.parse(process.env);
const plane = await startControlPlane(env, { api: !onlyIngester, ingester: onlyIngester || env.INGESTER === "on" });
if (plane.server) {
  const address = plane.server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`[control-plane] listening on http://${env.HOST}:${port}`);
}
if (plane.ingester) console.log(`[control-plane] ingesting usage as consumer ${env.INGESTER_CONSUMER}`);

const shutdown = () => void plane.close().then(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
