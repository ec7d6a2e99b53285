// `npm start`: builds the web app when it is missing or older than its
// sources, then runs the server (TypeScript through tsx) on the embedded
// database unless DATABASE_URL says otherwise.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

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

const server = spawn(process.execPath, ["--import", "tsx", join(root, "apps/server/src/main.ts")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
