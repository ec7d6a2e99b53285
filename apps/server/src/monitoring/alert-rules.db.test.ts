import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { createTestApp, type TestApp } from "../testing/harness";

// The alert rules shipped in ops/prometheus/alerts.yml, checked the way
// promtool would where it is not installed: the file parses, every rule is
// complete and told in Bahasa Indonesia, and every metric its expressions
// name is one this server exports on /metrics (a renamed metric would
// otherwise leave an alert that never fires).

const RULES = new URL("../../../../ops/prometheus/alerts.yml", import.meta.url);
const TOKEN = "uji-metrik-0123456789abcdef";
/** Series Prometheus records itself, not the server. */
const RECORDED_BY_PROMETHEUS = new Set(["up"]);
const PROMQL_WORDS = new Set([
  "sum", "max", "min", "avg", "count", "rate", "irate", "increase", "delta", "deriv", "time", "vector", "scalar", "absent", "changes", "resets",
  "max_over_time", "min_over_time", "avg_over_time", "histogram_quantile", "clamp_min", "clamp_max", "topk", "bottomk",
  "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
]);

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { metricsToken: TOKEN } });
});
afterAll(async () => {
  await t?.close();
});

/** Every series name /metrics can show: each family's name, and a histogram's _bucket, _sum and _count. */
async function exportedNames(): Promise<Set<string>> {
  const text = (await t.app.inject({ url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } })).body;
  const names = new Set<string>();
  for (const [, name = "", type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === "histogram" || type === "summary") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
  }
  return names;
}

/** The metric names in a PromQL expression: what is left once strings, label matchers, grouping lists, ranges and words of the language are set aside. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\boffset\s+\w+/g, " ");
  return [...bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((m) => m[0]).filter((word) => !PROMQL_WORDS.has(word));
}

function rules(): Rule[] {
  const file = parse(readFileSync(RULES, "utf8")) as { groups?: { name?: string; rules?: Rule[] }[] };
  expect(file.groups?.length).toBeGreaterThan(0);
  return file.groups!.flatMap((group) => {
    expect(group.name).toBeTruthy();
    return group.rules ?? [];
  });
}

it("finds metric names in an expression and nothing else", () => {
  expect(metricNamesIn('sum by (job) (increase(koperasi_job_runs_total{outcome="failed"}[1h])) > 0 or max(a_b offset 1d) > 26 * 3600')).toEqual([
    "koperasi_job_runs_total",
    "a_b",
  ]);
});

it("has the alerts the deployment promises, each complete and in Bahasa Indonesia", () => {
  const all = rules();
  const names = all.map((rule) => rule.alert);
  for (const promised of ["KoperasiJobFailed", "KoperasiBackupTooOld", "KoperasiCheckpointNotAdvancing", "KoperasiServerErrors", "KoperasiSignInFailuresSpiking", "KoperasiVerifyFailing"]) {
    expect(names).toContain(promised);
  }
  expect(new Set(names).size).toBe(names.length);
  for (const rule of all) {
    expect(rule.alert).toMatch(/^Koperasi[A-Za-z]+$/);
    expect(rule.expr, rule.alert).toBeTruthy();
    if (rule.for !== undefined) expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
    expect(["critical", "warning"], rule.alert).toContain(rule.labels?.severity);
    expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    expect(rule.annotations?.description, rule.alert).toBeTruthy();
    // Balanced brackets: a PromQL parse error would otherwise surface only when Prometheus loads the file.
    for (const [open, close] of [["(", ")"], ["{", "}"], ["[", "]"]] as const) {
      expect(rule.expr!.split(open).length, `${rule.alert} ${open}${close}`).toBe(rule.expr!.split(close).length);
    }
  }
  expect(all.find((rule) => rule.alert === "KoperasiBackupTooOld")?.expr).toContain("26 * 3600");
});

it("names only metrics the server exports", async () => {
  const exported = await exportedNames();
  expect(exported).toContain("koperasi_http_request_duration_seconds_bucket");
  for (const rule of rules()) {
    for (const name of metricNamesIn(rule.expr!)) {
      if (RECORDED_BY_PROMETHEUS.has(name)) continue;
      expect(exported, `${rule.alert}: ${name}`).toContain(name);
    }
  }
});
