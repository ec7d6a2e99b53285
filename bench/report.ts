import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Figure } from "./lib/figures";
import { roundForDisplay } from "./lib/stats";

// Prints a results file (default bench/results/latest.json) as the Markdown
// tables docs/performance.md shows: `npx tsx bench/report.ts [file]`.

interface Results {
  mode: string;
  startedAt: string;
  seconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverage: { start: number[]; end: number[]; sampledMean1m: number } };
  facts: Record<string, string>;
  settings: { runs: number };
  figures: Figure[];
  skipped: string[];
  warnings: string[];
}

const file = process.argv[2] ?? fileURLToPath(new URL("./results/latest.json", import.meta.url));
const results = JSON.parse(readFileSync(file, "utf8")) as Results;
const m = results.machine;
const out: string[] = [
  `Run: ${results.mode}, ${results.startedAt}, ${Math.round(results.seconds / 60)} min, median of ${results.settings.runs} run(s). ` +
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${results.facts.postgres ?? "-"}; ` +
    `load average ${m.loadAverage.start[0]?.toFixed(1)} at the start, ${m.loadAverage.end[0]?.toFixed(1)} at the end, ${m.loadAverage.sampledMean1m.toFixed(1)} on average.`,
  "",
  "| figure | value | unit | limit | ratio | runs |",
  "|---|---:|---|---:|---:|---|",
];
for (const f of results.figures) {
  const limit = f.limitValue === null ? "" : `${roundForDisplay(f.limitValue)} (${f.limit})`;
  const ratio = f.ratio === null ? "" : f.ratio.toFixed(f.ratio < 10 ? 3 : 1);
  out.push(`| ${f.name} | ${roundForDisplay(f.value)} | ${f.unit} | ${limit} | ${ratio} | ${f.samples.map(roundForDisplay).join(", ")} |`);
}
for (const s of results.skipped) out.push("", `Skipped: ${s}`);
for (const w of results.warnings) out.push("", `Warning: ${w}`);
process.stdout.write(`${out.join("\n")}\n`);
