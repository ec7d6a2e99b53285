import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectOptions } from "fastify";
import {
  ACTION_INFO,
  ACTIONS,
  can,
  OPERATOR_TENANT_ACCESS_ACTIONS,
  STANDARD_POSITIONS,
  uuidv7,
  type Action,
  type Position,
  type Role,
} from "@koperasi/domain";
import { seedChartOfAccounts } from "../ledger/chart";
import { postEntry } from "../ledger/post-entry";
import { ensureCard } from "../member-card/cards";
import { gateActions } from "../http/gate";
import { gatedRoutes, type GatedRoute } from "../http/tenant-pipeline";
import { createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";

// The permission matrix in @koperasi/domain, enforced over HTTP: every tenant
// role (and each pengurus position, and the platform operator on an audited
// visit) calls one representative route per action that has a route, and
// gets 2xx exactly when `can()` allows the action, 403 otherwise — with
// nothing written when refused.

interface Subject {
  label: string;
  roles: Role[];
  positions?: Position[];
  operator?: boolean;
}

const SUBJECTS: Subject[] = [
  { label: "admin", roles: ["admin"] },
  ...STANDARD_POSITIONS.map((position): Subject => ({ label: `pengurus (${position})`, roles: ["pengurus"], positions: [position] })),
  { label: "pengurus (tanpa jabatan)", roles: ["pengurus"] },
  { label: "pengawas", roles: ["pengawas"] },
  { label: "kasir", roles: ["kasir"] },
  { label: "anggota", roles: ["anggota"] },
  { label: "operator platform", roles: [], operator: true },
];

/** The matrix's answer; an operator reaches a cooperative only through its read-only, audited actions. */
function allows(subject: Subject, action: Action): boolean {
  if (subject.operator) return OPERATOR_TENANT_ACCESS_ACTIONS.includes(action);
  return can({ roles: subject.roles, positions: subject.positions ?? [] }, action);
}

interface Session {
  userId: string;
  cookie: string;
  /** This person's own member record. */
  memberId: string;
}

interface Fixture {
  koperasiId: string;
  /** A kasir whose membership row the users.manage_roles case patches (without changing it). */
  kasirRowId: string;
  adminMemberId: string;
  /** Simpanan Sukarela, a control account of the seeded chart. */
  savingsAccountId: string;
}

interface RouteCase {
  action: Action;
  route: string;
  request: (f: Fixture, s: Session, n: number) => InjectOptions;
  /** When the route needs more than its own action (defaults to `allows(subject, action)`). */
  allowed?: (subject: Subject) => boolean;
  before?: (f: Fixture) => Promise<void>;
  after?: (f: Fixture) => Promise<void>;
}

const ROUTES: RouteCase[] = [
  { action: "koperasi.view_profile", route: "GET /profile", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/profile` }) },
  { action: "koperasi.view_profile", route: "GET /modules", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/modules` }) },
  { action: "koperasi.view_profile", route: "GET /home", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/home` }) },
  {
    action: "koperasi.update_profile",
    route: "PATCH /profile",
    request: (f, _s, n) => ({ method: "PATCH", url: `/api/v1/koperasi/${f.koperasiId}/profile`, payload: { primaryColor: `#0a${(n % 256).toString(16).padStart(2, "0")}53` } }),
  },
  {
    // Lifting the two-factor requirement: the profile route, plus its own permission.
    action: "users.require_mfa",
    route: "PATCH /profile {mfaRequired}",
    allowed: (s) => allows(s, "koperasi.update_profile") && allows(s, "users.require_mfa"),
    before: (f) => setMfaRequired(f.koperasiId, true),
    after: (f) => setMfaRequired(f.koperasiId, false),
    request: (f) => ({ method: "PATCH", url: `/api/v1/koperasi/${f.koperasiId}/profile`, payload: { mfaRequired: false } }),
  },
  {
    action: "koperasi.manage_modules",
    route: "PUT /modules/berita",
    request: (f, _s, n) => ({ method: "PUT", url: `/api/v1/koperasi/${f.koperasiId}/modules/berita`, payload: { enabled: n % 2 === 0 } }),
  },
  { action: "koperasi.view_audit", route: "GET /audit", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/audit` }) },
  { action: "members.view", route: "GET /members", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/members` }) },
  {
    // Staff see any member; an anggota her own record.
    action: "members.view_self",
    route: "GET /members/:own",
    allowed: (s) => allows(s, "members.view") || allows(s, "members.view_self"),
    request: (f, s) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/members/${s.memberId || f.adminMemberId}` }),
  },
  // Member cards: each person her own card, staff print and replace the admin's, and scan a card.
  { action: "members.card_self", route: "GET /members/me/card", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/members/me/card` }) },
  {
    action: "members.card_issue",
    route: "POST /members/:id/cards",
    request: (f) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/members/${f.adminMemberId}/cards` }),
  },
  {
    action: "members.card_revoke",
    route: "POST /members/:id/cards/:cardId/revoke",
    before: (f) => ensureAdminCard(f),
    request: (f) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/members/${f.adminMemberId}/cards/${adminCard.id}/revoke`,
      payload: { reason: "Uji izin" },
    }),
  },
  {
    action: "members.card_resolve",
    route: "POST /member-card/resolve",
    before: (f) => ensureAdminCard(f),
    request: (f) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/member-card/resolve`, payload: { code: adminCard.serial } }),
  },
  { action: "members.export_self", route: "GET /members/me/export", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/members/me/export` }) },
  { action: "privacy.rights_self", route: "GET /privacy/notice", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/privacy/notice` }) },
  { action: "privacy.rights_self", route: "GET /privacy/requests/mine", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/privacy/requests/mine` }) },
  { action: "privacy.manage_requests", route: "GET /privacy/requests", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/privacy/requests` }) },
  {
    action: "privacy.manage_requests",
    route: "GET /privacy/processing-record",
    allowed: (s) => allows(s, "privacy.manage_requests") || allows(s, "koperasi.view_audit"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/privacy/processing-record` }),
  },
  { action: "privacy.manage_requests", route: "GET /privacy/breach-drills", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/privacy/breach-drills` }) },
  {
    // Each person asks for a code to a new address of her own; confirming needs the code (its own suite).
    action: "members.update_contact_self",
    route: "POST /members/me/contact-change",
    request: (f, _s, n) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/members/me/contact-change`,
      payload: { channel: "email", value: `kontak-${n}-${f.koperasiId.slice(-6)}@contoh.id` },
    }),
  },
  {
    action: "members.create",
    route: "POST /members",
    request: (f, _s, n) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/members`, payload: { fullName: `Anggota Uji ${n}` } }),
  },
  {
    action: "members.update",
    route: "PATCH /members/:id",
    request: (f, _s, n) => ({ method: "PATCH", url: `/api/v1/koperasi/${f.koperasiId}/members/${f.adminMemberId}`, payload: { occupation: `Pekerjaan ${n}` } }),
  },
  {
    // Accepting a candidate (calon → aktif) is the membership decision.
    action: "members.approve",
    route: "POST /members/:id/status {aktif}",
    before: (f) => addCandidate(f.koperasiId),
    request: (f) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/members/${candidate.id}/status`, payload: { status: "aktif", reason: "Uji izin" } }),
  },
  { action: "structure.view", route: "GET /structure", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/structure` }) },
  {
    action: "structure.manage",
    route: "POST /structure/employees",
    request: (f, _s, n) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/structure/employees`,
      payload: { fullName: `Karyawan Uji ${n}`, jobTitle: "Staf", startOn: "2026-01-05" },
    }),
  },
  { action: "users.manage_roles", route: "GET /users", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/users` }) },
  {
    action: "users.manage_roles",
    route: "PATCH /users/:id",
    request: (f) => ({ method: "PATCH", url: `/api/v1/koperasi/${f.koperasiId}/users/${f.kasirRowId}`, payload: { status: "active" } }),
  },
  // Listing role grants. Deciding them has rules beyond the gate (never one's own, the pengawas only with one admin): accounts/role-grants.db.test.ts.
  {
    action: "users.approve_role_grant",
    route: "GET /role-grants",
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/role-grants` }),
    allowed: (subject) => allows(subject, "users.approve_role_grant") || allows(subject, "users.manage_roles"),
  },
  { action: "users.invite", route: "GET /invitations", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/invitations` }) },
  {
    action: "users.invite",
    route: "POST /invitations",
    request: (f, _s, n) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/invitations`,
      payload: { name: `Undangan ${n}`, email: `undangan-${n}-${f.koperasiId.slice(-6)}@contoh.id`, role: "anggota" },
    }),
  },
  // The ledger's read side (its writes: see NOT_IN_THIS_TABLE).
  { action: "journal.view", route: "GET /journals", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/journals` }) },
  {
    action: "journal.view",
    route: "GET /trial-balance",
    allowed: (s) => allows(s, "journal.view") || allows(s, "ledger.manage_accounts"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/trial-balance` }),
  },
  {
    action: "ledger.manage_accounts",
    route: "GET /accounts",
    allowed: (s) => allows(s, "journal.view") || allows(s, "ledger.manage_accounts"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/accounts` }),
  },
  {
    // Staff with the journal or the counter see any member's receipt, an anggota her own: each asks for the entry on her own account.
    action: "journal.view",
    route: "GET /journals/:entryId/receipt",
    allowed: (s) => allows(s, "journal.view") || allows(s, "savings.view") || allows(s, "savings.view_self"),
    before: (f) => postReceiptEntries(f),
    request: (f, s) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/journals/${receiptEntries.get(s.memberId || f.adminMemberId) ?? ""}/receipt` }),
  },
  // Staff see every member's accounts, an anggota her own: both answer 200.
  {
    action: "savings.view",
    route: "GET /member-accounts",
    allowed: (s) => allows(s, "savings.view") || allows(s, "savings.view_self"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/member-accounts` }),
  },
  {
    action: "savings.view_self",
    route: "GET /member-accounts (own)",
    allowed: (s) => allows(s, "savings.view") || allows(s, "savings.view_self"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/member-accounts` }),
  },
  // Keeping the books: distinct months per request, each long over.
  {
    action: "ledger.close_period",
    route: "POST /periods/:period/close",
    request: (f, _s, n) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/periods/${1990 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}/close` }),
  },
  {
    action: "ledger.reopen_period",
    route: "POST /periods/:period/reopen",
    before: (f) => setClosedPeriod(f.koperasiId, "1980-01-01", true),
    after: (f) => setClosedPeriod(f.koperasiId, "1980-01-01", false),
    request: (f) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/periods/1980-01/reopen`, payload: { reason: "Uji izin" } }),
  },
  {
    // Each person opens an account for her own member record (one per member and control account).
    action: "ledger.open_member_account",
    route: "POST /member-accounts",
    request: (f, s) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/member-accounts`,
      payload: { memberId: s.memberId || f.adminMemberId, accountId: f.savingsAccountId },
    }),
  },
  // Savings products and holds (the counter's money routes: see NOT_IN_THIS_TABLE).
  {
    action: "savings.view",
    route: "GET /savings/products",
    allowed: (s) => allows(s, "savings.view") || allows(s, "savings.manage_products") || allows(s, "savings.deposit"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/savings/products` }),
  },
  {
    action: "savings.manage_products",
    route: "POST /savings/products",
    request: (f, _s, n) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/savings/products`,
      payload: {
        kind: "sukarela",
        code: `UJI-${n}`,
        name: `Simpanan Uji ${n}`,
        accountId: f.savingsAccountId,
        terms: { effectiveFrom: "2026-01-01", annualRatePercent: "3", interestMethod: "daily_balance" },
      },
    }),
  },
  // Loan products and the loans list.
  {
    action: "loans.view",
    route: "GET /loans/products",
    allowed: (s) => allows(s, "loans.view") || allows(s, "loans.manage_products") || allows(s, "loans.view_self"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/loans/products` }),
  },
  {
    action: "loans.manage_products",
    route: "POST /loans/products",
    request: (f, _s, n) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/loans/products`,
      payload: {
        code: `PJ-${n}`,
        name: `Pinjaman Uji ${n}`,
        terms: { effectiveFrom: "2026-01-01", interestMethod: "flat", monthlyRatePercent: "1.5", tenorMin: 1, tenorMax: 12, amountMin: 100_000, amountMax: 10_000_000 },
      },
    }),
  },
  {
    action: "loans.view_self",
    route: "GET /loans",
    allowed: (s) => allows(s, "loans.view") || allows(s, "loans.view_self"),
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/loans` }),
  },
  {
    action: "savings.manage_holds",
    route: "POST /savings/holds",
    before: (f) => ensureHoldAccount(f),
    request: (f) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/savings/holds`, payload: { memberAccountId: holdAccountId, amount: 1_000, reason: "Uji izin" } }),
  },
  // Joining, leaving and screening.
  {
    action: "members.enter_application",
    route: "POST /membership/applications",
    request: (f, _s, n) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/membership/applications`, payload: { fullName: `Pemohon Uji ${n}` } }),
  },
  {
    // The settlement preview reads only, but is the leaving flow's first step and needs its permission.
    action: "members.leave",
    route: "POST /members/:id/settlement/preview",
    before: (f) => findCash(f.koperasiId),
    request: (f) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/members/${f.adminMemberId}/settlement/preview`,
      payload: { leavingAs: "keluar", creditAccountId: cash.id },
    }),
  },
  { action: "members.review_screening", route: "GET /screening/matches", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/screening/matches` }) },
  {
    action: "reports.view",
    route: "GET /reports/financial-statements",
    // This month in Jakarta: the fixture cooperative was registered today.
    request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/reports/financial-statements?period=${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7)}` }),
  },
  { action: "payments.pin_self", route: "GET /transaction-pin", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/transaction-pin` }) },
  {
    action: "payments.quote_self",
    route: "POST /fee-quotes",
    request: (f) => ({ method: "POST", url: `/api/v1/koperasi/${f.koperasiId}/fee-quotes`, payload: { kind: "qr_transfer", amount: 100_000 } }),
  },
  { action: "payments.manage_settings", route: "GET /payment-settings", request: (f) => ({ method: "GET", url: `/api/v1/koperasi/${f.koperasiId}/payment-settings` }) },
  // SHU: the split (one per day, and only the bendahara may set it).
  {
    action: "shu.manage",
    route: "POST /shu/settings",
    request: (f) => ({
      method: "POST",
      url: `/api/v1/koperasi/${f.koperasiId}/shu/settings`,
      payload: { percentages: { cadangan: "40", jasa_modal: "20", jasa_usaha: "20", dana_pengurus: "5", dana_karyawan: "5", dana_pendidikan: "5", dana_sosial: "5" } },
    }),
  },
];

