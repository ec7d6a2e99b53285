import type { CommandContext } from "../command/command-context";

/** What a job did on one date, kept with its run: counts and amounts. */
export type JobSummary = Readonly<Record<string, number>>;

/**
 * One end-of-day job. It does its work for `cmd.today` in `cmd.trx`, the
 * transaction that also records the run, so the work and the record commit
 * together or not at all; it must do nothing it would not want done on a
 * date it runs for late (a missed week is caught up day by day).
 */
export interface EndOfDayJob {
  /** Stable name: the record's key and `--job <name>`. */
  readonly name: string;
  readonly label: { readonly id: string; readonly en: string };
  run(cmd: CommandContext): Promise<JobSummary>;
}
