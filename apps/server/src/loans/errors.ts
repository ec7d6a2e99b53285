import { DOMAIN_ERRORS } from "@koperasi/domain";
import { errorTable } from "../errors/app-error";

// Every refusal of loan products and a loan's life, with its HTTP status and
// both messages (see errorTable).

export const loanError = errorTable({
  amount_not_integer: [400, DOMAIN_ERRORS.amount_not_integer.id, DOMAIN_ERRORS.amount_not_integer.en],
  amount_not_positive: [400, DOMAIN_ERRORS.amount_not_positive.id, DOMAIN_ERRORS.amount_not_positive.en],
  product_code_taken: [409, "Kode produk sudah dipakai.", "The product code is already in use.", { field: ["Kode sudah dipakai.", "The code is already in use."] }],
  product_unknown: [404, "Produk pinjaman tidak ditemukan.", "The loan product does not exist.", { field: ["Produk tidak ditemukan.", "No such product."] }],
  product_retired: [422, "Produk pinjaman ini tidak lagi ditawarkan.", "This loan product is no longer offered.", { field: ["Produk tidak aktif.", "The product is retired."] }],
  receivable_account_invalid: [
    422,
    "Piutang pinjaman harus akun kontrol aset yang masih dibuka (mis. 1-1300 Piutang Pinjaman Anggota).",
    "The loan receivable must be an open asset control account (e.g. 1-1300 Piutang Pinjaman Anggota).",
    { field: ["Pilih akun kontrol aset yang masih dibuka.", "Choose an open asset control account."] },
  ],
  income_account_invalid: [
    422,
    "Akun pendapatan harus akun pendapatan yang masih dibuka dan dapat diposting (mis. 4-1100 Pendapatan Jasa Pinjaman).",
    "An income account must be an open, postable income account (e.g. 4-1100 Pendapatan Jasa Pinjaman).",
    { field: ["Pilih akun pendapatan yang masih dibuka.", "Choose an open income account."] },
  ],
  range_invalid: [400, "Batas bawah tidak boleh melebihi batas atas.", "The minimum may not exceed the maximum.", { field: ["Lebih besar dari batas atas.", "Above the maximum."] }],
  percent_invalid: [400, "Persen tidak sah (0 sampai 100).", "Invalid percent (0 to 100).", { field: ["Persen tidak sah.", "Invalid percent."] }],
  charges_duplicate: [400, "Setiap jenis biaya hanya boleh satu kali.", "Each kind of charge may appear once.", { field: ["Jenis biaya ganda.", "A charge kind repeats."] }],
  terms_date_past: [
    422,
    "Ketentuan baru berlaku paling cepat besok; ketentuan yang sudah berlaku tidak diubah surut.",
    "New terms apply from tomorrow at the earliest; terms already in force are never changed in arrears.",
    { field: ["Pilih tanggal setelah hari ini.", "Choose a date after today."] },
  ],
  amount_outside_product: [
    422,
    "Jumlah pinjaman produk ini antara {min} dan {max}.",
    "This product lends between {min} and {max}.",
    { field: ["Di luar batas jumlah produk ({min}–{max}).", "Outside the product's range ({min}–{max})."] },
  ],
  tenor_outside_product: [
    422,
    "Jangka waktu produk ini antara {min} dan {max} angsuran.",
    "This product's tenor is between {min} and {max} installments.",
    { field: ["Di luar batas jangka waktu produk ({min}–{max}).", "Outside the product's tenor ({min}–{max})."] },
  ],
  schedule_impossible: [
    422,
    "Dengan ketentuan produk ini, jumlah dan jangka waktu tersebut tidak menghasilkan jadwal angsuran yang sah.",
    "With this product's terms, that amount and tenor make no valid schedule.",
    { field: ["Tidak menghasilkan jadwal angsuran yang sah.", "Makes no valid schedule."] },
  ],
  charges_exceed_principal: [
    422,
    "Biaya pinjaman melebihi pokok pinjaman.",
    "The loan's charges exceed its principal.",
    { field: ["Biaya melebihi pokok.", "Charges exceed the principal."] },
  ],
  member_unknown: [422, "Anggota tidak ditemukan.", "The member does not exist.", { field: ["Anggota tidak ditemukan.", "No such member."] }],
  member_required: [400, "Pilih anggota yang mengajukan pinjaman.", "Choose the member applying.", { field: ["Wajib diisi.", "Required."] }],
  not_a_member: [
    422,
    "Pinjaman hanya untuk anggota aktif; calon anggota, anggota yang sedang keluar atau sudah keluar tidak dapat meminjam.",
    "Loans are for active members only; an applicant, a member who is leaving or has left cannot borrow.",
    { field: ["Bukan anggota aktif.", "Not an active member."] },
  ],
  no_own_member_record: [403, "Akun Anda belum terhubung dengan data anggota di koperasi ini.", "Your login is not linked to a member record in this cooperative."],
  required_savings_short: [
    422,
    "Produk ini mensyaratkan simpanan sukarela sedikitnya {required}; yang tersedia {available}.",
    "This product requires at least {required} in sukarela savings; {available} is available.",
    { field: ["Simpanan sukarela kurang dari syarat produk.", "Sukarela savings below the product's requirement."] },
  ],
  loan_unknown: [404, "Pinjaman tidak ditemukan.", "The loan does not exist."],
  not_awaiting_decision: [409, "Pinjaman ini tidak lagi menunggu keputusan (status: {status}).", "This loan is no longer awaiting a decision (status: {status})."],
  borrower_cannot_decide: [
    403,
    "Pinjaman Anda sendiri harus diputuskan oleh pengurus lain.",
    "Your own loan must be decided by another pengurus.",
  ],
  maker_cannot_approve: [
    403,
    "Pinjaman harus diputuskan oleh pengurus lain, bukan oleh yang menginput permohonannya.",
    "A loan must be decided by another pengurus, not whoever entered the application.",
  ],
  already_approved_by_you: [
    403,
    "Persetujuan kedua harus dari pengurus lain.",
    "The second approval must come from another pengurus.",
  ],
  not_approved: [409, "Pinjaman belum disetujui (status: {status}); hanya pinjaman yang disetujui yang dapat dicairkan.", "The loan is not approved (status: {status}); only an approved loan is disbursed."],
  not_disbursed: [409, "Pinjaman ini tidak sedang berjalan (status: {status}).", "This loan is not running (status: {status})."],
  savings_account_required: [
    400,
    "Pilih rekening simpanan sukarela anggota.",
    "Choose the member's sukarela account.",
    { field: ["Wajib diisi untuk simpanan.", "Required when paying through savings."] },
  ],
  savings_account_invalid: [
    422,
    "Rekening ini bukan rekening simpanan sukarela milik peminjam yang masih dibuka.",
    "This is not an open sukarela account of the borrower.",
    { field: ["Bukan rekening sukarela peminjam.", "Not the borrower's sukarela account."] },
  ],
  exceeds_payoff: [
    422,
    "Pembayaran melebihi jumlah pelunasan {payoff}; bayar paling banyak sejumlah itu.",
    "The payment exceeds the payoff of {payoff}; pay at most that.",
    { field: ["Melebihi jumlah pelunasan.", "More than the payoff."] },
  ],
  account_missing: [422, "Akun {code} tidak ada atau sudah ditutup; transaksi pinjaman memerlukannya.", "Account {code} is missing or closed; loan transactions need it."],
  entry_not_loan: [404, "Bukti transaksi pinjaman ini tidak ditemukan.", "No loan receipt for this entry."],
});
