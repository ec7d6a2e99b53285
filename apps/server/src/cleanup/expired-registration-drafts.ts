import { CLEANUP_BATCH, type CleanupJob } from "./cleanup-job";

/**
 * Registration drafts never submitted and past their expiry, with their
 * uploaded documents. The rows go first (their documents with them); the
 * files after, so a file whose removal fails is at worst an orphan, which
 * the orphaned-uploads job removes later.
 */
export const expiredRegistrationDrafts: CleanupJob = {
  name: "expired_registration_drafts",
  label: { id: "Draf pendaftaran kedaluwarsa", en: "Expired registration drafts" },
  async run({ database, files, now }) {
    let removed = 0;
    for (;;) {
      const keys = await database.platform(async (trx) => {
        const drafts = await trx
          .selectFrom("registration")
          .select("id")
          .where("submitted_at", "is", null)
          .where("koperasi_id", "is", null)
          .where("expires_at", "<", now)
          .orderBy("expires_at")
          .limit(CLEANUP_BATCH)
          .forUpdate()
          .skipLocked()
          .execute();
        if (drafts.length === 0) return undefined;
        const ids = drafts.map((draft) => draft.id);
        const documents = await trx.selectFrom("registration_document").select("storage_key").where("registration_id", "in", ids).execute();
        await trx.deleteFrom("registration").where("id", "in", ids).execute();
        removed += drafts.length;
        return { keys: documents.map((document) => document.storage_key), count: drafts.length };
      });
      if (!keys) return removed;
      for (const key of keys.keys) await files.remove(key);
      if (keys.count < CLEANUP_BATCH) return removed;
    }
  },
};
