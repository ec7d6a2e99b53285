import type { AppContext } from "../context";
import { CLEANUP_JOBS } from "./registry";
import { cleanupContextOf, runCleanup } from "./run-cleanup";

// `koperasi cleanup [--job NAMA]`: one cleanup round now, as the server runs
// every CLEANUP_INTERVAL_MS (for a deployment that turned that off and runs
// it from cron). Exit code 0: every job ran; 1: a job failed; 2: no such job.

export interface CleanupIo {
  out(line: string): void;
  err(line: string): void;
}

export async function cleanupCommand(ctx: AppContext, options: { job?: string | undefined }, io: CleanupIo): Promise<number> {
  const jobs = options.job === undefined ? CLEANUP_JOBS : CLEANUP_JOBS.filter((job) => job.name === options.job);
  if (jobs.length === 0) {
    io.err(`Pekerjaan pembersihan tidak dikenal: ${options.job}. Pilihan: ${CLEANUP_JOBS.map((job) => job.name).join(", ")}`);
    return 2;
  }
  const outcomes = await runCleanup(cleanupContextOf(ctx), jobs);
  for (const [index, outcome] of outcomes.entries()) {
    const label = jobs[index]!.label.id;
    if (outcome.error === undefined) io.out(`${label}: ${outcome.removed ?? 0} dihapus`);
    else io.err(`${label}: GAGAL: ${outcome.error}`);
  }
  return outcomes.some((outcome) => outcome.error !== undefined) ? 1 : 0;
}
