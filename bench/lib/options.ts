import { parseArgs } from "node:util";
import { FULL_PGBENCH, type PgbenchSettings } from "../limits/pgbench";
import { DEFAULT_POSTGRES_URL } from "./postgres";

// What `npm run bench` runs. The full run is what docs/performance.md
// reports; --quick is the same code on small sizes and short windows, for CI
// (under a minute), and its figures say so.

export type Target = "pg" | "pglite" | "tlog";
const TARGETS: readonly Target[] = ["pg", "pglite", "tlog"];

export interface HttpSettings {
  /** Connections for the peak rate. */
  peakConnections: number;
  peakSeconds: number;
  /** The fixed request rate at which latencies are taken (the bare route's and the app's). */
  rate: number;
  rateConnections: number;
  rateSeconds: number;
  /** Load before each measured window (JIT, pools, caches); not counted. */
  warmupSeconds: number;
}

export interface BenchSettings {
  mode: "quick" | "full";
  runs: number;
  targets: ReadonlySet<Target>;
  postgresUrl: string;
  pgbench: PgbenchSettings;
  /** PGlite's TPC-B: accounts (100,000 = pgbench scale 1) and seconds per run. */
  pgliteTpcb: { accounts: number; seconds: number };
  bulkInsert: { seconds: number; maxRows: number };
  /** Rows in the bare route's table before it starts. */
  bareRows: number;
  http: HttpSettings;
  transfers: { connections: number; seconds: number };
  /** Cooperatives (each of the first size) over which the spread transfer scenario runs; 0 or 1 = not measured. */
  spreadCooperatives: number;
  /** Cooperative sizes (members) per database. */
  pgSizes: readonly number[];
  pgliteSizes: readonly number[];
  /**
   * How a cooperative is made: the data generator (`koperasi generate`: a
   * year of deposits, withdrawals and transfers written in bulk), or every
   * entry through postEntry (opening balances and transfers; slower, and its
   * speed is the posting path's in batches).
   */
  seeder: "generate" | "posting";
  seed: { months: number; transfersPerMember: number; logins: number };
  /** Leaves in MemoryHashStore; and through the database node store (smaller; 0 = not measured). */
  tlog: { leaves: number; seconds: number; pgStoreLeaves: number; pgliteStoreLeaves: number };
  save: boolean;
}

const FULL: Omit<BenchSettings, "targets" | "postgresUrl" | "save"> = {
  mode: "full",
  runs: 3,
  pgbench: FULL_PGBENCH,
  pgliteTpcb: { accounts: 100_000, seconds: 10 },
  bulkInsert: { seconds: 5, maxRows: 5_000_000 },
  bareRows: 100_000,
  http: { peakConnections: 10, peakSeconds: 10, rate: 100, rateConnections: 10, rateSeconds: 15, warmupSeconds: 2 },
  transfers: { connections: 8, seconds: 15 },
  spreadCooperatives: 8,
  pgSizes: [1000, 10_000],
  pgliteSizes: [1000],
  seeder: "generate",
  seed: { months: 12, transfersPerMember: 1, logins: 50 },
  tlog: { leaves: 1_000_000, seconds: 3, pgStoreLeaves: 50_000, pgliteStoreLeaves: 10_000 },
};

const QUICK: typeof FULL = {
  mode: "quick",
  runs: 1,
  pgbench: { scale: 1, clients: 8, threads: 2, seconds: 2 },
  pgliteTpcb: { accounts: 10_000, seconds: 1 },
  bulkInsert: { seconds: 0.5, maxRows: 200_000 },
  bareRows: 10_000,
  http: { peakConnections: 10, peakSeconds: 1, rate: 50, rateConnections: 5, rateSeconds: 1, warmupSeconds: 0.3 },
  transfers: { connections: 8, seconds: 1 },
  // Enough to show the scenario works within the quick run's minute; the full run spreads over 8.
  spreadCooperatives: 2,
  pgSizes: [100],
  pgliteSizes: [50],
  seeder: "generate",
  seed: { months: 3, transfersPerMember: 1, logins: 3 },
  // The node store on PGlite only in the full run: its worker alone would take a tenth of the minute.
  tlog: { leaves: 10_000, seconds: 0.3, pgStoreLeaves: 2000, pgliteStoreLeaves: 0 },
};

function sizes(text: string | undefined, fallback: readonly number[]): readonly number[] {
  if (text === undefined) return fallback;
  if (text === "") return [];
  const list = text.split(",").map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 2 || n > 1_000_000)) throw new Error(`sizes must be whole numbers of members from 2 to 1,000,000: ${text}`);
  return list;
}

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number: ${text}`);
  return n;
}

export const USAGE = `npm run bench [-- options]
  --quick               small sizes, short windows, one run, parts side by side (CI; under a minute)
  --runs N              runs per figure (median reported); full: 3
  --only pg,pglite,tlog targets to run (default: all)
  --sizes 1000,10000    cooperative sizes (members) on PostgreSQL
  --pglite-sizes 1000   cooperative sizes on PGlite
  --spread N            transfers also spread over N cooperatives of the first size (default 8; 0: not measured)
  --pgbench-seconds N   pgbench -T (full: 30)
  --tlog-leaves N       leaves in the log (full: 1000000)
  --no-save             do not write bench/results/
PostgreSQL: BENCH_DATABASE_URL (default ${DEFAULT_POSTGRES_URL}); loopback only.
Server log level: BENCH_SERVER_LOG_LEVEL (default info, as in production).`;

export function parseOptions(argv: readonly string[], env: Record<string, string | undefined> = process.env): BenchSettings | "help" {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: "boolean", default: false },
      runs: { type: "string" },
      only: { type: "string" },
      sizes: { type: "string" },
      "pglite-sizes": { type: "string" },
      "pgbench-seconds": { type: "string" },
      spread: { type: "string" },
      "tlog-leaves": { type: "string" },
      seeder: { type: "string" },
      "no-save": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return "help";
  const preset = values.quick ? QUICK : FULL;
  const only = values.only?.split(",").map((t) => t.trim()) ?? TARGETS;
  for (const target of only) if (!TARGETS.includes(target as Target)) throw new Error(`unknown target ${target} (pg, pglite, tlog)`);
  const runs = positive(values.runs, "runs");
  if (runs !== undefined && (!Number.isInteger(runs) || runs > 20)) throw new Error("--runs must be a whole number up to 20");
  const pgbenchSeconds = positive(values["pgbench-seconds"], "pgbench-seconds");
  const leaves = positive(values["tlog-leaves"], "tlog-leaves");
  const spread = values.spread === undefined ? preset.spreadCooperatives : Number(values.spread);
  if (!Number.isInteger(spread) || spread < 0 || spread > 64) throw new Error(`--spread must be a whole number from 0 to 64: ${values.spread}`);
  const seeder = values.seeder ?? preset.seeder;
  if (seeder !== "generate" && seeder !== "posting") throw new Error(`--seeder is generate or posting: ${seeder}`);
  return {
    ...preset,
    runs: runs ?? preset.runs,
    targets: new Set(only as Target[]),
    postgresUrl: env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL,
    pgbench: { ...preset.pgbench, seconds: Math.min(600, Math.round(pgbenchSeconds ?? preset.pgbench.seconds)) },
    seeder,
    spreadCooperatives: spread,
    pgSizes: sizes(values.sizes, preset.pgSizes),
    pgliteSizes: sizes(values["pglite-sizes"], preset.pgliteSizes),
    tlog: { ...preset.tlog, leaves: Math.min(16_000_000, Math.round(leaves ?? preset.tlog.leaves)) },
    save: !values["no-save"],
  };
}
