import { randomUUID } from "node:crypto";
import type { SqlRunner } from "./migrate";

/**
 * One row in every tenant table for a cooperative, written as superuser.
 * The isolation test requires a row in EVERY tenant table the catalog lists,
 * so a new tenant table fails that test until it gets a line here.
 */
export async function seedTenantRows(superuser: SqlRunner, label: string): Promise<{ koperasiId: string; userId: string }> {
  const koperasiId = randomUUID();
  const userId = `user-${label}-${randomUUID()}`;
  const row = (sql: string, params: unknown[]) => superuser.query(sql, params);
  await row(`INSERT INTO "user" (id, name, email, "emailVerified") VALUES ($1, $2, $3, true)`, [
    userId,
    `Pengguna ${label}`,
    `${label}-${koperasiId}@contoh.id`,
  ]);
  await row(
    `INSERT INTO koperasi (id, slug, name, type, address, city, province, time_zone, email, phone, status, created_by)
     VALUES ($1, $2, $3, 'ksp', 'Jl. Contoh 1', 'Malang', 'Jawa Timur', 'Asia/Jakarta', 'k@contoh.id', '+6281234567890', 'approved', $4)`,
    [koperasiId, `kop-${label}-${koperasiId.slice(0, 8)}`, `Koperasi ${label}`, userId],
  );
  await row(`INSERT INTO koperasi_user (koperasi_id, id, user_id, roles) VALUES ($1, $2, $3, '{admin}')`, [koperasiId, randomUUID(), userId]);
  const memberId = randomUUID();
  await row(`INSERT INTO member (koperasi_id, id, member_number, full_name, joined_on) VALUES ($1, $2, 'AGT-000001', $3, '2026-01-02')`, [
    koperasiId,
    memberId,
    // One word: the name index (member_name_token) then holds one row per cooperative, like every other table here.
    `Anggota${label.toUpperCase()}`,
  ]);
  await row(`INSERT INTO tenant_sequence (koperasi_id, id, last_value) VALUES ($1, 'member_number', 1)`, [koperasiId]);
  await row(
    `INSERT INTO member_status_change (koperasi_id, id, member_id, to_status, effective_on, reason) VALUES ($1, $2, $3, 'aktif', '2026-01-02', 'Pendaftaran anggota')`,
    [koperasiId, randomUUID(), memberId],
  );
  await row(
    `INSERT INTO member_contact_change (koperasi_id, member_id, channel, value_sealed, requested_by, code_expires_at) VALUES ($1, $2, 'email', 'v1.contoh.AAAA', $3, now())`,
    [koperasiId, memberId, userId],
  );
  await row(
    `INSERT INTO role_grant_request (koperasi_id, id, kind, member_id, change, grants, requested_by) VALUES ($1, $2, 'term', $3, '{}', '{pengurus}', $4)`,
    [koperasiId, randomUUID(), memberId, userId],
  );
  await row(`INSERT INTO member_heir (koperasi_id, id, member_id, full_name, relationship) VALUES ($1, $2, $3, 'Ahli Waris', 'anak')`, [
    koperasiId,
    randomUUID(),
    memberId,
  ]);
  await row(
    `INSERT INTO member_file (koperasi_id, member_id, kind, content_type, size_bytes, sha256, storage_key) VALUES ($1, $2, 'photo', 'image/jpeg', 10, 'abc', 'k/foto')`,
    [koperasiId, memberId],
  );
  await row(
    `INSERT INTO invitation (koperasi_id, id, email, name, role, token_hash, invited_by, expires_at)
     VALUES ($1, $2, 'undangan@contoh.id', 'Calon Kasir', 'kasir', $3, $4, now() + interval '1 day')`,
    [koperasiId, randomUUID(), `hash-${randomUUID()}`, userId],
  );
  await row(`INSERT INTO koperasi_module (koperasi_id, id, enabled) VALUES ($1, 'berita', true)`, [koperasiId]);
  await row(
    `INSERT INTO stored_file (koperasi_id, id, purpose, file_name, content_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, 'logo', 'logo.png', 'image/png', 10, 'abc', 'k/logo')`,
    [koperasiId, randomUUID()],
  );
  await row(`INSERT INTO audit_log (koperasi_id, id, actor_user_id, actor_role, action) VALUES ($1, $2, $3, 'admin', 'fixture')`, [
    koperasiId,
    randomUUID(),
    userId,
  ]);
  await seedLedgerRows(row, koperasiId, userId, memberId);
  return { koperasiId, userId };
}

