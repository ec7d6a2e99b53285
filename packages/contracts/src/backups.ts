import { z } from "zod";

/** One backup attempt, as the operator console shows it. */
export const BackupRun = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(["succeeded", "failed"]),
  databaseKind: z.enum(["pglite", "postgres"]),
  location: z.string(),
  fileName: z.string().nullable(),
  /** Bytes of the encrypted file. */
  sizeBytes: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
});
export type BackupRun = z.infer<typeof BackupRun>;

/** The last good backup and its age (an alert past 26 hours), the last attempt, and the recent ones newest first. */
export const BackupOverview = z.object({
  lastSucceeded: BackupRun.nullable(),
  /** Seconds since the last good backup finished; null when there has never been one. */
  ageSeconds: z.number().int().nullable(),
  lastAttempt: BackupRun.nullable(),
  recent: z.array(BackupRun),
});
export type BackupOverview = z.infer<typeof BackupOverview>;
