import type { Database } from "@koperasi/db";
import type { FileStorage, StoredFileEntry } from "../files/storage";
import { HOUR_MS, type CleanupJob } from "./cleanup-job";

// Files are written before the row that names them (the database never names
// a file that is not there), so an insert that fails leaves a file nobody
// names. Those are removed once they are an hour old (an upload in flight
// has written its file but not yet committed its row). Only kinds whose row
// is the file's only reference are looked at: registration documents,
// journal attachments, logos and their icons. A member's earlier photos are
// kept on purpose and are not touched.

export const ORPHAN_GRACE_MS = HOUR_MS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JOURNAL_FILE = /^koperasi\/[^/]+\/journal\/[^/]+\/[^/]+$/;
const LOGO_FILE = /^koperasi\/[^/]+\/logo-[^/]+$/;
const ICON_SUFFIX = /-icon-\d+\.png$/;

export const orphanedUploads: CleanupJob = {
  name: "orphaned_uploads",
  label: { id: "Unggahan tanpa pemilik", en: "Orphaned uploads" },
  async run({ database, files, now }) {
    const settled = (file: StoredFileEntry) => now.getTime() - file.modifiedAt.getTime() >= ORPHAN_GRACE_MS;
    let removed = await removeUnnamed(files, (await files.list("registrations")).filter(settled), (keys) => registrationKeysNamed(database, keys));
    for (const directory of await cooperativeDirectories(files)) {
      const candidates = (await files.list(`koperasi/${directory}`)).filter((file) => settled(file) && (JOURNAL_FILE.test(file.key) || LOGO_FILE.test(file.key)));
      removed += await removeUnnamed(files, candidates, (keys) => cooperativeKeysNamed(database, directory, keys));
    }
    return removed;
  },
};

async function removeUnnamed(files: FileStorage, candidates: StoredFileEntry[], named: (keys: string[]) => Promise<Set<string>>): Promise<number> {
  if (candidates.length === 0) return 0;
  const keep = await named(candidates.map((file) => file.key));
  let removed = 0;
  for (const file of candidates) {
    if (keep.has(file.key)) continue;
    await files.remove(file.key);
    removed += 1;
  }
  return removed;
}

/** Cooperatives with files: the directories under koperasi/ named by a cooperative's id. */
async function cooperativeDirectories(files: FileStorage): Promise<string[]> {
  const ids = new Set<string>();
  for (const file of await files.list("koperasi")) {
    const id = file.key.split("/")[1] ?? "";
    if (UUID.test(id)) ids.add(id);
  }
  return [...ids];
}

async function registrationKeysNamed(database: Database, keys: string[]): Promise<Set<string>> {
  const rows = await database.platform((trx) => trx.selectFrom("registration_document").select("storage_key").where("storage_key", "in", keys).execute());
  return new Set(rows.map((row) => row.storage_key));
}

/** The keys a cooperative's rows name; an icon is named when the logo it was made from is. */
async function cooperativeKeysNamed(database: Database, koperasiId: string, keys: string[]): Promise<Set<string>> {
  const logoOf = (key: string) => key.replace(ICON_SUFFIX, "");
  const looked = [...new Set(keys.map(logoOf))];
  const named = await database.tenant({ koperasiId }, async (trx) => {
    const attachments = await trx.selectFrom("journal_attachment").select("storage_key").where("storage_key", "in", looked).execute();
    const stored = await trx.selectFrom("stored_file").select("storage_key").where("koperasi_id", "=", koperasiId).where("storage_key", "like", `koperasi/${koperasiId}/logo-%`).execute();
    return [...attachments, ...stored].map((row) => row.storage_key);
  });
  const namedKeys = new Set(named);
  const withoutExtension = new Set(named.map((key) => key.replace(/\.[a-z]+$/, "")));
  return new Set(keys.filter((key) => namedKeys.has(key) || (ICON_SUFFIX.test(key) && withoutExtension.has(logoOf(key)))));
}
