import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { settleDeferred } from "./deferred-work";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// Money and admin roles take effect only once a second person approves:
// by editing roles or by appointing a pengurus term; never by one's own
// hand; the pengawas is told; refusals are audited.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const api = (koperasiId: string) => `/api/v1/koperasi/${koperasiId}`;

async function koperasiUserId(koperasiId: string, userId: string): Promise<string> {
  const row = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("koperasi_user").select("id").where("user_id", "=", userId).executeTakeFirstOrThrow());
  return row.id;
}

async function storedRoles(koperasiId: string, userId: string): Promise<string[]> {
  const row = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("koperasi_user").select("roles").where("user_id", "=", userId).executeTakeFirstOrThrow());
  return row.roles;
}

async function auditOf(koperasiId: string, action: string) {
  return t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("created_at").execute());
}

function patchRoles(koperasiId: string, cookie: string, id: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: "PATCH", url: `${api(koperasiId)}/users/${id}`, headers: { cookie }, payload });
}

function decide(koperasiId: string, cookie: string, requestId: string, decision: "approve" | "reject") {
  return t.app.inject({ method: "POST", url: `${api(koperasiId)}/role-grants/${requestId}/${decision}`, headers: { cookie } });
}

describe("a money or admin role by editing roles", () => {
  it("waits for another admin; the requester cannot approve it; the pengawas is told; approved once, applied once", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const second = await signedInAs(t.ctx, ["admin"], { koperasiId: k });
    const pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k });
    const siti = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });

    const res = await patchRoles(k, admin.cookie, await koperasiUserId(k, siti.userId), { roles: ["anggota", "kasir"] });
    expect(res.statusCode).toBe(202);
    const pending = res.json() as { status: string; request: { id: string; grants: string[]; status: string } };
    expect(pending).toMatchObject({ status: "pending_approval", request: { grants: ["kasir"], status: "pending", subjectUserId: siti.userId, requestedBy: admin.userId } });
    expect(await storedRoles(k, siti.userId)).toEqual(["anggota"]);
    expect((await t.app.inject({ url: `${api(k)}/role-grants`, headers: { cookie: pengawas.cookie } })).json()).toContainEqual(
      expect.objectContaining({ id: pending.request.id, status: "pending" }),
    );

    await settleDeferred(t.ctx);
    const notices = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", pengawas.email).execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain("kasir");

    const own = await decide(k, admin.cookie, pending.request.id, "approve");
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe("grant_own_request");
    // Two admins: the pengawas is not the second person here.
    const byPengawas = await decide(k, pengawas.cookie, pending.request.id, "approve");
    expect(byPengawas.json().code).toBe("grant_not_an_approver");
    const refusals = await auditOf(k, "role_grant.refused");
    expect(refusals.map((a) => [a.actor_user_id, (a.details as { reason: string }).reason])).toEqual([
      [admin.userId, "own_request"],
      [pengawas.userId, "not_an_approver"],
    ]);
    expect(await storedRoles(k, siti.userId)).toEqual(["anggota"]);

    const approved = await decide(k, second.cookie, pending.request.id, "approve");
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ request: { status: "approved", decidedBy: second.userId }, user: { roles: ["kasir", "anggota"] } });
    expect(await storedRoles(k, siti.userId)).toEqual(["kasir", "anggota"]);

    const again = await decide(k, second.cookie, pending.request.id, "approve");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("grant_already_decided");
    expect(await auditOf(k, "role_grant.approve")).toHaveLength(1);
  });

  it("never by one's own hand: an admin giving herself pengurus waits, and she can neither approve it nor have it approved for her by herself", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const own = await patchRoles(k, admin.cookie, await koperasiUserId(k, admin.userId), { roles: ["admin", "pengurus"], positions: ["bendahara"] });
    expect(own.statusCode).toBe(202);
    expect(own.json().request.grants).toEqual(["pengurus", "bendahara"]);
    expect((await decide(k, admin.cookie, own.json().request.id, "approve")).json().code).toBe("grant_own_request");
    expect(await storedRoles(k, admin.userId)).toEqual(["admin"]);

    // Another admin asks on her behalf: still not hers to approve.
    const other = await signedInAs(t.ctx, ["admin"], { koperasiId: k });
    const forHer = await patchRoles(k, other.cookie, await koperasiUserId(k, admin.userId), { roles: ["admin", "kasir"] });
    expect(forHer.statusCode).toBe(202);
    expect((await decide(k, admin.cookie, forHer.json().request.id, "approve")).json().code).toBe("grant_own_grant");
    expect(await storedRoles(k, admin.userId)).toEqual(["admin"]);
  });

  it("with a single admin the pengawas approves; a kasir cannot; a rejection applies nothing", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k });
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k });
    const budi = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });
    const dewi = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });

    const toBudi = (await patchRoles(k, admin.cookie, await koperasiUserId(k, budi.userId), { roles: ["admin"] })).json().request.id as string;
    const toDewi = (await patchRoles(k, admin.cookie, await koperasiUserId(k, dewi.userId), { roles: ["kasir"] })).json().request.id as string;
    expect((await decide(k, kasir.cookie, toBudi, "approve")).statusCode).toBe(403);
    expect((await decide(k, pengawas.cookie, toBudi, "approve")).statusCode).toBe(200);
    expect(await storedRoles(k, budi.userId)).toEqual(["admin"]);

    // Now two admins: the pengawas steps back, the other admin decides.
    const rejected = await decide(k, budi.cookie, toDewi, "reject");
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ request: { status: "rejected", decidedBy: budi.userId } });
    expect(rejected.json().user).toBeUndefined();
    expect(await storedRoles(k, dewi.userId)).toEqual(["anggota"]);
    expect((await decide(k, admin.cookie, toDewi, "approve")).statusCode).toBe(409);
  });

  it("an approval never undoes what changed since the request: a login disabled meanwhile stays disabled", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const second = await signedInAs(t.ctx, ["admin"], { koperasiId: k });
    const dewi = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });
    const id = await koperasiUserId(k, dewi.userId);
    const requestId = (await patchRoles(k, admin.cookie, id, { roles: ["anggota", "kasir"] })).json().request.id as string;
    expect((await patchRoles(k, second.cookie, id, { status: "disabled" })).statusCode).toBe(200);

    const stale = await decide(k, second.cookie, requestId, "approve");
    expect([stale.statusCode, stale.json().code]).toEqual([409, "grant_stale"]);
    const row = await t.ctx.database.tenant({ koperasiId: k }, (trx) => trx.selectFrom("koperasi_user").select(["roles", "status"]).where("id", "=", id).executeTakeFirstOrThrow());
    expect(row).toEqual({ roles: ["anggota"], status: "disabled" });
    expect((await decide(k, second.cookie, requestId, "reject")).statusCode).toBe(200);
  });

  it("takes effect at once when it gives no money authority (pengawas, anggota, removing a role)", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const rina = await signedInAs(t.ctx, ["anggota", "kasir"], { koperasiId: k });
    const res = await patchRoles(k, admin.cookie, await koperasiUserId(k, rina.userId), { roles: ["anggota", "pengawas"] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(["pengawas", "anggota"]);
    expect(await auditOf(k, "role_grant.request")).toHaveLength(0);
  });
});

