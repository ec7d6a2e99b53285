import { DomainError } from "./errors";

// The one permission matrix (role × action). The server checks it on every
// route; the web app only uses it to hide what would be refused. Each row
// names the roles allowed outright and the pengurus positions that add the
// action, so it renders directly as a documentation table.

export type Role = "operator" | "admin" | "pengurus" | "pengawas" | "kasir" | "anggota";

export const ROLES: readonly Role[] = ["operator", "admin", "pengurus", "pengawas", "kasir", "anggota"];

/** Roles inside a cooperative; `operator` belongs to the platform. */
export const TENANT_ROLES: readonly Role[] = ["admin", "pengurus", "pengawas", "kasir", "anggota"];

export type StandardPosition = "ketua" | "wakil_ketua" | "sekretaris" | "bendahara";

export const STANDARD_POSITIONS: readonly StandardPosition[] = ["ketua", "wakil_ketua", "sekretaris", "bendahara"];

/**
 * A cooperative may name other positions in its AD/ART ("bendahara II",
 * "ketua bidang usaha"); they are recorded but add no permissions, since only
 * the standard positions have duties this software knows about.
 */
export type Position = StandardPosition | (string & Record<never, never>);

type Label = { readonly id: string; readonly en: string };

export const ROLE_LABELS: Readonly<Record<Role, Label>> = {
  operator: { id: "Operator platform", en: "Platform operator" },
  admin: { id: "Admin", en: "Administrator" },
  pengurus: { id: "Pengurus", en: "Board (pengurus)" },
  pengawas: { id: "Pengawas", en: "Supervisor (pengawas)" },
  kasir: { id: "Kasir", en: "Teller" },
  anggota: { id: "Anggota", en: "Member" },
};

export const POSITION_LABELS: Readonly<Record<StandardPosition, Label>> = {
  ketua: { id: "Ketua", en: "Chair" },
  wakil_ketua: { id: "Wakil Ketua", en: "Vice chair" },
  sekretaris: { id: "Sekretaris", en: "Secretary" },
  bendahara: { id: "Bendahara", en: "Treasurer" },
};

export const ACTIONS = [
  "koperasi.view_profile",
  "koperasi.update_profile",
  "koperasi.manage_modules",
  "koperasi.view_audit",
  "users.invite",
  "users.manage_roles",
  "users.require_mfa",
  "users.approve_role_grant",
  "members.view",
  "members.view_self",
  "members.create",
  "members.update",
  "members.approve",
  "members.card_self",
  "members.card_issue",
  "members.card_revoke",
  "members.card_resolve",
  "members.export_self",
  "members.update_contact_self",
  "members.enter_application",
  "members.leave",
  "members.review_screening",
  "privacy.rights_self",
  "privacy.manage_requests",
  "savings.view",
  "savings.view_self",
  "savings.deposit",
  "savings.withdraw",
  "savings.approve_withdrawal",
  "savings.manage_holds",
  "savings.manage_products",
  "journal.view",
  "journal.post_manual",
  "journal.approve",
  "ledger.transfer",
  "ledger.manage_accounts",
  "ledger.open_member_account",
  "ledger.close_period",
  "ledger.reopen_period",
  "reports.view",
  "structure.view",
  "structure.manage",
  "platform.review_registrations",
  "platform.view_outbox",
  "platform.access_tenant",
  "platform.manage_fees",
  "platform.manage_screening_lists",
] as const;

export type Action = (typeof ACTIONS)[number];

/**
 * - `platform`: the deployment as a whole (operator only);
 * - `tenant`: a cooperative's data;
 * - `self`: the signed-in member's own records within a cooperative — the
 *   route must still check that the record is theirs.
 */
export type ActionScope = "platform" | "tenant" | "self";

export interface ActionInfo {
  readonly scope: ActionScope;
  /** Reads only; never changes data. Pengawas and operator access stay within these. */
  readonly readOnly: boolean;
  readonly label: Label;
}

