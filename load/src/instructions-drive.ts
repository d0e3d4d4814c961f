// Drives one side of load/instructions.sh: CALLS calls one at a time (no two overlap: the steady regime, where
// each call is its own round trip), after a warm-up, with the callgrind counters of the side's proxy process
// and of the Redis server zeroed before and dumped after. Prints the side's instructions per call as a JSON
// line. Usage: instructions-drive <side> <url> <api key or ""> <proxy pid> <redis pid> <callgrind dir>.
import { execFileSync } from "node:child_process";
import { Agent, request } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [side, url, apiKey, proxyPid, redisPid, dir] = process.argv.slice(2) as [string, string, string, string, string, string];
const CALLS = Number(process.env.INSTRUCTION_CALLS ?? 3000);
const WARMUP = Number(process.env.INSTRUCTION_WARMUP ?? 2000);
const IDLE_MS = 5000;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const headers = apiKey ? { authorization: `Bearer ${apiKey}` } : {};

function call(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The instructions in the newest dump of `pid` (callgrind.out files named <name>.<pid>.<n>). */
function dumped(pid: string): number {
  const mine = readdirSync(dir).filter((f) => f.includes(`.${pid}.`));
  const newest = mine.sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop())).pop();
  if (newest === undefined) throw new Error(`callgrind wrote no dump for ${pid} in ${dir}`);
  const summary = /^summary: (\d+)/m.exec(readFileSync(join(dir, newest), "utf8"));
  if (summary === null) throw new Error(`no summary in ${newest}`);
  return Number(summary[1]);
}
const control = (flag: string, pid: string) => execFileSync("callgrind_control", [flag, pid], { stdio: "ignore" });

for (let i = 0; i < WARMUP; i++) await call();
control("-z", proxyPid);
control("-z", redisPid);
let ok = 0;
const started = performance.now();
for (let i = 0; i < CALLS; i++) if ((await call()) === 200) ok++;
const busyMs = performance.now() - started;
control("-d", proxyPid);
control("-d", redisPid);
const proxyBusy = dumped(proxyPid);
const redisBusy = dumped(redisPid);
// What the processes run with no call at all (timers: the log's flush, lease reports, Redis' cron), per ms: under
// valgrind a call takes milliseconds, so this share of a call would be far larger than at real speed. Taken
// off, the figure is the work of the calls themselves.
control("-z", proxyPid);
control("-z", redisPid);
const idleStarted = performance.now();
await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
const idleMs = performance.now() - idleStarted;
control("-d", proxyPid);
control("-d", redisPid);
const proxyIdle = dumped(proxyPid) / idleMs;
const redisIdle = dumped(redisPid) / idleMs;
agent.destroy();
if (ok !== CALLS) throw new Error(`${side}: ${CALLS - ok} of ${CALLS} calls were not answered 200`);
console.log(
  JSON.stringify({
    side,
    calls: CALLS,
    proxy_instructions: (proxyBusy - proxyIdle * busyMs) / CALLS,
    redis_instructions: (redisBusy - redisIdle * busyMs) / CALLS,
    raw_proxy_instructions: proxyBusy / CALLS,
    raw_redis_instructions: redisBusy / CALLS,
    ms_per_call: busyMs / CALLS,
  }),
);
