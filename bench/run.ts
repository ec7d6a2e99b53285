import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { formatFigure, formatHeader, Recorder, type Figure } from "./lib/figures";
import { parseOptions, USAGE, type BenchSettings } from "./lib/options";
import { dropAllScratchDatabases } from "./lib/postgres";
import { stopAllChildren } from "./lib/processes";
import { benchPglite } from "./targets/pglite";
import { benchPostgres } from "./targets/postgres";
import { benchTlog } from "./targets/tlog";

// `npm run bench [-- --quick]`: the benchmarks, each figure against a limit
// measured in the same run. Progress goes to stderr; stdout gets one line per
// figure (`name  value  unit  limit  ratio`), then skipped parts and
// warnings; the JSON goes to bench/results/ (a timestamped file and
// latest.json). See docs/performance.md.

const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

interface ResultsFile {
  mode: BenchSettings["mode"];
  interrupted: boolean;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverage: { start: number[]; end: number[]; sampledMean1m: number } };
  settings: Omit<BenchSettings, "targets"> & { targets: string[] };
  facts: Record<string, string>;
  figures: Figure[];
  skipped: string[];
  warnings: string[];
}

/** What a run knows so far, so Ctrl-C still reports (and saves) the figures measured before it. */
let current: { settings: BenchSettings; rec: Recorder; started: Date; startLoad: number[]; loadSamples: number[] } | undefined;

async function main(): Promise<number> {
  let settings: BenchSettings | "help";
  try {
    settings = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (settings === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = new Date();
  const startLoad = loadavg();
  const loadSamples: number[] = [];
  const loadTimer = setInterval(() => loadSamples.push(loadavg()[0]!), 5000);
  loadTimer.unref();
  const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);
  const rec = new Recorder();
  current = { settings, rec, started, startLoad, loadSamples };
  log(`${settings.mode} run: ${[...settings.targets].join(", ")}; ${settings.runs} run(s) per figure; load average ${startLoad.map((l) => l.toFixed(2)).join(" ")}`);

  let failed = false;
  const parts: [string, () => Promise<void>][] = [];
  const s = settings;
  if (s.targets.has("pg")) parts.push(["pg", () => benchPostgres(s, rec, log)]);
  if (s.targets.has("pglite")) parts.push(["pglite", () => benchPglite(s, rec, log)]);
  if (s.targets.has("tlog")) parts.push(["tlog", () => benchTlog(s, rec, log)]);
  const runPart = async ([name, part]: [string, () => Promise<void>]) => {
    try {
      await part();
    } catch (error) {
      failed = true;
      rec.skip(name, `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
  // A quick run only shows that every benchmark still works, in under a
  // minute: its parts run side by side. A full run measures one at a time.
  if (settings.mode === "quick") await Promise.all(parts.map(runPart));
  else for (const part of parts) await runPart(part);
  clearInterval(loadTimer);

  const results = report(current, false);
  log(`done in ${results.seconds.toFixed(0)} s`);
  return failed ? 1 : 0;
}

function report(run: NonNullable<typeof current>, interrupted: boolean): ResultsFile {
  const { settings, rec, started, startLoad, loadSamples } = run;
  const figures = rec.figures();
  const lines = [formatHeader(), ...figures.map((f) => formatFigure(f))];
  for (const skipped of rec.skipped) lines.push(`# skipped ${skipped}`);
  for (const warning of rec.warnings) lines.push(`# warning ${warning}`);
  if (interrupted) lines.push("# interrupted: only the figures measured before the stop");
  if (settings.mode === "quick") lines.push("# quick run: small sizes, short windows, parts side by side; figures only show the benchmarks still work");
  process.stdout.write(`${lines.join("\n")}\n`);

  const finished = new Date();
  const results: ResultsFile = {
    mode: settings.mode,
    interrupted,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds: (finished.getTime() - started.getTime()) / 1000,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "?",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverage: { start: startLoad, end: loadavg(), sampledMean1m: loadSamples.length ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length : loadavg()[0]! },
    },
    settings: { ...settings, targets: [...settings.targets] },
    facts: rec.facts,
    figures,
    skipped: rec.skipped,
    warnings: rec.warnings,
  };
  if (settings.save) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const name = `${started.toISOString().replace(/[:.]/g, "-")}-${settings.mode}.json`;
    const json = `${JSON.stringify(results, null, 2)}\n`;
    writeFileSync(`${RESULTS_DIR}${name}`, json);
    writeFileSync(`${RESULTS_DIR}latest.json`, json);
    process.stderr.write(`results: bench/results/${name} (and latest.json)\n`);
  }
  return results;
}

async function cleanUp(): Promise<void> {
  await stopAllChildren();
  await dropAllScratchDatabases();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping servers, dropping scratch databases\n`);
    if (current) report(current, true);
    void cleanUp().finally(() => process.exit(130));
  });
}

const code = await main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
});
await cleanUp();
process.exit(code);
