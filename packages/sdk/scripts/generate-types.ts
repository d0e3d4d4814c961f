/**
 * The SDK's wire types, generated from the control plane's OpenAPI document (itself generated from the zod
 * schemas that validate every request and shape every answer), so that they cannot drift from the API.
 *
 *   node packages/sdk/scripts/generate-types.ts          rewrites packages/sdk/src/openapi.ts
 *   node packages/sdk/scripts/generate-types.ts --check  exits 1 when that file is stale
 *   … --file=PATH                                         reads or writes PATH instead
 *
 * The test command runs the check (test/sdk-types.test.ts). Node 22.18+ runs this file as it is (type stripping).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { format, resolveConfig } from "prettier";
import { openApiDocument, routes } from "@tollgate/control-plane";

export const SDK_TYPES_FILE = fileURLToPath(new URL("../src/openapi.ts", import.meta.url));

const BANNER = `// Generated from the control plane's OpenAPI document by packages/sdk/scripts/generate-types.ts: do not edit.
// Run \`node packages/sdk/scripts/generate-types.ts\` after changing a route or a schema.
/* eslint-disable */
`;

/** The file's text as it should be now: openapi-typescript's output, formatted as the rest of the code. */
export async function generateSdkTypes(): Promise<string> {
  const ast = await openapiTS(openApiDocument(routes) as unknown as OpenAPI3, { alphabetize: false });
  const source = BANNER + astToString(ast);
  return format(source, { ...(await resolveConfig(SDK_TYPES_FILE)), filepath: SDK_TYPES_FILE });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv.find((arg) => arg.startsWith("--file="))?.slice("--file=".length) ?? SDK_TYPES_FILE;
  const fresh = await generateSdkTypes();
  if (process.argv.includes("--check")) {
    if (readFileSync(file, "utf8") !== fresh) {
      console.error(`${file} is stale: run node packages/sdk/scripts/generate-types.ts`);
      process.exit(1);
    }
    console.log(`${file} is up to date`);
  } else {
    writeFileSync(file, fresh);
    console.log(`wrote ${file}`);
  }
}