export const ACTION_INFO: Readonly<Record<Action, ActionInfo>> = {
  "koperasi.view_profile": tenantRead("Melihat profil koperasi", "View the cooperative's profile"),
  "koperasi.update_profile": tenantWrite("Mengubah profil koperasi", "Update the cooperative's profile"),
  "koperasi.manage_modules": tenantWrite("Mengatur modul", "Switch modules on and off"),
  "koperasi.view_audit": tenantRead("Melihat log audit", "View the audit log"),
  "users.invite": tenantWrite("Mengundang pengguna", "Invite users"),
  "users.manage_roles": tenantWrite("Mengatur peran pengguna", "Manage user roles"),
  "users.approve_role_grant": tenantWrite("Menyetujui pemberian peran keuangan atau admin", "Approve a grant of money or admin roles"),
  "users.require_mfa": tenantWrite("Mewajibkan verifikasi dua langkah", "Make two-factor authentication mandatory"),
  "members.view": tenantRead("Melihat data anggota", "View members"),
  "members.view_self": selfRead("Melihat data diri sendiri", "View own member record"),
  "members.create": tenantWrite("Menambah anggota", "Add members"),
  "members.update": tenantWrite("Mengubah data anggota", "Update members"),
  "members.approve": tenantWrite("Menyetujui keanggotaan", "Approve membership"),
  "members.card_self": selfRead("Melihat dan mengunduh kartu anggota sendiri", "View and download own member card"),
  "members.card_issue": tenantWrite("Mencetak kartu anggota", "Print member cards"),
  "members.card_revoke": tenantWrite("Mencabut kartu anggota yang hilang dan menerbitkan penggantinya", "Revoke a lost member card and issue its replacement"),
  "members.card_resolve": tenantWrite("Memindai kartu anggota di loket (dicatat di log audit)", "Scan member cards at the counter (recorded in the audit log)"),
  "members.export_self": selfRead("Mengunduh seluruh data pribadi sendiri", "Download all own personal data"),
  "members.update_contact_self": selfWrite("Mengubah nomor HP atau email sendiri (dengan kode verifikasi)", "Change own phone or e-mail (with a verification code)"),
  "members.enter_application": tenantWrite("Menginput permohonan calon anggota di loket", "Enter membership applications at the counter"),
  "members.leave": tenantWrite("Memproses anggota keluar dan membayarkan simpanannya", "Process a member leaving and pay out her savings"),
  "privacy.rights_self": selfWrite("Memberi atau menarik persetujuan dan mengajukan permintaan atas data pribadi sendiri", "Give or withdraw consent and make requests about own personal data"),
  "privacy.manage_requests": tenantWrite("Menangani permintaan anggota atas data pribadinya (batas 3 × 24 jam)", "Handle members' requests about their personal data (due in 3 × 24 hours)"),
  "members.review_screening": tenantWrite("Memutuskan kecocokan daftar penyaringan (DTTOT)", "Decide screening-list matches (DTTOT)"),
  "savings.view": tenantRead("Melihat simpanan anggota", "View members' savings"),
  "savings.view_self": selfRead("Melihat simpanan sendiri", "View own savings"),
  "savings.deposit": tenantWrite("Menerima setoran simpanan", "Take savings deposits"),
  "savings.withdraw": tenantWrite("Membayar penarikan simpanan", "Pay out savings withdrawals"),
  "savings.approve_withdrawal": tenantWrite("Menyetujui penarikan simpanan di atas batas (bukan oleh pembuatnya)", "Approve savings withdrawals above the limit (not by their maker)"),
  "savings.manage_holds": tenantWrite("Menahan dan melepas dana simpanan anggota", "Place and release holds on members' savings"),
  "savings.manage_products": tenantWrite("Mengatur produk simpanan dan ketentuannya", "Manage savings products and their terms"),
  "journal.view": tenantRead("Melihat jurnal", "View the journal"),
  "journal.post_manual": tenantWrite("Membuat jurnal manual", "Post manual journal entries"),
  "journal.approve": tenantWrite("Menyetujui jurnal", "Approve journal entries"),
  "ledger.transfer": tenantWrite("Memindahkan dana antarakun", "Transfer between accounts"),
  "ledger.manage_accounts": tenantWrite("Mengatur bagan akun", "Manage the chart of accounts"),
  "ledger.open_member_account": tenantWrite("Membuka rekening anggota", "Open member accounts"),
  "ledger.close_period": tenantWrite("Menutup periode dan tutup buku", "Close periods and book years"),
  "ledger.reopen_period": tenantWrite("Membuka kembali periode yang ditutup (diaudit)", "Reopen a closed period (audited)"),
  "reports.view": tenantRead("Melihat laporan keuangan", "View financial reports"),
  "structure.view": tenantRead("Melihat struktur organisasi", "View the organisation structure"),
  "structure.manage": tenantWrite("Mengangkat dan memberhentikan pengurus, pengawas, karyawan", "Appoint and end pengurus, pengawas and staff"),
  "platform.review_registrations": platform("Meninjau pendaftaran koperasi", "Review cooperative registrations", false),
  "platform.view_outbox": platform("Melihat kotak keluar pesan", "View the message outbox", true),
  "platform.access_tenant": platform("Mengakses data koperasi (diaudit)", "Access a cooperative's data (audited)", true),
  "platform.manage_fees": platform("Mengatur komisi platform", "Set platform commission", false),
  "platform.manage_screening_lists": platform("Mengunggah daftar penyaringan (DTTOT)", "Upload screening lists (DTTOT)", false),
};

