import { createHash } from "node:crypto";
import { sql, type Selectable } from "kysely";
import type { MemberImportTable } from "@koperasi/db";
import { businessDateOf, DEFAULT_TIME_ZONE, isTimeZone, uuidv7 } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import type { TenantAccess } from "../http/session";
import { keyringOf, mapRegistryConflicts } from "../members/members";
import { checkSheet, describeProblem, type DryRun } from "./check-rows";
import { readSheet, SheetUnreadable } from "./read-sheet";
import { registerMembers } from "./register-members";

// The real import: the dry run again (the book may have changed since), then
// every member written in ONE transaction by registerMembers — the form's
// checks (checkNewMember) and the form's rows, a batch at a time — so an
// imported member is exactly what the form creates and one bad row leaves
// nothing saved. It runs in the background; its state row
// (member_import) is what the progress bar polls.

export type MemberImportRow = Selectable<MemberImportTable>;

export interface ImportJob {
  id: string;
  fileName: string;
  status: MemberImportRow["status"];
  rowsTotal: number;
  rowsDone: number;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const toImportJob = (row: MemberImportRow): ImportJob => ({
  id: row.id,
  fileName: row.file_name,
  status: row.status,
  rowsTotal: row.rows_total,
  rowsDone: row.rows_done,
  errorMessage: row.error_message,
  createdAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

/** A "running" import older than this was cut off by a stopped server; 10,000 rows take about a minute. */
const STALE_AFTER_MS = 60 * 60 * 1000;

export const unreadableFile = () =>
  new AppError(400, "file_unreadable", "Berkas tidak dapat dibaca. Unggah berkas Excel (.xlsx) atau CSV dari templat impor.", "The file cannot be read. Upload an .xlsx or CSV file made from the import template.", [
    { path: "body.file", code: "file_unreadable", message: "Bukan berkas .xlsx atau CSV yang dapat dibaca." },
  ]);

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function todayOf(ctx: AppContext, access: TenantAccess) {
  const zone = access.koperasi.time_zone;
  return businessDateOf(ctx.now(), isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE);
}

/** Reads and checks a file without writing anything. */
export async function dryRunImport(ctx: AppContext, access: TenantAccess, bytes: Buffer): Promise<DryRun> {
  let sheet;
  try {
    sheet = await readSheet(bytes);
  } catch (error) {
    if (error instanceof SheetUnreadable) throw unreadableFile();
    throw error;
  }
  const today = todayOf(ctx, access);
  return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) => checkSheet(trx, keyringOf(ctx), access.koperasiId, sheet, today));
}

export function importRefused(dryRun: DryRun): AppError {
  const errors = dryRun.problems.filter((p) => p.severity === "error");
  return new AppError(
    422,
    "import_has_problems",
    `Impor dibatalkan: ${errors.length} masalah harus diperbaiki dulu. Jalankan pemeriksaan (uji coba) untuk melihat daftarnya.`,
    `Import refused: ${errors.length} problems must be fixed first.`,
    errors.slice(0, 100).map((p) => ({ path: `row.${p.row}${p.column ? `.${p.column}` : ""}`, code: p.code, message: describeProblem(p) })),
  );
}

export interface StartedImport {
  job: ImportJob;
  /** True when this file was already imported (or is importing) for the cooperative. */
  alreadySubmitted: boolean;
  /** Settles when the background work ends; the route does not wait for it, tests do. */
  finished: Promise<void>;
}

async function findByHash(ctx: AppContext, access: TenantAccess, sha256: string): Promise<MemberImportRow | undefined> {
  return ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    trx.selectFrom("member_import").selectAll().where("koperasi_id", "=", access.koperasiId).where("file_sha256", "=", sha256).executeTakeFirst(),
  );
}

/**
 * Starts importing a file. The same file again (same bytes, same
 * cooperative) answers with the import already made or running; only a
 * failed one is run again. Refuses (422) a file whose dry run has errors.
 */
