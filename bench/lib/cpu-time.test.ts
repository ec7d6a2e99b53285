import { describe, expect, it } from "vitest";
import { CpuMeter, processCpuSeconds } from "./cpu-time";

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // burn CPU on purpose
  }
}

describe.runIf(process.platform === "linux")("CPU time from /proc", () => {
  it("counts this process's own CPU as it spends it", () => {
    const before = processCpuSeconds(process.pid)!;
    spin(300);
    const after = processCpuSeconds(process.pid)!;
    // 300 ms of wall time spinning is at least some CPU time, even on a busy machine.
    expect(after - before).toBeGreaterThan(0.02);
  });

  it("says nothing about a process that does not exist", () => {
    expect(processCpuSeconds(2 ** 30)).toBeUndefined();
  });

  it("meters the server's CPU, and no database without one", () => {
    const meter = new CpuMeter(process.pid, undefined).start();
    spin(200);
    const spent = meter.stop();
    expect(spent.server).toBeGreaterThan(0.01);
    expect(spent.database).toBeNaN();
  });

  it("finds no backend of a database nobody is connected to", () => {
    const meter = new CpuMeter(process.pid, "koperasi_bench_nobody_00000000").start();
    expect(meter.stop().database).toBe(0);
  });
});
