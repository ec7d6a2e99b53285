import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { koperasiToday } from "../accounts/koperasi-users";
import { signedInAs, type TestApp, createTestApp } from "../testing/harness";

/** What these tests read of an answer: its status and body. */
type Answer = Pick<Awaited<ReturnType<TestApp["app"]["inject"]>>, "statusCode" | "json">;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function koperasiUserId(koperasiId: string, userId: string): Promise<string> {
  const row = await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.selectFrom("koperasi_user").select("id").where("user_id", "=", userId).executeTakeFirstOrThrow(),
  );
  return row.id;
}

/**
 * Approves a change that waits for a second person (202) as a ketua of the
 * cooperative, made for the purpose; answers what the approval applied, as
 * the change would have answered at once. Role grants themselves are tested
 * in role-grants.db.test.ts; these tests are about what a change does.
 */
const approvers = new Map<string, Awaited<ReturnType<typeof signedInAs>>>();
async function approvedBySecondPerson(koperasiId: string, res: Awaited<ReturnType<TestApp["app"]["inject"]>>, applied: "user" | "term") {
  if (res.statusCode !== 202) return res;
  const ketua = approvers.get(koperasiId) ?? (await signedInAs(t.ctx, ["pengurus"], { koperasiId, positions: ["ketua"] }));
  approvers.set(koperasiId, ketua);
  const requestId = (res.json() as { request: { id: string } }).request.id;
  const decided = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${koperasiId}/role-grants/${requestId}/approve`, headers: { cookie: ketua.cookie } });
  if (decided.statusCode !== 200) return decided;
  return { statusCode: applied === "term" ? 201 : 200, json: <T,>() => (decided.json() as Record<string, T>)[applied] as T };
}

async function patch(koperasiId: string, id: string, cookie: string, payload: unknown): Promise<Answer> {
  const res = await t.app.inject({ method: "PATCH", url: `/api/v1/koperasi/${koperasiId}/users/${id}`, headers: { cookie }, payload: payload as Record<string, unknown> });
  return approvedBySecondPerson(koperasiId, res, "user");
}

/** A member record for a login, as the member book would keep it. */
async function memberFor(koperasiId: string, userId: string, memberNumber: string): Promise<string> {
  const id = uuidv7();
  await t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx.insertInto("member").values({ koperasi_id: koperasiId, id, member_number: memberNumber, full_name: "Siti Rahmawati", user_id: userId, joined_on: "2020-01-02" }).execute(),
  );
  return id;
}

async function appoint(koperasiId: string, cookie: string, payload: Record<string, unknown>): Promise<Answer> {
  const res = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${koperasiId}/structure/terms`, headers: { cookie }, payload });
  return approvedBySecondPerson(koperasiId, res, "term");
}

/** The day before the cooperative's today, as the permission check reckons today. */
async function yesterdayIn(koperasiId: string): Promise<string> {
  const koperasi = await t.ctx.database.db.selectFrom("koperasi").select("time_zone").where("id", "=", koperasiId).executeTakeFirstOrThrow();
  const today = koperasiToday(t.ctx, koperasi.time_zone);
  return new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

async function auditActions(koperasiId: string) {
  return t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").selectAll().orderBy("created_at").orderBy("id").execute());
}

describe("GET /koperasi/:id/users", () => {
  it("lists the cooperative's people with roles, positions and two-factor state", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const bendahara = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["bendahara"] });
    await signedInAs(t.ctx, ["admin"]); // someone in another cooperative

    const res = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/users`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ userId: admin.userId, email: admin.email, roles: ["admin"], positions: [], status: "active", twoFactorEnabled: false }),
      expect.objectContaining({ userId: bendahara.userId, roles: ["pengurus"], positions: ["bendahara"], termGrants: { roles: [], positions: [] } }),
    ]);
  });

  it("shows apart what a person's current term of office gives her; a term that ended yesterday gives nothing", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const ketua = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });
    const former = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });
    const yesterday = await yesterdayIn(k);
    const appointed = await appoint(k, admin.cookie, { memberId: await memberFor(k, ketua.userId, "AGT-000101"), body: "pengurus", position: "Ketua", startOn: "2020-01-02", endOn: "2099-12-31" });
    expect(appointed.statusCode).toBe(201);
    const ended = await appoint(k, admin.cookie, { memberId: await memberFor(k, former.userId, "AGT-000102"), body: "pengawas", position: "anggota_pengawas", startOn: "2020-01-02", endOn: yesterday });
    expect(ended.statusCode).toBe(201);

    const res = await t.app.inject({ url: `/api/v1/koperasi/${k}/users`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const none = { roles: [], positions: [] };
    // Everyone but the ketua who approved the appointment.
    expect((res.json() as { userId: string }[]).filter((u) => u.userId !== approvers.get(k)?.userId)).toEqual([
      expect.objectContaining({ userId: admin.userId, roles: ["admin"], positions: [], termGrants: none }),
      // The stored roles stay what the admin set: the term's roles are apart.
      expect.objectContaining({ userId: ketua.userId, roles: ["anggota"], positions: [], termGrants: { roles: ["pengurus"], positions: ["ketua"] } }),
      expect.objectContaining({ userId: former.userId, roles: ["anggota"], positions: [], termGrants: none }),
    ]);

    // Editing her stored roles cannot take away what the term gives; the answer says so.
    const edited = await patch(k, await koperasiUserId(k, ketua.userId), admin.cookie, { roles: ["anggota", "kasir"] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ roles: ["kasir", "anggota"], positions: [], termGrants: { roles: ["pengurus"], positions: ["ketua"] } });
  });

  it("is for admins only; another cooperative's admin is not a member", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["ketua"] });
    const stranger = await signedInAs(t.ctx, ["admin"]);
    const forbidden = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/users`, headers: { cookie: ketua.cookie } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe("forbidden");
    const notMember = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/users`, headers: { cookie: stranger.cookie } });
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().code).toBe("not_a_member");
    expect((await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/users` })).statusCode).toBe(401);
  });
});

