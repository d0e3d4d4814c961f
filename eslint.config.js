// The project's lint: typescript-eslint's type-aware recommended rules over every package, the tests and
// the load scripts; formatting is Prettier's business (eslint-config-prettier turns the overlapping rules off).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "load/bench.js",
      "load/cost.js",
      "load/charges.js",
      "load/soak.js",
      "coverage/**",
      ".run/**",
      ".data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Named projects rather than the project service: the unit tests beside the code are left out of their
      // package's tsconfig (so that they stay out of dist/) and type-checked by tsconfig.tests.json.
      parserOptions: {
        project: ["./packages/*/tsconfig.json", "./load/tsconfig.json", "./tsconfig.tests.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A leading underscore says "unused on purpose" (an Express error handler's `next`, a rest destructure).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  { files: ["**/*.js"], extends: [tseslint.configs.disableTypeChecked] },
  {
    // The control plane's layers (CONTRIBUTING.md): http/ and routes/ parse, authorize and map; below them the
    // domain (domain/, services/, models/, payments/, the ingester and the jobs) never reaches up into them.
    // create-context.ts is the composition root: it alone wires the HTTP side's implementations in.
    files: [
      "packages/control-plane/src/{domain,services,models,payments,ingester}/**/*.ts",
      "packages/control-plane/src/{context,jobs,stream-consumer,ids,metrics}.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/http/*", "**/routes/*"],
              message: "The domain layer never imports from http/ or routes/: move what it needs below them (domain/).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read answers as the wire gives them (supertest's `body`, JSON.parse): `any` by design, and an
    // assertion is what checks their shape. Source code gets no such leeway.
    files: ["test/**/*.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  prettier,
);
