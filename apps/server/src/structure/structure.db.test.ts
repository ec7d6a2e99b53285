import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { uuidv7, type Role } from "@koperasi/domain";
import { addToKoperasi, createKoperasi, createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";

/** What these tests read of an answer: its status and body. */
type Answer = Pick<Awaited<ReturnType<TestApp["app"]["inject"]>>, "statusCode" | "json"> & { headers?: Record<string, unknown> };

// Terms of office over HTTP on a real database: appointing from members,
// the roles a current term gives, their end (early, or by date with nobody
// pressing a button), the refusals, and the history that stays.

let t: TestApp;
let clock = new Date("2026-03-10T03:00:00Z"); // 10 March 2026, 10.00 WIB
let admin: Awaited<ReturnType<typeof signedInAs>>;
/** The second person who approves a pengurus appointment (role grants are tested in role-grants.db.test.ts). */
let approver: Awaited<ReturnType<typeof signedInAs>>;
let koperasiId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  admin = await signedInAs(t.ctx, ["admin"]);
  koperasiId = admin.koperasiId;
  approver = await signedInAs(t.ctx, ["admin"], { koperasiId });
});
afterAll(async () => {
  await t?.close();
});

let memberCounter = 0;

/** A member record; with a login (role anggota) unless `withLogin` is false. */
async function addMember(fullName: string, opts: { withLogin?: boolean; status?: "aktif" | "keluar" | "calon"; roles?: Role[] } = {}) {
  memberCounter += 1;
  const id = uuidv7();
  let login: { userId: string; cookie: string } | null = null;
  if (opts.withLogin !== false) {
    const user = await createUser(t.ctx, { name: fullName });
    await addToKoperasi(t.ctx, koperasiId, user.userId, opts.roles ?? ["anggota"]);
    login = { userId: user.userId, cookie: await sessionCookie(t.ctx, user.email, user.password) };
  }
  await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx
      .insertInto("member")
      .values({
        koperasi_id: koperasiId,
        id,
        member_number: `STR-${String(memberCounter).padStart(4, "0")}`,
        full_name: fullName,
        user_id: login?.userId ?? null,
        status: opts.status ?? "aktif",
        joined_on: "2025-01-02",
      })
      .execute(),
  );
  return { id, login };
}

const url = (path = "") => `/api/v1/koperasi/${koperasiId}/structure${path}`;

/**
 * Appoints. A pengurus term waits for a second person's approval (202);
 * these tests are about the term itself, so the second admin approves it
 * and the answer is the term the approval appointed.
 */