describe("PATCH /koperasi/:id/users/:id", () => {
  it("changes roles and positions, normalises them, and writes an audit entry", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k });
    const id = await koperasiUserId(k, kasir.userId);

    const res = await patch(k, id, admin.cookie, { roles: ["kasir", "pengurus", "pengurus"], positions: ["Sekretaris"] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, userId: kasir.userId, roles: ["pengurus", "kasir"], positions: ["sekretaris"], status: "active" });

    // The new position takes effect at once: a sekretaris may invite.
    const list = await t.app.inject({ url: `/api/v1/koperasi/${k}/invitations`, headers: { cookie: kasir.cookie } });
    expect(list.statusCode).toBe(200);

    const audit = (await auditActions(k)).filter((a) => a.action === "user.update");
    expect(audit).toHaveLength(1);
    // Pengurus is money authority: applied when a second person (the ketua) approved what the admin asked for.
    expect(audit[0]).toMatchObject({ target_type: "koperasi_user", target_id: id, details: expect.objectContaining({ requestedBy: admin.userId }) });
    expect((await auditActions(k)).filter((a) => a.action === "role_grant.request")[0]).toMatchObject({ actor_user_id: admin.userId });
    expect(audit[0]!.details).toMatchObject({ before: { roles: ["kasir"], positions: [] }, after: { roles: ["pengurus", "kasir"], positions: ["sekretaris"] } });
  });

  it("ends a pengurus's positions with the role, and refuses positions without it", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const bendahara = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k, positions: ["bendahara"] });
    const id = await koperasiUserId(k, bendahara.userId);
    const refused = await patch(k, id, admin.cookie, { roles: ["kasir"], positions: ["bendahara"] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: "invalid_input", errors: [{ path: "body.positions", code: "positions_need_pengurus" }] });
    const ok = await patch(k, id, admin.cookie, { roles: ["kasir"] });
    expect(ok.json()).toMatchObject({ roles: ["kasir"], positions: [] });
  });

  it("gives a person made anggota her member record with the next number", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k });
    const res = await patch(k, await koperasiUserId(k, kasir.userId), admin.cookie, { roles: ["kasir", "anggota"] });
    expect(res.statusCode).toBe(200);
    const members = await t.ctx.database.tenant({ koperasiId: k }, (trx) => trx.selectFrom("member").selectAll().execute());
    expect(members).toEqual([expect.objectContaining({ user_id: kasir.userId, member_number: "AGT-000001", status: "aktif" })]);
  });

  it("disables a person: she can no longer act in the cooperative", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k });
    const res = await patch(k, await koperasiUserId(k, pengawas.userId), admin.cookie, { status: "disabled" });
    expect(res.json().status).toBe("disabled");
    const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: pengawas.cookie } });
    expect(session.json().memberships).toEqual([]);
  });

  it("refuses to remove the last active admin (409), by role change or by disabling", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const own = await koperasiUserId(k, admin.userId);
    for (const change of [{ roles: ["pengurus"], positions: ["ketua"] }, { status: "disabled" }]) {
      const res = await patch(k, own, admin.cookie, change);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "last_admin" });
    }
    const row = await t.ctx.database.tenant({ koperasiId: k }, (trx) => trx.selectFrom("koperasi_user").selectAll().where("id", "=", own).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ roles: ["admin"], status: "active" });
    expect((await auditActions(k)).filter((a) => a.action === "user.update")).toHaveLength(0);

    // With a second admin, the first may step down.
    const second = await signedInAs(t.ctx, ["admin"], { koperasiId: k });
    expect((await patch(k, own, admin.cookie, { roles: ["pengurus"], positions: ["ketua"] })).statusCode).toBe(200);
    // And now the second is the last one.
    const res = await patch(k, await koperasiUserId(k, second.userId), second.cookie, { roles: ["anggota"] });
    expect(res.statusCode).toBe(409);
  });

  it("answers 404 for another cooperative's person and for unknown ids; bad input is a 400", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const other = await signedInAs(t.ctx, ["admin"]);
    const foreignId = await koperasiUserId(other.koperasiId, other.userId);
    const res = await patch(admin.koperasiId, foreignId, admin.cookie, { status: "disabled" });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
    const untouched = await t.ctx.database.tenant({ koperasiId: other.koperasiId }, (trx) =>
      trx.selectFrom("koperasi_user").select("status").where("id", "=", foreignId).executeTakeFirstOrThrow(),
    );
    expect(untouched.status).toBe("active");
    expect((await patch(admin.koperasiId, uuidv7(), admin.cookie, { status: "disabled" })).statusCode).toBe(404);

    const own = await koperasiUserId(admin.koperasiId, admin.userId);
    const cases: unknown[] = [{ roles: [] }, { roles: ["operator"] }, { status: "hapus" }, { roles: ["admin"], superuser: true }];
    for (const body of cases) {
      const bad = await patch(admin.koperasiId, own, admin.cookie, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().code).toBe("invalid_input");
    }
    expect((await patch(admin.koperasiId, "bukan-uuid", admin.cookie, { status: "active" })).statusCode).toBe(400);
  });
});