describe("a pengurus term of office", () => {
  it("waits for the ketua's or another admin's approval; a pengawas term does not", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k, positions: ["ketua"] });
    const memberIds = [uuidv7(), uuidv7()];
    await t.ctx.database.tenant({ koperasiId: k }, (trx) =>
      trx
        .insertInto("member")
        .values(memberIds.map((id, i) => ({ koperasi_id: k, id, member_number: `RG-${i}`, full_name: `Anggota RG ${i}`, joined_on: "2025-01-02" })))
        .execute(),
    );
    const term = { startOn: "2026-01-01", endOn: "2030-12-31" };
    const appoint = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `${api(k)}/structure/terms`, headers: { cookie: admin.cookie }, payload });

    const bendahara = await appoint({ memberId: memberIds[0], body: "pengurus", position: "bendahara", ...term });
    expect(bendahara.statusCode).toBe(202);
    expect(bendahara.json().request).toMatchObject({ kind: "term", grants: ["pengurus", "bendahara"], subjectName: "Anggota RG 0" });
    const terms = () => t.ctx.database.tenant({ koperasiId: k }, (trx) => trx.selectFrom("structure_term").select(["member_id", "position"]).execute());
    expect(await terms()).toEqual([]);

    expect((await appoint({ memberId: memberIds[1], body: "pengawas", position: "anggota_pengawas", ...term })).statusCode).toBe(201);

    const approved = await decide(k, ketua.cookie, bendahara.json().request.id, "approve");
    expect(approved.statusCode).toBe(200);
    expect(approved.json().term).toMatchObject({ memberId: memberIds[0], position: "bendahara", current: true });
    expect(await terms()).toHaveLength(2);
  });
});
