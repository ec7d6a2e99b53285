import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODULES, uuidv7 } from "@koperasi/domain";
import { storeScreeningList } from "../membership/screening";
import { seedChartOfAccounts } from "../ledger/chart";
import { postEntry } from "../ledger/post-entry";
import type { ZodApp } from "../http/zod-app";
import { gatedRoutes } from "../http/tenant-pipeline";
import { createUser, createTestApp, sessionCookie, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";

// Tenant isolation over HTTP, for every route there is — including routes
// added after this test was written. The route list comes from Fastify's own
// route table; each route under /koperasi/:koperasiId must have an entry in
// REQUESTS below (a valid request for it), or this test fails and says so.
//
// Adding a route: give it a line in REQUESTS (a body/query that passes
// validation). If its path has a record id (`:id`, `:accountId`, …), say which
// tenant table holds the record (RECORD_TABLES by path segment, or
// `records` in its line), and make sure seedCooperative() creates one such
// row in each cooperative.

interface Route {
  method: string;
  url: string;
}

interface RequestSpec {
  /** A valid JSON body, so the request reaches the tenant gate rather than stopping at validation. */
  body?: Record<string, unknown>;
  /** Sends a small real PNG as multipart field `file`. */
  logo?: true;
  /** A valid query string. */
  query?: Record<string, string>;
  /** Values for path parameters that are not record ids (e.g. a module id). */
  params?: Record<string, string>;
  /** The tenant table behind each record-id parameter, when RECORD_TABLES (by path segment) does not say. */
  records?: Record<string, string>;
  /** What a user of A gets for B's cooperative, when it is not 403 `not_a_member`. */
  crossTenant?: { status: number; code: string };
  /** A platform route (operator's own), not a tenant route: skipped in the operator-visit test. */
  platform?: true;
  /** A GET whose permission is not a read-only tenant action: an operator is refused it. */
  operatorRefused?: true;
  /** A POST that only reads (a search whose terms stay out of the URL): an operator may send it, audited like a GET. */
  readsOnly?: true;
}

const K = "/api/v1/koperasi/:koperasiId";
const THIS_MONTH = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

/** One valid request per route under /koperasi/:koperasiId. A new such route needs a line here. */
const REQUESTS: Record<string, RequestSpec> = {
  [`GET ${K}/profile`]: {},
  [`GET ${K}/home`]: {},
  [`PATCH ${K}/profile`]: { body: { name: "Koperasi Penyusup", primaryColor: "#000000" } },
  [`PUT ${K}/logo`]: { logo: true },
  [`GET ${K}/modules`]: {},
  [`PUT ${K}/modules/:module`]: { params: { module: "berita" }, body: { enabled: true } },
  ...Object.fromEntries(MODULES.map((definition) => [`GET ${K}/modules/${definition.id}/status`, {}])),
  [`GET ${K}/members`]: {},
  [`GET ${K}/members/:id`]: {},
  [`POST ${K}/members`]: { body: { fullName: "Anggota Penyusup" } },
  [`POST ${K}/members/search`]: { body: { q: "anggota" }, readsOnly: true },
  [`PATCH ${K}/members/:id`]: { body: { occupation: "Penyusup" } },
  [`POST ${K}/members/:id/status`]: { body: { status: "keluar", reason: "Uji isolasi" } },
  [`GET ${K}/members/:id/status-history`]: {},
  [`GET ${K}/members/:id/heirs`]: {},
  [`POST ${K}/members/:id/heirs`]: { body: { fullName: "Ahli Penyusup", relationship: "anak" } },
  [`PATCH ${K}/members/:id/heirs/:heirId`]: { body: { fullName: "Ahli Penyusup" } },
  [`DELETE ${K}/members/:id/heirs/:heirId`]: {},
  [`PUT ${K}/members/:id/files/:kind`]: { params: { kind: "photo" }, logo: true },
  [`GET ${K}/members/:id/files/:kind`]: { params: { kind: "photo" } },
  [`GET ${K}/members/me/card`]: { operatorRefused: true },
  [`GET ${K}/members/me/card.pdf`]: { operatorRefused: true },
  [`GET ${K}/members/:id/cards`]: { operatorRefused: true },
  [`POST ${K}/members/:id/cards`]: {},
  [`GET ${K}/members/:id/card.pdf`]: { operatorRefused: true },
  [`POST ${K}/members/:id/cards/:cardId/revoke`]: { body: { reason: "Uji isolasi" } },
  [`POST ${K}/member-card/resolve`]: { body: { code: "ZZZZZ-ZZZZZ" } },
  [`GET ${K}/members/me/export`]: { query: { format: "json" }, operatorRefused: true },
  [`POST ${K}/members/me/contact-change`]: { body: { channel: "email", value: "baru.penyusup@contoh.id" } },
  [`POST ${K}/members/me/contact-change/confirm`]: { body: { channel: "email", code: "123456" } },
  [`GET ${K}/member-import/template.xlsx`]: { operatorRefused: true },
  [`GET ${K}/member-import/template.csv`]: { operatorRefused: true },
  [`POST ${K}/member-import/dry-run`]: { logo: true },
  [`POST ${K}/member-import`]: { logo: true },
  [`GET ${K}/member-import/:jobId`]: { operatorRefused: true },
  [`GET ${K}/member-book.xlsx`]: {},
  [`GET ${K}/member-book.pdf`]: {},
  [`POST ${K}/opening-balance/dry-run`]: { body: { goLiveDate: "2026-01-01", trialBalance: [{ accountCode: "1-1100", debit: 1 }] } },
  [`POST ${K}/opening-balance`]: { body: { goLiveDate: "2026-01-01", trialBalance: [{ accountCode: "1-1100", debit: 1 }] } },
  [`GET ${K}/audit`]: {},
  [`GET ${K}/structure`]: {},
  [`GET ${K}/structure/history`]: {},
  [`POST ${K}/structure/terms`]: {
    body: { memberId: "0190a000-0000-7000-8000-000000000007", body: "pengurus", position: "Seksi Penyusup", startOn: "2026-01-01", endOn: "2026-12-31" },
  },
  [`POST ${K}/structure/terms/:id/end`]: { body: { endOn: "2026-01-01" } },
  [`GET ${K}/structure/kasir-logins`]: { operatorRefused: true },
  [`POST ${K}/structure/employees`]: { body: { fullName: "Karyawan Penyusup", jobTitle: "Staf", startOn: "2026-01-01" } },
  [`POST ${K}/structure/employees/:id/end`]: { body: { endOn: "2026-01-01" } },
  [`GET ${K}/users`]: { operatorRefused: true },
  [`PATCH ${K}/users/:id`]: { body: { roles: ["kasir"] } },
  [`GET ${K}/role-grants`]: { operatorRefused: true },
  [`POST ${K}/role-grants/:id/approve`]: {},
  [`POST ${K}/role-grants/:id/reject`]: {},
  [`GET ${K}/invitations`]: { operatorRefused: true },
  [`POST ${K}/invitations`]: { body: { name: "Calon Kasir", email: "calon.kasir@contoh.id", role: "kasir" } },
  [`DELETE ${K}/invitations/:id`]: {},
  ["POST /api/v1/platform/koperasi/:koperasiId/review"]: {
    body: { decision: "reject", note: "uji isolasi" },
    crossTenant: { status: 403, code: "forbidden" },
    platform: true,
  },
  // The ledger (money-moving POSTs also get an Idempotency-Key: see send()).
  [`GET ${K}/accounts`]: {},
  [`POST ${K}/accounts`]: { body: { code: "5-9100", name: "Beban Penyusup", type: "beban" } },
  [`POST ${K}/accounts/:accountId/close`]: {},
  [`GET ${K}/accounts/:accountId/ledger`]: {},
  [`GET ${K}/trial-balance`]: {},
  [`GET ${K}/journals`]: {},
  [`GET ${K}/journals/:entryId`]: {},
  [`GET ${K}/journals/:entryId/receipt`]: {},
  [`POST ${K}/journals`]: {
    body: {
      businessDate: "2026-01-02",
      description: "Jurnal penyusup",
      lines: [
        { accountId: "0190a000-0000-7000-8000-000000000001", debit: 1 },
        { accountId: "0190a000-0000-7000-8000-000000000002", credit: 1 },
      ],
    },
  },
  [`POST ${K}/journals/:entryId/approve`]: {},
  [`POST ${K}/journals/:entryId/reject`]: { body: {} },
  [`POST ${K}/journals/:entryId/reverse`]: { body: { reason: "Uji isolasi" } },
  [`POST ${K}/transfers`]: {
    body: { fromMemberAccountId: "0190a000-0000-7000-8000-000000000003", toMemberAccountId: "0190a000-0000-7000-8000-000000000004", amount: 1 },
  },
  [`GET ${K}/member-accounts`]: {},
  [`GET ${K}/member-accounts/:memberAccountId/statement`]: {},
  [`POST ${K}/member-accounts`]: { body: { memberId: "0190a000-0000-7000-8000-000000000005", accountId: "0190a000-0000-7000-8000-000000000006" } },
  // Closing the books, and supporting documents of journal entries.
  [`GET ${K}/periods/closed`]: {},
  [`POST ${K}/periods/:period/close`]: { params: { period: "2025-11" } },
  [`POST ${K}/periods/:period/reopen`]: { params: { period: "2025-11" }, body: { reason: "Uji isolasi" } },
  [`POST ${K}/book-years/:year/close`]: { params: { year: "2025" } },
  [`GET ${K}/journals/:entryId/attachments`]: {},
  [`POST ${K}/journals/:entryId/attachments`]: { logo: true },
  [`GET ${K}/journals/:entryId/attachments/:attachmentId`]: {},
  [`DELETE ${K}/journals/:entryId/attachments/:attachmentId`]: {},
  [`POST ${K}/membership/applications`]: { body: { fullName: "Pemohon Penyusup" } },
  [`GET ${K}/membership/applications`]: {},
  [`GET ${K}/membership/joining-accounts`]: { operatorRefused: true },
  [`PUT ${K}/membership/joining-accounts`]: { body: { accountIds: [] } },
  [`POST ${K}/membership/applications/:id/approve`]: {},
  [`POST ${K}/membership/applications/:id/reject`]: { body: { reason: "Uji isolasi" } },
  [`POST ${K}/members/:id/settlement/preview`]: { body: { leavingAs: "keluar", creditAccountId: "0190a0a0-0000-7000-8000-000000000000" }, operatorRefused: true },
  [`POST ${K}/members/:id/settlement`]: { body: { leavingAs: "keluar", creditAccountId: "0190a0a0-0000-7000-8000-000000000000" } },
  [`POST ${K}/members/:id/leave`]: { body: { status: "keluar", effectiveOn: "2026-01-01", reason: "Uji isolasi" } },
  [`GET ${K}/screening/matches`]: { operatorRefused: true },
  [`POST ${K}/screening/matches/:id/decision`]: { body: { outcome: "cleared", note: "Uji isolasi" } },
  // Savings: products, the counter, approvals, holds, receipts and statements.
  [`GET ${K}/savings/products`]: {},
  [`POST ${K}/savings/products`]: {
    body: { kind: "pokok", code: "SP-LAIN", name: "Simpanan Penyusup", accountId: "0190a000-0000-7000-8000-000000000006", terms: { effectiveFrom: "2026-01-01", pokokAmount: 1 } },
  },
  [`PATCH ${K}/savings/products/:productId`]: { body: { name: "Produk Penyusup" } },
  [`POST ${K}/savings/products/:productId/terms`]: { body: { effectiveFrom: "2099-01-01" } },
  [`POST ${K}/savings/deposits`]: { body: { memberAccountId: "0190a000-0000-7000-8000-000000000003", amount: 1 } },
  [`POST ${K}/savings/withdrawals`]: { body: { memberAccountId: "0190a000-0000-7000-8000-000000000003", amount: 1 } },
  [`GET ${K}/savings/withdrawal-requests`]: {},
  [`POST ${K}/savings/withdrawal-requests/:requestId/approve`]: {},
  [`POST ${K}/savings/withdrawal-requests/:requestId/reject`]: {},
  [`POST ${K}/savings/holds`]: { body: { memberAccountId: "0190a000-0000-7000-8000-000000000003", amount: 1, reason: "Uji isolasi" } },
  [`POST ${K}/savings/holds/:holdId/release`]: {},
  [`GET ${K}/savings/accounts/:memberAccountId`]: { records: { memberAccountId: "member_account" } },
  [`GET ${K}/savings/receipts/:entryId/receipt.pdf`]: {},
  [`GET ${K}/member-accounts/:memberAccountId/statement.pdf`]: {},
  [`GET ${K}/savings/tax-withholding`]: { query: { period: "2026-01" } },
  [`GET ${K}/savings/tax-withholding.xlsx`]: { query: { period: "2026-01" } },
  // This month in Jakarta: the fixture cooperatives were registered today.
  [`GET ${K}/reports/financial-statements`]: { query: { period: THIS_MONTH } },
  [`GET ${K}/reports/financial-statements.pdf`]: { query: { period: THIS_MONTH } },
  [`GET ${K}/reports/financial-statements.xlsx`]: { query: { period: THIS_MONTH } },
  [`GET ${K}/privacy/notice`]: { operatorRefused: true },
  [`POST ${K}/privacy/consents`]: { body: { purpose: "pemasaran", given: true, noticeVersion: "2026-12-08" } },
  [`POST ${K}/privacy/requests`]: { body: { kind: "akses", details: "Uji isolasi" } },
  [`GET ${K}/privacy/requests/mine`]: { operatorRefused: true },
  [`GET ${K}/privacy/requests`]: { operatorRefused: true },
  [`PATCH ${K}/privacy/requests/:requestId`]: { body: { status: "diproses" }, records: { requestId: "privacy_request" } },
  [`POST ${K}/privacy/requests/:requestId/erase`]: { records: { requestId: "privacy_request" } },
  [`GET ${K}/privacy/processing-record`]: {},
  [`GET ${K}/privacy/breach-drills`]: { operatorRefused: true },
  [`POST ${K}/privacy/breach-drills/:drillId/acknowledge`]: { records: { drillId: "breach_drill" } },
  ["POST /api/v1/platform/koperasi/:koperasiId/breach-drills"]: { crossTenant: { status: 403, code: "forbidden" }, platform: true },
  ["GET /api/v1/platform/koperasi/:koperasiId/breach-drills"]: { crossTenant: { status: 403, code: "forbidden" }, platform: true },
  // Loans: products, applications and decisions, disbursement and repayments, receipts.
  [`GET ${K}/loans/products`]: {},
  [`POST ${K}/loans/products`]: { body: { code: "PX", name: "Pinjaman Penyusup", terms: { effectiveFrom: "2026-01-01", interestMethod: "flat", monthlyRatePercent: "1", tenorMin: 1, tenorMax: 2, amountMin: 1, amountMax: 2 } } },
  [`PATCH ${K}/loans/products/:productId`]: { body: { name: "Produk Penyusup" }, records: { productId: "loan_product" } },
  [`POST ${K}/loans/products/:productId/terms`]: { body: { ...{ effectiveFrom: "2026-01-01", interestMethod: "flat", monthlyRatePercent: "1", tenorMin: 1, tenorMax: 2, amountMin: 1, amountMax: 2 }, effectiveFrom: "2099-01-01" }, records: { productId: "loan_product" } },
  [`POST ${K}/loans`]: {
    body: { memberId: "0190a000-0000-7000-8000-000000000007", productId: "0190a000-0000-7000-8000-000000000008", principal: 1, tenor: 1, purpose: "Penyusup" },
  },
  [`GET ${K}/loans`]: {},
  [`GET ${K}/loans/:loanId`]: { records: { loanId: "loan" } },
  [`POST ${K}/loans/:loanId/approve`]: { records: { loanId: "loan" } },
  [`POST ${K}/loans/:loanId/reject`]: { body: { reason: "Uji isolasi" }, records: { loanId: "loan" } },
  [`POST ${K}/loans/:loanId/disbursement`]: { body: { to: "cash" }, records: { loanId: "loan" } },
  [`POST ${K}/loans/:loanId/repayments`]: { body: { amount: 1, from: "cash" }, records: { loanId: "loan" } },
  [`GET ${K}/loans/receipts/:entryId/receipt.pdf`]: { records: { entryId: "loan_repayment" } },
  // SHU: settings, the flow and the figures of a closed year.
  [`GET ${K}/shu/settings`]: {},
  [`POST ${K}/shu/settings`]: { body: { percentages: { cadangan: "40", jasa_modal: "20", jasa_usaha: "20", dana_pengurus: "5", dana_karyawan: "5", dana_pendidikan: "5", dana_sosial: "5" } } },
  [`POST ${K}/shu/:year/calculate`]: { params: { year: "2020" } },
  [`GET ${K}/shu/:year`]: { params: { year: "2020" } },
  [`GET ${K}/shu/:year/members`]: { params: { year: "2020" } },
  [`GET ${K}/shu/:year/members.xlsx`]: { params: { year: "2020" } },
  [`POST ${K}/shu/:year/review`]: { params: { year: "2020" }, body: {} },
  [`POST ${K}/shu/:year/approve`]: { params: { year: "2020" }, body: { ratDate: "2021-03-01" } },
  [`POST ${K}/shu/:year/distribute`]: { params: { year: "2020" }, body: { method: "sukarela" } },
  [`GET ${K}/shu/:year/me`]: { params: { year: "2020" }, operatorRefused: true },
  ["GET /api/v1/platform/koperasi/:koperasiId/documents/:fileId"]: { crossTenant: { status: 403, code: "forbidden" }, platform: true },
  [`GET ${K}/transaction-pin`]: { operatorRefused: true },
  [`POST ${K}/transaction-pin/code`]: { body: { channel: "email" } },
  [`PUT ${K}/transaction-pin`]: { body: { pin: "482915", code: "123456", channel: "email" } },
  [`POST ${K}/fee-quotes`]: { body: { kind: "qr_transfer", amount: 1_000 } },
  [`GET ${K}/payment-settings`]: { operatorRefused: true },
  [`PUT ${K}/payment-settings`]: { body: { staffPinAbove: 1 } },
  [`GET ${K}/notices`]: { operatorRefused: true },
};

/** The tenant table behind the record id that follows a path segment (…/members/:id → member). */
const RECORD_TABLES: Record<string, string> = {
  members: "member",
  heirs: "member_heir",
  cards: "member_card",
  "member-import": "member_import",
  users: "koperasi_user",
  invitations: "invitation",
  documents: "stored_file",
  accounts: "gl_account",
  journals: "journal_entry",
  "member-accounts": "member_account",
  attachments: "journal_attachment",
  terms: "structure_term",
  employees: "employee",
  applications: "membership_application",
  matches: "screening_match",
  products: "savings_product",
  "withdrawal-requests": "savings_withdrawal_request",
  holds: "savings_hold",
  receipts: "journal_entry",
  "role-grants": "role_grant_request",
};

/** Every (method, path) Fastify serves, read from its route tree (HEAD is implied by GET): for the routes outside the pipeline. */
function routeTable(app: ZodApp): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    const path = (depth > 0 ? (stack[depth - 1] ?? "") : "") + (match[2] ?? "");
    stack.length = depth;
    stack[depth] = path;
    for (const method of (match[3] ?? "").split(",").map((m) => m.trim())) {
      if (method && method !== "HEAD") routes.push({ method, url: path });
    }
  }
  return routes;
}

