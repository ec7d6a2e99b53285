import { z } from "zod";
import { Uuid } from "./common";
import { CreateMember } from "./members";

// Joining (applications), leaving (settlement and status) and screening.

/** What an applicant fills in: the member record without status, number or joining date (the cooperative sets those). */
export const MembershipApplicationFields = CreateMember.omit({ status: true, memberNumber: true, joinedOn: true });

/**
 * The public form: the same fields plus the e-mail address and the code sent
 * to it — or neither, from someone signed in (her login's address stands).
 */
export const PublicMembershipApplication = MembershipApplicationFields.extend({
  email: z.email({ error: "Alamat email tidak sah." }).max(254).optional(),
  code: z.string({ error: "Kode verifikasi wajib diisi." }).regex(/^\d{6}$/, { error: "Kode verifikasi 6 angka." }).optional(),
});

export const MembershipCodeRequest = z.strictObject({
  email: z.email({ error: "Alamat email tidak sah." }).max(254),
});

export const ApplicationStateValue = z.enum(["diajukan", "disetujui", "ditolak"]);

export const MembershipApplication = z.object({
  id: Uuid,
  memberId: Uuid,
  memberNumber: z.string(),
  fullName: z.string(),
  channel: z.enum(["mandiri", "loket"]),
  state: ApplicationStateValue,
  enteredBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  heldMatches: z.number().int(),
  createdAt: z.string(),
});

export const ApplicationQuery = z.object({ state: ApplicationStateValue.default("diajukan") });

export const RejectApplication = z.strictObject({
  reason: z.string({ error: "Alasan penolakan wajib diisi." }).trim().min(3, { error: "Alasan minimal 3 karakter." }).max(500),
});

export const LeavingStatusValue = z.enum(["keluar", "meninggal", "diberhentikan"], { error: "Status keluar: keluar, meninggal, atau diberhentikan." });

export const SettlementRequestBody = z.strictObject({
  leavingAs: LeavingStatusValue,
  creditAccountId: Uuid,
  heirId: Uuid.optional(),
});

const Balance = z.object({ memberAccountId: Uuid, accountCode: z.string(), accountName: z.string(), balance: z.number().int() });

export const SettlementPreview = z.object({
  memberId: Uuid,
  accounts: z.array(Balance),
  postings: z.array(
    z.object({
      step: z.string(),
      description: z.string(),
      total: z.number().int(),
      lines: z.array(z.object({ accountId: Uuid, accountCode: z.string(), memberAccountId: Uuid.nullable(), debit: z.number().int(), credit: z.number().int() })),
    }),
  ),
  unsettled: z.array(Balance),
});

export const SettlementPosted = z.object({
  entries: z.array(z.object({ id: Uuid, voucherNo: z.string(), step: z.string(), total: z.number().int() })),
});

export const LeaveCooperative = z.strictObject({
  status: LeavingStatusValue,
  effectiveOn: z.iso.date({ error: "Tanggal berlaku berformat YYYY-MM-DD." }),
  reason: z.string({ error: "Alasan wajib diisi." }).trim().min(3, { error: "Alasan minimal 3 karakter." }).max(500),
});

export const LeftCooperative = z.object({ memberId: Uuid, status: LeavingStatusValue, effectiveOn: z.string(), accountsClosed: z.number().int() });

export const ScreeningMatchStateValue = z.enum(["held", "cleared", "confirmed"]);

export const ScreeningMatch = z.object({
  id: Uuid,
  memberId: Uuid,
  memberNumber: z.string(),
  fullName: z.string(),
  memberStatus: z.string(),
  matchedOn: z.enum(["nik", "nama", "nama_tanggal_lahir"]),
  listedName: z.string(),
  reference: z.string().nullable(),
  listName: z.string(),
  listVersion: z.number().int(),
  state: ScreeningMatchStateValue,
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ScreeningMatchQuery = z.object({ state: ScreeningMatchStateValue.default("held") });

export const DecideScreeningMatch = z.strictObject({
  outcome: z.enum(["cleared", "confirmed"], { error: "Keputusan: cleared (bukan orang yang sama) atau confirmed." }),
  note: z.string({ error: "Catatan wajib diisi." }).trim().min(3, { error: "Catatan minimal 3 karakter." }).max(500),
});

export const UploadScreeningList = z.strictObject({
  listName: z.string().trim().min(2).max(80).default("DTTOT"),
  /** The CSV text: header row with name, aliases, nik, birth_date, source. */
  csv: z.string().min(1).max(20_000_000),
});

export const ScreeningListVersion = z.object({
  id: Uuid,
  listName: z.string(),
  version: z.number().int(),
  entryCount: z.number().int(),
  uploadedAt: z.string(),
  cooperativesScreened: z.number().int(),
  matchesHeld: z.number().int(),
});

export const JoiningAccounts = z.object({
  /** True while the cooperative has chosen none: the chart's savings controls. */
  isDefault: z.boolean(),
  accounts: z.array(z.object({ id: Uuid, code: z.string(), name: z.string() })),
});

export const SetJoiningAccounts = z.strictObject({
  /** Control accounts her accounts open under when she is accepted; empty returns to the default. */
  accountIds: z.array(Uuid).max(50),
});
