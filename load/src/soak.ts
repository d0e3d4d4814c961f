import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { Redis } from "ioredis";
import { agreePartitions, createKeyspace } from "@tollgate/metering/store";

/**
 * The soak benchmark's probes (driven by load/soak.sh), all read from Redis and the ingester's /metrics:
 *   sample FILE   every SAMPLE_MS (5 000): the usage streams' backlog, Redis used_memory and the events the
 *                 ingester has written so far, one JSON line each, until SIGTERM
 *   drain         waits until the streams are empty; prints {seconds, events}: how long that took, and how many
 *                 events went in the meantime
 *   memory        prints Redis used_memory and the backlog now
 *   summary       reads the run's files and writes load/results/soak.json, with a table on stdout
 * Settings: REDIS_URL, TOLLGATE_PREFIX, METRICS_URL (the ingester's), RESULTS (load/results).
 */
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = process.env.TOLLGATE_PREFIX ?? "tg:";
const results = process.env.RESULTS ?? "load/results";

/** The deployment's usage streams, as the control plane recorded its partition count. */
const streams = (await agreePartitions(redis, (n) => createKeyspace(prefix, n))).usageStreams();

async function backlog(): Promise<number> {
  const lengths = await Promise.all(streams.map((s) => redis.xlen(s)));
  return lengths.reduce((sum, n) => sum + n, 0);
}

async function usedMemory(): Promise<number> {
  const info = await redis.info("memory");
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}

async function ingested(): Promise<number | undefined> {
  if (!process.env.METRICS_URL) return undefined;
  const text = await fetch(process.env.METRICS_URL).then(
    (r) => r.text(),
    () => "",
  );
  const m = /^tollgate_usage_events_ingested_total (\S+)$/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sample(file: string): Promise<void> {
  const every = Number(process.env.SAMPLE_MS ?? 5_000);
  const started = Date.now();
  let running = true;
  process.on("SIGTERM", () => (running = false));
  while (running) {
    const line = { t: (Date.now() - started) / 1000, backlog: await backlog(), usedMemory: await usedMemory(), ingested: await ingested() };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    for (let waited = 0; running && waited < every; waited += 100) await sleep(100);
  }
}

/** WAIT_FOR_START=1: the clock starts at the last reading before the backlog first shrinks (the ingester's start-up is not counted). */
async function drain(): Promise<void> {
  let started = Date.now();
  let first = await backlog();
  if (process.env.WAIT_FOR_START === "1") {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const before = Date.now();
      const now = await backlog();
      if (now < first) break;
      started = before;
      first = now;
      await sleep(50);
    }
  }
  let last = await backlog();
  const timeoutMs = Number(process.env.DRAIN_TIMEOUT_MS ?? 600_000);
  while (last > 0 && Date.now() - started < timeoutMs) {
    await sleep(200);
    last = await backlog();
  }
  console.log(JSON.stringify({ seconds: (Date.now() - started) / 1000, events: first, left: last }));
}

interface Sample {
  t: number;
  backlog: number;
  usedMemory: number;
  ingested?: number;
}
const json = <T>(file: string) => JSON.parse(readFileSync(`${results}/${file}`, "utf8")) as T;

function summary(): void {
  const burst = json<{ requests: number; rps: number; ok_rate: number }>("soak-burst.json");
  const memory = json<{ before: number; backlog: number; drained: number }>("soak-memory.json");
  const capacity = json<{ seconds: number; events: number }>("soak-capacity.json");
  const soak = json<{ requests: number; rps: number; ok_rate: number; p99_ms: number }>("soak-load.json");
  const tail = json<{ seconds: number; events: number }>("soak-tail.json");
  const samples = readFileSync(`${results}/soak-samples.jsonl`, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Sample);
  const peakEventsPerSecond = burst.rps * burst.ok_rate;
  const capacityPerSecond = capacity.events / capacity.seconds;
  const withIngested = samples.filter((s) => s.ingested !== undefined);
  const first = withIngested[0];
  const last = withIngested.at(-1);
  const out = {
    gateway_peak_events_per_s: Math.round(peakEventsPerSecond),
    ingest_capacity_events_per_s: Math.round(capacityPerSecond),
    capacity_over_peak: Number((capacityPerSecond / peakEventsPerSecond).toFixed(2)),
    burst_events: capacity.events,
    redis_bytes_per_uningested_event: Math.round((memory.backlog - memory.drained) / capacity.events),
    redis_bytes_per_call_receipts: Math.round((memory.drained - memory.before) / capacity.events),
    soak: {
      seconds: samples.at(-1)?.t ?? 0,
      gateway_rps: Math.round(soak.rps),
      ok_rate: soak.ok_rate,
      p99_ms: soak.p99_ms,
      ingested_per_s: first && last && last.t > first.t ? Math.round((last.ingested! - first.ingested!) / (last.t - first.t)) : null,
      backlog_max: Math.max(...samples.map((s) => s.backlog)),
      backlog_end: samples.at(-1)?.backlog ?? 0,
      drain_after_load_s: tail.seconds,
      redis_used_memory_max: Math.max(...samples.map((s) => s.usedMemory)),
    },
    samples,
  };
  writeFileSync(`${results}/soak.json`, JSON.stringify(out, null, 2));
  const { samples: _samples, ...shown } = out;
  console.log(JSON.stringify(shown, null, 2));
  console.log("t (s)  backlog  used_memory  ingested");
  for (const s of samples)
    console.log(
      `${s.t.toFixed(0).padStart(5)}  ${String(s.backlog).padStart(7)}  ${String(s.usedMemory).padStart(11)}  ${s.ingested ?? "-"}`,
    );
}

const [command, arg] = process.argv.slice(2);
try {
  if (command === "sample") await sample(arg ?? `${results}/soak-samples.jsonl`);
  else if (command === "drain") await drain();
  else if (command === "memory") console.log(JSON.stringify({ usedMemory: await usedMemory(), backlog: await backlog() }));
  else if (command === "summary") summary();
  else throw new Error(`usage: soak.js sample FILE | drain | memory | summary`);
} finally {
  redis.disconnect();
}
