import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInAs, createUser, sessionCookie, type TestApp, createTestApp } from "../testing/harness";
import { headers, ledgerKoperasi, memberBalance, expectBooksBalanced, type LedgerKoperasi, type Person } from "../ledger/test-support";
import { postEntry } from "../ledger/post-entry";
import { uuidv7 } from "@koperasi/domain";
import { screenAllCooperatives, screenCooperative, storeScreeningList } from "./screening";

// Joining, leaving and screening through the HTTP routes, on the real
// database: the application, its screening, the pengurus' decision and the
// accounts it opens; the settlement that pays a leaving member out through
// the ledger, and her leaving; the operator's lists and the pengawas' review.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let wakil: Person;
let pengawas: Person;
let sekretaris: Person;
let operator: { userId: string; cookie: string };

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date("2026-03-16T03:00:00.000Z") });
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  wakil = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId, positions: ["wakil_ketua"] });
  sekretaris = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k.koperasiId, positions: ["sekretaris"] });
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
  const op = await createUser(t.ctx);
  await t.ctx.database.db.insertInto("platform_operator").values({ user_id: op.userId }).execute();
  operator = { userId: op.userId, cookie: await sessionCookie(t.ctx, op.email, op.password) };
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const api = (path: string) => `/api/v1/koperasi/${k.koperasiId}${path}`;
const post = (path: string, who: Person, payload: object, key?: string) => t.app.inject({ method: "POST", url: api(path), headers: headers(who, key), payload });
const get = (path: string, who: Person) => t.app.inject({ url: api(path), headers: headers(who) });
const tenant = <T>(fn: (trx: Parameters<Parameters<TestApp["ctx"]["database"]["tenant"]>[1]>[0]) => Promise<T>) => t.ctx.database.tenant({ koperasiId: k.koperasiId }, fn);

async function statusOf(memberId: string): Promise<string> {
  const row = await tenant((trx) => trx.selectFrom("member").select("status").where("id", "=", memberId).executeTakeFirstOrThrow());
  return row.status;
}

async function accountsOf(memberId: string) {
  return tenant((trx) =>
    trx
      .selectFrom("member_account as ma")
      .innerJoin("gl_account as a", (j) => j.onRef("a.koperasi_id", "=", "ma.koperasi_id").onRef("a.id", "=", "ma.account_id"))
      .select(["ma.id", "a.code", "ma.status", "ma.balance"])
      .where("ma.member_id", "=", memberId)
      .orderBy("a.code")
      .execute(),
  );
}

let applicants = 0;
function applicant(extra: object = {}) {
  applicants += 1;
  return { fullName: `Sri Lestari ${["Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan", "Sepuluh"][applicants % 10]} Wulan${applicants}`, ...extra };
}

async function apply(who: Person = kasir, fields: object = applicant()) {
  const res = await post("/membership/applications", who, fields);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; memberId: string; memberNumber: string; state: string; heldMatches: number };
}

/** An accepted member with money in her simpanan pokok and wajib (posted through the ledger as a deposit would be). */
async function memberWithSavings(pokok: number, wajib: number) {
  const application = await apply();
  expect((await post(`/membership/applications/${application.id}/approve`, wakil, {})).statusCode).toBe(200);
  const accounts = await accountsOf(application.memberId);
  const pokokId = accounts.find((a) => a.code === "3-1100")!.id;
  const wajibId = accounts.find((a) => a.code === "3-1200")!.id;
  await tenant((trx) =>
    postEntry(trx, {
      koperasiId: k.koperasiId,
      source: "deposit",
      businessDate: "2026-03-16",
      description: "Setoran simpanan",
      createdBy: null,
      lines: [
        { accountId: k.account("1-1100"), debit: pokok + wajib },
        { accountId: k.account("3-1100"), memberAccountId: pokokId, credit: pokok },
        { accountId: k.account("3-1200"), memberAccountId: wajibId, credit: wajib },
      ].filter((line) => (line.debit ?? line.credit) !== 0),
      postedAt: t.ctx.now(),
      newId: uuidv7,
    }),
  );
  return { ...application, pokokId, wajibId };
}

