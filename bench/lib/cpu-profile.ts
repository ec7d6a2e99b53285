// Reading a V8 CPU profile (.cpuprofile, as the inspector's Profiler.stop
// returns it): where the sampled time went, by function and by package.

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface TimeShare {
  name: string;
  /** Microseconds of samples. */
  micros: number;
}

export interface ProfileSummary {
  /** Sampled time the thread was not idle, microseconds. */
  busyMicros: number;
  topFunctions: TimeShare[];
  packages: TimeShare[];
}

/** Who owns a frame: an npm package, Node itself, V8's own work, or a part of this repository. */
export function ownerOf(url: string, functionName: string): string {
  if (url === "") {
    if (functionName === "(garbage collector)") return "V8: garbage collector";
    if (functionName === "(program)") return "V8: compiled code and runtime";
    if (functionName === "(idle)") return "(idle)";
    return "V8: native";
  }
  const inModules = url.lastIndexOf("/node_modules/");
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + "/node_modules/".length).split("/");
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? url);
  }
  if (url.startsWith("node:")) return "node (built-in)";
  const own = /\/(apps\/[^/]+|packages\/[^/]+|bench)\//.exec(url);
  return own ? own[1]! : url;
}

function fileOf(url: string): string {
  const inModules = url.lastIndexOf("/node_modules/");
  if (inModules >= 0) return url.slice(inModules + "/node_modules/".length);
  const own = /\/((?:apps|packages)\/.*)$/.exec(url);
  return own ? own[1]! : url.replace(/^file:\/\//, "");
}

function ranked(totals: Map<string, number>, limit: number): TimeShare[] {
  return [...totals]
    .map(([name, micros]) => ({ name, micros }))
    .sort((a, b) => b.micros - a.micros || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/**
 * Self time per function (name and file:line) and per owner. Each sample is
 * charged the time delta that follows it (the next sample's delta), as
 * Chrome DevTools does; idle samples are left out of every total.
 */
export function summarise(profile: CpuProfile, topN = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  let busyMicros = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = ownerOf(url, functionName);
    if (owner === "(idle)") continue;
    busyMicros += micros;
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
    const name = url === "" ? functionName : `${functionName || "(anonymous)"} ${fileOf(url)}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  return { busyMicros, topFunctions: ranked(functions, topN), packages: ranked(owners, topN) };
}
