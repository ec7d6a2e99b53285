import { describe, expect, it } from "vitest";
import { ownerOf, summarise, type CpuProfile } from "./cpu-profile";

describe("ownerOf", () => {
  it("names the package, scoped or not, Node's built-ins, V8's own work and the repository's parts", () => {
    expect(ownerOf("file:///r/node_modules/kysely/dist/esm/query.js", "f")).toBe("kysely");
    expect(ownerOf("file:///r/node_modules/a/node_modules/@fastify/helmet/index.js", "f")).toBe("@fastify/helmet");
    expect(ownerOf("node:internal/streams/readable", "f")).toBe("node (built-in)");
    expect(ownerOf("", "(garbage collector)")).toBe("V8: garbage collector");
    expect(ownerOf("", "(idle)")).toBe("(idle)");
    expect(ownerOf("file:///r/apps/server/src/http/gate.ts", "admit")).toBe("apps/server");
    expect(ownerOf("file:///r/packages/db/src/index.ts", "f")).toBe("packages/db");
  });
});

describe("summarise", () => {
  it("charges each sample the delta after it, leaves idle out and ranks by self time", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2, 3, 4] },
        { id: 2, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
        { id: 3, callFrame: { functionName: "compile", url: "file:///r/node_modules/kysely/q.js", lineNumber: 9 } },
        { id: 4, callFrame: { functionName: "admit", url: "file:///r/apps/server/src/http/gate.ts", lineNumber: 0 } },
      ],
      samples: [3, 2, 4, 3],
      timeDeltas: [0, 100, 900, 50, 30],
      startTime: 0,
      endTime: 1080,
    };
    const summary = summarise(profile);
    // compile: 100 (after its first sample) + 30; idle: 900 left out; admit: 50.
    expect(summary.busyMicros).toBe(180);
    expect(summary.topFunctions).toEqual([
      { name: "compile kysely/q.js:10", micros: 130 },
      { name: "admit apps/server/src/http/gate.ts:1", micros: 50 },
    ]);
    expect(summary.packages).toEqual([
      { name: "kysely", micros: 130 },
      { name: "apps/server", micros: 50 },
    ]);
  });
});
