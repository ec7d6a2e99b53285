import { createHash } from "node:crypto";
import { sql, type Selectable, type Transaction } from "kysely";
import type { DB, MemberImportTable } from "@koperasi/db";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import type { CommandRunner } from "../members/command-runner";
import type { MemberKeyring } from "../members/member-keys";
import { keyringOf, mapRegistryConflicts } from "../members/members";
import { checkSheet, describeProblem, type DryRun } from "./check-rows";
import { importError } from "./errors";
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

export const unreadableFile = () => importError("file_unreadable", { field: "body.file" });

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Reads and checks a file without writing anything, in the command's transaction and on its business date. */
export async function dryRunImport(cmd: Pick<CommandContext, "trx" | "koperasiId" | "today">, keyring: MemberKeyring, bytes: Buffer): Promise<DryRun> {
  let sheet;
  try {
    sheet = await readSheet(bytes);
  } catch (error) {
    if (error instanceof SheetUnreadable) throw unreadableFile();
    throw error;
  }
  return checkSheet(cmd.trx, keyring, cmd.koperasiId, sheet, cmd.today);
}

export function importRefused(dryRun: DryRun): AppError {
  const errors = dryRun.problems.filter((p) => p.severity === "error");
  return importError("import_has_problems", {
    vars: { count: errors.length },
    errors: errors.slice(0, 100).map((p) => ({ path: `row.${p.row}${p.column ? `.${p.column}` : ""}`, code: p.code, message: describeProblem(p) })),
  });
}

export interface StartedImport {
  job: ImportJob;
  /** True when this file was already imported (or is importing) for the cooperative. */
  alreadySubmitted: boolean;
  /** Settles when the background work ends; the route does not wait for it, tests do. */
  finished: Promise<void>;
}

function findByHash(cmd: CommandContext, sha256: string): Promise<MemberImportRow | undefined> {
  return cmd.trx.selectFrom("member_import").selectAll().where("koperasi_id", "=", cmd.koperasiId).where("file_sha256", "=", sha256).executeTakeFirst();
}

/**
 * Starts importing a file. The same file again (same bytes, same
 * cooperative) answers with the import already made or running; only a
 * failed one is run again. Refuses (422) a file whose dry run has errors.
 * Each step is its own command (`run`): the import goes on after the answer.
 */
export async function startImport(ctx: AppContext, run: CommandRunner, upload: { bytes: Buffer; fileName: string }): Promise<StartedImport> {
  const keyring = keyringOf(ctx);
  const sha256 = sha256Of(upload.bytes);
  const now = ctx.now();
  const stale = (row: MemberImportRow) => row.status === "running" && now.getTime() - row.created_at.getTime() > STALE_AFTER_MS;
  const checked = await run(async (cmd) => {
    const existing = await findByHash(cmd, sha256);
    if (existing && existing.status !== "failed" && !stale(existing)) return { existing: toImportJob(existing) };
    return { dryRun: await dryRunImport(cmd, keyring, upload.bytes) };
  });
  if (checked.existing) return { job: checked.existing, alreadySubmitted: true, finished: Promise.resolve() };
  const { dryRun } = checked;
  if (dryRun.problems.some((p) => p.severity === "error")) throw importRefused(dryRun);

  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const claimed = await run(async (cmd) => {
    // Two submissions of one file at once: the second finds the first's row and does not run. A failed
    // import is run again; so is one left "running" by a server that stopped mid-way (its transaction
    // rolled back, nothing was saved), once it is older than any real import takes.
    const { rows } = await sql<MemberImportRow>`
      INSERT INTO member_import (koperasi_id, id, file_sha256, file_name, status, rows_total, rows_done, created_by, created_at)
      VALUES (${cmd.koperasiId}::uuid, ${cmd.newId()}::uuid, ${sha256}, ${upload.fileName}, 'running', ${dryRun.rows.length}, 0, ${cmd.actor.userId}, ${now}::timestamptz)
      ON CONFLICT (koperasi_id, file_sha256) DO UPDATE SET
        status = 'running', rows_total = EXCLUDED.rows_total, rows_done = 0, error_message = NULL, finished_at = NULL,
        file_name = EXCLUDED.file_name, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at
      WHERE member_import.status = 'failed' OR (member_import.status = 'running' AND member_import.created_at < ${staleBefore}::timestamptz)
      RETURNING *`.execute(cmd.trx);
    return rows[0] ?? { raced: (await findByHash(cmd, sha256))! };
  });
  if ("raced" in claimed) return { job: toImportJob(claimed.raced), alreadySubmitted: true, finished: Promise.resolve() };
  const finished = runImport(ctx, run, claimed.id, dryRun);
  return { job: toImportJob(claimed), alreadySubmitted: false, finished };
}

/**
 * Writes the checked rows in one command, audited as member.import; the
 * job's progress and outcome are written in commands of their own, so the
 * bar moves while it runs and a failure is recorded though nothing is saved.
 */
export async function runImport(ctx: AppContext, run: CommandRunner, jobId: string, dryRun: DryRun): Promise<void> {
  const keyring = keyringOf(ctx);
  const setState = (set: Partial<Pick<MemberImportRow, "status" | "rows_done" | "error_message" | "finished_at">>, onlyRunning = true) =>
    run(async (cmd) => {
      let query = cmd.trx.updateTable("member_import").set(set).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", jobId);
      if (onlyRunning) query = query.where("status", "=", "running");
      await query.execute();
    });
  try {
    await mapRegistryConflicts(() =>
      run(async (cmd) => {
        const written = await registerMembers(
          cmd.trx,
          keyring,
          cmd.koperasi,
          dryRun.rows.map((row) => row.member),
          cmd.actor.userId,
          // Written outside the import's transaction so the bar moves while it runs. Not awaited: on a
          // one-connection database (PGlite) it waits for the import to commit, and must not block it.
          (rowsDone) => void setState({ rows_done: rowsDone }).catch(() => undefined),
        );
        await cmd.audit({ action: "member.import", targetType: "member_import", targetId: jobId, details: { members: written.length } });
      }),
    );
    await setState({ status: "done", rows_done: dryRun.rows.length, finished_at: ctx.now() });
  } catch (error) {
    const message = error instanceof AppError ? error.messageId : "Impor gagal karena kesalahan sistem; tidak ada anggota yang tersimpan.";
    await setState({ status: "failed", error_message: `${message} Tidak ada anggota yang tersimpan dari berkas ini.`, finished_at: ctx.now() }).catch(() => undefined);
  }
}

export async function getImportJob(trx: Transaction<DB>, koperasiId: string, jobId: string): Promise<ImportJob | undefined> {
  const row = await trx.selectFrom("member_import").selectAll().where("koperasi_id", "=", koperasiId).where("id", "=", jobId).executeTakeFirst();
  return row && toImportJob(row);
}
