import { existsSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { addToKoperasi, createKoperasi, createUser, createTestApp, type TestApp } from "../testing/harness";
import { processMetrics } from "../monitoring/process-metrics";
import type { CleanupContext, CleanupJob } from "./cleanup-job";
import { expiredRegistrationDrafts } from "./expired-registration-drafts";
import { idempotencyRecords } from "./idempotency-records";
import { oldSessions } from "./old-sessions";
import { orphanedUploads } from "./orphaned-uploads";
import { CLEANUP_JOBS } from "./registry";
import { cleanupCommand } from "./cleanup-command";
import { runCleanup, startCleanupScheduler } from "./run-cleanup";
import { unverifiedLogins } from "./unverified-logins";

// Each cleanup job against a real database and real files: what is due
// goes, everything else (and anything still named) stays, and a second run
// finds nothing to do.

let t: TestApp;
let ownerId: string;
let koperasiId: string;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestApp();
  ownerId = (await createUser(t.ctx)).userId;
  koperasiId = (await createKoperasi(t.ctx, ownerId)).koperasiId;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const context = (overrides: Partial<CleanupContext> = {}): CleanupContext => ({
  database: t.ctx.database,
  files: t.ctx.files,
  now: new Date(),
  idempotencyRetentionHours: 72,
  ...overrides,
});
const ago = (ms: number) => new Date(Date.now() - ms);
const query = <R>(text: string, params: unknown[] = []) => t.db.superuser.query<R>(text, params);
const fileExists = (key: string) => existsSync(join(t.ctx.config.dataDir, "files", key));
/** Makes a stored file look written `ms` ago. */
const age = (key: string, ms: number) => utimesSync(join(t.ctx.config.dataDir, "files", key), ago(ms), ago(ms));

async function login(opts: { createdAgo: number; emailVerified?: boolean; phoneVerified?: boolean }): Promise<string> {
  const id = uuidv7();
  await query(`INSERT INTO "user" (id, name, email, "emailVerified", "phoneNumberVerified", "createdAt", "updatedAt") VALUES ($1, 'Uji', $2, $3, $4, $5, $5)`, [
    id,
    `${id}@contoh.id`,
    opts.emailVerified ?? false,
    opts.phoneVerified ?? null,
    ago(opts.createdAgo),
  ]);
  return id;
}

async function draft(userId: string, opts: { expiresIn: number; submitted?: boolean }): Promise<{ id: string; key: string }> {
  const id = uuidv7();
  await query(
    `INSERT INTO registration (id, resume_token_hash, details, user_id, email, phone, expires_at, submitted_at) VALUES ($1, $2, '{}', $3, 'a@contoh.id', '+6281200000000', $4, $5)`,
    [id, `hash-${id}`, userId, new Date(Date.now() + opts.expiresIn), opts.submitted ? new Date() : null],
  );
  const key = `registrations/${id}/akta`;
  await t.ctx.files.put(key, Buffer.from("%PDF-1.4 uji"));
  await query(
    `INSERT INTO registration_document (registration_id, kind, file_name, content_type, size_bytes, sha256, storage_key) VALUES ($1, 'akta', 'akta.pdf', 'application/pdf', 12, 'x', $2)`,
    [id, key],
  );
  return { id, key };
}

const registrationExists = async (id: string) => (await query(`SELECT 1 FROM registration WHERE id = $1`, [id])).length === 1;
const userExists = async (id: string) => (await query(`SELECT 1 FROM "user" WHERE id = $1`, [id])).length === 1;

describe("expired registration drafts", () => {
  it("removes a draft past its expiry with its documents and their files, and keeps open and submitted ones", async () => {
    const userId = await login({ createdAgo: HOUR, emailVerified: true });
    const expired = await draft(userId, { expiresIn: -HOUR });
    const open = await draft(userId, { expiresIn: DAY });
    const submitted = await draft(userId, { expiresIn: -HOUR, submitted: true });

    expect(await expiredRegistrationDrafts.run(context())).toBe(1);
    expect(await registrationExists(expired.id)).toBe(false);
    expect(await query(`SELECT 1 FROM registration_document WHERE registration_id = $1`, [expired.id])).toHaveLength(0);
    expect(fileExists(expired.key)).toBe(false);
    expect(await registrationExists(open.id)).toBe(true);
    expect(fileExists(open.key)).toBe(true);
    expect(await registrationExists(submitted.id)).toBe(true);
    expect(fileExists(submitted.key)).toBe(true);
    expect(await expiredRegistrationDrafts.run(context())).toBe(0);
  });
});

describe("never-verified logins", () => {
  it("removes a week-old login nobody verified, and keeps verified, recent, operators', open registrations' and named ones", async () => {
    const stale = await login({ createdAgo: 8 * DAY });
    const verified = await login({ createdAgo: 8 * DAY, emailVerified: true });
    const phoneVerified = await login({ createdAgo: 8 * DAY, phoneVerified: true });
    const recent = await login({ createdAgo: 6 * DAY });
    const operator = await login({ createdAgo: 8 * DAY });
    await query(`INSERT INTO platform_operator (user_id) VALUES ($1)`, [operator]);
    const registering = await login({ createdAgo: 8 * DAY });
    await draft(registering, { expiresIn: DAY });
    const lapsed = await login({ createdAgo: 8 * DAY });
    const lapsedDraft = await draft(lapsed, { expiresIn: -DAY });
    const cooperativeUser = await login({ createdAgo: 8 * DAY });
    await addToKoperasi(t.ctx, koperasiId, cooperativeUser, ["kasir"]);
    const session = `sesi-${stale}`;
    await query(`INSERT INTO "session" (id, "expiresAt", token, "updatedAt", "userId") VALUES ($1, now() + interval '1 day', $1, now(), $2)`, [session, stale]);

    expect(await unverifiedLogins.run(context())).toBe(2);
    expect(await userExists(stale)).toBe(false);
    expect(await query(`SELECT 1 FROM "session" WHERE id = $1`, [session])).toHaveLength(0);
    // A lapsed draft's login goes, its draft with it.
    expect(await userExists(lapsed)).toBe(false);
    expect(await registrationExists(lapsedDraft.id)).toBe(false);
    for (const kept of [verified, phoneVerified, recent, operator, registering, cooperativeUser]) expect(await userExists(kept)).toBe(true);
    expect(await unverifiedLogins.run(context())).toBe(0);
  });
});

describe("orphaned uploads", () => {
  it("removes an hour-old file no row names, and keeps named ones, their icons, fresh uploads and members' photos", async () => {
    const named = await draft(ownerId, { expiresIn: DAY });
    const orphanDocument = `registrations/${uuidv7()}/akta`;
    const entry = uuidv7();
    const orphanAttachment = `koperasi/${koperasiId}/journal/${entry}/${uuidv7()}`;
    const logoId = uuidv7();
    const logo = `koperasi/${koperasiId}/logo-${logoId}.png`;
    const icon = `koperasi/${koperasiId}/logo-${logoId}-icon-192.png`;
    const orphanLogo = `koperasi/${koperasiId}/logo-${uuidv7()}.png`;
    const orphanIcon = orphanLogo.replace(/\.png$/, "-icon-192.png");
    const photo = `koperasi/${koperasiId}/members/${uuidv7()}/photo-${uuidv7()}.jpg`;
    const fresh = `koperasi/${koperasiId}/journal/${entry}/${uuidv7()}`;
    for (const key of [orphanDocument, orphanAttachment, logo, icon, orphanLogo, orphanIcon, photo, fresh]) await t.ctx.files.put(key, Buffer.from("uji"));
    await query(
      `INSERT INTO stored_file (koperasi_id, id, purpose, file_name, content_type, size_bytes, sha256, storage_key) VALUES ($1, $2, 'logo', 'logo.png', 'image/png', 3, 'x', $3)`,
      [koperasiId, logoId, logo],
    );
    for (const key of [named.key, orphanDocument, orphanAttachment, logo, icon, orphanLogo, orphanIcon, photo]) age(key, 2 * HOUR);

    expect(await orphanedUploads.run(context())).toBe(4);
    for (const gone of [orphanDocument, orphanAttachment, orphanLogo, orphanIcon]) expect(fileExists(gone), gone).toBe(false);
    for (const kept of [named.key, logo, icon, photo, fresh]) expect(fileExists(kept), kept).toBe(true);
    expect(await orphanedUploads.run(context())).toBe(0);
  });
});

describe("idempotency records", () => {
  async function record(createdAgo: number): Promise<string> {
    const id = uuidv7();
    await query(
      `INSERT INTO idempotency_key (koperasi_id, id, user_id, key, request_hash, status, response_status, response_body, created_at, completed_at)
       VALUES ($1, $2::uuid, $3, $2::text, 'h', 'completed', 201, '{}', $4, $4)`,
      [koperasiId, id, ownerId, ago(createdAgo)],
    );
    return id;
  }
  const remaining = async (ids: string[]) =>
    (await query<{ id: string }>(`SELECT id FROM idempotency_key WHERE id = ANY($1::uuid[])`, [ids])).map((row) => row.id).sort();

  it("removes records older than the retention across cooperatives, never one younger than a day", async () => {
    const other = (await createKoperasi(t.ctx, ownerId)).koperasiId;
    const old = await record(4 * DAY);
    const otherOld = uuidv7();
    await query(
      `INSERT INTO idempotency_key (koperasi_id, id, user_id, key, request_hash, status, response_status, response_body, created_at, completed_at)
       VALUES ($1, $2::uuid, $3, $2::text, 'h', 'completed', 201, '{}', $4, $4)`,
      [other, otherOld, ownerId, ago(4 * DAY)],
    );
    const dayAndHalf = await record(36 * HOUR);
    const hour = await record(HOUR);

    expect(await idempotencyRecords.run(context())).toBe(2);
    expect(await remaining([old, otherOld, dayAndHalf, hour])).toEqual([dayAndHalf, hour].sort());
    expect(await idempotencyRecords.run(context({ idempotencyRetentionHours: 24 }))).toBe(1);
    expect(await remaining([dayAndHalf, hour])).toEqual([hour]);
    // A setting below a day is not obeyed, and the database itself refuses such a delete.
    expect(await idempotencyRecords.run(context({ idempotencyRetentionHours: 0 }))).toBe(0);
    const deleted = await t.ctx.database.platform(async (trx) => {
      await sql`SELECT set_config('app.cleanup', 'on', true)`.execute(trx);
      const result = await sql`DELETE FROM idempotency_key WHERE created_at < now()`.execute(trx);
      return Number(result.numAffectedRows ?? 0);
    });
    expect(deleted).toBe(0);
    expect(await remaining([hour])).toEqual([hour]);
  });
});

describe("old sessions", () => {
  it("removes sessions a day past their expiry and keeps live and just-expired ones", async () => {
    const insert = async (id: string, expiresAgo: number) =>
      query(`INSERT INTO "session" (id, "expiresAt", token, "updatedAt", "userId") VALUES ($1, $2, $1, now(), $3)`, [id, ago(expiresAgo), ownerId]);
    await insert("sesi-lama", 2 * DAY);
    await insert("sesi-baru-habis", HOUR);
    await insert("sesi-hidup", -DAY);
    expect(await oldSessions.run(context())).toBe(1);
    const left = (await query<{ id: string }>(`SELECT id FROM "session" WHERE id LIKE 'sesi-%' ORDER BY id`)).map((row) => row.id);
    expect(left).toEqual(expect.arrayContaining(["sesi-baru-habis", "sesi-hidup"]));
    expect(left).not.toContain("sesi-lama");
  });
});

describe("the cleanup round", () => {
  const runsOf = async (job: string, outcome: string) =>
    (await processMetrics.getSingleMetric("koperasi_job_runs_total")!.get()).values.find((v) => v.labels.job === job && v.labels.outcome === outcome)?.value ?? 0;

  it("runs every job in the registry, and one that fails neither stops the others nor goes uncounted", async () => {
    expect(CLEANUP_JOBS.map((job) => job.name)).toEqual(["expired_registration_drafts", "unverified_logins", "orphaned_uploads", "idempotency_records", "old_sessions"]);
    const failing: CleanupJob = { name: "broken", label: { id: "rusak", en: "broken" }, run: () => Promise.reject(new Error("disk penuh")) };
    const failedBefore = await runsOf("broken", "failed");
    const sessionsBefore = await runsOf("old_sessions", "succeeded");
    const logged: string[] = [];
    const scheduler = startCleanupScheduler({ context, intervalMs: 0, jobs: [failing, oldSessions], log: { info: (l) => logged.push(l), error: (l) => logged.push(l) } });
    const outcomes = await scheduler.tick();
    await scheduler.stop();
    expect(outcomes).toEqual([{ job: "broken", error: "disk penuh" }, { job: "old_sessions", removed: 0 }]);
    expect(logged).toEqual(["Pembersihan broken gagal: disk penuh"]);
    expect(await runsOf("broken", "failed")).toBe(failedBefore + 1);
    expect(await runsOf("old_sessions", "succeeded")).toBe(sessionsBefore + 1);
    expect((await runCleanup(context())).every((outcome) => outcome.error === undefined)).toBe(true);
  });
});

describe("koperasi cleanup", () => {
  it("runs one job by name or all of them, and refuses a name it does not know", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    await query(`INSERT INTO "session" (id, "expiresAt", token, "updatedAt", "userId") VALUES ('sesi-cli', now() - interval '3 days', 'sesi-cli', now(), $1)`, [ownerId]);
    expect(await cleanupCommand(t.ctx, { job: "old_sessions" }, io)).toBe(0);
    expect(out).toEqual(["Sesi kedaluwarsa: 1 dihapus"]);
    expect(await cleanupCommand(t.ctx, {}, io)).toBe(0);
    expect(out).toHaveLength(1 + CLEANUP_JOBS.length);
    expect(await cleanupCommand(t.ctx, { job: "semuanya" }, io)).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^Pekerjaan pembersihan tidak dikenal: semuanya\. Pilihan: expired_registration_drafts, /)]);
  });
});