/**
 * Cooperative actions not in the table above, each with the reason; listed so
 * that a new action must be placed in one list or the other.
 */
const NOT_IN_THIS_TABLE: readonly Action[] = [
  // The counter moves money: it needs funded savings accounts and an
  // Idempotency-Key; apps/server/src/savings/counter.db.test.ts tests who may
  // deposit, withdraw and approve a withdrawal.
  "savings.deposit",
  "savings.withdraw",
  "savings.approve_withdrawal",
  // Ledger writes need a chart of accounts, balances and an Idempotency-Key;
  // the ledger's own suites (apps/server/src/ledger) test who may post, approve and transfer.
  "journal.post_manual",
  "journal.approve",
  "ledger.transfer",
  // A loan's life needs a product, a member with savings, an application by
  // someone else and an Idempotency-Key; apps/server/src/loans/lifecycle.db.test.ts
  // tests who may apply, approve (never the maker), disburse and repay.
  "loans.apply",
  "loans.apply_self",
  "loans.approve",
  "loans.disburse",
  "loans.repay",
  // The SHU flow needs a closed book year and its calculation (and
  // distributing, an Idempotency-Key); apps/server/src/shu/shu.db.test.ts
  // tests who may review, approve, distribute and read her own SHU.
  "shu.review",
  "shu.approve",
  "shu.distribute",
  "shu.view_self",
];

