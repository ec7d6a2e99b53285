import type { Database } from "@koperasi/db";
import { isBusinessDate } from "@koperasi/domain";
import { AppError } from "../errors/app-error";
import type { Koperasi } from "../command/command-context";
import type { EndOfDayJob } from "./end-of-day-job";
import { jobsError } from "./errors";
import { END_OF_DAY_JOBS } from "./registry";
import { checkRunDate, firstBusinessDate, runKoperasiJobs, type KoperasiJobsReport } from "./run-jobs";

// `koperasi jobs run --date YYYY-MM-DD [--koperasi SLUG] [--job NAME]`: the
// end-of-day jobs by hand, for one cooperative or every approved one. Exit
// 0: all passed; 1: a job failed (the last line names the first failure);
// 2: nothing run (bad arguments, unknown cooperative or job, a date ahead of
// a cooperative's today or, for the one named, before it existed).

export const JOBS_USAGE = "Pemakaian: koperasi jobs run --date YYYY-MM-DD [--koperasi SLUG] [--job NAMA]";

export interface JobsCommandArgs {
  readonly sub?: string | undefined;
  readonly date?: string | undefined;
  readonly koperasi?: string | undefined;
  readonly job?: string | undefined;
}

export interface JobsIo {
  out(line: string): void;
  err(line: string): void;
}

export async function runJobsCommand(
  database: Database,
  args: JobsCommandArgs,
  io: JobsIo,
  now: () => Date,
  registry: readonly EndOfDayJob[] = END_OF_DAY_JOBS,
): Promise<number> {
  if (args.sub !== "run" || !args.date || !isBusinessDate(args.date)) {
    io.err(JOBS_USAGE);
    io.err(`Pekerjaan, menurut urutan jalannya: ${registry.map((job) => job.name).join(", ")}.`);
    return 2;
  }
  const through = args.date;
  const jobs = args.job === undefined ? registry : registry.filter((job) => job.name === args.job);
  if (jobs.length === 0) {
    io.err(jobsError("job_unknown", { vars: { job: args.job ?? "", known: registry.map((job) => job.name).join(", ") } }).messageId);
    return 2;
  }
  const cooperatives = await database.platform((trx) => {
    let query = trx.selectFrom("koperasi").selectAll().where("status", "=", "approved").orderBy("slug");
    if (args.koperasi !== undefined) query = query.where("slug", "=", args.koperasi);
    return query.execute();
  });
  if (cooperatives.length === 0) {
    io.err(args.koperasi ? `Koperasi "${args.koperasi}" tidak ditemukan atau belum disetujui.` : "Belum ada koperasi yang disetujui.");
    return 2;
  }

  // Every date is checked before anything runs: a refused date runs nothing anywhere.
  const runnable: Koperasi[] = [];
  for (const koperasi of cooperatives) {
    try {
      checkRunDate(koperasi, through, now());
      runnable.push(koperasi);
    } catch (error) {
      const beforeItExisted = error instanceof AppError && error.code === "job_date_before_koperasi";
      // Run for every cooperative, one created after the date simply has nothing to do.
      if (beforeItExisted && args.koperasi === undefined) continue;
      io.err(error instanceof AppError ? error.messageId : String(error));
      return 2;
    }
  }

  let firstFailure: KoperasiJobsReport | undefined;
  for (const koperasi of runnable) {
    const report = await runKoperasiJobs(database, koperasi, { through, jobs, now });
    const counts = `${report.ran} dijalankan, ${report.skipped} sudah selesai sebelumnya`;
    if (report.failure) {
      io.err(`${koperasi.slug}: GAGAL ${report.failure.job} tanggal ${report.failure.date}: ${report.failure.error} (${counts})`);
      firstFailure ??= report;
    } else {
      io.out(`${koperasi.slug}: ${firstBusinessDate(koperasi) > through ? "-" : "selesai"} sampai ${through} (${counts})`);
    }
  }
  if (firstFailure?.failure) {
    io.err(`Gagal pertama: ${firstFailure.slug}, pekerjaan ${firstFailure.failure.job}, tanggal ${firstFailure.failure.date}: ${firstFailure.failure.error}`);
    return 1;
  }
  return 0;
}
