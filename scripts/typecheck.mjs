// Type-checks every workspace with its own tsconfig; fails if any does.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const projects = ["packages/domain", "packages/tlog", "packages/contracts", "packages/db", "apps/server", "apps/web", "apps/web/e2e", "bench", "scripts"];
let failed = false;
for (const dir of projects) {
  if (!existsSync(`${dir}/tsconfig.json`)) continue;
  try {
    execFileSync("npx", ["tsc", "-p", `${dir}/tsconfig.json`], { stdio: "inherit" });
    console.log(`typecheck ok: ${dir}`);
  } catch {
    failed = true;
    console.error(`typecheck FAILED: ${dir}`);
  }
}
process.exit(failed ? 1 : 0);