async function appoint(cookie: string, payload: Record<string, unknown>): Promise<Answer> {
  const res = await t.app.inject({ method: "POST", url: url("/terms"), headers: { cookie }, payload });
  if (res.statusCode !== 202) return res;
  const requestId = (res.json() as { request: { id: string } }).request.id;
  const decided = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${koperasiId}/role-grants/${requestId}/approve`, headers: { cookie: approver.cookie } });
  if (decided.statusCode !== 200) return decided;
  return { statusCode: 201, json: <T,>() => (decided.json() as { term: T }).term };
}

function endTerm(cookie: string, termId: string, endOn: string) {
  return t.app.inject({ method: "POST", url: url(`/terms/${termId}/end`), headers: { cookie }, payload: { endOn } });
}

/** A write only structure.manage may make (ketua, sekretaris, admin). */
function recordEmployee(cookie: string) {
  return t.app.inject({ method: "POST", url: url("/employees"), headers: { cookie }, payload: { fullName: "Rudi Hartono", jobTitle: "Staf Lapangan", startOn: "2026-01-05" } });
}

/** A read any pengurus or pengawas may make, nobody else below admin. */
function readJournals(cookie: string) {
  return t.app.inject({ url: `/api/v1/koperasi/${koperasiId}/journals`, headers: { cookie } });
}

async function sessionRoles(cookie: string) {
  const session = (await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).json() as {
    memberships: { koperasiId: string; roles: string[]; positions: string[] }[];
  };
  return session.memberships.find((m) => m.koperasiId === koperasiId);
}

async function termCount() {
  return (await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("structure_term").select("id").execute())).length;
}

async function storedRoles(userId: string) {
  return t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("koperasi_user").select(["roles", "positions"]).where("user_id", "=", userId).executeTakeFirstOrThrow(),
  );
}

describe("appointing pengurus and pengawas", () => {
  it("appoints a member as ketua: her login gains pengurus and the ketua's duties while the term runs, audited", async () => {
    const siti = await addMember("Siti Rahmawati");
    const cookie = siti.login?.cookie ?? "";
    expect((await recordEmployee(cookie)).statusCode).toBe(403);
    expect((await readJournals(cookie)).statusCode).toBe(403);

    const res = await appoint(admin.cookie, { memberId: siti.id, body: "pengurus", position: "Ketua", startOn: "2026-01-01", endOn: "2030-12-31" });
    expect(res.statusCode).toBe(201);
    const term = res.json();
    expect(term).toMatchObject({ memberId: siti.id, fullName: "Siti Rahmawati", body: "pengurus", position: "ketua", current: true, endedEarly: false, hasLogin: true });

    expect((await readJournals(cookie)).statusCode).toBe(200);
    expect((await recordEmployee(cookie)).statusCode).toBe(201);
    expect(await sessionRoles(cookie)).toMatchObject({ roles: ["anggota", "pengurus"], positions: ["ketua"] });
    // The stored (manually assigned) roles are untouched: the term is the source.
    expect(await storedRoles(siti.login?.userId ?? "")).toEqual({ roles: ["anggota"], positions: [] });

    const audit = await t.ctx.database.tenant({ koperasiId }, (trx) =>
      trx.selectFrom("audit_log").selectAll().where("action", "=", "structure.appoint").where("target_id", "=", term.id).execute(),
    );
    expect(audit).toHaveLength(1);
    // Appointed when the second person approved what the admin asked for.
    expect(audit[0]).toMatchObject({ actor_user_id: approver.userId, target_type: "structure_term" });
    expect(audit[0]?.details).toMatchObject({ memberId: siti.id, position: "ketua", startOn: "2026-01-01", endOn: "2030-12-31", requestedBy: admin.userId });

    // Ending the term early takes the role away at once and keeps the record.
    const ended = await endTerm(admin.cookie, term.id, "2026-03-09");
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: term.id, endOn: "2026-03-09", current: false, endedEarly: true });
    expect((await readJournals(cookie)).statusCode).toBe(403);
    expect((await recordEmployee(cookie)).statusCode).toBe(403);
    expect(await sessionRoles(cookie)).toMatchObject({ roles: ["anggota"], positions: [] });
    const history = (await t.app.inject({ url: url("/history"), headers: { cookie } })).json();
    expect(history.terms).toContainEqual(expect.objectContaining({ id: term.id, startOn: "2026-01-01", endOn: "2026-03-09", current: false }));
    // An ended term cannot be ended again.
    const again = await endTerm(admin.cookie, term.id, "2026-03-09");
    expect([again.statusCode, again.json().code]).toEqual([409, "term_already_ended"]);
  });

  it("grants nothing once a term's last day has passed, without anybody ending it", async () => {
    const budi = await addMember("Budi Santoso");
    const cookie = budi.login?.cookie ?? "";
    const res = await appoint(admin.cookie, { memberId: budi.id, body: "pengurus", position: "sekretaris", startOn: "2026-03-01", endOn: "2026-03-31" });
    expect(res.statusCode).toBe(201);
    expect((await recordEmployee(cookie)).statusCode).toBe(201);
    try {
      clock = new Date("2026-03-31T16:59:00Z"); // 31 March, 23.59 WIB: the last day
      expect((await recordEmployee(cookie)).statusCode).toBe(201);
      clock = new Date("2026-03-31T17:00:00Z"); // 1 April, 00.00 WIB
      expect((await recordEmployee(cookie)).statusCode).toBe(403);
      expect((await readJournals(cookie)).statusCode).toBe(403);
      expect(await sessionRoles(cookie)).toMatchObject({ roles: ["anggota"], positions: [] });
      const current = (await t.app.inject({ url: url(), headers: { cookie } })).json();
      expect(current.pengurus.map((p: { memberId: string }) => p.memberId)).not.toContain(budi.id);
    } finally {
      clock = new Date("2026-03-10T03:00:00Z");
    }
    // A term that has not started yet grants nothing either.
    const later = await addMember("Lestari Wulan");
    await appoint(admin.cookie, { memberId: later.id, body: "pengurus", position: "Bendahara II", startOn: "2026-04-01", endOn: "2026-12-31" });
    expect((await readJournals(later.login?.cookie ?? "")).statusCode).toBe(403);
  });

  it("makes a pengawas a read-only overseer while her term runs", async () => {
    const rina = await addMember("Rina Marlina");
    const cookie = rina.login?.cookie ?? "";
    const res = await appoint(admin.cookie, { memberId: rina.id, body: "pengawas", position: "ketua_pengawas", startOn: "2026-01-01", endOn: "2030-12-31" });
    expect(res.statusCode).toBe(201);
    expect((await readJournals(cookie)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/koperasi/${koperasiId}/audit`, headers: { cookie } })).statusCode).toBe(200);
    expect((await recordEmployee(cookie)).statusCode).toBe(403);
    expect(await sessionRoles(cookie)).toMatchObject({ roles: ["anggota", "pengawas"] });

    // Her term counts in this cooperative only: in another one she is what its admin made her.
    const other = await createKoperasi(t.ctx, admin.userId);
    await addToKoperasi(t.ctx, other.koperasiId, rina.login?.userId ?? "", ["anggota"]);
    const elsewhere = await t.app.inject({ url: `/api/v1/koperasi/${other.koperasiId}/journals`, headers: { cookie } });
    expect(elsewhere.statusCode).toBe(403);

    // A member who leaves the cooperative leaves its offices with it.
    await t.ctx.database.tenant({ koperasiId }, (trx) => trx.updateTable("member").set({ status: "keluar" }).where("id", "=", rina.id).execute());
    expect((await readJournals(cookie)).statusCode).toBe(403);
    await t.ctx.database.tenant({ koperasiId }, (trx) => trx.updateTable("member").set({ status: "aktif" }).where("id", "=", rina.id).execute());
    expect((await readJournals(cookie)).statusCode).toBe(200);
  });

  it("lets a member without a login hold a post, granting nothing until she has one", async () => {
    const agus = await addMember("Agus Salim", { withLogin: false });
    const res = await appoint(admin.cookie, { memberId: agus.id, body: "pengurus", position: "wakil_ketua", startOn: "2026-01-01", endOn: "2030-12-31" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ position: "wakil_ketua", hasLogin: false, current: true });
  });

  it("keeps an admin's manually assigned roles whatever the terms say", async () => {
    const manual = await signedInAs(t.ctx, ["pengurus"], { koperasiId, positions: ["sekretaris"] });
    expect((await recordEmployee(manual.cookie)).statusCode).toBe(201);
    expect((await readJournals(manual.cookie)).statusCode).toBe(200);
  });
});