let t: TestApp;
let fixture: Fixture;
const sessions = new Map<string, Session>();

async function setMfaRequired(koperasiId: string, on: boolean): Promise<void> {
  await t.ctx.database.db.updateTable("koperasi").set({ mfa_required: on }).where("id", "=", koperasiId).execute();
}

async function setClosedPeriod(koperasiId: string, periodStart: string, closed: boolean): Promise<void> {
  await t.ctx.database.tenant({ koperasiId }, async (trx) => {
    if (closed) await trx.insertInto("closed_period").values({ koperasi_id: koperasiId, period_start: periodStart }).onConflict((oc) => oc.doNothing()).execute();
    else await trx.deleteFrom("closed_period").where("period_start", "=", periodStart).execute();
  });
}

/** A Simpanan Wajib account of the admin's member record, for the holds case. */
let holdAccountId = "";

async function ensureHoldAccount(f: Fixture): Promise<void> {
  if (holdAccountId) return;
  holdAccountId = uuidv7();
  await t.ctx.database.tenant({ koperasiId: f.koperasiId }, async (trx) => {
    const wajib = await trx.selectFrom("gl_account").select("id").where("code", "=", "3-1200").executeTakeFirstOrThrow();
    await trx.insertInto("member_account").values({ koperasi_id: f.koperasiId, id: holdAccountId, member_id: f.adminMemberId, account_id: wajib.id }).execute();
  });
}

