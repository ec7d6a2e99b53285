// Prints the JavaScript a first visit downloads, gzipped, for the pages a
// phone opens first: the entry with everything it imports, the app's main
// module (loaded by the entry at once), and each page's own modules with
// their static imports. Read from the build's manifest (`npm run build:web`
// first); the browser test weight.e2e.ts measures the same from the network.
// The budget is a goal, tracked here and in docs/performance.md; the browser
// test holds each page to the weight reached so far.
// Run: npm run size
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 170 * 1024;

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));

/** The pages measured, by the source modules their routes load. */
const PAGES = {
  "login (/k/<slug>)": [],
  "member home (/k/<slug>/app)": ["src/features/shell/components/AppLayout.tsx", "src/features/home/components/HomePage.tsx"],
};

function staticClosure(keys, into = new Set()) {
  for (const key of keys) {
    if (into.has(key) || !manifest[key]) continue;
    into.add(key);
    staticClosure(manifest[key].imports ?? [], into);
  }
  return into;
}

const entryKeys = Object.keys(manifest).filter((key) => manifest[key].isEntry);
// The entry loads the app's main module at once (after zod is configured).
const mainKeys = Object.keys(manifest).filter((key) => key.endsWith("src/main.tsx"));

function weigh(sources) {
  const files = [...staticClosure([...entryKeys, ...mainKeys, ...sources])].map((key) => manifest[key].file).filter((file) => file.endsWith(".js"));
  let raw = 0;
  let gzipped = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: new Set(files).size, raw, gzipped };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const [page, sources] of Object.entries(PAGES)) {
  const missing = sources.filter((source) => !manifest[source]);
  if (missing.length > 0) throw new Error(`not in the build's manifest: ${missing.join(", ")}`);
  const { files, raw, gzipped } = weigh(sources);
  const fits = gzipped <= BUDGET_BYTES;
  console.log(`${page}: ${files} JS files, ${kib(raw)} raw, ${kib(gzipped)} gzipped (goal ${kib(BUDGET_BYTES)}${fits ? "" : ", over it"})`);
}
