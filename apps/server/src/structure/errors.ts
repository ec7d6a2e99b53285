import { STRUCTURE_REFUSALS, type StructureRefusal } from "@koperasi/domain";
import { AppError, fixedFieldError, type FixedFieldRefusal } from "../errors/app-error";

// Every refusal of the organisation structure — terms of office and staff —
// with its HTTP status, both messages and, where the form can mark it, the
// field. The term rules themselves live in the domain (STRUCTURE_REFUSALS):
// 400 for bad input, 409 for a clash with the structure as it stands.

type Refusal = FixedFieldRefusal;

/** Where in the request each domain rule's refusal points. */
const TERM_FIELD: Partial<Record<StructureRefusal, string>> = {
  term_end_before_start: "body.endOn",
  term_end_outside_term: "body.endOn",
  position_invalid: "body.position",
  member_not_active: "body.memberId",
};

const endBeforeStart = { id: "Tanggal akhir tidak boleh sebelum tanggal mulai.", en: "The end date cannot be before the start date." };

const STRUCTURE_ERRORS = {
  member_not_found: {
    status: 400,
    id: "Anggota tidak ditemukan di koperasi ini. Pengurus dan pengawas dipilih dari anggota.",
    en: "No such member in this cooperative. The pengurus and pengawas are chosen from its members.",
    field: { path: "body.memberId", id: "Anggota tidak ditemukan.", en: "Member not found." },
  },
  login_not_kasir: {
    status: 400,
    id: "Akun yang dipilih bukan pengguna aktif berperan kasir di koperasi ini.",
    en: "The chosen login is not an active teller of this cooperative.",
    field: { path: "body.koperasiUserId", id: "Pilih akun berperan kasir.", en: "Choose a login with the kasir role." },
  },
  employment_already_ended: { status: 409, id: "Masa kerja karyawan ini sudah berakhir.", en: "This employment has already ended." },
  employment_end_before_start: { status: 400, ...endBeforeStart, code: "term_end_before_start", field: { path: "body.endOn", ...endBeforeStart } },
} as const satisfies Record<string, Refusal>;

/** A refusal of the structure's own, by name. */
export function structureError(name: keyof typeof STRUCTURE_ERRORS): AppError {
  return fixedFieldError(name, STRUCTURE_ERRORS[name]);
}

/** A term rule's refusal (from the domain) as problem+json. */
export function structureRefusal(code: StructureRefusal): AppError {
  const info = STRUCTURE_REFUSALS[code];
  const path = TERM_FIELD[code];
  return new AppError(info.kind === "conflict" ? 409 : 400, code, info.id, info.en, path ? [{ path, code, message: info.id, messageEn: info.en }] : undefined);
}