describe("refusals", () => {
  async function expectRefused(payload: Record<string, unknown>, status: number, code: string) {
    const before = await termCount();
    const res = await appoint(admin.cookie, payload);
    expect([JSON.stringify(payload), res.statusCode, res.json().code]).toEqual([JSON.stringify(payload), status, code]);
    expect(res.headers?.["content-type"]).toContain("application/problem+json");
    expect(res.json().detail).toMatch(/\S+/);
    expect(await termCount()).toBe(before);
  }

  it("refuses non-members, inactive members, a second ketua, both bodies at once, and an end before the start", async () => {
    const dewi = await addMember("Dewi Lestari");
    const keluar = await addMember("Wati Keluar", { status: "keluar" });
    const calon = await addMember("Calon Anggota", { status: "calon" });
    const term = { startOn: "2026-01-01", endOn: "2030-12-31" };

    expect((await appoint(admin.cookie, { memberId: dewi.id, body: "pengurus", position: "bendahara", ...term })).statusCode).toBe(201);
    await expectRefused({ memberId: uuidv7(), body: "pengurus", position: "sekretaris", ...term }, 400, "member_not_found");
    await expectRefused({ memberId: keluar.id, body: "pengurus", position: "sekretaris", ...term }, 409, "member_not_active");
    await expectRefused({ memberId: calon.id, body: "pengawas", position: "anggota_pengawas", ...term }, 409, "member_not_active");
    // Dewi is bendahara: not pengawas too, not even for a day of overlap.
    await expectRefused({ memberId: dewi.id, body: "pengawas", position: "anggota_pengawas", startOn: "2030-12-31", endOn: "2035-12-31" }, 409, "holds_other_body");
    // Rina is ketua pengawas (above): not pengurus too.
    const rina = (await t.app.inject({ url: url(), headers: { cookie: admin.cookie } })).json().pengawas[0];
    await expectRefused({ memberId: rina.memberId, body: "pengurus", position: "Ketua Bidang Usaha", ...term }, 409, "holds_other_body");
    // The wakil ketua's post is held (Agus, above).
    await expectRefused({ memberId: dewi.id, body: "pengurus", position: "Wakil Ketua", ...term }, 409, "position_taken");
    await expectRefused({ memberId: dewi.id, body: "pengurus", position: "bendahara", startOn: "2027-01-01", endOn: "2027-12-31" }, 409, "already_holds_position");
    await expectRefused({ memberId: dewi.id, body: "pengurus", position: "sekretaris", startOn: "2026-05-01", endOn: "2026-04-30" }, 400, "term_end_before_start");
    await expectRefused({ memberId: dewi.id, body: "pengawas", position: "ketua", ...term }, 400, "position_invalid");
    await expectRefused({ memberId: dewi.id, body: "direksi", position: "ketua", ...term }, 400, "invalid_input");
    await expectRefused({ memberId: dewi.id, body: "pengurus", position: "sekretaris", startOn: "2026-02-30", endOn: "2030-12-31" }, 400, "invalid_input");
    // After the bendahara's term, she may serve as pengawas; the ketua's post, free since 9 March, may be filled.
    expect((await appoint(admin.cookie, { memberId: dewi.id, body: "pengawas", position: "anggota_pengawas", startOn: "2031-01-01", endOn: "2035-12-31" })).statusCode).toBe(201);
    expect((await appoint(admin.cookie, { memberId: dewi.id, body: "pengurus", position: "ketua", startOn: "2026-03-10", endOn: "2030-12-31" })).statusCode).toBe(201);
  });

  it("refuses an end outside the term and an unknown term", async () => {
    const tono = await addMember("Tono Sugiarto");
    const term = (await appoint(admin.cookie, { memberId: tono.id, body: "pengurus", position: "Bendahara II", startOn: "2026-02-01", endOn: "2030-12-31" })).json();
    for (const endOn of ["2026-01-31", "2031-01-01"]) {
      const res = await endTerm(admin.cookie, term.id, endOn);
      expect([res.statusCode, res.json().code]).toEqual([400, "term_end_outside_term"]);
    }
    expect((await endTerm(admin.cookie, uuidv7(), "2026-03-10")).statusCode).toBe(404);
  });

  it("lets every member see the structure and only admin, ketua and sekretaris change it", async () => {
    const anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId });
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId });
    const bendahara = await signedInAs(t.ctx, ["pengurus"], { koperasiId, positions: ["bendahara"] });
    const someone = await addMember("Yanti Susanti");
    for (const viewer of [anggota, kasir, bendahara]) {
      expect((await t.app.inject({ url: url(), headers: { cookie: viewer.cookie } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: url("/history"), headers: { cookie: viewer.cookie } })).statusCode).toBe(200);
      const res = await appoint(viewer.cookie, { memberId: someone.id, body: "pengurus", position: "Seksi Humas", startOn: "2026-01-01", endOn: "2026-12-31" });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe("the chart and the history", () => {
  it("shows today's holders in chart order, and every term ever recorded in the history", async () => {
    const current = (await t.app.inject({ url: url(), headers: { cookie: admin.cookie } })).json();
    expect(current.asOf).toBe("2026-03-10");
    expect(current.pengurus.map((p: { position: string; fullName: string }) => `${p.position}:${p.fullName}`)).toEqual([
      "ketua:Dewi Lestari",
      "wakil_ketua:Agus Salim",
      "sekretaris:Budi Santoso", // until 31 March
      "bendahara:Dewi Lestari",
      "Bendahara II:Tono Sugiarto",
    ]);
    expect(current.pengawas.map((p: { position: string }) => p.position)).toEqual(["ketua_pengawas"]);
    const history = (await t.app.inject({ url: url("/history"), headers: { cookie: admin.cookie } })).json();
    expect(history.terms).toHaveLength(await termCount());
    expect(history.terms.filter((h: { current: boolean }) => !h.current).map((h: { fullName: string }) => h.fullName).sort()).toEqual([
      "Dewi Lestari", // the pengawas term from 2031
      "Lestari Wulan", // from April
      "Siti Rahmawati",
    ]);
  });

  it("never deletes a term, and a term can only be shortened", async () => {
    const [term] = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("structure_term").select(["id"]).limit(1).execute());
    await expect(t.ctx.database.tenant({ koperasiId }, (trx) => trx.deleteFrom("structure_term").where("id", "=", term?.id ?? "").execute())).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      t.ctx.database.tenant({ koperasiId }, (trx) => sql`UPDATE structure_term SET end_on = end_on + 1 WHERE id = ${term?.id}`.execute(trx)),
    ).rejects.toThrow(/cannot be lengthened/);
    await expect(
      t.ctx.database.tenant({ koperasiId }, (trx) => sql`UPDATE structure_term SET position = 'Seksi Lain' WHERE id = ${term?.id}`.execute(trx)),
    ).rejects.toThrow(/only be ended early/);
  });

  it("refuses overlaps in the database too, whoever writes", async () => {
    const current = (await t.app.inject({ url: url(), headers: { cookie: admin.cookie } })).json();
    const ketua = current.pengurus.find((p: { position: string }) => p.position === "ketua");
    const pengawas = current.pengawas[0];
    const other = await addMember("Hendra Gunawan");
    const insert = (memberId: string, body: string, position: string) =>
      t.ctx.database.tenant({ koperasiId }, (trx) =>
        sql`INSERT INTO structure_term (koperasi_id, id, member_id, body, position, start_on, end_on)
            VALUES (${koperasiId}, ${uuidv7()}, ${memberId}, ${body}, ${position}, '2026-06-01', '2026-06-30')`.execute(trx),
      );
    await expect(insert(other.id, "pengurus", "ketua")).rejects.toThrow(/position ketua is held/);
    await expect(insert(ketua.memberId, "pengawas", "anggota_pengawas")).rejects.toThrow(/pengurus and a pengawas post/);
    await expect(insert(pengawas.memberId, "pengurus", "Seksi Humas")).rejects.toThrow(/pengurus and a pengawas post/);
    await expect(insert(other.id, "pengurus", "Seksi Humas")).resolves.toBeDefined();
    await expect(insert(other.id, "pengurus", "seksi humas")).rejects.toThrow(/same post, or two pengawas posts/);
    await expect(insert(pengawas.memberId, "pengawas", "anggota_pengawas")).rejects.toThrow(/same post, or two pengawas posts/);
  });
});