const keyOf = (route: Route) => `${route.method} ${route.url}`;

/** Path parameters other than koperasiId that name a record: `:id`, `:userId`, … (not `:module`). */
function recordParams(url: string): { name: string; segment: string }[] {
  const parts = url.split("/");
  const found: { name: string; segment: string }[] = [];
  parts.forEach((part, index) => {
    if (!part.startsWith(":") || part === ":koperasiId") return;
    const name = part.slice(1);
    if (name === "id" || name.endsWith("Id")) found.push({ name, segment: parts[index - 1] ?? "" });
  });
  return found;
}

type Cooperative = Awaited<ReturnType<typeof signedInAs>>;

let t: TestApp;
let tenantRoutes: Route[];
/** Routes served under the tenant path without a declared gate: must be none. */
let undeclared: Route[];
let a: Cooperative;
let b: Cooperative;
let logoPng: Buffer;
let operatorCookie: string;
let operatorId: string;

/**
 * One record of each kind the routes take an id of, in each cooperative, made
 * by its admin: a logo (stored_file), a member, an invitation, the ledger's
 * records (a pending journal with an attachment, a member account); every
 * module on.
 */
async function seedCooperative(who: Cooperative): Promise<void> {
  const form = multipartFile("file", "logo.png", "image/png", logoPng);
  const logo = await t.app.inject({ method: "PUT", url: `/api/v1/koperasi/${who.koperasiId}/logo`, headers: { cookie: who.cookie, ...form.headers }, payload: form.payload });
  expect(logo.statusCode).toBe(200);
  const member = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${who.koperasiId}/members`,
    headers: { cookie: who.cookie },
    payload: { fullName: "Anggota Pertama" },
  });
  expect(member.statusCode).toBe(201);
  // Its heir and photo (the member book's records under a member).
  const heir = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${who.koperasiId}/members/${member.json().id}/heirs`,
    headers: { cookie: who.cookie },
    payload: { fullName: "Ahli Waris Pertama", relationship: "anak", phone: "081299990000" },
  });
  expect(heir.statusCode, heir.body).toBe(201);
  const photo = multipartFile("file", "foto.png", "image/png", logoPng);
  const photoRes = await t.app.inject({
    method: "PUT",
    url: `/api/v1/koperasi/${who.koperasiId}/members/${member.json().id}/files/photo`,
    headers: { cookie: who.cookie, ...photo.headers },
    payload: photo.payload,
  });
  expect(photoRes.statusCode, photoRes.body).toBe(200);
  const card = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${who.koperasiId}/members/${member.json().id}/cards`, headers: { cookie: who.cookie } });
  expect(card.statusCode, card.body).toBe(201);
  // The structure: that member as ketua, and one karyawan.
  const term = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${who.koperasiId}/structure/terms`,
    headers: { cookie: who.cookie },
    payload: { memberId: member.json().id, body: "pengurus", position: "ketua", startOn: "2026-01-01", endOn: "2030-12-31" },
  });
  // A pengurus term waits for a second person: another admin approves it (a role_grant_request row stays as its record).
  expect(term.statusCode, term.body).toBe(202);
  const secondAdmin = await signedInAs(t.ctx, ["admin"], { koperasiId: who.koperasiId });
  const approved = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${who.koperasiId}/role-grants/${term.json().request.id}/approve`,
    headers: { cookie: secondAdmin.cookie },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const employee = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${who.koperasiId}/structure/employees`,
    headers: { cookie: who.cookie },
    payload: { fullName: "Karyawan Pertama", jobTitle: "Staf", startOn: "2026-01-01" },
  });
  expect(employee.statusCode, employee.body).toBe(201);
  await t.ctx.database.tenant({ koperasiId: who.koperasiId }, (trx) =>
    trx
      .insertInto("invitation")
      .values({
        koperasi_id: who.koperasiId,
        id: uuidv7(),
        email: `undangan-${who.koperasiId}@contoh.id`,
        name: "Calon Pengawas",
        role: "pengawas",
        token_hash: `uji-${uuidv7()}`,
        invited_by: who.userId,
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute(),
  );
  // An application and a held screening match for that member.
  const list = await storeScreeningList(t.ctx, { listName: `Uji ${who.koperasiId}`, csv: "name\nAnggota Pertama", uploadedBy: who.userId });
  await t.ctx.database.tenant({ koperasiId: who.koperasiId }, async (trx) => {
    const memberId = member.json().id as string;
    await trx
      .insertInto("membership_application")
      .values({ koperasi_id: who.koperasiId, id: uuidv7(), member_id: memberId, channel: "loket", entered_by: who.userId, applicant_user_id: null, verified_contact: null })
      .execute();
    await trx
      .insertInto("screening_match")
      .values({ koperasi_id: who.koperasiId, id: uuidv7(), member_id: memberId, version_id: list.id, line_no: 2, entry_key: "uji", matched_on: "nama", listed_name: "Anggota Pertama", reference: null })
      .execute();
  });
  // A finished member import (its progress row).
  await t.ctx.database.tenant({ koperasiId: who.koperasiId }, (trx) =>
    trx
      .insertInto("member_import")
      .values({ koperasi_id: who.koperasiId, id: uuidv7(), file_sha256: "c".repeat(64), file_name: "anggota.xlsx", status: "done", rows_total: 1, rows_done: 1 })
      .execute(),
  );
  // The ledger: its chart, a posted journal and a member account.
  await t.ctx.database.tenant({ koperasiId: who.koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, who.koperasiId, "ksp");
    const accounts = await trx.selectFrom("gl_account").select(["id", "code"]).where("code", "in", ["1-1100", "2-1100", "5-2100"]).execute();
    const id = (code: string) => accounts.find((a) => a.code === code)?.id ?? "";
    const member = await trx.selectFrom("member").select("id").executeTakeFirstOrThrow();
    const memberAccountId = uuidv7();
    await trx.insertInto("member_account").values({ koperasi_id: who.koperasiId, id: memberAccountId, member_id: member.id, account_id: id("2-1100") }).execute();
    // A deposit at the counter, posted (and sequenced in beforeAll), so the entry has a log receipt and a counter receipt too.
    await postEntry(trx, {
      koperasiId: who.koperasiId,
      source: "deposit",
      businessDate: "2026-01-02",
      description: "Jurnal uji",
      createdBy: who.userId,
      lines: [
        { accountId: id("1-1100"), debit: 1 },
        { accountId: id("2-1100"), memberAccountId, credit: 1 },
      ],
      postedAt: new Date(),
      newId: uuidv7,
    });
    // A hold on it and a withdrawal awaiting its second person.
    await trx.insertInto("savings_hold").values({ koperasi_id: who.koperasiId, id: uuidv7(), member_account_id: memberAccountId, amount: 1, reason: "Uji", created_by: who.userId }).execute();
    await trx
      .insertInto("savings_withdrawal_request")
      .values({ koperasi_id: who.koperasiId, id: uuidv7(), member_account_id: memberAccountId, amount: 1, description: "Uji", requested_by: who.userId, requested_at: new Date() })
      .execute();
    // A request about personal data, waiting for its answer.
    const received = new Date();
    await trx
      .insertInto("privacy_request")
      .values({ koperasi_id: who.koperasiId, id: uuidv7(), user_id: who.userId, kind: "akses", details: "Uji", received_at: received, due_at: new Date(received.getTime() + 72 * 3_600_000) })
      .execute();
    await trx
      .insertInto("breach_drill")
      .values({ koperasi_id: who.koperasiId, id: uuidv7(), started_by: who.userId, started_at: received, due_at: new Date(received.getTime() + 72 * 3_600_000), notice_title: "LATIHAN", notice_body: "Uji" })
      .execute();
    // A loan product on the chart's loan accounts, and an application for a loan.
    const loanAccounts = await trx.selectFrom("gl_account").select(["id", "code"]).where("code", "in", ["1-1300", "4-1100", "4-1200", "4-1300"]).execute();
    const loanAccount = (code: string) => loanAccounts.find((a) => a.code === code)?.id ?? "";
    const productId = uuidv7();
    await trx
      .insertInto("loan_product")
      .values({
        koperasi_id: who.koperasiId,
        id: productId,
        code: "PU",
        name: "Pinjaman Uji",
        receivable_account_id: loanAccount("1-1300"),
        interest_income_account_id: loanAccount("4-1100"),
        charges_income_account_id: loanAccount("4-1200"),
        denda_income_account_id: loanAccount("4-1300"),
      })
      .execute();
    await trx
      .insertInto("loan_product_terms")
      .values({
        koperasi_id: who.koperasiId,
        product_id: productId,
        effective_from: "2026-01-01",
        interest_method: "flat",
        monthly_rate_percent: "1.5",
        repayment_frequency: "monthly",
        tenor_min: 1,
        tenor_max: 12,
        amount_min: 1,
        amount_max: 1_000_000,
      })
      .execute();
  });
  // A supporting document on that (only) journal entry, through its route, so the file is in storage too.
  const entry = await t.ctx.database.tenant({ koperasiId: who.koperasiId }, (trx) => trx.selectFrom("journal_entry").select("id").executeTakeFirstOrThrow());
  const attachment = multipartFile("file", "kuitansi.png", "image/png", logoPng);
  const attached = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${who.koperasiId}/journals/${entry.id}/attachments`,
    headers: { cookie: who.cookie, ...attachment.headers },
    payload: attachment.payload,
  });
  expect(attached.statusCode, attached.body).toBe(201);
  // A loan of that member, disbursed and repaid once, after the entry above so that it stays the cooperative's first.
  await t.ctx.database.tenant({ koperasiId: who.koperasiId }, async (trx) => {
    const accounts = await trx.selectFrom("gl_account").select(["id", "code"]).where("code", "in", ["1-1100", "1-1300"]).execute();
    const account = (code: string) => accounts.find((a) => a.code === code)?.id ?? "";
    const member = await trx.selectFrom("member").select("id").executeTakeFirstOrThrow();
    const product = await trx.selectFrom("loan_product").select("id").executeTakeFirstOrThrow();
    const loanId = uuidv7();
    const loanAccount = uuidv7();
    await trx.insertInto("member_account").values({ koperasi_id: who.koperasiId, id: loanAccount, member_id: member.id, account_id: account("1-1300") }).execute();
    const posting = (source: "loan_disbursement" | "loan_repayment", lines: { accountId: string; memberAccountId?: string; debit?: number; credit?: number }[]) =>
      postEntry(trx, { koperasiId: who.koperasiId, source, sourceRef: loanId, businessDate: "2026-01-02", description: "Pinjaman uji", createdBy: who.userId, lines, postedAt: new Date(), newId: uuidv7 });
    const disbursed = await posting("loan_disbursement", [
      { accountId: account("1-1300"), memberAccountId: loanAccount, debit: 1_000 },
      { accountId: account("1-1100"), credit: 1_000 },
    ]);
    await trx
      .insertInto("loan")
      .values({
        koperasi_id: who.koperasiId,
        id: loanId,
        member_id: member.id,
        product_id: product.id,
        terms_from: "2026-01-01",
        purpose: "Uji",
        principal: 1_000,
        tenor: 1,
        channel: "staff",
        status: "disbursed",
        approvals_required: 1,
        applied_by: who.userId,
        applied_at: new Date(),
        member_account_id: loanAccount,
        disbursed_on: "2026-01-02",
        disbursed_by: who.userId,
        disbursed_to: "cash",
        disbursement_entry_id: disbursed.id,
      })
      .execute();
    await trx.insertInto("loan_installment").values({ koperasi_id: who.koperasiId, loan_id: loanId, period: 1, due_date: "2026-02-02", principal_due: 1_000, interest_due: 15 }).execute();
    const repaid = await posting("loan_repayment", [
      { accountId: account("1-1100"), debit: 1 },
      { accountId: account("1-1300"), memberAccountId: loanAccount, credit: 1 },
    ]);
    await trx.updateTable("loan_installment").set({ principal_paid: 1 }).where("loan_id", "=", loanId).execute();
    await trx
      .insertInto("loan_repayment")
      .values({
        koperasi_id: who.koperasiId,
        id: repaid.id,
        loan_id: loanId,
        entry_id: repaid.id,
        paid_from: "cash",
        payoff: false,
        amount: 1,
        denda: 0,
        interest: 0,
        principal: 1,
        allocation: JSON.stringify([{ period: 1, denda: 0, interest: 0, principal: 1 }]),
        paid_on: "2026-01-02",
        created_by: who.userId,
        created_at: new Date(),
      })
      .execute();
  });
  for (const definition of MODULES) {
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/v1/koperasi/${who.koperasiId}/modules/${definition.id}`,
      headers: { cookie: who.cookie },
      payload: { enabled: true },
    });
    expect(res.statusCode).toBe(200);
  }
  // A closed book year with its SHU calculated (its figures need not add up here), for the SHU reads.
  await t.db.superuser.query(`INSERT INTO year_end_close (koperasi_id, book_year, entry_id, net_result, closed_by) VALUES ($1, 2020, NULL, 0, $2)`, [who.koperasiId, who.userId]);
  await t.db.superuser.query(
    `INSERT INTO shu_calculation (koperasi_id, book_year, status, shu_amount, allocation, pools, unshared, jasa_modal_measure, jasa_usaha_measure, counted_product_ids, year_days,
       total_basis_jasa_modal, total_basis_jasa_usaha, members_total, member_count, calculated_by, calculated_at)
     VALUES ($1, 2020, 'calculated', 100, '{}', '{}', '{}', 'daily_average', 'interest_paid', '{}', 366, 0, 0, 0, 0, $2, now())`,
    [who.koperasiId, who.userId],
  );
}

