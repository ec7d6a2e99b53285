import type { CleanupJob } from "./cleanup-job";
import { expiredRegistrationDrafts } from "./expired-registration-drafts";
import { idempotencyRecords } from "./idempotency-records";
import { oldSessions } from "./old-sessions";
import { orphanedUploads } from "./orphaned-uploads";
import { unverifiedLogins } from "./unverified-logins";

/**
 * The cleanup jobs, in the order a round runs them: expired drafts before
 * the logins they were made for (a draft holds its login), and orphaned
 * uploads after both (a draft's file whose removal failed is found then).
 */
export const CLEANUP_JOBS: readonly CleanupJob[] = [expiredRegistrationDrafts, unverifiedLogins, orphanedUploads, idempotencyRecords, oldSessions];
