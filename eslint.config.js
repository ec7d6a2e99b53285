import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "data/**", ".e2e-data/**", "docs/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The server starts in about a second because these load on first use
    // (files/excel.ts, pdf/render.ts, branding/svg.ts), not at start-up:
    // together they were two thirds of a start's CPU. Types may be imported.
    files: ["apps/server/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        ...["exceljs", "pdfmake", "isomorphic-dompurify", "jsdom"].map((name) => ({
          name,
          allowTypeImports: true,
          message: `${name} loads on first use: await import() it where it is needed (see apps/server/src/files/excel.ts).`,
        })),
      ],
    },
  },
);
