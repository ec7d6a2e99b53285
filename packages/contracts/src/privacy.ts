import { z } from "zod";
import { CONSENT_PURPOSES, PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATUSES } from "@koperasi/domain";
import { Uuid } from "./common";

// A member's consents and her requests about her personal data (UU 27/2022).

export const ConsentPurpose = z.enum(CONSENT_PURPOSES, { error: "Tujuan persetujuan tidak dikenal." });
export const PrivacyRequestKind = z.enum(PRIVACY_REQUEST_KINDS, { error: "Jenis permintaan harus akses, perbaikan, pembatasan, penghapusan atau keberatan." });
export const PrivacyRequestStatus = z.enum(PRIVACY_REQUEST_STATUSES, { error: "Status harus diterima, diproses, selesai atau ditolak." });

export const PrivacyNotice = z.object({
  version: z.string(),
  text: z.string(),
  purposes: z.array(z.object({ purpose: ConsentPurpose, label: z.string(), required: z.boolean() })),
  /** Her current choice per purpose (the latest she recorded), and under which notice version. */
  consents: z.array(z.object({ purpose: ConsentPurpose, given: z.boolean(), noticeVersion: z.string(), recordedAt: z.string().datetime() })),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

export const RecordConsent = z.strictObject({
  purpose: ConsentPurpose,
  given: z.boolean({ error: "Pilih setuju atau tidak." }),
  noticeVersion: z.string({ error: "Versi pemberitahuan wajib diisi." }),
});

export const CreatePrivacyRequest = z.strictObject({
  kind: PrivacyRequestKind,
  details: z.string({ error: "Jelaskan permintaan Anda." }).trim().min(1, { error: "Jelaskan permintaan Anda." }).max(2000, { error: "Penjelasan paling panjang 2.000 karakter." }),
});

export const PrivacyRequest = z.object({
  id: Uuid,
  kind: PrivacyRequestKind,
  details: z.string(),
  status: PrivacyRequestStatus,
  receivedAt: z.string().datetime(),
  dueAt: z.string().datetime(),
  overdue: z.boolean(),
  answer: z.string().nullable(),
  handledAt: z.string().datetime().nullable(),
  /** Staff only: who asked. */
  member: z.object({ id: Uuid, memberNumber: z.string(), fullName: z.string() }).nullable().optional(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyRequestQuery = z.strictObject({ status: z.enum(["terbuka", "semua"], { error: "status harus terbuka atau semua." }).default("terbuka") });

export const UpdatePrivacyRequest = z.strictObject({
  status: z.enum(["diproses", "selesai", "ditolak"], { error: "Status harus diproses, selesai atau ditolak." }),
  answer: z.string().trim().min(1, { error: "Jawaban tidak boleh kosong." }).max(4000, { error: "Jawaban paling panjang 4.000 karakter." }).optional(),
});

/** One activity of the cooperative's record of processing (UU 27/2022 art. 31). */
export const ProcessingRecord = z.object({
  koperasi: z.object({ name: z.string(), address: z.string() }),
  generatedAt: z.string().datetime(),
  activities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      purpose: z.string(),
      basis: z.string(),
      basisText: z.string(),
      subjects: z.string(),
      data: z.array(z.string()),
      recipients: z.string(),
      retention: z.string(),
      safeguards: z.string(),
    }),
  ),
});

export const BreachDrill = z.object({
  id: Uuid,
  koperasiId: Uuid,
  startedAt: z.string().datetime(),
  dueAt: z.string().datetime(),
  title: z.string(),
  body: z.string(),
  acknowledgedAt: z.string().datetime().nullable(),
  /** Hours from the notice to its acknowledgement (one decimal), or null while unacknowledged. */
  hoursToAcknowledge: z.number().nullable(),
  withinDeadline: z.boolean().nullable(),
});
export type BreachDrill = z.infer<typeof BreachDrill>;
export type ProcessingRecord = z.infer<typeof ProcessingRecord>;
