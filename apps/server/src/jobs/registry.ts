import type { EndOfDayJob } from "./end-of-day-job";

/**
 * The end-of-day jobs in the one order they run on each date (later jobs see
 * what earlier ones did on the same date):
 *
 * (none yet)
 */
export const END_OF_DAY_JOBS: readonly EndOfDayJob[] = [];
