import { DOMAIN_ERRORS, isDomainError, type JournalIssue } from "@koperasi/domain";
import { AppError } from "../errors/app-error";

// Every refusal the ledger gives, with its HTTP status and both messages, in
// one table: the route layer never invents a code, and a client can rely on
// the list. Validation of amounts and lines comes from the domain
// (DomainError codes); these are the refusals that depend on the books.

type Entry = readonly [status: number, id: string, en: string];

const LEDGER_ERRORS = {
  account_unknown: [422, "Akun tidak ditemukan di bagan akun koperasi ini.", "The account is not in this cooperative's chart of accounts."],
  account_closed: [422, "Akun sudah ditutup dan tidak menerima transaksi.", "The account is closed and takes no postings."],
  account_is_group: [
    422,
    "Akun kelompok tidak menerima transaksi; pilih salah satu akun rinciannya.",
    "A group account takes no postings; choose one of the accounts under it.",
  ],
  account_is_control: [
    422,
    "Akun ini adalah akun kontrol simpanan/pinjaman anggota dan tidak dapat dijurnal manual.",
    "This is a control account for members' savings or loans; it refuses manual journals.",
  ],
  account_code_taken: [409, "Kode akun sudah dipakai di bagan akun ini.", "The account code is already in use in this chart."],
  account_parent_invalid: [
    422,
    "Akun induk harus akun kelompok yang masih dibuka dan berjenis sama.",
    "The parent must be an open group account of the same type.",
  ],
  account_group_control: [400, "Akun kelompok tidak dapat sekaligus menjadi akun kontrol.", "A group account cannot also be a control account."],
  account_not_empty: [
    409,
    "Akun hanya dapat ditutup bila saldonya nol dan tidak ada akun atau rekening anggota yang masih dibuka di bawahnya.",
    "An account can be closed only with a zero balance and nothing open under it.",
  ],
  account_already_closed: [409, "Akun sudah ditutup.", "The account is already closed."],
  member_account_unknown: [422, "Rekening anggota tidak ditemukan.", "The member account does not exist."],
  member_account_mismatch: [
    422,
    "Rekening anggota tidak berada di bawah akun kontrol yang dipakai baris ini.",
    "The member account does not sit under this line's control account.",
  ],
  member_account_required: [
    422,
    "Baris pada akun kontrol harus menyebut rekening anggotanya.",
    "A line on a control account must name the member account.",
  ],
  member_account_closed: [422, "Rekening anggota sudah ditutup.", "The member account is closed."],
  not_an_active_member: [
    422,
    "Pemindahbukuan hanya boleh antara rekening anggota aktif.",
    "Transfers are allowed only between accounts of active members.",
  ],
  transfer_same_account: [400, "Rekening asal dan tujuan tidak boleh sama.", "The source and destination accounts must differ."],
  transfer_accounts_differ: [
    422,
    "Pemindahbukuan hanya antarrekening simpanan anggota yang sejenis.",
    "Transfers are only between members' savings accounts of the same kind.",
  ],
  period_closed: [
    422,
    "Periode pembukuan untuk tanggal ini sudah ditutup. Catat pada periode yang masih dibuka.",
    "The accounting period for this date is closed. Post in an open period.",
  ],
  period_not_ended: [
    422,
    "Periode hanya dapat ditutup setelah hari terakhirnya lewat.",
    "A period can be closed only after its last day has passed.",
  ],
  period_already_closed: [409, "Periode ini sudah ditutup.", "This period is already closed."],
  period_not_closed: [409, "Periode ini tidak sedang ditutup.", "This period is not closed."],
  period_has_pending: [
    409,
    "Masih ada jurnal bertanggal di periode ini yang menunggu persetujuan. Setujui atau tolak dulu, lalu tutup periodenya.",
    "Journal entries dated in this period still await approval. Approve or reject them first, then close the period.",
  ],
  book_year_closed: [
    409,
    "Tahun buku ini sudah ditutup (tutup buku); bulan-bulannya tidak dapat dibuka kembali. Catat koreksi di tahun berjalan.",
    "This book year is closed; its months cannot be reopened. Post corrections in the current year.",
  ],
  year_not_ended: [422, "Tutup buku hanya dapat dilakukan setelah tahun bukunya berakhir.", "A book year can be closed only after it has ended."],
  year_already_closed: [409, "Tahun buku ini sudah ditutup.", "This book year is already closed."],
  year_has_pending: [
    409,
    "Masih ada jurnal bertanggal di tahun buku ini yang menunggu persetujuan. Setujui atau tolak dulu.",
    "Journal entries dated in this book year still await approval. Approve or reject them first.",
  ],
  earlier_year_open: [
    409,
    "Tahun buku sebelumnya yang memiliki pendapatan atau beban belum ditutup. Tutup buku tahun itu lebih dulu.",
    "An earlier book year with income or expenses is not closed yet. Close that year first.",
  ],
  shu_account_missing: [
    422,
    "Akun SHU Tahun Berjalan (3-4100) tidak ada atau tidak dapat menerima transaksi.",
    "The account SHU Tahun Berjalan (3-4100) is missing or takes no postings.",
  ],
  year_close_control_account: [
    422,
    "Akun pendapatan atau beban dengan rekening anggota tidak dapat ditutup otomatis. Nolkan saldonya lebih dulu.",
    "An income or expense account with member sub-ledgers cannot be closed automatically. Bring it to zero first.",
  ],
  account_not_control: [
    422,
    "Rekening anggota hanya dapat dibuka di bawah akun kontrol (mis. Simpanan Sukarela).",
    "Member accounts can be opened only under a control account (e.g. Simpanan Sukarela).",
  ],
  member_unknown: [422, "Anggota tidak ditemukan.", "The member does not exist."],
  member_not_active: [422, "Rekening hanya dapat dibuka untuk anggota aktif.", "Accounts can be opened only for active members."],
  member_account_exists: [
    409,
    "Anggota ini sudah memiliki rekening yang masih dibuka di bawah akun kontrol ini.",
    "This member already has an open account under this control account.",
  ],
  attachment_entry_rejected: [409, "Jurnal yang ditolak tidak menerima lampiran.", "A rejected journal entry takes no attachments."],
  attachment_limit: [409, "Satu jurnal paling banyak memiliki 20 lampiran.", "A journal entry can have at most 20 attachments."],
  attachment_locked: [
    409,
    "Lampiran jurnal yang sudah diposting (atau ditolak) tidak dapat dihapus.",
    "Attachments of a posted (or rejected) journal entry cannot be deleted.",
  ],
  business_date_in_future: [422, "Tanggal transaksi tidak boleh melewati hari ini.", "The business date cannot be later than today."],
  insufficient_balance: [409, "Saldo tidak mencukupi.", "Insufficient balance."],
  journal_not_pending: [409, "Jurnal ini tidak lagi menunggu persetujuan.", "This journal entry is no longer awaiting approval."],
  maker_cannot_approve: [
    403,
    "Jurnal harus disetujui oleh orang lain, bukan oleh pembuatnya.",
    "A journal entry must be approved by someone other than its maker.",
  ],
  journal_not_posted: [409, "Hanya jurnal yang sudah diposting yang dapat dikoreksi.", "Only a posted journal entry can be reversed."],
  journal_already_reversed: [409, "Jurnal ini sudah dikoreksi (atau koreksinya sedang menunggu persetujuan).", "This entry is already reversed (or its reversal is pending)."],
  idempotency_key_required: [
    400,
    "Header Idempotency-Key wajib diisi untuk transaksi keuangan.",
    "The Idempotency-Key header is required for requests that move money.",
  ],
  idempotency_key_invalid: [
    400,
    "Idempotency-Key harus 1–255 karakter ASCII yang terlihat.",
    "The Idempotency-Key must be 1–255 visible ASCII characters.",
  ],
  idempotency_key_reused: [
    422,
    "Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.",
    "This Idempotency-Key was already used for a different request.",
  ],
  idempotency_in_progress: [
    409,
    "Permintaan dengan Idempotency-Key ini masih diproses. Coba lagi sebentar lagi.",
    "A request with this Idempotency-Key is still being processed. Try again shortly.",
  ],
} as const satisfies Record<string, Entry>;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

