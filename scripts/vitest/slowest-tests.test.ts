import { describe, expect, it } from "vitest";
import { formatSlowest, slowestByProject, type TimedTest } from "./slowest-tests";

const test = (project: string, name: string, durationMs: number, timeoutMs = 30_000): TimedTest => ({ project, file: `${project}/x.test.ts`, name, durationMs, timeoutMs });

describe("the slowest-tests report", () => {
  it("keeps each project's slowest tests, slowest first, up to the limit", () => {
    const tests = [test("unit", "a", 10), test("pg", "b", 5_000), test("unit", "c", 900), test("unit", "d", 300), test("pg", "e", 20)];
    const ranked = slowestByProject(tests, 2);
    expect([...ranked.keys()]).toEqual(["pg", "unit"]);
    expect(ranked.get("unit")?.map((t) => t.name)).toEqual(["c", "d"]);
    expect(ranked.get("pg")?.map((t) => t.name)).toEqual(["b", "e"]);
  });

  it("marks a test past a third of its timeout and shows its share", () => {
    const lines = formatSlowest("unit", [test("unit", "lambat", 12_000), test("unit", "cepat", 9_000)]);
    expect(lines[0]).toBe('Slowest 2 tests of "unit" (duration, share of its timeout):');
    expect(lines[1]).toMatch(/^ !\s+12\.0 s\s+40% of 30\.0 s {2}unit\/x\.test\.ts › lambat$/);
    expect(lines[2]).toMatch(/^ {2}\s+9\.0 s\s+30% of 30\.0 s {2}unit\/x\.test\.ts › cepat$/);
  });
});