export interface PermissionRow {
  /** Roles allowed this action whatever their position. */
  readonly roles: readonly Role[];
  /** Pengurus positions that add this action (only while the role is pengurus). */
  readonly positions: readonly StandardPosition[];
}

// Why the rows are as they are:
// - admin runs the cooperative's account (profile, modules, users, the
//   member registry), not its money: journal and reports belong to
//   pengurus and pengawas.
// - every pengurus sees the books; the position adds duties: the ketua
//   approves (members, journals), the sekretaris keeps the member registry
//   and correspondence, the bendahara alone posts manual journals and moves
//   funds between accounts; the wakil ketua deputises for membership
//   approval. The chart of accounts is set-up work: the admin lays it out
//   when the cooperative starts, the bendahara keeps it; neither moves money
//   by adding or closing an account. Maker–checker (poster ≠ approver) is
//   enforced on the record. The bendahara closes months and the book year
//   (tutup buku); reopening a closed month undoes a control, so it belongs
//   to the ketua alone (and is audited).
// - opening a member's account moves no money: the counter (kasir) does it
//   for members, the admin when setting the cooperative up, the bendahara
//   as keeper of the books.
// - pengawas is oversight: reads everything a pengurus reads plus the audit
//   log, and never writes.
// - kasir serves the counter: member lookup, deposits, withdrawals.
// - anggota sees their own records only.
// - member cards: the counter (kasir) scans them, prints them and replaces a
//   lost one while the member stands there; the admin and the sekretaris
//   (keeper of the member registry) may do the same from the office. Every
//   pengurus and the admin may scan, to check a member at a meeting (RAT).
//   A scan is recorded in the audit log, so it is not read-only oversight
//   and pengawas does not scan. A member sees and downloads her own card and
//   all her personal data (her right under the data-protection law).
// - operator runs the platform; a cooperative's data only through the
//   audited `platform.access_tenant` (see OPERATOR_TENANT_ACCESS_ACTIONS).
// - the structure (pengurus, pengawas, karyawan) is public to every member;
//   the admin records it as the RAT decided, as do the ketua and the
//   sekretaris (who keeps the cooperative's records).
export const matrix: Readonly<Record<Action, PermissionRow>> = {
  "koperasi.view_profile": row(["admin", "pengurus", "pengawas", "kasir", "anggota"]),
  "koperasi.update_profile": row(["admin"], ["ketua", "sekretaris"]),
  "koperasi.manage_modules": row(["admin"]),
  "koperasi.view_audit": row(["admin", "pengawas"]),
  "users.invite": row(["admin"], ["ketua", "sekretaris"]),
  "users.manage_roles": row(["admin"]),
  "users.require_mfa": row(["admin"]),
  // The second person for money and admin roles (role-grants.ts): another
  // admin or the ketua; the pengawas where the cooperative has one admin.
  "users.approve_role_grant": row(["admin", "pengawas"], ["ketua"]),
  "members.view": row(["admin", "pengurus", "pengawas", "kasir"]),
  "members.view_self": row(["anggota"]),
  "members.create": row(["admin"], ["ketua", "sekretaris"]),
  "members.update": row(["admin"], ["ketua", "sekretaris"]),
  "members.approve": row([], ["ketua", "wakil_ketua"]),
  "members.card_self": row(["anggota"]),
  "members.card_issue": row(["admin", "kasir"], ["sekretaris"]),
  "members.card_revoke": row(["admin", "kasir"], ["sekretaris"]),
  "members.card_resolve": row(["admin", "pengurus", "kasir"]),
  "members.export_self": row(["anggota"]),
  // Her own phone or e-mail, once she proves she holds the new one; staff correct the rest.
  "members.update_contact_self": row(["anggota"]),
  // Joining and leaving: the counter enters applications, a pengurus other
  // than whoever entered one accepts it (members.approve); the ketua or
  // bendahara settle and record a member leaving (money leaves the till).
  "members.enter_application": row(["admin", "kasir"], ["ketua", "sekretaris"]),
  "members.leave": row([], ["ketua", "bendahara"]),
  // Screening matches are oversight (UU 25/1992 art. 39): the pengawas'
  // one decision that is not a read.
  "members.review_screening": row(["pengawas"]),
  "privacy.rights_self": row(["anggota"]),
  "privacy.manage_requests": row(["admin"], ["ketua", "sekretaris"]),
  "savings.view": row(["pengurus", "pengawas", "kasir"]),
  "savings.view_self": row(["anggota"]),
  "savings.deposit": row(["kasir"]),
  "savings.withdraw": row(["kasir"]),
  // A large withdrawal waits for a second person: the ketua or the bendahara,
  // never whoever entered it (enforced on the record). Holds and products are
  // the bendahara's, as keeper of the members' funds.
  "savings.approve_withdrawal": row([], ["ketua", "bendahara"]),
  "savings.manage_holds": row([], ["bendahara"]),
  "savings.manage_products": row([], ["bendahara"]),
  "journal.view": row(["pengurus", "pengawas"]),
  "journal.post_manual": row([], ["bendahara"]),
  "journal.approve": row([], ["ketua"]),
  "ledger.transfer": row([], ["bendahara"]),
  "ledger.manage_accounts": row(["admin"], ["bendahara"]),
  "ledger.open_member_account": row(["admin", "kasir"], ["bendahara"]),
  "ledger.close_period": row([], ["bendahara"]),
  "ledger.reopen_period": row([], ["ketua"]),
  "reports.view": row(["pengurus", "pengawas"]),
  "structure.view": row(["admin", "pengurus", "pengawas", "kasir", "anggota"]),
  "structure.manage": row(["admin"], ["ketua", "sekretaris"]),
  "platform.review_registrations": row(["operator"]),
  "platform.view_outbox": row(["operator"]),
  "platform.access_tenant": row(["operator"]),
  "platform.manage_fees": row(["operator"]),
  "platform.manage_screening_lists": row(["operator"]),
};