describe("joining", () => {
  it("takes an application at the counter as calon, and on approval makes her aktif with her savings accounts open", async () => {
    const application = await apply();
    expect(application).toMatchObject({ state: "diajukan", heldMatches: 0 });
    expect(await statusOf(application.memberId)).toBe("calon");
    expect(await accountsOf(application.memberId)).toEqual([]);
    const queue = await get("/membership/applications", wakil);
    expect(queue.json().items.map((a: { id: string }) => a.id)).toContain(application.id);

    const approved = await post(`/membership/applications/${application.id}/approve`, wakil, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: "disetujui", decidedBy: wakil.userId });
    expect(await statusOf(application.memberId)).toBe("aktif");
    expect((await accountsOf(application.memberId)).map((a) => [a.code, a.status, Number(a.balance)])).toEqual([
      ["2-1100", "open", 0],
      ["3-1100", "open", 0],
      ["3-1200", "open", 0],
    ]);
    const history = await tenant((trx) =>
      trx.selectFrom("member_status_change").select(["from_status", "to_status", "changed_by"]).where("member_id", "=", application.memberId).orderBy("id").execute(),
    );
    expect(history).toEqual([
      { from_status: null, to_status: "calon", changed_by: kasir.userId },
      { from_status: "calon", to_status: "aktif", changed_by: wakil.userId },
    ]);
    // Decided once: a second approval is refused and opens nothing more.
    const again = await post(`/membership/applications/${application.id}/approve`, k.ketua, {});
    expect(again.json()).toMatchObject({ status: 409, code: "application_decided" });
    expect(await accountsOf(application.memberId)).toHaveLength(3);
  });

  it("opens the accounts the cooperative chose instead of the default", async () => {
    const setting = () => t.app.inject({ url: api("/membership/joining-accounts"), headers: headers(k.bendahara) });
    const choose = (accountIds: string[]) => t.app.inject({ method: "PUT", url: api("/membership/joining-accounts"), headers: headers(k.bendahara), payload: { accountIds } });
    expect((await setting()).json()).toMatchObject({ isDefault: true, accounts: [{ code: "2-1100" }, { code: "3-1100" }, { code: "3-1200" }] });
    expect((await choose([k.account("1-1100")])).json()).toMatchObject({ status: 400, code: "joining_account_invalid" });
    expect((await choose([k.account("3-1100")])).json()).toMatchObject({ isDefault: false, accounts: [{ code: "3-1100", name: "Simpanan Pokok" }] });
    expect((await t.app.inject({ method: "PUT", url: api("/membership/joining-accounts"), headers: headers(kasir), payload: { accountIds: [] } })).statusCode).toBe(403);
    try {
      const application = await apply();
      expect((await post(`/membership/applications/${application.id}/approve`, wakil, {})).statusCode).toBe(200);
      expect((await accountsOf(application.memberId)).map((a) => a.code)).toEqual(["3-1100"]);
    } finally {
      expect((await choose([])).json()).toMatchObject({ isDefault: true });
    }
  });

  it("keeps maker and checker apart: whoever entered it cannot approve it", async () => {
    const application = await apply(k.ketua);
    const own = await post(`/membership/applications/${application.id}/approve`, k.ketua, {});
    expect(own.json()).toMatchObject({ status: 403, code: "application_same_person" });
    expect(await statusOf(application.memberId)).toBe("calon");
    expect((await post(`/membership/applications/${application.id}/approve`, wakil, {})).statusCode).toBe(200);
  });

  it("lets only ketua and wakil ketua decide, and the counter enter", async () => {
    const application = await apply();
    expect((await post(`/membership/applications/${application.id}/approve`, kasir, {})).statusCode).toBe(403);
    expect((await post(`/membership/applications/${application.id}/approve`, sekretaris, {})).statusCode).toBe(403);
    expect((await post("/membership/applications", pengawas, applicant())).statusCode).toBe(403);
  });

  it("rejects with a reason and keeps the record, still calon", async () => {
    const application = await apply();
    const noReason = await post(`/membership/applications/${application.id}/reject`, wakil, { reason: "" });
    expect(noReason.statusCode).toBe(400);
    const rejected = await post(`/membership/applications/${application.id}/reject`, wakil, { reason: "Bukan warga wilayah kerja koperasi" });
    expect(rejected.json()).toMatchObject({ state: "ditolak", rejectionReason: "Bukan warga wilayah kerja koperasi" });
    expect(await statusOf(application.memberId)).toBe("calon");
    expect((await post(`/membership/applications/${application.id}/approve`, wakil, {})).json()).toMatchObject({ code: "application_decided" });
    const audit = await tenant((trx) => trx.selectFrom("audit_log").select(["action", "actor_user_id"]).where("target_id", "=", application.id).orderBy("id").execute());
    expect(audit).toEqual([
      { action: "membership.apply", actor_user_id: kasir.userId },
      { action: "membership.reject", actor_user_id: wakil.userId },
    ]);
  });

  it("takes a self-service application from the public form only with the e-mail code", async () => {
    const slug = (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", k.koperasiId).executeTakeFirstOrThrow()).slug;
    const email = `pemohon${Date.now()}@contoh.id`;
    const fields = applicant();
    const noCode = await t.app.inject({ method: "POST", url: `/api/v1/public/koperasi/${slug}/membership/applications`, payload: { ...fields, email, code: "000000" } });
    expect(noCode.json()).toMatchObject({ code: "code_invalid" });
    const sent = await t.app.inject({ method: "POST", url: `/api/v1/public/koperasi/${slug}/membership/code`, payload: { email } });
    expect(sent.statusCode, sent.body).toBe(202);
    const message = await t.ctx.database.db.selectFrom("outbound_message").select("body").where("recipient", "=", email).executeTakeFirstOrThrow();
    const code = /\b(\d{6})\b/.exec(message.body)![1]!;
    const filed = await t.app.inject({ method: "POST", url: `/api/v1/public/koperasi/${slug}/membership/applications`, payload: { ...fields, email, code } });
    expect(filed.statusCode, filed.body).toBe(201);
    const row = await tenant((trx) => trx.selectFrom("membership_application").selectAll().where("id", "=", filed.json().applicationId).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ channel: "mandiri", entered_by: null, verified_contact: email, state: "diajukan" });
    // The code is spent.
    const reused = await t.app.inject({ method: "POST", url: `/api/v1/public/koperasi/${slug}/membership/applications`, payload: { ...applicant(), email, code } });
    expect(reused.statusCode).toBe(400);
    // Self-service applications have no maker: the kasir... cannot decide, a pengurus can.
    expect((await post(`/membership/applications/${row.id}/approve`, wakil, {})).statusCode).toBe(200);
  });
  it("takes an application from someone signed in without a code, and on approval her login joins as anggota", async () => {
    const slug = (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", k.koperasiId).executeTakeFirstOrThrow()).slug;
    const person = await createUser(t.ctx);
    const cookie = await sessionCookie(t.ctx, person.email, person.password);
    const url = `/api/v1/public/koperasi/${slug}/membership/applications`;
    const anonymous = await t.app.inject({ method: "POST", url, payload: applicant() });
    expect(anonymous.json()).toMatchObject({ status: 400, code: "invalid_input" });
    const filed = await t.app.inject({ method: "POST", url, headers: { cookie }, payload: applicant() });
    expect(filed.statusCode, filed.body).toBe(201);
    const again = await t.app.inject({ method: "POST", url, headers: { cookie }, payload: applicant() });
    expect(again.json()).toMatchObject({ status: 409, code: "already_in_cooperative" });
    const row = await tenant((trx) => trx.selectFrom("membership_application").selectAll().where("id", "=", filed.json().applicationId).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ channel: "mandiri", applicant_user_id: person.userId, verified_contact: person.email.toLowerCase() });

    expect((await post(`/membership/applications/${row.id}/approve`, wakil, {})).statusCode).toBe(200);
    const member = await tenant((trx) => trx.selectFrom("member").select(["user_id", "status"]).where("id", "=", row.member_id).executeTakeFirstOrThrow());
    expect(member).toEqual({ user_id: person.userId, status: "aktif" });
    const login = await tenant((trx) => trx.selectFrom("koperasi_user").select("roles").where("user_id", "=", person.userId).executeTakeFirstOrThrow());
    expect(login.roles).toEqual(["anggota"]);
  });
});