/** Member record → a posted entry on her own Simpanan Pokok account, in a published checkpoint. */
const receiptEntries = new Map<string, string>();

async function postReceiptEntries(f: Fixture): Promise<void> {
  if (receiptEntries.size > 0) return;
  await t.ctx.database.tenant({ koperasiId: f.koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, f.koperasiId, "ksp");
    const accounts = await trx.selectFrom("gl_account").select(["id", "code"]).where("code", "in", ["1-1100", "3-1100"]).execute();
    const id = (code: string) => accounts.find((a) => a.code === code)?.id ?? "";
    for (const memberId of [f.adminMemberId, ...[...sessions.values()].map((s) => s.memberId).filter(Boolean)]) {
      const memberAccountId = uuidv7();
      await trx.insertInto("member_account").values({ koperasi_id: f.koperasiId, id: memberAccountId, member_id: memberId, account_id: id("3-1100") }).execute();
      const posted = await postEntry(trx, {
        koperasiId: f.koperasiId,
        source: "opening_balance",
        businessDate: "2026-01-02",
        description: "Simpanan pokok",
        createdBy: null,
        lines: [
          { accountId: id("1-1100"), debit: 10_000 },
          { accountId: id("3-1100"), memberAccountId, credit: 10_000 },
        ],
        postedAt: new Date(),
        newId: uuidv7,
      });
      receiptEntries.set(memberId, posted.id);
    }
  });
  await t.ctx.transparency.publishNow();
}

