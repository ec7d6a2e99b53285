import { defineConfig } from "vitest/config";
import SlowestTestsReporter from "./scripts/vitest/slowest-tests.ts";

// Projects: "unit" runs on a machine with only Node (PGlite for the
// database); "pg" runs the database suites against a real PostgreSQL server
// named by TEST_DATABASE_URL (see .ci/run); "e2e" drives Chromium; "soak"
// holds long volume runs on PostgreSQL, outside CI (`npm run soak`). Every
// run ends with each project's 20 slowest tests, after the default report.
export default defineConfig({
  test: {
    reporters: ["default", new SlowestTestsReporter(20)],
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/server/src/**/*.test.ts", "apps/web/src/**/*.test.{ts,tsx}", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.pg.test.ts", "**/*.soak.test.ts", "**/node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "pg",
          include: ["packages/db/src/**/*.db.test.ts", "apps/server/src/**/*.db.test.ts", "**/*.pg.test.ts"],
          exclude: ["**/node_modules/**"],
          env: { KOPERASI_TEST_DB: "postgres" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Long volume runs on PostgreSQL, outside CI: `npm run soak` runs them before the kill soak.
        test: {
          name: "soak",
          include: ["apps/server/src/**/*.soak.test.ts"],
          exclude: ["**/node_modules/**"],
          env: { KOPERASI_TEST_DB: "postgres" },
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
