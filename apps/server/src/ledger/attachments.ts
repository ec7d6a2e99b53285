import type { Transaction } from "kysely";
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES } from "@koperasi/contracts";
import type { CommandContext } from "../command/command-context";
import type { DB, JournalAttachmentTable } from "@koperasi/db";
import type { FileStorage } from "../files/storage";
import { detectAllowedType, tooLarge, type Upload } from "../files/upload";
import { notFound } from "../errors/app-error";
import { ledgerError } from "./errors";

// Supporting documents (bukti pendukung) of a journal entry: receipts,
// invoices, minutes — PDF, JPG or PNG by their content, at most 5 MB, as the
// registration documents. Each is its own row, so attaching one to a posted
// entry changes nothing of the entry or its log leaf. While the entry is
// pending its maker may remove a wrong file; once the entry is posted (or
// rejected) its attachments stay for good — the database refuses the delete.

export const MAX_ATTACHMENTS_PER_ENTRY = 20;

export interface JournalAttachmentView {
  id: string;
  entryId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

type Row = Pick<JournalAttachmentTable, "id" | "entry_id" | "file_name" | "content_type" | "size_bytes" | "sha256" | "created_by"> & { created_at: Date };

function toView(row: Row): JournalAttachmentView {
  return {
    id: row.id,
    entryId: row.entry_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function entryStatus(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<string> {
  // Shared lock: a rejection (or approval) in flight finishes first, so the status read here holds until commit.
  const entry = await trx.selectFrom("journal_entry").select("status").where("koperasi_id", "=", koperasiId).where("id", "=", entryId).forShare().executeTakeFirst();
  if (!entry) throw notFound("Jurnal");
  return entry.status;
}

export async function addAttachment(cmd: CommandContext, files: FileStorage, entryId: string, upload: Upload): Promise<JournalAttachmentView> {
  const { trx, koperasiId } = cmd;
  const id = cmd.newId();
  if ((await entryStatus(trx, koperasiId, entryId)) === "rejected") throw ledgerError("attachment_entry_rejected");
  const count = await trx
    .selectFrom("journal_attachment")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("koperasi_id", "=", koperasiId)
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ATTACHMENTS_PER_ENTRY) throw ledgerError("attachment_limit");
  if (upload.bytes.length > DOCUMENT_MAX_BYTES) throw tooLarge(DOCUMENT_MAX_BYTES);
  const type = await detectAllowedType(upload.bytes, DOCUMENT_TYPES, "PDF, JPG atau PNG");
  // A key per attachment, never reused: the bytes behind a row never change.
  const storageKey = `koperasi/${koperasiId}/journal/${entryId}/${id}`;
  const { sha256 } = await files.put(storageKey, upload.bytes);
  const row = await trx
    .insertInto("journal_attachment")
    .values({
      koperasi_id: koperasiId,
      id,
      entry_id: entryId,
      file_name: upload.fileName,
      content_type: type.mime as JournalAttachmentTable["content_type"],
      size_bytes: upload.bytes.length,
      sha256,
      storage_key: storageKey,
      created_by: cmd.actor.userId,
      created_at: cmd.now,
    })
    .returning(["id", "entry_id", "file_name", "content_type", "size_bytes", "sha256", "created_by", "created_at"])
    .executeTakeFirstOrThrow();
  await cmd.audit({
    action: "journal.attachment_add",
    targetType: "journal_entry",
    targetId: entryId,
    details: { attachmentId: id, fileName: row.file_name, sha256 },
  });
  return toView(row);
}

/** The entry's attachments, oldest first; 404 when the entry does not exist. */
export async function listAttachments(trx: Transaction<DB>, koperasiId: string, entryId: string): Promise<JournalAttachmentView[]> {
  const entry = await trx.selectFrom("journal_entry").select("id").where("koperasi_id", "=", koperasiId).where("id", "=", entryId).executeTakeFirst();
  if (!entry) throw notFound("Jurnal");
  const rows = await trx
    .selectFrom("journal_attachment")
    .select(["id", "entry_id", "file_name", "content_type", "size_bytes", "sha256", "created_by", "created_at"])
    .where("koperasi_id", "=", koperasiId)
    .where("entry_id", "=", entryId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toView);
}

/** One attachment's record (for the download), or 404. */
export async function findAttachment(
  trx: Transaction<DB>,
  koperasiId: string,
  entryId: string,
  attachmentId: string,
): Promise<JournalAttachmentView & { storageKey: string }> {
  const row = await trx
    .selectFrom("journal_attachment")
    .select(["id", "entry_id", "file_name", "content_type", "size_bytes", "sha256", "created_by", "created_at", "storage_key"])
    .where("koperasi_id", "=", koperasiId)
    .where("entry_id", "=", entryId)
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound("Lampiran");
  return { ...toView(row), storageKey: row.storage_key };
}

/**
 * Removes an attachment of a PENDING entry (a wrong file). The stored bytes
 * stay in file storage, unreferenced; the row is what the books show.
 */
export async function deleteAttachment(cmd: CommandContext, entryId: string, attachmentId: string): Promise<JournalAttachmentView> {
  const { trx, koperasiId } = cmd;
  const attachment = await findAttachment(trx, koperasiId, entryId, attachmentId);
  if ((await entryStatus(trx, koperasiId, entryId)) !== "pending") throw ledgerError("attachment_locked");
  await trx.deleteFrom("journal_attachment").where("koperasi_id", "=", koperasiId).where("id", "=", attachmentId).execute();
  const { storageKey: _key, ...view } = attachment;
  await cmd.audit({
    action: "journal.attachment_delete",
    targetType: "journal_entry",
    targetId: view.entryId,
    details: { attachmentId: view.id, fileName: view.fileName, sha256: view.sha256 },
  });
  return view;
}