/** The admin's member card in use, issued directly (the card routes have their own tests). */
const adminCard = { id: "", serial: "" };

async function ensureAdminCard(f: Fixture): Promise<void> {
  const { card } = await t.ctx.database.tenant({ koperasiId: f.koperasiId }, (trx) => ensureCard(trx, f.koperasiId, f.adminMemberId, null, new Date()));
  adminCard.id = card.id;
  adminCard.serial = card.serial;
}

async function auditCount(koperasiId: string): Promise<number> {
  // Counted in the database: the log grows by a few entries with each of the matrix's several hundred requests.
  const row = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow());
  return Number(row.n);
}

/** Kas, the payout account of a settlement preview. */
const cash = { id: "" };

async function findCash(koperasiId: string): Promise<void> {
  const row = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("gl_account").select("id").where("code", "=", "1-1100").executeTakeFirstOrThrow());
  cash.id = row.id;
}

/** A fresh candidate member for each membership decision. */
const candidate = { id: "" };

async function addCandidate(koperasiId: string): Promise<void> {
  candidate.id = uuidv7();
  await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx
      .insertInto("member")
      .values({ koperasi_id: koperasiId, id: candidate.id, member_number: `CLN-${candidate.id.slice(-12)}`, full_name: "Calon Uji", status: "calon", joined_on: "2026-01-02" })
      .execute(),
  );
}

