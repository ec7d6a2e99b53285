// Which backups to keep: the newest of each of the last `daily` days that
// have one, of the last `weekly` ISO weeks and of the last `monthly` months
// (UTC), as restic's --keep-daily/--keep-weekly/--keep-monthly count them.
// Counted over the backups that exist, not back from today: when backups
// stop, the last ones are never aged out.

export interface RetentionPolicy {
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** ISO 8601 week, e.g. "2026-W50": the year is the year of the week's Thursday. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The backups to keep (the others may be deleted), by when each was taken. */
export function backupsToKeep<T extends { readonly takenAt: Date }>(backups: readonly T[], policy: RetentionPolicy = DEFAULT_RETENTION): Set<T> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<T>();
  const buckets: [number, (at: Date) => string][] = [
    [policy.daily, dayOf],
    [policy.weekly, isoWeekOf],
    [policy.monthly, monthOf],
  ];
  for (const [count, periodOf] of buckets) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const period = periodOf(backup.takenAt);
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(backup);
    }
  }
  return keep;
}
