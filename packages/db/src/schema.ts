import type { ColumnType, Generated } from "kysely";
import type { MembershipTables } from "./membership-schema";
import type { SavingsTables } from "./savings-schema";
import type { JobTables } from "./jobs-schema";
import type { DeploymentTables } from "./deployment-schema";
import type { PrivacyTables } from "./privacy-schema";
import type { PaymentTables } from "./payments-schema";
import type { LoanTables } from "./loans-schema";
import type { ShuCalculationTable, ShuMemberShareTable, ShuSettingTable } from "./shu-schema";
import type { MonitoringTables } from "./monitoring-schema";

/** timestamptz: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  twoFactorEnabled: boolean | null;
  phoneNumber: string | null;
  phoneNumberVerified: boolean | null;
}

export interface PlatformOperatorTable {
  user_id: string;
  created_at: CreatedAt;
}

export type KoperasiStatus = "pending" | "approved" | "rejected" | "suspended";

export interface KoperasiTable {
  id: string;
  slug: string;
  name: string;
  type: string;
  nomor_induk_koperasi: string | null;
  nomor_badan_hukum: string | null;
  nib: string | null;
  address: string;
  city: string;
  province: string;
  postal_code: string | null;
  time_zone: string;
  email: string;
  phone: string;
  status: KoperasiStatus;
  review_note: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  primary_color: Generated<string>;
  logo_file_id: string | null;
  mfa_required: Generated<boolean>;
  member_number_prefix: Generated<string>;
  created_by: string;
  /** When its end-of-day jobs begin; null: when the cooperative was made. */
  jobs_start_at: Generated<Date | string | null>;
  created_at: CreatedAt;
}