async function addMember(koperasiId: string, userId: string, n: number): Promise<string> {
  const id = uuidv7();
  await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx
      .insertInto("member")
      .values({ koperasi_id: koperasiId, id, member_number: `UJI-${String(n).padStart(6, "0")}`, full_name: `Pemilik ${n}`, user_id: userId, joined_on: "2026-01-02" })
      .execute(),
  );
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const owner = await signedInAs(t.ctx, ["admin"]);
  const koperasiId = owner.koperasiId;
  const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId });
  const kasirRow = await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("koperasi_user").select("id").where("user_id", "=", kasir.userId).executeTakeFirstOrThrow(),
  );
  const savings = await t.ctx.database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp");
    return trx.selectFrom("gl_account").select("id").where("code", "=", "2-1100").executeTakeFirstOrThrow();
  });
  fixture = { koperasiId, kasirRowId: kasirRow.id, adminMemberId: await addMember(koperasiId, owner.userId, 9000), savingsAccountId: savings.id };

  let n = 0;
  for (const subject of SUBJECTS) {
    n += 1;
    if (subject.operator) {
      const user = await createUser(t.ctx);
      await t.ctx.database.db.insertInto("platform_operator").values({ user_id: user.userId }).execute();
      sessions.set(subject.label, { userId: user.userId, cookie: await sessionCookie(t.ctx, user.email, user.password), memberId: "" });
      continue;
    }
    const who = await signedInAs(t.ctx, subject.roles, { koperasiId, positions: subject.positions ?? [] });
    sessions.set(subject.label, { userId: who.userId, cookie: who.cookie, memberId: await addMember(koperasiId, who.userId, n) });
  }
  // Everyone has two-factor on, so the require-MFA case can switch the
  // requirement on around a request without locking admin and pengurus out.
  await t.ctx.database.db.updateTable("user").set({ twoFactorEnabled: true }).execute();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

/** The declared route a case's label ("GET /members/me") names, its `:params` matching any segment. */
function declaredRouteOf(label: string): GatedRoute | undefined {
  const [method, path] = label.split(" ");
  const wanted = `/api/v1/koperasi/:koperasiId${path}`.split("/");
  return gatedRoutes(t.ctx).find((route) => {
    if (route.method !== method) return false;
    const parts = route.url.split("/");
    return parts.length === wanted.length && parts.every((part, i) => part.startsWith(":") || part === wanted[i]);
  });
}

describe("the permission matrix over HTTP", () => {
  it("tests each route for an action its declared gate names, and every declared action somewhere", () => {
    for (const route of ROUTES) {
      const declared = declaredRouteOf(route.route);
      expect(declared, `${route.route}: no declared route`).toBeDefined();
      // A case with its own `allowed` tests a permission the service checks beyond the gate (it must still pass the gate).
      if (!route.allowed) expect(gateActions(declared!.gate), `${route.route} declares other actions than ${route.action}`).toContain(route.action);
    }
    const tested = new Set(ROUTES.map((r) => r.action));
    const declaredActions = new Set(gatedRoutes(t.ctx).flatMap((route) => gateActions(route.gate)));
    for (const action of declaredActions) {
      expect(tested.has(action) || NOT_IN_THIS_TABLE.includes(action), `${action} is declared by a route: add a case to ROUTES`).toBe(true);
    }
  });

  it("places every cooperative action either in the route table or, with a reason, outside it", () => {
    const tenantActions = ACTIONS.filter((a) => ACTION_INFO[a].scope !== "platform");
    const routed = new Set(ROUTES.map((r) => r.action));
    for (const action of tenantActions) {
      expect(routed.has(action) || NOT_IN_THIS_TABLE.includes(action), `${action}: add a case to ROUTES, or list it in NOT_IN_THIS_TABLE with the reason`).toBe(true);
    }
    for (const action of NOT_IN_THIS_TABLE) expect(routed.has(action), action).toBe(false);
  });

  let n = 0;
  for (const subject of SUBJECTS) {
    describe(subject.label, () => {
      for (const route of ROUTES) {
        const expected = (route.allowed ?? ((s: Subject) => allows(s, route.action)))(subject);
        it(`${route.route} (${route.action}) → ${expected ? "2xx" : "403"}`, async () => {
          n += 1;
          const session = sessions.get(subject.label)!;
          await route.before?.(fixture);
          try {
            const auditBefore = await auditCount(fixture.koperasiId);
            const options = route.request(fixture, session, n);
            const res = await t.app.inject({ ...options, headers: { ...options.headers, cookie: session.cookie } } as InjectOptions);
            if (expected) {
              expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
              expect(res.statusCode, res.body).toBeLessThan(300);
            } else {
              expect(res.statusCode, res.body).toBe(403);
              expect(res.headers["content-type"]).toContain("application/problem+json");
              expect(["forbidden", "not_a_member"]).toContain(res.json().code);
              // Refused means nothing written, not even an audit entry.
              expect(await auditCount(fixture.koperasiId)).toBe(auditBefore);
            }
          } finally {
            await route.after?.(fixture);
          }
        });
      }
    });
  }
});