describe("karyawan", () => {
  it("records staff, optionally linked to a kasir login, lists them and ends their employment", async () => {
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId });
    const logins = (await t.app.inject({ url: url("/kasir-logins"), headers: { cookie: admin.cookie } })).json() as { koperasiUserId: string; name: string }[];
    const kasirRow = await t.ctx.database.tenant({ koperasiId }, (trx) =>
      trx.selectFrom("koperasi_user").select("id").where("user_id", "=", kasir.userId).executeTakeFirstOrThrow(),
    );
    expect(logins.map((l) => l.koperasiUserId)).toContain(kasirRow.id);

    const res = await t.app.inject({
      method: "POST",
      url: url("/employees"),
      headers: { cookie: admin.cookie },
      payload: { fullName: " Nur  Aini ", jobTitle: "Kasir", startOn: "2026-02-01", koperasiUserId: kasirRow.id },
    });
    expect(res.statusCode).toBe(201);
    const employee = res.json();
    expect(employee).toMatchObject({ fullName: "Nur Aini", jobTitle: "Kasir", endOn: null, current: true, login: { koperasiUserId: kasirRow.id } });

    // A login that is not kasir cannot be linked (recording staff hands out no role).
    const adminRow = await t.ctx.database.tenant({ koperasiId }, (trx) =>
      trx.selectFrom("koperasi_user").select("id").where("user_id", "=", admin.userId).executeTakeFirstOrThrow(),
    );
    const refused = await t.app.inject({
      method: "POST",
      url: url("/employees"),
      headers: { cookie: admin.cookie },
      payload: { fullName: "Joko", jobTitle: "Kasir", startOn: "2026-02-01", koperasiUserId: adminRow.id },
    });
    expect([refused.statusCode, refused.json().code]).toEqual([400, "login_not_kasir"]);
    expect(refused.json().errors).toEqual([{ path: "body.koperasiUserId", code: "login_not_kasir", message: "Pilih akun berperan kasir." }]);
    // An English client reads the refusal and its field in English.
    const english = await t.app.inject({
      method: "POST",
      url: url("/employees"),
      headers: { cookie: admin.cookie, "accept-language": "en" },
      payload: { fullName: "Joko", jobTitle: "Kasir", startOn: "2026-02-01", koperasiUserId: adminRow.id },
    });
    expect(english.json()).toMatchObject({
      code: "login_not_kasir",
      detail: "The chosen login is not an active teller of this cooperative.",
      errors: [{ path: "body.koperasiUserId", code: "login_not_kasir", message: "Choose a login with the kasir role." }],
    });
    const badDates = await t.app.inject({
      method: "POST",
      url: url("/employees"),
      headers: { cookie: admin.cookie },
      payload: { fullName: "Joko", jobTitle: "Kasir", startOn: "2026-02-01", endOn: "2026-01-31" },
    });
    expect([badDates.statusCode, badDates.json().code]).toEqual([400, "term_end_before_start"]);

    const current = (await t.app.inject({ url: url(), headers: { cookie: kasir.cookie } })).json();
    expect(current.karyawan.map((e: { fullName: string }) => e.fullName)).toContain("Nur Aini");

    const ended = await t.app.inject({ method: "POST", url: url(`/employees/${employee.id}/end`), headers: { cookie: admin.cookie }, payload: { endOn: "2026-03-09" } });
    expect(ended.json()).toMatchObject({ endOn: "2026-03-09", current: false });
    const after = (await t.app.inject({ url: url(), headers: { cookie: kasir.cookie } })).json();
    expect(after.karyawan.map((e: { fullName: string }) => e.fullName)).not.toContain("Nur Aini");
    const history = (await t.app.inject({ url: url("/history"), headers: { cookie: kasir.cookie } })).json();
    expect(history.employees).toContainEqual(expect.objectContaining({ id: employee.id, endOn: "2026-03-09" }));
  });
});