/**
 * What an operator may see inside a cooperative once the server has checked
 * `platform.access_tenant` and written the audit record: the cooperative's
 * data, read-only — never a write, never a member's "self" view.
 */
export const OPERATOR_TENANT_ACCESS_ACTIONS: readonly Action[] = ACTIONS.filter(
  (action) => ACTION_INFO[action].scope === "tenant" && ACTION_INFO[action].readOnly,
);

export interface Subject {
  readonly roles: readonly Role[];
  readonly positions?: readonly Position[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === "string" && (ACTIONS as readonly string[]).includes(value);
}

export function isStandardPosition(value: unknown): value is StandardPosition {
  return typeof value === "string" && (STANDARD_POSITIONS as readonly string[]).includes(value);
}

export function can(subject: Subject, action: Action): boolean {
  const entry = matrix[action];
  if (!entry) return false; // an unknown action from untyped input is refused
  if (subject.roles.some((role) => entry.roles.includes(role))) return true;
  // A position counts only while its holder is pengurus: a term that ends
  // takes the role away, and with it every position's permissions.
  if (!subject.roles.includes("pengurus")) return false;
  return (subject.positions ?? []).some((position) => isStandardPosition(position) && entry.positions.includes(position));
}

/** Every action the subject may take, in the order of `ACTIONS`. */
export function permissionsFor(subject: Subject): Action[] {
  return ACTIONS.filter((action) => can(subject, action));
}

/** Throws a `forbidden` DomainError when the subject may not take the action. */
export function assertCan(subject: Subject, action: Action): void {
  if (!can(subject, action)) throw new DomainError("forbidden", { action });
}

/** Roles offered TOTP two-factor, and obliged to set it up when the admin makes it mandatory. */
export const ROLES_REQUIRING_MFA_SETUP: readonly Role[] = ["admin", "pengurus"];

export function requiresMfaSetup(roles: readonly Role[], options: { readonly mandatoryForKoperasi: boolean }): boolean {
  return options.mandatoryForKoperasi && roles.some((role) => ROLES_REQUIRING_MFA_SETUP.includes(role));
}

function row(roles: readonly Role[], positions: readonly StandardPosition[] = []): PermissionRow {
  return { roles, positions };
}

function tenantRead(id: string, en: string): ActionInfo {
  return { scope: "tenant", readOnly: true, label: { id, en } };
}

function tenantWrite(id: string, en: string): ActionInfo {
  return { scope: "tenant", readOnly: false, label: { id, en } };
}

function selfRead(id: string, en: string): ActionInfo {
  return { scope: "self", readOnly: true, label: { id, en } };
}

function selfWrite(id: string, en: string): ActionInfo {
  return { scope: "self", readOnly: false, label: { id, en } };
}

function platform(id: string, en: string, readOnly: boolean): ActionInfo {
  return { scope: "platform", readOnly, label: { id, en } };
}