beforeAll(async () => {
  // No co-tenant cosigning in the background: the snapshots compare B's rows before and after each request.
  t = await createTestApp({ config: { cotenantWitnesses: 0 } });
  // The routes under the tenant path as they declare their gates to the
  // pipeline, and the platform's routes that name a cooperative (the
  // operator's, outside the pipeline) from Fastify's route tree.
  const declared = gatedRoutes(t.ctx)
    .filter((route) => route.method !== "HEAD")
    .map(({ method, url }) => ({ method, url }));
  const served = routeTable(t.app).filter((route) => route.url.includes(":koperasiId"));
  undeclared = served.filter((route) => route.url.startsWith(`${K}/`) && !declared.some((d) => keyOf(d) === keyOf(route)));
  tenantRoutes = [...declared, ...served.filter((route) => !route.url.startsWith(`${K}/`))];
  // Admin and pengurus with every position, and pengawas (screening decisions): each route's permission passes, so only tenancy decides.
  a = await signedInAs(t.ctx, ["admin", "pengurus", "pengawas"], { positions: ["ketua", "sekretaris", "bendahara"] });
  b = await signedInAs(t.ctx, ["admin", "pengurus", "pengawas"], { positions: ["ketua", "sekretaris", "bendahara"] });
  logoPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#336699" } }).png().toBuffer();

  const operator = await createUser(t.ctx, { name: "Operator Uji" });
  await t.ctx.database.db.insertInto("platform_operator").values({ user_id: operator.userId }).execute();
  operatorCookie = await sessionCookie(t.ctx, operator.email, operator.password);
  operatorId = operator.userId;

  for (const who of [a, b]) await seedCooperative(who);
  // Their journals get their places in the logs: receipts are ready.
  await t.ctx.transparency.publishNow();
});
afterAll(async () => {
  await t?.close();
});