describe("leaving", () => {
  it("refuses while she has balances, listing them; settles through the ledger; then she leaves and her accounts close", async () => {
    const member = await memberWithSavings(100_000, 240_000);
    const leave = (body: object) => post(`/members/${member.memberId}/leave`, k.ketua, body);
    const refused = await leave({ status: "keluar", effectiveOn: "2026-03-16", reason: "Pindah domisili" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "member_has_balance" });
    expect(refused.json().errors.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(/^3-1100 Simpanan Pokok: Rp\s?100\.000$/), expect.stringMatching(/^3-1200 Simpanan Wajib: Rp\s?240\.000$/)]);
    expect(await statusOf(member.memberId)).toBe("aktif");

    const request = { leavingAs: "keluar", creditAccountId: k.account("1-1100") };
    const preview = await post(`/members/${member.memberId}/settlement/preview`, k.bendahara, request);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ unsettled: [], postings: [{ step: "simpanan", total: 340_000 }] });

    const key = `settle-${member.memberId}`;
    const settled = await post(`/members/${member.memberId}/settlement`, k.bendahara, request, key);
    expect(settled.statusCode, settled.body).toBe(201);
    const entryId = settled.json().entries[0].id as string;
    const lines = await tenant((trx) =>
      trx
        .selectFrom("journal_line as l")
        .innerJoin("gl_account as a", (j) => j.onRef("a.koperasi_id", "=", "l.koperasi_id").onRef("a.id", "=", "l.account_id"))
        .select(["a.code", "l.member_account_id", "l.debit", "l.credit"])
        .where("l.entry_id", "=", entryId)
        .orderBy("l.line_no")
        .execute(),
    );
    expect(lines.map((l) => [l.code, l.member_account_id, Number(l.debit), Number(l.credit)])).toEqual([
      ["3-1100", member.pokokId, 100_000, 0],
      ["3-1200", member.wajibId, 240_000, 0],
      ["1-1100", null, 0, 340_000],
    ]);
    const entry = await tenant((trx) => trx.selectFrom("journal_entry").select(["status", "source", "description"]).where("id", "=", entryId).executeTakeFirstOrThrow());
    expect(entry).toMatchObject({ status: "posted", source: "withdrawal", description: expect.stringContaining("(anggota keluar)") });
    expect(await memberBalance(t, k.koperasiId, member.pokokId)).toBe(0);

    // The same request again with the same key: the stored answer, nothing posted twice.
    const retry = await post(`/members/${member.memberId}/settlement`, k.bendahara, request, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json()).toEqual(settled.json());
    // A new key: nothing is left to pay.
    expect((await post(`/members/${member.memberId}/settlement`, k.bendahara, request, `${key}-2`)).json()).toMatchObject({ code: "settlement_nothing_due" });
    const settlements = await tenant((trx) => trx.selectFrom("member_settlement").select(["journal_entry_id", "recipient"]).where("member_id", "=", member.memberId).execute());
    expect(settlements).toHaveLength(1);

    const left = await leave({ status: "keluar", effectiveOn: "2026-03-16", reason: "Pindah domisili" });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ status: "keluar", effectiveOn: "2026-03-16", accountsClosed: 3 });
    expect(await statusOf(member.memberId)).toBe("keluar");
    expect((await accountsOf(member.memberId)).every((a) => a.status === "closed")).toBe(true);
    await expectBooksBalanced(t, k.koperasiId);
  });

  it("pays a deceased member's savings to the named heir, into a liability account", async () => {
    const member = await memberWithSavings(50_000, 0);
    const heir = await post(`/members/${member.memberId}/heirs`, k.ketua, { fullName: "Rahmat Hidayat", relationship: "anak" });
    expect(heir.statusCode, heir.body).toBe(201);
    const request = { leavingAs: "meninggal", creditAccountId: k.account("2-1300") };
    expect((await post(`/members/${member.memberId}/settlement`, k.bendahara, request, `heir-${member.memberId}`)).json()).toMatchObject({ code: "settlement_heir_required" });
    const settled = await post(`/members/${member.memberId}/settlement`, k.bendahara, { ...request, heirId: heir.json().id }, `heir2-${member.memberId}`);
    expect(settled.statusCode, settled.body).toBe(201);
    const entry = await tenant((trx) => trx.selectFrom("journal_entry").select("description").where("id", "=", settled.json().entries[0].id).executeTakeFirstOrThrow());
    expect(entry.description).toContain("kepada ahli waris Rahmat Hidayat, anak");
    const left = await post(`/members/${member.memberId}/leave`, k.ketua, { status: "meninggal", effectiveOn: "2026-03-16", reason: "Meninggal dunia" });
    expect(left.statusCode, left.body).toBe(200);
  });

  it("refuses a payout account that is a control or group account, and those without the permission", async () => {
    const member = await memberWithSavings(10_000, 0);
    expect((await post(`/members/${member.memberId}/settlement/preview`, k.bendahara, { leavingAs: "keluar", creditAccountId: k.account("2-1100") })).json()).toMatchObject({
      code: "settlement_account_invalid",
    });
    expect((await post(`/members/${member.memberId}/settlement/preview`, kasir, { leavingAs: "keluar", creditAccountId: k.account("1-1100") })).statusCode).toBe(403);
    expect((await post(`/members/${member.memberId}/leave`, kasir, { status: "keluar", effectiveOn: "2026-03-16", reason: "Pindah" })).statusCode).toBe(403);
  });

  it("holds the member book's own status route to the same rules: no leaving with a balance", async () => {
    const member = await memberWithSavings(20_000, 0);
    const res = await post(`/members/${member.memberId}/status`, k.ketua, { status: "keluar", reason: "Pindah domisili" });
    expect(res.json()).toMatchObject({ status: 409, code: "member_has_balance" });
    expect(await statusOf(member.memberId)).toBe("aktif");
  });

  it("refuses leaving while she holds office", async () => {
    const application = await apply();
    await post(`/membership/applications/${application.id}/approve`, wakil, {});
    await tenant((trx) =>
      trx
        .insertInto("structure_term")
        .values({ koperasi_id: k.koperasiId, id: uuidv7(), member_id: application.memberId, body: "pengawas", position: "anggota_pengawas", start_on: "2026-01-01", end_on: "2028-12-31" })
        .execute(),
    );
    const refused = await post(`/members/${application.memberId}/leave`, k.ketua, { status: "keluar", effectiveOn: "2026-03-16", reason: "Pindah" });
    expect(refused.json()).toMatchObject({ status: 409, code: "member_holds_office" });
    expect(await statusOf(application.memberId)).toBe("aktif");
  });
});

