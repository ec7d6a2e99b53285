import type { z } from "zod";
import type { CreatePrivacyRequest, PrivacyNotice, PrivacyRequest, ProcessingRecord, RecordConsent, UpdatePrivacyRequest } from "@koperasi/contracts";
import {
  CONSENT_PURPOSES,
  CONSENT_PURPOSE_TEXT,
  LEGAL_BASIS_TEXT,
  MODULE_IDS,
  processingRecord,
  PRIVACY_NOTICE_TEXT,
  PRIVACY_NOTICE_VERSION,
  privacyRequestDueAt,
  privacyRequestMayMove,
  privacyRequestNeedsAnswer,
  privacyRequestOverdue,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { moduleSettings } from "../modules/registry";
import { privacyError } from "./errors";

// A member's consents and her requests about her personal data (UU 27/2022):
// she reads the notice and records her choices; she asks, and the pengurus
// answer within 3 × 24 hours, in writing, each step audited.

type RequestRow = {
  id: string;
  kind: PrivacyRequest["kind"];
  details: string;
  status: PrivacyRequest["status"];
  received_at: Date;
  due_at: Date;
  answer: string | null;
  handled_at: Date | null;
};

function requestDto(row: RequestRow, now: Date): PrivacyRequest {
  return {
    id: row.id,
    kind: row.kind,
    details: row.details,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    overdue: privacyRequestOverdue({ status: row.status, dueAt: row.due_at }, now),
    answer: row.answer,
    handledAt: row.handled_at?.toISOString() ?? null,
  };
}

const REQUEST_COLUMNS = ["id", "kind", "details", "status", "received_at", "due_at", "answer", "handled_at"] as const;

/** The notice now in force, with her current choice per purpose. */
export async function privacyNotice(cmd: CommandContext): Promise<PrivacyNotice> {
  const rows = await cmd.trx
    .selectFrom("privacy_consent")
    .select(["purpose", "given", "notice_version", "recorded_at"])
    .distinctOn("purpose")
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("user_id", "=", cmd.actor.userId)
    .orderBy("purpose")
    .orderBy("recorded_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return {
    version: PRIVACY_NOTICE_VERSION,
    text: PRIVACY_NOTICE_TEXT.replaceAll("{koperasi}", cmd.koperasi.name),
    purposes: CONSENT_PURPOSES.map((purpose) => ({ purpose, label: CONSENT_PURPOSE_TEXT[purpose].id, required: CONSENT_PURPOSE_TEXT[purpose].required })),
    consents: rows.map((r) => ({ purpose: r.purpose, given: r.given, noticeVersion: r.notice_version, recordedAt: r.recorded_at.toISOString() })),
  };
}

/** Records one choice under the notice she was shown; a choice made under an older notice is refused (she must read the new one). */
export async function recordConsent(cmd: CommandContext, input: z.infer<typeof RecordConsent>): Promise<PrivacyNotice> {
  if (input.noticeVersion !== PRIVACY_NOTICE_VERSION) throw privacyError("notice_outdated", { field: "body.noticeVersion" });
  if (CONSENT_PURPOSE_TEXT[input.purpose].required && !input.given) throw privacyError("acknowledgement_required", { field: "body.given" });
  const id = cmd.newId();
  await cmd.trx
    .insertInto("privacy_consent")
    .values({ koperasi_id: cmd.koperasiId, id, user_id: cmd.actor.userId, purpose: input.purpose, given: input.given, notice_version: input.noticeVersion, recorded_at: cmd.now })
    .execute();
  await cmd.audit({ action: "privacy.consent", targetType: "privacy_consent", targetId: id, details: { purpose: input.purpose, given: input.given, noticeVersion: input.noticeVersion } });
  return privacyNotice(cmd);
}

/** Her request, received now and due 3 × 24 hours later. */
export async function createPrivacyRequest(cmd: CommandContext, input: z.infer<typeof CreatePrivacyRequest>): Promise<PrivacyRequest> {
  const member = await cmd.trx
    .selectFrom("member")
    .select("id")
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("user_id", "=", cmd.actor.userId)
    .executeTakeFirst();
  const id = cmd.newId();
  const row = await cmd.trx
    .insertInto("privacy_request")
    .values({
      koperasi_id: cmd.koperasiId,
      id,
      user_id: cmd.actor.userId,
      member_id: member?.id ?? null,
      kind: input.kind,
      details: input.details,
      received_at: cmd.now,
      due_at: privacyRequestDueAt(cmd.now),
    })
    .returning(REQUEST_COLUMNS)
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "privacy.request_create", targetType: "privacy_request", targetId: id, details: { kind: input.kind } });
  return requestDto(row, cmd.now);
}