let tenantTableList: Promise<string[]> | undefined;

/** Every tenant table listed from the catalog (RLS on, koperasi_id column), so new tables are covered; read once. */
function tenantTables(): Promise<string[]> {
  tenantTableList ??= t.db.superuser
    .query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
         AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'koperasi_id' AND NOT x.attisdropped)
       ORDER BY 1`,
    )
    .then((rows) => rows.map((row) => row.relname));
  return tenantTableList;
}

/**
 * A fingerprint of everything a cooperative owns: its row in `koperasi` and
 * its rows in every tenant table, read in one query (the tests take one
 * before and after each of some hundred requests).
 */
async function snapshot(koperasiId: string): Promise<Record<string, string>> {
  const parts = [`SELECT 'koperasi' AS name, coalesce((SELECT x::text FROM koperasi x WHERE id = $1), '') AS fingerprint`];
  for (const table of await tenantTables()) {
    parts.push(
      `SELECT '${table}', count(*)::int || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM "${table}" x WHERE koperasi_id = $1`,
    );
  }
  const rows = await t.db.superuser.query<{ name: string; fingerprint: string }>(parts.join("\nUNION ALL\n"), [koperasiId]);
  return Object.fromEntries(rows.map((row) => [row.name, row.fingerprint]));
}

async function recordOf(table: string, koperasiId: string): Promise<string | undefined> {
  if (!(await tenantTables()).includes(table)) return undefined;
  const [row] = await t.db.superuser.query<{ id: string }>(`SELECT id::text FROM "${table}" WHERE koperasi_id = $1 ORDER BY id LIMIT 1`, [koperasiId]);
  return row?.id;
}

async function send(route: Route, cookie: string, koperasiId: string, recordIds: Record<string, string>) {
  const spec = REQUESTS[keyOf(route)] ?? {};
  let url = route.url.replace(":koperasiId", koperasiId);
  for (const [name, value] of Object.entries({ ...spec.params, ...recordIds })) url = url.replace(`:${name}`, value);
  if (url.includes("/:")) throw new Error(`no value for a parameter of ${keyOf(route)}: add it to REQUESTS`);
  const query = spec.query ? { query: spec.query } : {};
  if (spec.logo) {
    const form = multipartFile("file", "logo.png", "image/png", logoPng);
    return t.app.inject({ method: route.method as "PUT", url, headers: { cookie, ...form.headers }, payload: form.payload, ...query });
  }
  // Requests that move money need an Idempotency-Key; the others ignore it.
  const headers = route.method === "GET" ? { cookie } : { cookie, "idempotency-key": uuidv7() };
  return t.app.inject({ method: route.method as "GET", url, headers, ...query, ...(spec.body ? { payload: spec.body } : {}) });
}

/** One request of a test: sends it and says what about its answer is wrong. */
interface Sent {
  label: string;
  send: () => Promise<string[]>;
}

const problemCode = (res: { headers: Record<string, unknown>; json: () => unknown }) =>
  String(res.headers["content-type"]).includes("json") ? (res.json() as { code?: string }).code : undefined;

/**
 * Sends each request once, checking that the named cooperatives' data is the
 * same after all of them as before: one snapshot before and one after rather
 * than two per request. Only when something changed are the requests sent
 * again one at a time between snapshots, to name those that change data.
 * Returns the answers' failures and the changes found.
 */
async function sentWithoutChanging(cooperatives: Record<string, string>, requests: Sent[], ignoredTables: string[] = []): Promise<string[]> {
  const take = async () => {
    const all: Record<string, string> = {};
    for (const [name, id] of Object.entries(cooperatives)) {
      for (const [table, fingerprint] of Object.entries(await snapshot(id))) if (!ignoredTables.includes(table)) all[`${name}.${table}`] = fingerprint;
    }
    return all;
  };
  const changedBetween = (before: Record<string, string>, after: Record<string, string>) =>
    Object.keys({ ...before, ...after }).filter((key) => before[key] !== after[key]);

  const failures: string[] = [];
  const before = await take();
  for (const request of requests) failures.push(...(await request.send()));
  const changed = changedBetween(before, await take());
  if (changed.length === 0) return failures;

  const culprits: string[] = [];
  for (const request of requests) {
    const ahead = await take();
    await request.send();
    const tables = changedBetween(ahead, await take());
    if (tables.length > 0) culprits.push(`${request.label} changed ${tables.join(", ")}`);
  }
  return [...failures, ...(culprits.length > 0 ? culprits : [`${changed.join(", ")} changed, and no single request changed it again`])];
}

/** Record ids of `owner` for the route's id parameters, or why there are none (reported as a failure). */
async function recordIdsFor(route: Route, owner: string): Promise<Record<string, string> | string> {
  const ids: Record<string, string> = {};
  for (const { name, segment } of recordParams(route.url)) {
    const table = REQUESTS[keyOf(route)]?.records?.[name] ?? RECORD_TABLES[segment];
    if (!table) return `${keyOf(route)}: name the tenant table behind "/${segment}/:${name}" (RECORD_TABLES or records)`;
    const id = await recordOf(table, owner);
    if (!id) return `${keyOf(route)}: no "${table}" row to use for :${name} — create one in seedCooperative()`;
    ids[name] = id;
  }
  return ids;
}

describe("tenant isolation over HTTP", () => {
  it("reads the routes' declared gates, and has a request for every route under /koperasi/:koperasiId", () => {
    expect(tenantRoutes.map(keyOf)).toEqual(expect.arrayContaining([`PATCH ${K}/profile`, `GET ${K}/members/:id`, `POST ${K}/transfers`]));
    expect(undeclared.map(keyOf), "served under /koperasi/:koperasiId without a declared gate").toEqual([]);
    const missing = tenantRoutes.map(keyOf).filter((key) => !(key in REQUESTS));
    expect(missing, "routes under /koperasi/:koperasiId without an entry in REQUESTS").toEqual([]);
  });

  it("refuses a user of A everything under B's cooperative, and changes nothing of B", async () => {
    const failures: string[] = [];
    const requests: Sent[] = [];
    for (const route of tenantRoutes) {
      const spec = REQUESTS[keyOf(route)] ?? {};
      const expected = spec.crossTenant ?? { status: 403, code: "not_a_member" };
      const ids = await recordIdsFor(route, b.koperasiId);
      if (typeof ids === "string") {
        failures.push(ids);
        continue;
      }
      requests.push({
        label: keyOf(route),
        send: async () => {
          const res = await send(route, a.cookie, b.koperasiId, ids);
          const code = problemCode(res);
          return res.statusCode !== expected.status || code !== expected.code ? [`${keyOf(route)} → ${res.statusCode} ${code ?? res.body.slice(0, 80)}`] : [];
        },
      });
    }
    failures.push(...(await sentWithoutChanging({ B: b.koperasiId }, requests)));
    expect(failures).toEqual([]);
    expect(tenantRoutes.length).toBeGreaterThanOrEqual(Object.keys(REQUESTS).length - 5);
  });

  it("answers 404 for B's record ids under A's own path, and changes nothing", async () => {
    const withIds = tenantRoutes.filter((route) => recordParams(route.url).length > 0);
    expect(withIds.map(keyOf)).toEqual(expect.arrayContaining([`GET ${K}/members/:id`]));
    const failures: string[] = [];
    const requests: Sent[] = [];
    for (const route of withIds) {
      // A platform route is the operator's: she asks under A for a record of B.
      const cookie = REQUESTS[keyOf(route)]?.platform ? operatorCookie : a.cookie;
      const ids = await recordIdsFor(route, b.koperasiId);
      if (typeof ids === "string") {
        failures.push(ids);
        continue;
      }
      requests.push({
        label: keyOf(route),
        send: async () => {
          const res = await send(route, cookie, a.koperasiId, ids);
          return res.statusCode !== 404 ? [`${keyOf(route)} → ${res.statusCode} ${res.body.slice(0, 120)}`] : [];
        },
      });
    }
    failures.push(...(await sentWithoutChanging({ A: a.koperasiId, B: b.koperasiId }, requests)));
    expect(failures).toEqual([]);
  });

  it("lets an operator read a cooperative's data only, each read leaving operator.access in its audit log", async () => {
    const cookie = operatorCookie;
    const auditEntries = async () =>
      t.ctx.database.tenant({ koperasiId: a.koperasiId }, (trx) =>
        trx.selectFrom("audit_log").select(["id", "action", "details", "actor_user_id", "actor_role"]).where("koperasi_id", "=", a.koperasiId).orderBy("id").execute(),
      );

    const failures: string[] = [];
    const requests: Sent[] = [];
    /** Path → how many read routes it has (an access entry names the path, not the method). */
    const readRoutes = new Map<string, number>();
    for (const route of tenantRoutes) {
      const spec = REQUESTS[keyOf(route)] ?? {};
      if (spec.platform) continue;
      const isRead = (route.method === "GET" || spec.readsOnly === true) && !spec.operatorRefused;
      const ids = await recordIdsFor(route, a.koperasiId);
      if (typeof ids === "string") {
        failures.push(ids);
        continue;
      }
      if (isRead) readRoutes.set(route.url, (readRoutes.get(route.url) ?? 0) + 1);
      requests.push({
        label: keyOf(route),
        send: async () => {
          const res = await send(route, cookie, a.koperasiId, ids);
          if (isRead) return res.statusCode !== 200 ? [`${keyOf(route)}: operator read → ${res.statusCode} ${res.body.slice(0, 120)}`] : [];
          const code = problemCode(res);
          return res.statusCode !== 403 || code !== "not_a_member" ? [`${keyOf(route)}: operator write → ${res.statusCode} ${code}`] : [];
        },
      });
    }
    const seen = new Set((await auditEntries()).map((entry) => entry.id));
    // Reads write their audit entry, and only that: the data check leaves the audit log to the checks below.
    failures.push(...(await sentWithoutChanging({ A: a.koperasiId }, requests, ["audit_log"])));
    const added = (await auditEntries()).filter((entry) => !seen.has(entry.id));
    // One access entry per read, by the operator; a refused request adds none (a GET and a refused POST may share a path).
    const visitsByRoute = new Map<string, number>();
    for (const entry of added) {
      if (entry.action !== "operator.access") failures.push(`an operator request wrote audit entry ${entry.action}`);
      else if (entry.actor_user_id !== operatorId || entry.actor_role !== "operator") failures.push(`operator.access entry not the operator's: ${JSON.stringify(entry)}`);
      else {
        const route = (entry.details as { route?: string }).route ?? "?";
        visitsByRoute.set(route, (visitsByRoute.get(route) ?? 0) + 1);
      }
    }
    for (const url of new Set([...readRoutes.keys(), ...visitsByRoute.keys()])) {
      const expected = readRoutes.get(url) ?? 0;
      const logged = visitsByRoute.get(url) ?? 0;
      if (logged < expected) failures.push(`${url}: no operator.access entry`);
      if (logged > expected) failures.push(`${url}: a refused request was logged as an access`);
    }
    const reads = [...readRoutes.values()].reduce((sum, n) => sum + n, 0);
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThanOrEqual(8);
    // Nothing was written to B's log by visits to A.
    const bVisits = await t.ctx.database.tenant({ koperasiId: b.koperasiId }, (trx) =>
      trx.selectFrom("audit_log").select("id").where("action", "=", "operator.access").execute(),
    );
    expect(bVisits).toEqual([]);
  });
});
