import type { FastifyRequest } from "fastify";
import type { Selectable, Transaction } from "kysely";
import type { z } from "zod";
import type { OutboundMessage, PendingKoperasi } from "@koperasi/contracts";
import type { DB, KoperasiTable } from "@koperasi/db";
import type { KoperasiType } from "@koperasi/domain";
import { writeAudit } from "../audit";
import type { AppContext } from "../context";
import { AppError, notFound } from "../errors/app-error";
import type { SignedInUser } from "../http/session";
import { reviewDecisionMessage } from "./messages";

// The operator's side of registration: the queue of cooperatives waiting for
// review (with their documents), the decision, and the outbox of messages
// that had no transport (codes included, in the embedded default).

type Pending = z.infer<typeof PendingKoperasi>;
type Outbound = z.infer<typeof OutboundMessage>;

export const OUTBOX_LIMIT = 200;
export const PENDING_LIMIT = 200;

async function documentsOf(trx: Transaction<DB>, koperasiId: string): Promise<Pending["documents"]> {
  const files = await trx
    .selectFrom("stored_file")
    .select(["id", "purpose", "file_name"])
    .where("koperasi_id", "=", koperasiId)
    .where("purpose", "in", ["akta", "sk_badan_hukum"])
    .orderBy("purpose")
    .execute();
  return files.map((f) => ({ id: f.id, kind: f.purpose, fileName: f.file_name }));
}

function toPending(k: Selectable<KoperasiTable>, documents: Pending["documents"]): Pending {
  return {
    id: k.id,
    slug: k.slug,
    name: k.name,
    type: k.type as KoperasiType,
    nomorIndukKoperasi: k.nomor_induk_koperasi,
    nomorBadanHukum: k.nomor_badan_hukum,
    status: k.status,
    createdAt: k.created_at.toISOString(),
    documents,
  };
}

/** Cooperatives waiting for review, oldest first, each with its documents (read within that cooperative's RLS scope). */
export async function listPending(ctx: AppContext, operator: SignedInUser): Promise<Pending[]> {
  const pending = await ctx.database.db
    .selectFrom("koperasi")
    .selectAll()
    .where("status", "=", "pending")
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .limit(PENDING_LIMIT)
    .execute();
  const result: Pending[] = [];
  for (const k of pending) {
    const documents = await ctx.database.tenant({ koperasiId: k.id, userId: operator.id }, (trx) => documentsOf(trx, k.id));
    result.push(toPending(k, documents));
  }
  return result;
}

/**
 * Approves or rejects a pending cooperative: recorded in that cooperative's
 * own audit log (actor_role "operator") and e-mailed to its admins.
 */
export async function reviewKoperasi(
  ctx: AppContext,
  request: FastifyRequest,
  operator: SignedInUser,
  koperasiId: string,
  decision: "approve" | "reject",
  note: string | undefined,
): Promise<Pending> {
  const reviewNote = note && note.length > 0 ? note : null;
  if (decision === "reject" && !reviewNote) {
    throw new AppError(400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", [
      { path: "body.note", code: "required", message: "Tulis alasan penolakan agar koperasi tahu apa yang harus diperbaiki." },
    ]);
  }
  const exists = await ctx.database.db.selectFrom("koperasi").select("id").where("id", "=", koperasiId).executeTakeFirst();
  if (!exists) throw notFound("Koperasi");
  const now = ctx.now();
  const { koperasi, documents, admins } = await ctx.database.tenant({ koperasiId, userId: operator.id }, async (trx) => {
    const current = await trx.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).forUpdate().executeTakeFirstOrThrow();
    if (current.status !== "pending") {
      throw new AppError(
        409,
        "koperasi_not_pending",
        `Koperasi ini tidak sedang menunggu tinjauan (status: ${current.status}).`,
        `This cooperative is not awaiting review (status: ${current.status}).`,
      );
    }
    const status = decision === "approve" ? "approved" : "rejected";
    const updated = await trx
      .updateTable("koperasi")
      .set({ status, review_note: reviewNote, reviewed_at: now, reviewed_by: operator.id })
      .where("id", "=", koperasiId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      {
        koperasiId,
        actorUserId: operator.id,
        actorRole: "operator",
        action: decision === "approve" ? "koperasi.approved" : "koperasi.rejected",
        targetType: "koperasi",
        targetId: koperasiId,
        details: { note: reviewNote, previousStatus: current.status },
      },
      request,
    );
    const admins = await trx
      .selectFrom("koperasi_user")
      .innerJoin("user", "user.id", "koperasi_user.user_id")
      .select(["user.email", "user.name"])
      .where("koperasi_user.koperasi_id", "=", koperasiId)
      .where("koperasi_user.status", "=", "active")
      .where((eb) => eb(eb.val("admin"), "=", eb.fn.any("koperasi_user.roles")))
      .execute();
    return { koperasi: updated, documents: await documentsOf(trx, koperasiId), admins };
  });
  for (const admin of admins) {
    try {
      await ctx.messenger.sendEmail(reviewDecisionMessage(admin.email, admin.name, koperasi.name, koperasi.id, decision, reviewNote));
    } catch {
      request.log.warn({ koperasiId }, "review decision e-mail not delivered");
    }
  }
  return toPending(koperasi, documents);
}

/** A document a cooperative sent with its registration, for the operator reviewing it (an audited access). */
export async function readDocument(
  ctx: AppContext,
  request: FastifyRequest,
  operator: SignedInUser,
  koperasiId: string,
  fileId: string,
): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
  const file = await ctx.database.tenant({ koperasiId, userId: operator.id }, async (trx) => {
    const found = await trx
      .selectFrom("stored_file")
      .selectAll()
      .where("koperasi_id", "=", koperasiId)
      .where("id", "=", fileId)
      .where("purpose", "in", ["akta", "sk_badan_hukum"])
      .executeTakeFirst();
    if (!found) return undefined;
    await writeAudit(
      trx,
      {
        koperasiId,
        actorUserId: operator.id,
        actorRole: "operator",
        action: "operator.access",
        targetType: "stored_file",
        targetId: fileId,
        details: { route: request.routeOptions.url, purpose: found.purpose },
      },
      request,
    );
    return found;
  });
  if (!file) throw notFound("Dokumen");
  return { bytes: await ctx.files.get(file.storage_key), contentType: file.content_type, fileName: file.file_name };
}

export async function latestOutbox(ctx: AppContext): Promise<Outbound[]> {
  const rows = await ctx.database.db
    .selectFrom("outbound_message")
    .select(["id", "channel", "recipient", "subject", "body", "status", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(OUTBOX_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    status: r.status,
    createdAt: r.created_at.toISOString(),
  }));
}