/** The refusal for `code`; `path` names the field at fault (`lines.1.accountId`). */
export function ledgerError(code: LedgerErrorCode, path?: string): AppError {
  const [status, id, en] = LEDGER_ERRORS[code];
  return new AppError(status, code, id, en, path ? [{ path, code, message: id }] : undefined);
}

/**
 * Domain validation issues as one 400 problem: the first issue's code on top,
 * every issue in `errors[]` so a form can mark each field. `prefix` places the
 * domain's paths in the request (`body.`).
 */
export function invalidEntry(issues: readonly JournalIssue[], prefix = ""): AppError {
  const first = issues[0];
  if (!first) throw new Error("invalidEntry needs at least one issue");
  const top = DOMAIN_ERRORS[first.code];
  return new AppError(
    400,
    first.code,
    top.id,
    top.en,
    issues.map((issue) => ({ path: `${prefix}${issue.path}`, code: issue.code, message: DOMAIN_ERRORS[issue.code].id })),
  );
}

/** A DomainError thrown inside a ledger command, as the problem the client sees. */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDomainError(error)) {
    const path = typeof error.details?.path === "string" ? error.details.path : typeof error.details?.field === "string" ? error.details.field : undefined;
    return new AppError(
      error.kind === "forbidden" ? 403 : 400,
      error.code,
      error.messageId,
      error.messageEn,
      path ? [{ path, code: error.code, message: error.messageId }] : undefined,
    );
  }
  return undefined;
}

/** A DomainError about one request field, as a 400 naming that field. */
export function domainErrorAt(error: { code: string; messageId: string; messageEn: string }, path: string): AppError {
  return new AppError(400, error.code, error.messageId, error.messageEn, [{ path, code: error.code, message: error.messageId }]);
}
