import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = join(ROOT, "packages/sdk/scripts/generate-types.ts");
const TYPES = join(ROOT, "packages/sdk/src/openapi.ts");

/** Runs the generator as a developer would, with the Node that runs the tests; its exit code and output. */
async function generator(...args: string[]): Promise<{ code: number; output: string }> {
  return promisify(execFile)(process.execPath, [SCRIPT, ...args], { cwd: ROOT }).then(
    (run) => ({ code: 0, output: run.stdout + run.stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      output: (error.stdout ?? "") + (error.stderr ?? ""),
    }),
  );
}

describe("the SDK's types, generated from the OpenAPI document", () => {
  it("are up to date with the routes and schemas (else: node packages/sdk/scripts/generate-types.ts)", async () => {
    const run = await generator("--check");
    expect(run.output).toContain("is up to date");
    expect(run.code).toBe(0);
  });

  it("are found stale when the document says something the file does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-sdk-types-"));
    try {
      const copy = join(dir, "openapi.ts");
      copyFileSync(TYPES, copy);
      expect((await generator("--check", `--file=${copy}`)).code).toBe(0);
      // A field the API no longer answers with: what a hand-written type drifting from the API looks like.
      writeFileSync(copy, readFileSync(copy, "utf8").replace("amountPaid: number;", "amountPaid: number;\n            paidBy: string;"));
      const stale = await generator("--check", `--file=${copy}`);
      expect(stale.code).toBe(1);
      expect(stale.output).toContain("is stale");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
