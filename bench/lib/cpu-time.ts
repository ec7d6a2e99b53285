import { readdirSync, readFileSync } from "node:fs";

// CPU time spent by processes, from /proc (Linux): the server's own, and
// that of the PostgreSQL backends serving one database, so a scenario can
// say how many milliseconds of CPU one request costs on each side. Where
// /proc cannot be read the figures are NaN, never a guess.

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on Linux (USER_HZ, fixed by the kernel's ABI). */
const TICKS_PER_SECOND = 100;

/** utime + stime of one process in seconds, or undefined when it cannot be read (gone, not Linux). */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The backends PostgreSQL runs for connections to `database` on this machine ("postgres: [cluster: ]user database host(port) state"). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      if (title.startsWith("postgres: ") && title.split(" ").includes(database)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** CPU seconds, split by who spent them, between `start()` and `stop()`. */
export class CpuMeter {
  readonly #serverPid: number;
  readonly #database: string | undefined;
  #server = 0;
  #backends = new Map<number, number>();

  constructor(serverPid: number, database: string | undefined) {
    this.#serverPid = serverPid;
    this.#database = database;
  }

  start(): this {
    this.#server = processCpuSeconds(this.#serverPid) ?? Number.NaN;
    this.#backends = this.#readBackends();
    return this;
  }

  /** Seconds of CPU the server process and the database's backends spent since start() (a backend that started meanwhile counts whole). */
  stop(): { server: number; database: number } {
    const server = (processCpuSeconds(this.#serverPid) ?? Number.NaN) - this.#server;
    if (this.#database === undefined) return { server, database: Number.NaN };
    let database = 0;
    for (const [pid, now] of this.#readBackends()) database += now - (this.#backends.get(pid) ?? 0);
    return { server, database };
  }

  #readBackends(): Map<number, number> {
    const times = new Map<number, number>();
    if (this.#database === undefined) return times;
    for (const pid of backendsOf(this.#database)) {
      const seconds = processCpuSeconds(pid);
      if (seconds !== undefined) times.set(pid, seconds);
    }
    return times;
  }
}