export interface RegistrationTable {
  id: string;
  resume_token_hash: string;
  details: ColumnType<unknown, string, string>;
  user_id: string;
  email: string;
  phone: string;
  email_verified_at: Timestamp | null;
  phone_verified_at: Timestamp | null;
  koperasi_id: string | null;
  submitted_at: Timestamp | null;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface RegistrationDocumentTable {
  registration_id: string;
  kind: "akta" | "sk_badan_hukum";
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: CreatedAt;
}

export interface VerificationCodeTable {
  id: string;
  purpose: string;
  channel: "email" | "phone";
  target: string;
  subject_id: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: CreatedAt;
}

/** A fixed-window counter shared by every server process; the key is an HMAC of what it counts. */
export interface RequestLimitTable {
  key: string;
  hits: number;
  window_ends_at: Timestamp;
}

/** Failed sign-ins for one account key (an HMAC of the normalised email or phone). */
export interface SignInFailureTable {
  account_key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface OutboundMessageTable {
  id: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  koperasi_id: string | null;
  status: "queued" | "sent" | "failed" | "held";
  error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface KoperasiUserTable {
  koperasi_id: string;
  id: string;
  user_id: string;
  roles: string[];
  positions: Generated<string[]>;
  status: Generated<"active" | "disabled">;
  created_at: CreatedAt;
}

export interface MemberTable {
  koperasi_id: string;
  id: string;
  member_number: string;
  full_name: string;
  user_id: string | null;
  status: Generated<"calon" | "aktif" | "keluar" | "meninggal" | "diberhentikan">;
  joined_on: ColumnType<string, string, string>;
  created_at: CreatedAt;
  member_type: Generated<"perorangan" | "badan_hukum">;
  /** lower(member_number), kept by the database for prefix search. */
  member_number_folded: ColumnType<string, never, never>;
  /** Sealed by the server (members/member-pii.ts); never plaintext. */
  nik_sealed: string | null;
  /** Blind index (HMAC) of the normalised NIK, for exact lookup and uniqueness. */
  nik_index: string | null;
  phone_sealed: string | null;
  phone_index: string | null;
  mother_maiden_name_sealed: string | null;
  /** The key the row's sealed fields and blind indexes were made with. */
  pii_key_id: string | null;
  birth_place: string | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  gender: "male" | "female" | null;
  marital_status: "belum_kawin" | "kawin" | "cerai_hidup" | "cerai_mati" | null;
  address: string | null;
  email: string | null;
  occupation: string | null;
  nomor_badan_hukum: string | null;
  nomor_induk_koperasi: string | null;
  source_of_funds: "gaji" | "usaha" | "pensiun" | "hasil_investasi" | "warisan" | "hibah" | "lainnya" | null;
  source_of_funds_other: string | null;
  updated_at: Timestamp | null;
}

/** Maintained by a trigger on member.full_name: one row per searchable word. */
/** Kept by triggers on member; read-only to the application. */
export interface MemberTallyTable {
  koperasi_id: string;
  status: MemberStatus;
  member_type: "perorangan" | "badan_hukum";
  n: ColumnType<string, never, never>;
}

export interface MemberNameTokenTable {
  koperasi_id: string;
  token: string;
  member_id: string;
  /** The member's number, beside each token so name searches sort and count from the index. */
  member_number: string;
}

export type MemberStatus = "calon" | "aktif" | "keluar" | "meninggal" | "diberhentikan";

/** Append-only. */
export interface MemberStatusChangeTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  from_status: MemberStatus | null;
  to_status: MemberStatus;
  effective_on: ColumnType<string, string, never>;
  reason: string;
  changed_by: string | null;
  created_at: CreatedAt;
}

export interface MemberHeirTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  full_name: string;
  relationship: "suami" | "istri" | "anak" | "orang_tua" | "saudara_kandung" | "cucu" | "lainnya";
  phone_sealed: string | null;
  pii_key_id: string | null;
  share_bp: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp | null;
}

export interface MemberFileTable {
  koperasi_id: string;
  member_id: string;
  kind: "photo" | "ktp";
  content_type: "image/jpeg";
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

/** A spreadsheet of members submitted for import; one per file (by SHA-256) and cooperative. */
export interface MemberImportTable {
  koperasi_id: string;
  id: string;
  file_sha256: string;
  file_name: string;
  status: "running" | "done" | "failed";
  rows_total: number;
  rows_done: Generated<number>;
  error_message: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

/** A printed member card; revoked, never deleted. */
export interface MemberCardTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  /** Printed on the card: `XXXXX-XXXXX`. */
  serial: string;
  issued_at: CreatedAt;
  issued_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  replaced_by: string | null;
}

/** A member's own new phone or e-mail, waiting for the code sent to it; sealed (members/member-pii.ts), never plaintext. */
export interface MemberContactChangeTable {
  koperasi_id: string;
  member_id: string;
  channel: "phone" | "email";
  value_sealed: string;
  requested_by: string;
  /** When the code sent for this value expires: only that code confirms it. */
  code_expires_at: Timestamp;
  /** When she asked; a new request replaces the row and its time. */
  created_at: Timestamp;
}

export interface RoleGrantRequestTable {
  koperasi_id: string;
  id: string;
  kind: "user_roles" | "term";
  subject_user_id: string | null;
  koperasi_user_id: string | null;
  member_id: string | null;
  /** What the approval applies: the roles/positions/status to set, or the term to appoint. */
  change: ColumnType<unknown, string, never>;
  grants: string[];
  requested_by: string;
  requested_at: CreatedAt;
  status: Generated<"pending" | "approved" | "rejected">;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface TenantSequenceTable {
  koperasi_id: string;
  id: string;
  last_value: ColumnType<string, number | bigint | string, number | bigint | string>;
}

export interface InvitationTable {
  koperasi_id: string;
  id: string;
  email: string | null;
  phone: string | null;
  name: string;
  role: string;
  position: string | null;
  token_hash: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface KoperasiModuleTable {
  koperasi_id: string;
  id: string;
  enabled: boolean;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StoredFileTable {
  koperasi_id: string;
  id: string;
  purpose: "logo" | "akta" | "sk_badan_hukum";
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  koperasi_id: string;
  id: string;
  actor_user_id: string | null;
  actor_role: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
}

// The general ledger (migration 20261128004000_ledger.sql). bigint columns
// read as string (node-postgres) or number (PGlite): convert with
// rupiahFromBigInt / Number on the way out.
type BigIntColumn = ColumnType<string | number, number | bigint | string, number | bigint | string>;
type DateColumn = ColumnType<string, string, string>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface GlAccountTable {
  koperasi_id: string;
  id: string;
  code: string;
  name: string;
  type: "aset" | "liabilitas" | "ekuitas" | "pendapatan" | "beban";
  normal_balance: "debit" | "credit";
  parent_id: string | null;
  is_group: Generated<boolean>;
  is_control: Generated<boolean>;
  status: Generated<"open" | "closed">;
  created_by: string | null;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
}

export interface MemberAccountTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  account_id: string;
  balance: ColumnType<string | number, number | bigint | string | undefined, number | bigint | string>;
  allow_negative: Generated<boolean>;
  status: Generated<"open" | "closed">;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
  /** Set when the account opens (by default the first active product on its control account). */
  savings_product_id: ColumnType<string | null, string | null | undefined, never>;
}

export type JournalEntryStatus = "pending" | "posted" | "rejected";

export interface JournalEntryTable {
  koperasi_id: string;
  id: string;
  status: JournalEntryStatus;
  voucher_no: string | null;
  business_date: DateColumn;
  description: string;
  source: string;
  source_ref: string | null;
  line_count: number;
  reverses_entry_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  approved_by: string | null;
  rejected_by: string | null;
  rejected_at: Timestamp | null;
  posted_at: Timestamp | null;
}

export interface JournalLineTable {
  koperasi_id: string;
  entry_id: string;
  line_no: number;
  account_id: string;
  member_account_id: string | null;
  debit: BigIntColumn;
  credit: BigIntColumn;
}

export interface LogLeafTable {
  koperasi_id: string;
  entry_id: string;
  seq: BigIntColumn | null;
  salt: Bytes;
  leaf_data: Bytes;
  leaf_hash: Bytes;
  created_at: CreatedAt;
}

export interface LogKeyTable {
  koperasi_id: string;
  purpose: "log" | "witness";
  key_name: string;
  verifier_key: string;
  sealed_signer_key: Bytes;
  created_at: CreatedAt;
}

export interface LogNodeTable {
  koperasi_id: string;
  level: number;
  idx: BigIntColumn;
  hash: Bytes;
}

export interface LogCheckpointTable {
  koperasi_id: string;
  tree_size: BigIntColumn;
  root_hash: Bytes;
  signed_note: string;
  created_at: CreatedAt;
}

export interface LogCosignatureTable {
  koperasi_id: string;
  tree_size: BigIntColumn;
  witness_name: string;
  signature_line: string;
  created_at: CreatedAt;
}

/** What a cooperative, as a witness, last cosigned per log origin (c2sp.org/tlog-witness); forward only. */
export interface WitnessStateTable {
  koperasi_id: string;
  origin: string;
  tree_size: BigIntColumn;
  root_hash: Bytes;
  signed_checkpoint: string;
  updated_at: Generated<Date>;
}

export interface IdempotencyKeyTable {
  koperasi_id: string;
  id: string;
  user_id: string;
  key: string;
  request_hash: string;
  status: "in_progress" | "completed";
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  created_at: CreatedAt;
  completed_at: Timestamp | null;
}

export interface ClosedPeriodTable {
  koperasi_id: string;
  period_start: DateColumn;
  closed_by: string | null;
  closed_at: CreatedAt;
}

export interface YearEndCloseTable {
  koperasi_id: string;
  book_year: number;
  /** The closing entry (voucher TB); null when the year had no income or expense at all. */
  entry_id: string | null;
  /** SHU (positive) or loss (negative) moved into SHU tahun berjalan, whole Rupiah. */
  net_result: ColumnType<string | number, number | bigint | string, never>;
  closed_by: string | null;
  closed_at: CreatedAt;
}

export interface JournalAttachmentTable {
  koperasi_id: string;
  id: string;
  entry_id: string;
  file_name: string;
  content_type: "application/pdf" | "image/jpeg" | "image/png";
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DB extends MembershipTables, SavingsTables, JobTables, DeploymentTables, PrivacyTables, PaymentTables, LoanTables, MonitoringTables {
  user: UserTable;
  platform_operator: PlatformOperatorTable;
  koperasi: KoperasiTable;
  registration: RegistrationTable;
  registration_document: RegistrationDocumentTable;
  verification_code: VerificationCodeTable;
  outbound_message: OutboundMessageTable;
  request_limit: RequestLimitTable;
  sign_in_failure: SignInFailureTable;
  koperasi_user: KoperasiUserTable;
  member: MemberTable;
  member_card: MemberCardTable;
  member_contact_change: MemberContactChangeTable;
  role_grant_request: RoleGrantRequestTable;
  member_import: MemberImportTable;
  member_name_token: MemberNameTokenTable;
  member_tally: MemberTallyTable;
  member_status_change: MemberStatusChangeTable;
  member_heir: MemberHeirTable;
  member_file: MemberFileTable;
  tenant_sequence: TenantSequenceTable;
  invitation: InvitationTable;
  koperasi_module: KoperasiModuleTable;
  stored_file: StoredFileTable;
  audit_log: AuditLogTable;
  gl_account: GlAccountTable;
  member_account: MemberAccountTable;
  journal_entry: JournalEntryTable;
  journal_line: JournalLineTable;
  log_leaf: LogLeafTable;
  log_key: LogKeyTable;
  log_node: LogNodeTable;
  log_checkpoint: LogCheckpointTable;
  log_cosignature: LogCosignatureTable;
  witness_state: WitnessStateTable;
  idempotency_key: IdempotencyKeyTable;
  closed_period: ClosedPeriodTable;
  year_end_close: YearEndCloseTable;
  journal_attachment: JournalAttachmentTable;
  structure_term: StructureTermTable;
  employee: EmployeeTable;
  shu_setting: ShuSettingTable;
  shu_calculation: ShuCalculationTable;
  shu_member_share: ShuMemberShareTable;
}

export interface StructureTermTable {
  koperasi_id: string;
  id: string;
  member_id: string;
  body: "pengurus" | "pengawas";
  position: string;
  start_on: ColumnType<string, string, never>;
  /** The last day in office; only ever moved forward (ending a term early). */
  end_on: ColumnType<string, string, string>;
  appointed_by: string | null;
  ended_early_by: string | null;
  ended_early_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface EmployeeTable {
  koperasi_id: string;
  id: string;
  full_name: string;
  job_title: string;
  start_on: ColumnType<string, string, string>;
  end_on: ColumnType<string | null, string | null | undefined, string | null>;
  koperasi_user_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

// The backups' record, merged into DB (backup-schema.ts).
import type { BackupTables } from "./backup-schema";
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DB extends BackupTables {}
