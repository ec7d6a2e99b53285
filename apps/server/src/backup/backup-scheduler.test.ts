import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackupOverview } from "@koperasi/contracts";
import { createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";
import { backupDue, startBackupScheduler } from "./backup-scheduler";

// The server's daily backup on PGlite (the unit project): made at night in
// Indonesia, once a day, a failure recorded and logged; the operator console
// reads the last good backup, its age and size.

const root = mkdtempSync(join(tmpdir(), "kp-backup-scheduler-"));
const env = { BACKUP_KEY: randomBytes(32).toString("base64url") };
let t: TestApp;
let clock = new Date("2026-12-07T20:00:00.000Z"); // 03:00 WIB
let operatorCookie: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const operator = await createUser(t.ctx, { email: "operator-cadangan@platform.contoh.id" });
  await t.ctx.database.db.insertInto("platform_operator").values({ user_id: operator.userId }).execute();
  operatorCookie = await sessionCookie(t.ctx, operator.email, operator.password);
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("backupDue", () => {
  const at = (iso: string) => new Date(iso);
  it("is due at night in WIB when the last good backup is a day old or missing, and not an hour after a failure", () => {
    expect(backupDue(at("2026-12-07T20:00:00Z"), undefined, undefined)).toBe(true);
    expect(backupDue(at("2026-12-07T12:00:00Z"), undefined, undefined)).toBe(false); // 19:00 WIB
    expect(backupDue(at("2026-12-07T22:30:00Z"), undefined, undefined)).toBe(false); // 05:30 WIB
    expect(backupDue(at("2026-12-07T20:00:00Z"), at("2026-12-07T18:10:00Z"), undefined)).toBe(false);
    expect(backupDue(at("2026-12-08T18:05:00Z"), at("2026-12-07T18:10:00Z"), undefined)).toBe(true);
    expect(backupDue(at("2026-12-07T20:00:00Z"), undefined, at("2026-12-07T19:30:00Z"))).toBe(false);
    expect(backupDue(at("2026-12-07T20:31:00Z"), undefined, at("2026-12-07T19:30:00Z"))).toBe(true);
  });
});

describe("the daily backup", () => {
  it("backs up once a night, records a failure as failed and logs it, and the operator reads the last good one", async () => {
    const logs: { info: string[]; error: string[] } = { info: [], error: [] };
    const log = { info: (m: string) => logs.info.push(m), error: (m: string) => logs.error.push(m) };

    // A directory that cannot be made: the attempt fails, is recorded and logged.
    const blocked = join(root, "blocked");
    writeFileSync(blocked, "bukan direktori");
    const failing = startBackupScheduler({ ctx: t.ctx, dir: join(blocked, "cadangan"), intervalMs: 0, log, env });
    await failing.tick();
    expect(logs.error).toHaveLength(1);
    expect(logs.error[0]).toMatch(/^Cadangan harian gagal/);
    await failing.tick(); // within the hour: not tried again
    expect(logs.error).toHaveLength(1);

    const dir = join(root, "cadangan");
    clock = new Date("2026-12-07T21:01:00.000Z"); // an hour after the failure
    const scheduler = startBackupScheduler({ ctx: t.ctx, dir, intervalMs: 0, log, env });
    await scheduler.tick();
    await scheduler.tick();
    expect(readdirSync(dir).filter((name) => name.endsWith(".kpbak"))).toHaveLength(1);
    clock = new Date("2026-12-08T19:00:00.000Z"); // the next night
    await scheduler.tick();
    expect(readdirSync(dir).filter((name) => name.endsWith(".kpbak"))).toHaveLength(2);
    expect(logs.error).toHaveLength(1);
    expect(logs.info.join("\n")).not.toContain(env.BACKUP_KEY);

    clock = new Date("2026-12-08T21:00:00.000Z");
    const res = await t.app.inject({ url: "/api/v1/platform/backups", headers: { cookie: operatorCookie } });
    expect(res.statusCode).toBe(200);
    const overview = res.json() as BackupOverview;
    expect(overview.recent.map((run) => run.status)).toEqual(["succeeded", "succeeded", "failed"]);
    expect(overview.lastAttempt?.status).toBe("succeeded");
    expect(overview.lastSucceeded?.fileName).toBe("koperasi-20261208T190000Z.kpbak");
    expect(overview.lastSucceeded?.sizeBytes).toBeGreaterThan(0);
    expect(overview.ageSeconds).toBe(2 * 60 * 60);
    expect(overview.recent[2]?.error).toMatch(/ENOTDIR|EEXIST|not a directory/);
  });

  it("is the operator's to read: 401 without a session, 403 for a cooperative admin", async () => {
    expect((await t.app.inject({ url: "/api/v1/platform/backups" })).statusCode).toBe(401);
    const admin = await signedInAs(t.ctx, ["admin"]);
    const res = await t.app.inject({ url: "/api/v1/platform/backups", headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
  });
});