describe("screening", () => {
  const dttot = (rows: string[]) => ["name,aliases,nik,birth_date,source", ...rows].join("\n");

  it("holds an application whose name is on the list; approval waits until the pengawas clears it", async () => {
    await storeScreeningList(t.ctx, { listName: "DTTOT-A", csv: dttot(["Abu Dujana Saputra,Ainul Bahri Saputra,,,DTTOT/2026/001"]), uploadedBy: operator.userId });
    const application = await apply(kasir, { fullName: "SAPUTRA  abu dujana" });
    expect(application.heldMatches).toBe(1);
    const blocked = await post(`/membership/applications/${application.id}/approve`, wakil, {});
    expect(blocked.json()).toMatchObject({ status: 409, code: "application_screening_held" });

    const list = await get("/screening/matches", pengawas);
    const match = list.json().items.find((m: { memberId: string }) => m.memberId === application.memberId);
    expect(match).toMatchObject({ matchedOn: "nama", listedName: "Abu Dujana Saputra", reference: "DTTOT/2026/001", state: "held", listName: "DTTOT-A" });
    expect((await get("/screening/matches", wakil)).statusCode).toBe(403);
    const noNote = await post(`/screening/matches/${match.id}/decision`, pengawas, { outcome: "cleared", note: "" });
    expect(noNote.statusCode).toBe(400);
    const cleared = await post(`/screening/matches/${match.id}/decision`, pengawas, { outcome: "cleared", note: "Tanggal lahir dan alamat berbeda, orang lain" });
    expect(cleared.json()).toMatchObject({ state: "cleared", applicationRejected: false });
    expect((await post(`/membership/applications/${application.id}/approve`, wakil, {})).statusCode).toBe(200);
    const audit = await tenant((trx) => trx.selectFrom("audit_log").select(["action", "details"]).where("target_id", "=", match.id).execute());
    expect(audit).toEqual([{ action: "screening.clear", details: expect.objectContaining({ note: "Tanggal lahir dan alamat berbeda, orang lain" }) }]);
  });

  it("keeps a held applicant from becoming aktif through the member book's status route too", async () => {
    const application = await apply(kasir, { fullName: "Abu Dujana Saputra" });
    expect(application.heldMatches).toBe(1);
    const res = await post(`/members/${application.memberId}/status`, wakil, { status: "aktif", reason: "Diterima" });
    expect(res.json()).toMatchObject({ status: 409, code: "member_application_pending" });
    expect(await statusOf(application.memberId)).toBe("calon");
    // Her application decided the other way, a held match still keeps the book from accepting her.
    await post(`/membership/applications/${application.id}/reject`, wakil, { reason: "Menunggu penelitian pengawas" });
    const again = await post(`/members/${application.memberId}/status`, wakil, { status: "aktif", reason: "Diterima" });
    expect(again.json()).toMatchObject({ status: 409, code: "application_screening_held" });
    expect(await statusOf(application.memberId)).toBe("calon");
  });

  it("accepts through the member book only a candidate without a pending application, and opens her joining accounts", async () => {
    const pending = await apply(kasir);
    const refused = await post(`/members/${pending.memberId}/status`, wakil, { status: "aktif", reason: "Diterima" });
    expect(refused.json()).toMatchObject({ status: 409, code: "member_application_pending", errors: [{ path: "body.status" }] });
    expect(await statusOf(pending.memberId)).toBe("calon");
    expect(await accountsOf(pending.memberId)).toEqual([]);

    const added = await post("/members", sekretaris, { fullName: "Wartini Handayani", status: "calon" });
    expect(added.statusCode, added.body).toBe(201);
    const memberId = added.json().id as string;
    expect(await accountsOf(memberId)).toEqual([]);
    const accepted = await post(`/members/${memberId}/status`, wakil, { status: "aktif", reason: "Rapat pengurus 16 Maret" });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(await statusOf(memberId)).toBe("aktif");
    expect((await accountsOf(memberId)).map((a) => [a.code, a.status, Number(a.balance)])).toEqual([
      ["2-1100", "open", 0],
      ["3-1100", "open", 0],
      ["3-1200", "open", 0],
    ]);
    const audit = await tenant((trx) => trx.selectFrom("audit_log").select("details").where("action", "=", "member.status_change").where("target_id", "=", memberId).executeTakeFirstOrThrow());
    expect(audit.details).toMatchObject({ from: "calon", to: "aktif", accountsOpened: ["2-1100", "3-1100", "3-1200"] });
  });

  it("confirming a match rejects the pending application", async () => {
    const application = await apply(kasir, { fullName: "Ainul Bahri Saputra" });
    expect(application.heldMatches).toBe(1);
    const match = (await get("/screening/matches", pengawas)).json().items.find((m: { memberId: string }) => m.memberId === application.memberId);
    const confirmed = await post(`/screening/matches/${match.id}/decision`, pengawas, { outcome: "confirmed", note: "Cocok dengan foto dan data DTTOT" });
    expect(confirmed.json()).toMatchObject({ state: "confirmed", applicationRejected: true });
    const row = await tenant((trx) => trx.selectFrom("membership_application").select(["state", "rejection_reason"]).where("id", "=", application.id).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ state: "ditolak", rejection_reason: expect.stringContaining("Abu Dujana Saputra") });
  });

  it("screens every cooperative's members on upload, by NIK through the blind index and by name, once per version", async () => {
    const nik = "3515140508680007";
    const byNik = await apply(kasir, { fullName: "Nama Lain Sekali", nik, birthDate: "1968-08-05", gender: "male" });
    await post(`/membership/applications/${byNik.id}/approve`, wakil, {});
    const byName = await apply(kasir, { fullName: "Umar Patek Hidayat", birthDate: "1970-01-20" });
    await post(`/membership/applications/${byName.id}/approve`, wakil, {});
    const namesake = await apply(kasir, { fullName: "Umar Patek Hidayat", birthDate: "1990-05-05" });
    await post(`/membership/applications/${namesake.id}/approve`, wakil, {});

    const upload = await t.app.inject({
      method: "POST",
      url: "/api/v1/platform/screening-lists",
      headers: { cookie: operator.cookie },
      payload: { listName: "DTTOT", csv: dttot([`Orang Tercatat,,${nik},,DTTOT/2026/010`, "Hidayat Umar Patek,,,1970-01-20,DTTOT/2026/011"]) },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({ listName: "DTTOT", version: 1, entryCount: 2 });
    const versionId = upload.json().id as string;
    // The route screens after answering; the operator's "continue" runs the same code to the end, each cooperative once.
    const resumed = await t.app.inject({ method: "POST", url: `/api/v1/platform/screening-lists/${versionId}/screen`, headers: { cookie: operator.cookie } });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const cooperatives = await t.ctx.database.db.selectFrom("koperasi").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "approved").executeTakeFirstOrThrow();
    expect(resumed.json()).toMatchObject({ cooperativesScreened: cooperatives.n, matchesHeld: 2 });
    expect(await screenCooperative(t.ctx, versionId, k.koperasiId)).toMatchObject({ skipped: true });
    expect(await screenAllCooperatives(t.ctx, versionId)).toMatchObject({ matchesHeld: 0 });

    const held = (await get("/screening/matches", pengawas)).json().items as { memberId: string; matchedOn: string }[];
    expect(held.filter((m) => m.memberId === byNik.memberId).map((m) => m.matchedOn)).toEqual(["nik"]);
    expect(held.filter((m) => m.memberId === byName.memberId).map((m) => m.matchedOn)).toEqual(["nama_tanggal_lahir"]);
    expect(held.filter((m) => m.memberId === namesake.memberId)).toEqual([]);

    // A new version of the same list: the same people are not held twice.
    const v2 = await storeScreeningList(t.ctx, { listName: "DTTOT", csv: dttot([`Orang Tercatat,,${nik},,DTTOT/2026/010`]), uploadedBy: operator.userId });
    expect(v2.version).toBe(2);
    expect((await screenCooperative(t.ctx, v2.id, k.koperasiId)).matchesHeld).toBe(0);
    const versions = await t.app.inject({ url: "/api/v1/platform/screening-lists", headers: { cookie: operator.cookie } });
    expect(versions.json().items.filter((v: { listName: string }) => v.listName === "DTTOT").map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await t.app.inject({ url: "/api/v1/platform/screening-lists", headers: { cookie: kasir.cookie } })).statusCode).toBe(403);
  });

  it("refuses a list it cannot read, naming the line, and stores nothing", async () => {
    const before = await t.ctx.database.db.selectFrom("screening_list_version").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/platform/screening-lists",
      headers: { cookie: operator.cookie },
      payload: { listName: "DTTOT", csv: dttot(["Nama Baik,,,,x", "Nama Buruk,,12345,,y"]) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "screening_list_invalid", errors: [{ path: "body.file.line.3" }] });
    const after = await t.ctx.database.db.selectFrom("screening_list_version").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
