import { relative } from "node:path";
import type { Reporter, TestModule, TestRunEndReason, Vitest } from "vitest/node";

/** One finished test, as the ranking needs it. */
export interface TimedTest {
  project: string;
  file: string;
  name: string;
  durationMs: number;
  timeoutMs: number;
}

/** The `limit` slowest tests of each project (suite), slowest first; projects in name order. */
export function slowestByProject(tests: readonly TimedTest[], limit: number): Map<string, TimedTest[]> {
  const byProject = new Map<string, TimedTest[]>();
  for (const test of tests) {
    const list = byProject.get(test.project) ?? [];
    list.push(test);
    byProject.set(test.project, list);
  }
  const ranked = new Map<string, TimedTest[]>();
  for (const project of [...byProject.keys()].sort()) {
    const list = byProject.get(project) ?? [];
    ranked.set(project, [...list].sort((x, y) => y.durationMs - x.durationMs || x.name.localeCompare(y.name)).slice(0, limit));
  }
  return ranked;
}

/** The lines printed for one project: duration, share of the test's timeout, file and name. */
export function formatSlowest(project: string, tests: readonly TimedTest[]): string[] {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [`Slowest ${tests.length} tests of "${project}" (duration, share of its timeout):`];
  for (const test of tests) {
    const share = test.timeoutMs > 0 ? Math.round((100 * test.durationMs) / test.timeoutMs) : 0;
    // A test past a third of its timeout on this run fails first on a loaded machine.
    const mark = test.timeoutMs > 0 && test.durationMs > test.timeoutMs / 3 ? " !" : "  ";
    lines.push(`${mark}${seconds(test.durationMs).padStart(8)} ${String(share).padStart(3)}% of ${seconds(test.timeoutMs)}  ${test.file} › ${test.name}`);
  }
  return lines;
}

/**
 * Prints each project's slowest tests at the end of a run, after the default
 * reporter's output: the next test that creeps toward its timeout shows up
 * here before it fails on a busy machine. Vitest has no built-in option for it.
 */
export default class SlowestTestsReporter implements Reporter {
  private root = process.cwd();
  private defaultTimeouts = new Map<string, number>();

  constructor(private readonly limit = 20) {}

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    for (const project of vitest.projects) this.defaultTimeouts.set(project.name, project.config.testTimeout);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, _reason: TestRunEndReason): void {
    const tests: TimedTest[] = [];
    for (const module of testModules) {
      const project = module.project.name;
      for (const test of module.children.allTests()) {
        const diagnostic = test.diagnostic();
        if (!diagnostic) continue;
        tests.push({
          project,
          file: relative(this.root, module.moduleId),
          name: test.fullName,
          durationMs: diagnostic.duration,
          timeoutMs: test.options.timeout ?? this.defaultTimeouts.get(project) ?? 0,
        });
      }
    }
    const lines: string[] = [];
    for (const [project, slowest] of slowestByProject(tests, this.limit)) lines.push("", ...formatSlowest(project, slowest));
    if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
  }
}
