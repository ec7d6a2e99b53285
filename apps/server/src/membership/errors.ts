import { AppError, fixedFieldError, type FixedFieldRefusal } from "../errors/app-error";

// Every refusal of joining and leaving the cooperative — applications,
// screening, joining accounts, settlement and leaving — with its HTTP status,
// both messages and, where the form can mark it, the field.

type Refusal = FixedFieldRefusal;

const MEMBERSHIP_ERRORS = {
  application_decided: { status: 409, id: "Permohonan ini sudah diputuskan.", en: "This application has already been decided." },
  application_same_person: {
    status: 403,
    id: "Permohonan yang Anda input sendiri harus disetujui pengurus lain.",
    en: "An application you entered must be approved by someone else.",
  },
  application_screening_held: {
    status: 409,
    id: "Permohonan ini cocok dengan daftar penyaringan dan menunggu keputusan pengawas.",
    en: "This application matches a screening list and awaits the supervisors' review.",
  },
  application_code_required: {
    status: 400,
    code: "invalid_input",
    id: "Email dan kode verifikasi wajib diisi.",
    en: "E-mail address and verification code are required.",
    field: { path: "body.code", code: "required", id: "Kode verifikasi wajib diisi.", en: "The verification code is required." },
  },
  already_in_cooperative: {
    status: 409,
    id: "Anda sudah terdaftar atau sudah mengajukan permohonan di koperasi ini.",
    en: "You already belong to or have applied to this cooperative.",
  },
  koperasi_not_open: { status: 409, id: "Koperasi ini belum menerima pendaftaran anggota.", en: "This cooperative is not taking applications." },
  screening_match_decided: { status: 409, id: "Kecocokan ini sudah diputuskan.", en: "This match has already been decided." },
  settlement_account_invalid: {
    status: 400,
    id: "Akun pembayaran harus akun kas, bank, atau utang yang terbuka (bukan akun induk atau akun kontrol).",
    en: "The payout account must be an open cash, bank or liability account (not a group or control account).",
    field: { path: "body.creditAccountId", id: "Pilih akun kas, bank, atau utang.", en: "Choose a cash, bank or liability account." },
  },
  settlement_heir_required: {
    status: 400,
    id: "Untuk anggota yang meninggal, pilih ahli waris penerima.",
    en: "For a deceased member, choose the heir who receives the payout.",
    field: { path: "body.heirId", code: "required", id: "Pilih ahli waris.", en: "Choose an heir." },
  },
  settlement_nothing_due: { status: 409, id: "Tidak ada saldo yang perlu dibayarkan kepada anggota ini.", en: "Nothing is due to this member." },
  member_already_left: { status: 409, id: "Anggota ini sudah tidak aktif.", en: "This member has already left." },
} as const satisfies Record<string, Refusal>;

/** A membership refusal by name. */
export function membershipError(name: keyof typeof MEMBERSHIP_ERRORS): AppError {
  return fixedFieldError(name, MEMBERSHIP_ERRORS[name]);
}

/** One of the chosen joining accounts (at `index` in the request) is not an open control account. */
export function joiningAccountInvalid(index: number): AppError {
  return new AppError(
    400,
    "joining_account_invalid",
    "Hanya akun kontrol yang terbuka (mis. simpanan) yang dapat dibuka saat anggota masuk.",
    "Only open control accounts (savings, for one) can open on joining.",
    [{ path: `body.accountIds.${index}`, code: "joining_account_invalid", message: "Bukan akun kontrol yang terbuka.", messageEn: "Not an open control account." }],
  );
}

/** She cannot leave while an account of hers holds money: each such account, with its balance. */
export function memberHasBalance(accounts: readonly { memberAccountId: string; label: string }[]): AppError {
  return new AppError(
    409,
    "member_has_balance",
    "Anggota masih memiliki saldo. Selesaikan pembayaran simpanan dan kewajibannya terlebih dahulu.",
    "The member still has balances. Settle them first.",
    accounts.map((account) => ({ path: `accounts.${account.memberAccountId}`, code: "member_has_balance", message: account.label, messageEn: account.label })),
  );
}

/** She cannot leave while she holds a pengurus or pengawas office. */
export function memberHoldsOffice(body: string, position: string): AppError {
  const name = position.replace(/_/g, " ");
  return new AppError(
    409,
    "member_holds_office",
    `Anggota ini masih menjabat sebagai ${body} (${name}). Akhiri masa jabatannya terlebih dahulu.`,
    `This member still holds office as ${body} (${name}). End the term first.`,
  );
}

/** An uploaded screening list cannot be read: what is wrong, and on which line when one is to blame. */
export function screeningListInvalid(id: string, en: string, line?: number): AppError {
  return new AppError(400, "screening_list_invalid", id, "The screening list could not be read.", [
    { path: line === undefined ? "body.file" : `body.file.line.${line}`, code: "screening_list_invalid", message: id, messageEn: en },
  ]);
}
