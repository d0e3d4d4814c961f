// Sums up a V8 CPU profile (the gateway's, from `PROFILE=on npm run bench`): where the busy time went, by
// package and by function (self time). Usage: node load/dist/profile-top.js [file.cpuprofile]
// (default: the newest profile in .run/profiles/).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function newestProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}: run PROFILE=on npm run bench`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
}

/** The package a frame belongs to: a dependency, one of ours, Node's own, or V8's pseudo-frames. */
function packageOf(url: string, name: string): string {
  if (url === "") return name.startsWith("(") ? name : "(native)";
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1]!;
  const ours = /packages\/([^/]+)\//.exec(url);
  if (ours) return `tollgate/${ours[1]}`;
  if (url.startsWith("node:")) return "node";
  return url;
}

const file = process.argv[2] ?? newestProfile(".run/profiles");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let busy = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") continue;
  busy += us;
  const pkg = packageOf(url, functionName);
  const fn = `${functionName || "(anonymous)"} ${pkg}${url ? `:${lineNumber + 1}` : ""}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
const lines = [
  `${file}: ${(busy / 1e6).toFixed(2)} s busy`,
  "",
  "by package (self time)",
  ...top(byPackage, 15).map(([name, us]) => `${pct(us)}  ${name}`),
  "",
  "by function (self time)",
  ...top(byFunction, 30).map(([name, us]) => `${pct(us)}  ${name}`),
];
process.stdout.write(`${lines.join("\n")}\n`);
