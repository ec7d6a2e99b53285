// The server and the `koperasi` command compiled ahead of time, so that a
// start runs plain JavaScript: no TypeScript compiler, no loader hooks. One
// ES module per entry point, in apps/server/dist/, with our workspace
// packages inside and third-party packages imported from node_modules as
// usual (native and wasm parts such as sharp and PGlite stay where npm put
// them). `npm start` and `bin/koperasi.mjs` build when the output is missing
// or older than any source, as `npm start` does for the web app.
//
// Plain JavaScript itself, so a production install (`npm install
// --omit=dev`) can build and run without tsx.
import { build } from "esbuild";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(SERVER, "../..");
export const DIST = join(SERVER, "dist");

/** Entry points by output name: dist/<name>.mjs. */
export const ENTRIES = {
  main: join(SERVER, "src/main.ts"),
  cli: join(SERVER, "src/cli.ts"),
  witness: join(SERVER, "src/witness/cli.ts"),
};

/** Where an entry's build is. */
export function builtEntry(name) {
  return join(DIST, `${name}.mjs`);
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when any entry's build is missing or older than a source it may include (the server's, the packages', the lock file). */
export function serverBuildIsStale() {
  const built = Math.min(...Object.keys(ENTRIES).map((name) => (existsSync(builtEntry(name)) ? statSync(builtEntry(name)).mtimeMs : 0)));
  if (built === 0) return true;
  const sources = Math.max(newestSource(join(SERVER, "src")), newestSource(join(ROOT, "packages")), statSync(join(ROOT, "package-lock.json")).mtimeMs);
  return sources > built;
}

/**
 * Compiles every entry into dist/. The outputs are written to a staging
 * folder of this process and renamed into place, so a process starting
 * meanwhile (or a second build racing this one) never reads half a file.
 */
export async function buildServer() {
  const staging = join(DIST, `.build-${process.pid}-${Date.now()}`);
  await build({
    entryPoints: ENTRIES,
    outdir: staging,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: false,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [ownSourcesOnly],
  });
  for (const name of Object.keys(ENTRIES)) {
    renameSync(join(staging, `${name}.mjs.map`), join(DIST, `${name}.mjs.map`));
    renameSync(join(staging, `${name}.mjs`), builtEntry(name));
  }
  rmSync(staging, { recursive: true, force: true });
}

/** Builds when stale; answers whether it did. */
export async function ensureServerBuild() {
  if (!serverBuildIsStale()) return false;
  await buildServer();
  return true;
}

const ownSourcesOnly = {
  name: "koperasi-own-sources",
  setup(builder) {
    // Third-party packages stay imports; only @koperasi/* workspaces are compiled in.
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@koperasi/") ? undefined : { path: args.path, external: true }));
    // A module finds its neighbours (migrations, the web app's dist, pdfmake's fonts) from
    // its own import.meta.url: keep that meaning, relative to the built file, so the
    // checkout can move without a rebuild.
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const fromDist = relative(DIST, dirname(args.path)).split("\\").join("/");
      const sourceUrl = `new URL(${JSON.stringify(`${fromDist}/${args.path.split(/[\\/]/).pop()}`)}, import.meta.url).href`;
      return { contents: (await readFile(args.path, "utf8")).replaceAll("import.meta.url", sourceUrl), loader: "ts" };
    });
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildServer();
  console.log(`Server dibangun ke ${relative(process.cwd(), DIST) || "."} dalam ${Date.now() - started} ms`);
}
