// Loaded into a server under test by `npm run bench:profile` (node --import):
// SIGUSR2 starts the V8 CPU profiler, the next SIGUSR2 stops it and writes
// the profile to BENCH_CPU_PROFILE_DIR/<n>.cpuprofile, then prints
// "cpu-profile <path>" on stderr. The server's own code knows nothing of it,
// and start-up is left out of the profile (unlike `node --cpu-prof`).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  process.on("SIGUSR2", () => {
    void (async () => {
      if (!running) {
        await session.post("Profiler.enable");
        await session.post("Profiler.setSamplingInterval", { interval: 100 });
        await session.post("Profiler.start");
        running = true;
        process.stderr.write("cpu-profile started\n");
        return;
      }
      const { profile } = await session.post("Profiler.stop");
      running = false;
      const path = join(dir, `${++written}.cpuprofile`);
      writeFileSync(path, JSON.stringify(profile));
      process.stderr.write(`cpu-profile ${path}\n`);
    })();
  });
}
