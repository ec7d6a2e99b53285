import { AppError } from "../errors/app-error";

// Every refusal of managing a cooperative's people — their roles and status,
// and the invitations that bring them in — with its HTTP status and both
// messages. A few refusals share a code with a different text for a
// different situation (an invitation used up when opened, or when withdrawn);
// those name the code they answer with.

type Entry = readonly [status: number, id: string, en: string] | readonly [status: number, id: string, en: string, code: string];

const USER_ERRORS = {
  user_not_found: [404, "Pengguna tidak ditemukan.", "User not found.", "not_found"],
  last_admin: [
    409,
    "Koperasi harus memiliki minimal satu admin aktif. Jadikan pengguna lain admin terlebih dahulu.",
    "The cooperative must keep at least one active admin. Make someone else admin first.",
  ],
  invite_admin_forbidden: [403, "Hanya admin yang dapat mengundang admin.", "Only an admin can invite an admin.", "forbidden"],
  revoke_admin_forbidden: [403, "Hanya admin yang dapat membatalkan undangan admin.", "Only an admin can withdraw an admin's invitation.", "forbidden"],
  already_member: [
    409,
    "Orang ini sudah menjadi pengguna koperasi. Ubah perannya di menu Pengguna.",
    "This person already belongs to the cooperative. Change their role under Users.",
  ],
  already_member_self: [409, "Anda sudah menjadi pengguna koperasi ini.", "You already belong to this cooperative.", "already_member"],
  delivery_failed: [502, "Undangan gagal dikirim. Silakan coba lagi.", "The invitation could not be sent. Please try again."],
  invitation_not_found: [404, "Undangan tidak ditemukan. Periksa kembali tautannya.", "Invitation not found. Check the link."],
  invitation_missing: [404, "Undangan tidak ditemukan.", "Invitation not found.", "not_found"],
  invitation_used: [410, "Undangan ini sudah dipakai.", "This invitation has already been used."],
  invitation_accepted: [
    409,
    "Undangan ini sudah diterima; ubah peran pengguna di menu Pengguna.",
    "This invitation was already accepted; change the user's role under Users.",
    "invitation_used",
  ],
  invitation_revoked: [410, "Undangan ini sudah dibatalkan oleh koperasi.", "This invitation was withdrawn by the cooperative."],
  invitation_expired: [
    410,
    "Undangan ini sudah kedaluwarsa. Minta pengurus koperasi mengirim undangan baru.",
    "This invitation has expired. Ask the cooperative for a new one.",
  ],
  invitation_for_another_account: [
    403,
    "Undangan ini ditujukan untuk email atau nomor HP lain. Keluar, lalu buka tautan undangan lagi.",
    "This invitation is for another email address or phone number. Sign out and open the link again.",
  ],
  sign_in_required: [
    409,
    "Sudah ada akun dengan email atau nomor HP ini. Masuk terlebih dahulu, lalu buka tautan undangan lagi.",
    "An account with this email or phone number exists. Sign in first, then open the invitation link again.",
  ],
  grant_request_not_found: [404, "Permintaan pemberian peran tidak ditemukan.", "Role grant request not found.", "not_found"],
  grant_already_decided: [409, "Permintaan ini sudah diputuskan.", "This request has already been decided."],
  grant_stale: [
    409,
    "Peran atau status pengguna ini sudah berubah sejak permintaan diajukan. Tolak permintaan ini dan ajukan lagi bila masih perlu.",
    "This user's roles or status changed after the request was made. Reject this request and ask again if it is still needed.",
  ],
  grant_own_request: [
    403,
    "Anda tidak dapat memutuskan permintaan yang Anda ajukan sendiri. Orang kedua (admin lain atau ketua) yang memutuskan.",
    "You cannot decide a request you made yourself. A second person (another admin or the ketua) decides it.",
  ],
  grant_own_grant: [403, "Anda tidak dapat menyetujui peran untuk diri Anda sendiri.", "You cannot approve a role for yourself."],
  grant_not_an_approver: [
    403,
    "Hanya admin lain atau ketua yang dapat memutuskan; pengawas hanya bila koperasi memiliki satu admin.",
    "Only another admin or the ketua can decide; the pengawas only where the cooperative has a single admin.",
  ],
} as const satisfies Record<string, Entry>;

export type UserErrorName = keyof typeof USER_ERRORS;

/** The refusal of that name, as problem+json will show it. */
export function userError(name: UserErrorName): AppError {
  const entry: Entry = USER_ERRORS[name];
  const [status, id, en] = entry;
  return new AppError(status, entry[3] ?? name, id, en);
}