/**
 * The ledger's tables, one row each: a control account with one member
 * account, and a PENDING entry with its one line (a posted entry needs two
 * balanced lines, which would be two rows in journal_line).
 */
async function seedLedgerRows(
  row: (sql: string, params: unknown[]) => Promise<unknown>,
  koperasiId: string,
  userId: string,
  memberId: string,
): Promise<void> {
  const accountId = randomUUID();
  const memberAccountId = randomUUID();
  const entryId = randomUUID();
  await row(
    `INSERT INTO gl_account (koperasi_id, id, code, name, type, normal_balance, is_control) VALUES ($1, $2, '2-1100', 'Simpanan Sukarela', 'liabilitas', 'credit', true)`,
    [koperasiId, accountId],
  );
  await row(`INSERT INTO member_account (koperasi_id, id, member_id, account_id) VALUES ($1, $2, $3, $4)`, [koperasiId, memberAccountId, memberId, accountId]);
  // One statement: the entry's line count is checked when it commits.
  await row(
    `WITH entry AS (
       INSERT INTO journal_entry (koperasi_id, id, status, business_date, description, source, line_count, created_by)
       VALUES ($1, $2, 'pending', '2026-01-02', 'Jurnal contoh', 'manual', 1, $3) RETURNING koperasi_id, id)
     INSERT INTO journal_line (koperasi_id, entry_id, line_no, account_id, member_account_id, debit, credit)
     SELECT koperasi_id, id, 1, $4, $5, 0, 1000 FROM entry`,
    [koperasiId, entryId, userId, accountId, memberAccountId],
  );
  await row(
    `INSERT INTO log_leaf (koperasi_id, entry_id, salt, leaf_data, leaf_hash) VALUES ($1, $2, decode(repeat('00', 32), 'hex'), decode(repeat('01', 33), 'hex'), decode(repeat('02', 32), 'hex'))`,
    [koperasiId, entryId],
  );
  await row(
    `INSERT INTO idempotency_key (koperasi_id, id, user_id, key, request_hash, status, response_status, response_body, completed_at)
     VALUES ($1, $2, $3, 'kunci-contoh', 'hash', 'completed', 201, '{}', now())`,
    [koperasiId, randomUUID(), userId],
  );
  await row(`INSERT INTO closed_period (koperasi_id, period_start, closed_by) VALUES ($1, '2025-12-01', $2)`, [koperasiId, userId]);
  await row(`INSERT INTO year_end_close (koperasi_id, book_year, entry_id, net_result, closed_by) VALUES ($1, 2024, NULL, 0, $2)`, [koperasiId, userId]);
  await row(
    `INSERT INTO journal_attachment (koperasi_id, id, entry_id, file_name, content_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, $3, 'kuitansi.pdf', 'application/pdf', 10, repeat('a', 64), 'k/lampiran')`,
    [koperasiId, randomUUID(), entryId],
  );
  await row(
    `INSERT INTO log_key (koperasi_id, purpose, key_name, verifier_key, sealed_signer_key) VALUES ($1, 'log', $2, 'contoh+00000000+AA==', '\\x00')`,
    [koperasiId, `contoh.id/k/${koperasiId}`],
  );
  await row(
    `INSERT INTO member_import (koperasi_id, id, file_sha256, file_name, status, rows_total) VALUES ($1, $2, repeat('b', 64), 'anggota.xlsx', 'done', 1)`,
    [koperasiId, randomUUID()],
  );
  await row(`INSERT INTO joining_account (koperasi_id, account_id) VALUES ($1, $2)`, [koperasiId, accountId]);
  const productId = randomUUID();
  await row(`INSERT INTO savings_product (koperasi_id, id, kind, code, name, account_id) VALUES ($1, $2, 'sukarela', 'SS', 'Simpanan Sukarela', $3)`, [
    koperasiId,
    productId,
    accountId,
  ]);
  await row(
    `INSERT INTO savings_product_terms (koperasi_id, product_id, effective_from, annual_rate_percent, interest_method) VALUES ($1, $2, '2026-01-01', 3, 'daily_balance')`,
    [koperasiId, productId],
  );
  await row(`INSERT INTO savings_hold (koperasi_id, id, member_account_id, amount, reason, created_by) VALUES ($1, $2, $3, 1000, 'Jaminan', $4)`, [
    koperasiId,
    randomUUID(),
    memberAccountId,
    userId,
  ]);
  await row(
    `INSERT INTO savings_withdrawal_request (koperasi_id, id, member_account_id, amount, description, requested_by, requested_at) VALUES ($1, $2, $3, 1000, 'Penarikan', $4, now())`,
    [koperasiId, randomUUID(), memberAccountId, userId],
  );
  await row(`INSERT INTO savings_receipt_print (koperasi_id, entry_id, print_no, printed_by, printed_at) VALUES ($1, $2, 1, $3, now())`, [koperasiId, entryId, userId]);
  await row(`INSERT INTO job_run (koperasi_id, job, business_date, status, started_at, finished_at) VALUES ($1, 'sukarela_interest_accrual', '2026-01-02', 'succeeded', now(), now())`, [
    koperasiId,
  ]);
  await row(
    `INSERT INTO savings_interest_day (koperasi_id, member_account_id, business_date, balance, annual_rate_percent, interest_method, min_earning_balance) VALUES ($1, $2, '2026-01-02', 1000, 3, 'daily_balance', 0)`,
    [koperasiId, memberAccountId],
  );
  await row(
    `INSERT INTO savings_interest_posting (koperasi_id, id, member_id, member_account_id, period, kind, business_date, interest, tax, journal_entry_id) VALUES ($1, $2, $3, $4, '2026-01', 'sukarela_interest', '2026-01-31', 1, 0, $5)`,
    [koperasiId, randomUUID(), memberId, memberAccountId, entryId],
  );
  await row(`INSERT INTO wajib_bill (koperasi_id, member_id, period, amount, billed_on) VALUES ($1, $2, '2026-01', 25000, '2026-01-31')`, [koperasiId, memberId]);
  await row(`INSERT INTO wajib_auto_debit (koperasi_id, member_id, from_member_account_id) VALUES ($1, $2, $3)`, [koperasiId, memberId, memberAccountId]);
  await row(`INSERT INTO savings_dormancy (koperasi_id, member_account_id, dormant_on, last_movement_on) VALUES ($1, $2, '2026-07-02', '2026-01-02')`, [
    koperasiId,
    memberAccountId,
  ]);
  await row(`INSERT INTO member_card (koperasi_id, id, member_id, serial) VALUES ($1, $2, $3, 'AAAAA-00001')`, [koperasiId, randomUUID(), memberId]);
  await row(
    `INSERT INTO member_settlement (koperasi_id, id, member_id, step, journal_entry_id, recipient) VALUES ($1, $2, $3, 'simpanan', $4, 'Anggota')`,
    [koperasiId, randomUUID(), memberId, entryId],
  );
  await row(`INSERT INTO membership_application (koperasi_id, id, member_id, channel, entered_by) VALUES ($1, $2, $3, 'loket', $4)`, [
    koperasiId,
    randomUUID(),
    memberId,
    userId,
  ]);
  await row(
    `INSERT INTO structure_term (koperasi_id, id, member_id, body, position, start_on, end_on) VALUES ($1, $2, $3, 'pengurus', 'ketua', '2026-01-02', '2030-12-31')`,
    [koperasiId, randomUUID(), memberId],
  );
  await row(`INSERT INTO employee (koperasi_id, id, full_name, job_title, start_on) VALUES ($1, $2, 'Karyawan Contoh', 'Juru buku', '2026-01-02')`, [
    koperasiId,
    randomUUID(),
  ]);
  // A screening list is platform data; the match it produced is the cooperative's.
  const versionId = randomUUID();
  await row(
    `INSERT INTO screening_list_version (id, list_name, version, file_sha256, entry_count, uploaded_by) VALUES ($1, $2, 1, repeat('c', 64), 1, $3)`,
    [versionId, `Daftar ${koperasiId.slice(0, 8)}`, userId],
  );
  await row(`INSERT INTO screening_list_entry (version_id, line_no, name, name_keys, entry_key) VALUES ($1, 1, 'Nama Tercatat', '{nama tercatat}', 'kunci')`, [versionId]);
  await row(
    `INSERT INTO screening_match (koperasi_id, id, member_id, version_id, line_no, entry_key, matched_on, listed_name) VALUES ($1, $2, $3, $4, 1, 'kunci', 'nama', 'Nama Tercatat')`,
    [koperasiId, randomUUID(), memberId, versionId],
  );
  await row(`INSERT INTO log_node (koperasi_id, level, idx, hash) VALUES ($1, 0, 0, decode(repeat('02', 32), 'hex'))`, [koperasiId]);
  await row(
    `INSERT INTO log_checkpoint (koperasi_id, tree_size, root_hash, signed_note) VALUES ($1, 1, decode(repeat('02', 32), 'hex'), 'contoh')`,
    [koperasiId],
  );
  await row(`INSERT INTO log_cosignature (koperasi_id, tree_size, witness_name, signature_line) VALUES ($1, 1, 'saksi.contoh.id', 'contoh')`, [
    koperasiId,
  ]);
  await row(
    `INSERT INTO witness_state (koperasi_id, origin, tree_size, root_hash, signed_checkpoint) VALUES ($1, 'lain.contoh.id/k/lain', 1, decode(repeat('02', 32), 'hex'), 'contoh')`,
    [koperasiId],
  );
  await row(`INSERT INTO koperasi_payment_setting (koperasi_id, staff_pin_above) VALUES ($1, 0)`, [koperasiId]);
  await row(`INSERT INTO koperasi_fee_bearer (koperasi_id, kind, bearer) VALUES ($1, 'qr_transfer', 'member')`, [koperasiId]);
  await row(
    `INSERT INTO fee_quote (koperasi_id, id, user_id, kind, amount, fee, total, rate, bearer, expires_at) VALUES ($1, $2, $3, 'qr_transfer', 1000, 8, 1008, 7500, 'member', now())`,
    [koperasiId, randomUUID(), userId],
  );
  await row(`INSERT INTO koperasi_notice (koperasi_id, id, kind, title, body) VALUES ($1, $2, 'commission_rate', 'Judul', 'Isi')`, [koperasiId, randomUUID()]);
  // A member's consent and her request about her data.
  await row(`INSERT INTO privacy_consent (koperasi_id, id, user_id, purpose, given, notice_version) VALUES ($1, $2, $3, 'pemasaran', true, '2026-12-08')`, [koperasiId, randomUUID(), userId]);
  await row(
    `INSERT INTO privacy_request (koperasi_id, id, user_id, kind, details, received_at, due_at) VALUES ($1, $2, $3, 'akses', 'Uji', now(), now() + interval '72 hours')`,
    [koperasiId, randomUUID(), userId],
  );
  await row(
    `INSERT INTO breach_drill (koperasi_id, id, started_by, started_at, due_at, notice_title, notice_body) VALUES ($1, $2, $3, now(), now() + interval '72 hours', 'LATIHAN', 'Uji')`,
    [koperasiId, randomUUID(), userId],
  );
  // Loans: a product (its GL accounts only need to exist here), an approved application, its schedule and a repayment.
  const loanProductId = randomUUID();
  await row(
    `INSERT INTO loan_product (koperasi_id, id, code, name, receivable_account_id, interest_income_account_id, charges_income_account_id, denda_income_account_id)
     VALUES ($1, $2, 'PU', 'Pinjaman Umum', $3, $3, $3, $3)`,
    [koperasiId, loanProductId, accountId],
  );
  await row(
    `INSERT INTO loan_product_terms (koperasi_id, product_id, effective_from, interest_method, monthly_rate_percent, repayment_frequency, tenor_min, tenor_max, amount_min, amount_max)
     VALUES ($1, $2, '2026-01-01', 'flat', 1.5, 'monthly', 1, 12, 100000, 10000000)`,
    [koperasiId, loanProductId],
  );
  const loanId = randomUUID();
  await row(
    `INSERT INTO loan (koperasi_id, id, member_id, product_id, terms_from, purpose, principal, tenor, channel, status, approvals_required, applied_by, applied_at)
     VALUES ($1, $2, $3, $4, '2026-01-01', 'Modal usaha', 1000000, 12, 'staff', 'approved', 1, $5, now())`,
    [koperasiId, loanId, memberId, loanProductId, userId],
  );
  await row(`INSERT INTO loan_approval (koperasi_id, loan_id, step, approved_by, approved_at) VALUES ($1, $2, 1, $3, now())`, [koperasiId, loanId, userId]);
  await row(`INSERT INTO loan_installment (koperasi_id, loan_id, period, due_date, principal_due, interest_due) VALUES ($1, $2, 1, '2026-02-02', 1000000, 15000)`, [
    koperasiId,
    loanId,
  ]);
  await row(
    `INSERT INTO loan_repayment (koperasi_id, id, loan_id, entry_id, paid_from, payoff, amount, denda, interest, principal, allocation, paid_on, created_by, created_at)
     VALUES ($1, $2, $3, $2, 'cash', false, 1, 0, 0, 1, '[]', '2026-01-02', $4, now())`,
    [koperasiId, entryId, loanId, userId],
  );
  await row(
    `INSERT INTO shu_setting (koperasi_id, effective_from, cadangan_bp, jasa_modal_bp, jasa_usaha_bp, dana_pengurus_bp, dana_karyawan_bp, dana_pendidikan_bp, dana_sosial_bp) VALUES ($1, '2026-01-01', 4000, 2000, 2000, 500, 500, 500, 500)`,
    [koperasiId],
  );
  await row(
    `INSERT INTO shu_calculation (koperasi_id, book_year, status, shu_amount, allocation, pools, unshared, jasa_modal_measure, jasa_usaha_measure, counted_product_ids, year_days,
       total_basis_jasa_modal, total_basis_jasa_usaha, members_total, member_count, calculated_by, calculated_at)
     VALUES ($1, 2024, 'calculated', 100, '{}', '{}', '{}', 'daily_average', 'interest_paid', '{}', 366, 1, 0, 20, 1, $2, now())`,
    [koperasiId, userId],
  );
  await row(
    `INSERT INTO shu_member_share (koperasi_id, book_year, member_id, member_number, jasa_modal_basis, jasa_modal_exact, jasa_modal_amount, jasa_usaha_basis, jasa_usaha_exact, jasa_usaha_amount, total)
     VALUES ($1, 2024, $2, 'AGT-000001', 1, 20, 20, 0, 0, 0, 20)`,
    [koperasiId, memberId],
  );
}