export async function startImport(ctx: AppContext, access: TenantAccess, upload: { bytes: Buffer; fileName: string }): Promise<StartedImport> {
  const { koperasiId } = access;
  const sha256 = sha256Of(upload.bytes);
  const existing = await findByHash(ctx, access, sha256);
  const stale = (row: MemberImportRow) => row.status === "running" && ctx.now().getTime() - row.created_at.getTime() > STALE_AFTER_MS;
  if (existing && existing.status !== "failed" && !stale(existing)) return { job: toImportJob(existing), alreadySubmitted: true, finished: Promise.resolve() };
  const dryRun = await dryRunImport(ctx, access, upload.bytes);
  if (dryRun.problems.some((p) => p.severity === "error")) throw importRefused(dryRun);

  const tenant = <T>(fn: Parameters<AppContext["database"]["tenant"]>[1] extends (trx: infer X) => Promise<unknown> ? (trx: X) => Promise<T> : never) =>
    ctx.database.tenant({ koperasiId, userId: access.user.id }, fn);
  const now = ctx.now();
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const claimed = await tenant(async (trx) => {
    // Two submissions of one file at once: the second finds the first's row and does not run. A failed
    // import is run again; so is one left "running" by a server that stopped mid-way (its transaction
    // rolled back, nothing was saved), once it is older than any real import takes.
    const { rows } = await sql<MemberImportRow>`
      INSERT INTO member_import (koperasi_id, id, file_sha256, file_name, status, rows_total, rows_done, created_by, created_at)
      VALUES (${koperasiId}::uuid, ${uuidv7()}::uuid, ${sha256}, ${upload.fileName}, 'running', ${dryRun.rows.length}, 0, ${access.user.id}, ${now}::timestamptz)
      ON CONFLICT (koperasi_id, file_sha256) DO UPDATE SET
        status = 'running', rows_total = EXCLUDED.rows_total, rows_done = 0, error_message = NULL, finished_at = NULL,
        file_name = EXCLUDED.file_name, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at
      WHERE member_import.status = 'failed' OR (member_import.status = 'running' AND member_import.created_at < ${staleBefore}::timestamptz)
      RETURNING *`.execute(trx);
    return rows[0];
  });
  if (!claimed) {
    const row = await findByHash(ctx, access, sha256);
    return { job: toImportJob(row!), alreadySubmitted: true, finished: Promise.resolve() };
  }
  const finished = runImport(ctx, access, claimed.id, dryRun);
  return { job: toImportJob(claimed), alreadySubmitted: false, finished };
}

export async function runImport(ctx: AppContext, access: TenantAccess, jobId: string, dryRun: DryRun): Promise<void> {
  const { koperasiId, koperasi } = access;
  const keyring = keyringOf(ctx);
  const tenantCtx = { koperasiId, userId: access.user.id };
  const setState = (set: Partial<Pick<MemberImportRow, "status" | "rows_done" | "error_message" | "finished_at">>, onlyRunning = true) =>
    ctx.database.tenant(tenantCtx, async (trx) => {
      let query = trx.updateTable("member_import").set(set).where("koperasi_id", "=", koperasiId).where("id", "=", jobId);
      if (onlyRunning) query = query.where("status", "=", "running");
      await query.execute();
    });
  try {
    await mapRegistryConflicts(() =>
      ctx.database.tenant(tenantCtx, async (trx) => {
        const written = await registerMembers(
          trx,
          keyring,
          koperasi,
          dryRun.rows.map((row) => row.member),
          access.user.id,
          // Written outside the import's transaction so the bar moves while it runs. Not awaited: on a
          // one-connection database (PGlite) it waits for the import to commit, and must not block it.
          (rowsDone) => void setState({ rows_done: rowsDone }).catch(() => undefined),
        );
        const done = written.length;
        await writeAudit(trx, { ...auditActor(access), action: "member.import", targetType: "member_import", targetId: jobId, details: { members: done } });
      }),
    );
    await setState({ status: "done", rows_done: dryRun.rows.length, finished_at: ctx.now() });
  } catch (error) {
    const message = error instanceof AppError ? error.messageId : "Impor gagal karena kesalahan sistem; tidak ada anggota yang tersimpan.";
    await setState({ status: "failed", error_message: `${message} Tidak ada anggota yang tersimpan dari berkas ini.`, finished_at: ctx.now() }).catch(() => undefined);
  }
}

export async function getImportJob(ctx: AppContext, access: TenantAccess, jobId: string): Promise<ImportJob | undefined> {
  const row = await ctx.database.tenant({ koperasiId: access.koperasiId, userId: access.user.id }, (trx) =>
    trx.selectFrom("member_import").selectAll().where("koperasi_id", "=", access.koperasiId).where("id", "=", jobId).executeTakeFirst(),
  );
  return row && toImportJob(row);
}
