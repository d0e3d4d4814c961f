import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run the TypeScript sources of the workspace packages, not a possibly stale dist/.
const alias = {
  "@tollgate/metering/store": src("./packages/metering/src/store/index.ts"),
  "@tollgate/metering": src("./packages/metering/src/index.ts"),
  "@tollgate/gateway-plugin": src("./packages/gateway-plugin/src/index.ts"),
  "@tollgate/control-plane": src("./packages/control-plane/src/index.ts"),
  "@tollgate/sdk": src("./packages/sdk/src/index.ts"),
  "@tollgate/money": src("./packages/money/src/index.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ["./test/support/global-setup.ts"],
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["packages/*/src/**/*.test.ts"], testTimeout: 20_000 },
      },
      {
        resolve: { alias },
        // End-to-end files drive real services hard (1,000 concurrent calls): one file at a time on 2 cores.
        test: { name: "e2e", include: ["test/**/*.test.ts"], fileParallelism: false, testTimeout: 120_000, hookTimeout: 60_000 },
      },
    ],
  },
});