/** Her own requests, newest first. */
export async function myPrivacyRequests(cmd: CommandContext): Promise<PrivacyRequest[]> {
  const rows = await cmd.trx
    .selectFrom("privacy_request")
    .select(REQUEST_COLUMNS)
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("user_id", "=", cmd.actor.userId)
    .orderBy("received_at", "desc")
    .execute();
  return rows.map((r) => requestDto(r, cmd.now));
}

/** For the pengurus: open requests by deadline (the most urgent first), or every request. */
export async function listPrivacyRequests(cmd: CommandContext, which: "terbuka" | "semua"): Promise<PrivacyRequest[]> {
  let query = cmd.trx
    .selectFrom("privacy_request as r")
    .leftJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "r.koperasi_id").onRef("m.id", "=", "r.member_id"))
    .select(REQUEST_COLUMNS.map((c) => `r.${c}` as const))
    .select(["m.id as member_id", "m.member_number", "m.full_name"])
    .where("r.koperasi_id", "=", cmd.koperasiId);
  if (which === "terbuka") query = query.where("r.status", "in", ["diterima", "diproses"]);
  const rows = await query.orderBy("r.due_at").orderBy("r.id").limit(500).execute();
  return rows.map((r) => ({
    ...requestDto(r, cmd.now),
    member: r.member_id && r.member_number && r.full_name ? { id: r.member_id, memberNumber: r.member_number, fullName: r.full_name } : null,
  }));
}

/** A step on a request: forward only, a closing one with its written answer. */
export async function updatePrivacyRequest(cmd: CommandContext, requestId: string, input: z.infer<typeof UpdatePrivacyRequest>, options: { erased?: boolean } = {}): Promise<PrivacyRequest> {
  const current = await cmd.trx
    .selectFrom("privacy_request")
    .select(["status", "kind"])
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw privacyError("request_unknown");
  if (current.status === "selesai" || current.status === "ditolak") throw privacyError("request_closed", { vars: { status: current.status } });
  if (!privacyRequestMayMove(current.status, input.status)) throw privacyError("request_step_invalid", { vars: { from: current.status, to: input.status } });
  if (privacyRequestNeedsAnswer(input.status) && !input.answer) throw privacyError("answer_required", { field: "body.answer" });
  // An erasure is done by carrying it out (…/erase), never by saying so.
  if (current.kind === "penghapusan" && input.status === "selesai" && !options.erased) throw privacyError("erasure_not_carried_out", { field: "body.status" });
  const row = await cmd.trx
    .updateTable("privacy_request")
    .set({ status: input.status, answer: input.answer ?? null, handled_by: cmd.actor.userId, handled_at: cmd.now })
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", requestId)
    .returning(REQUEST_COLUMNS)
    .executeTakeFirstOrThrow();
  await cmd.audit({ action: "privacy.request_update", targetType: "privacy_request", targetId: requestId, details: { from: current.status, to: input.status } });
  return requestDto(row, cmd.now);
}

/** The cooperative's record of processing activities, from the modules it has switched on. */
export async function cooperativeProcessingRecord(cmd: CommandContext): Promise<ProcessingRecord> {
  const modules = await moduleSettings(cmd.trx, cmd.koperasiId);
  const enabled = MODULE_IDS.filter((id) => modules[id]);
  return {
    koperasi: { name: cmd.koperasi.name, address: `${cmd.koperasi.address}, ${cmd.koperasi.city}, ${cmd.koperasi.province}` },
    generatedAt: cmd.now.toISOString(),
    activities: processingRecord(enabled).map((a) => ({ ...a, data: [...a.data], basisText: LEGAL_BASIS_TEXT[a.basis] })),
  };
}
