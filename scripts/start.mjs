// `npm start`: builds the web app and the server when they are missing or
// older than their sources, then runs the built server (plain JavaScript,
// apps/server/dist/main.mjs) on the embedded database unless DATABASE_URL
// says otherwise. `npm run dev` runs the sources through tsx instead.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtEntry, ensureServerBuild } from "../apps/server/scripts/build.mjs";

const root = new URL("..", import.meta.url).pathname;
const web = join(root, "apps/web");
const builtAt = (() => {
  const index = join(web, "dist/index.html");
  return existsSync(index) ? statSync(index).mtimeMs : 0;
})();

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestSource(join(web, "src")), newestSource(join(web, "public")), newestSource(join(root, "packages")));
if (process.env.SKIP_WEB_BUILD !== "1" && sources > builtAt) {
  console.log("Membangun aplikasi web…");
  const build = spawnSync("npm", ["run", "build", "-w", "@koperasi/web"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (await ensureServerBuild()) console.log("Server dibangun (apps/server/dist).");

const server = spawn(process.execPath, [builtEntry("main")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
