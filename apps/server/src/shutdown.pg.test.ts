import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@koperasi/db/testing";
import { freePort, ServerProcess, sleep } from "./ledger/workload/server-process";

// The built server as `npm start` runs it, stopped the way a deploy stops it:
// SIGTERM while a request is still arriving. The request is answered, no new
// connection is taken, and the process exits 0 well within its deadline.

let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "koperasi-shutdown-"));
});
afterAll(async () => {
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends a login request's head and half its body; `finish()` sends the rest and resolves with the whole answer. */
function halfSentLogin(port: number): Promise<{ finish: () => Promise<string> }> {
  const body = JSON.stringify({ email: "tidak.ada@contoh.id", password: "bukan-kata-sandi-sebenarnya" });
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
      socket.write(body.slice(0, 10));
      let answer = "";
      socket.setEncoding("utf8").on("data", (chunk: string) => (answer += chunk));
      const ended = new Promise<string>((done) => socket.once("close", () => done(answer)));
      resolve({
        finish: () => {
          socket.write(body.slice(10));
          return ended;
        },
      });
    });
    socket.once("error", reject);
  });
}

describe("stopping the server with SIGTERM", () => {
  it("answers the request in flight, refuses new connections and exits 0 within 10 s", async () => {
    const port = await freePort();
    const server = new ServerProcess({ runner: "bundle", databaseUrl: db.url!, port, dataDir });
    await server.start();
    const inFlight = await halfSentLogin(port);
    await sleep(200);

    const exited = server.signal("SIGTERM");
    await sleep(300);
    const refused = await new Promise<boolean>((resolve) => {
      const probe = connect(port, "127.0.0.1");
      probe.once("connect", () => (probe.destroy(), resolve(false)));
      probe.once("error", () => resolve(true));
    });
    const answer = await inFlight.finish();
    const { code, ms } = await exited;

    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain("application/problem+json");
    expect(refused).toBe(true);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});
