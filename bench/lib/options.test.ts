import { describe, expect, it } from "vitest";
import { parseOptions, type BenchSettings } from "./options";

const parse = (...argv: string[]) => parseOptions(argv, {}) as BenchSettings;

describe("parseOptions", () => {
  it("runs everything at full size by default, with pgbench as the issue asks", () => {
    const s = parse();
    expect(s.mode).toBe("full");
    expect([...s.targets]).toEqual(["pg", "pglite", "tlog"]);
    expect(s.pgbench).toEqual({ scale: 10, clients: 8, threads: 2, seconds: 30 });
    expect(s.tlog.leaves).toBe(1_000_000);
    expect(s.runs).toBeGreaterThanOrEqual(3);
    expect(s.seeder).toBe("generate");
    expect(s.seed.months).toBe(12);
  });

  it("--quick shrinks sizes and windows and runs once", () => {
    const s = parse("--quick");
    expect(s.mode).toBe("quick");
    expect(s.runs).toBe(1);
    expect(s.pgbench.seconds).toBeLessThan(30);
    expect(Math.max(...s.pgSizes)).toBeLessThan(1000);
  });

  it("takes sizes, targets and runs", () => {
    const s = parse("--sizes", "1000,10000,100000", "--only", "pg,tlog", "--runs", "5", "--pglite-sizes", "");
    expect(s.pgSizes).toEqual([1000, 10_000, 100_000]);
    expect(s.pgliteSizes).toEqual([]);
    expect([...s.targets]).toEqual(["pg", "tlog"]);
    expect(s.runs).toBe(5);
  });

  it("spreads transfers over 8 cooperatives unless told otherwise (2 in the quick run)", () => {
    expect(parse().spreadCooperatives).toBe(8);
    expect(parse("--quick").spreadCooperatives).toBe(2);
    expect(parse("--spread", "0").spreadCooperatives).toBe(0);
    expect(parse("--spread", "16").spreadCooperatives).toBe(16);
    expect(() => parse("--spread", "2.5")).toThrow(/spread/);
    expect(() => parse("--spread", "-1")).toThrow(/spread/);
  });

  it("refuses what it does not understand", () => {
    expect(() => parse("--only", "mysql")).toThrow(/unknown target/);
    expect(() => parse("--sizes", "1000,abc")).toThrow(/sizes/);
    expect(() => parse("--runs", "0")).toThrow(/runs/);
    expect(() => parse("--fast")).toThrow();
    expect(() => parse("--seeder", "copy")).toThrow(/seeder/);
  });

  it("reads the PostgreSQL URL from BENCH_DATABASE_URL", () => {
    const s = parseOptions([], { BENCH_DATABASE_URL: "postgres://postgres@127.0.0.1:5433/postgres" }) as BenchSettings;
    expect(s.postgresUrl).toContain(":5433/");
  });
});
