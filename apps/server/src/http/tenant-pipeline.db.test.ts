import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KoperasiParams } from "@koperasi/contracts";
import { addToKoperasi, createKoperasi, createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";
import { pipelineApp as pipelineAppOn } from "../testing/pipeline-app";
import { command } from "./tenant-pipeline";
import type { ZodApp } from "./zod-app";

// The request pipeline itself: what it refuses at start-up, what it refuses
// of a handler, that nothing about who may act is remembered between
// requests, and how many statements a request costs.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A bare app with only the pipeline, for routes that the real app must never have. */
const pipelineApp = (register: (app: ZodApp) => void) => pipelineAppOn(t.ctx, register);

const profile = (cookieHeader: string, koperasiId: string) => t.app.inject({ url: `/api/v1/koperasi/${koperasiId}/profile`, headers: { cookie: cookieHeader } });

describe("declared, not called", () => {
  it("refuses at start-up a route under /koperasi/:koperasiId that declares no gate", async () => {
    await expect(pipelineApp((app) => app.get("/koperasi/:koperasiId/undeclared", async () => ({ ok: true })))).rejects.toThrow(/must declare config\.gate/);
  });

  it("answers 500 and keeps nothing when a handler sends its own reply (it would answer before the commit)", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const app = await pipelineApp((scope) =>
      scope.post(
        "/koperasi/:koperasiId/sends-itself",
        { schema: { params: KoperasiParams }, config: { gate: { action: "koperasi.update_profile" } } },
        async (request, reply) => {
          await command(request).audit({ action: "test.sent_itself" });
          return reply.send({ ok: true });
        },
      ),
    );
    const response = await app.inject({ method: "POST", url: `/koperasi/${admin.koperasiId}/sends-itself`, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(500);
    const kept = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.selectFrom("audit_log").select("id").where("action", "=", "test.sent_itself").execute(),
    );
    expect(kept).toEqual([]);
    await app.close();
  });

  it("answers 500 when a route declares an audit its handler did not write", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const app = await pipelineApp((scope) =>
      scope.post(
        "/koperasi/:koperasiId/forgets-audit",
        { schema: { params: KoperasiParams }, config: { gate: { action: "koperasi.update_profile", audit: "koperasi.update_profile" } } },
        async () => ({ ok: true }),
      ),
    );
    const response = await app.inject({ method: "POST", url: `/koperasi/${admin.koperasiId}/forgets-audit`, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(500);
    await app.close();
  });

  it("answers 401 for a forged session cookie and 400 for a cooperative id that is not a uuid", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const forged = admin.cookie.replace(/=([^.;]+)\./, "=AAAA$1.");
    expect((await profile(forged, admin.koperasiId)).json()).toMatchObject({ status: 401, code: "unauthenticated" });
    expect((await profile(admin.cookie, "bukan-uuid")).json()).toMatchObject({ status: 400, code: "invalid_input" });
  });
});

describe("revocation takes effect on the very next request", () => {
  it("signing out", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    expect((await profile(admin.cookie, admin.koperasiId)).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await profile(admin.cookie, admin.koperasiId)).json()).toMatchObject({ status: 401, code: "unauthenticated" });
  });

  it("a login disabled in the cooperative", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    expect((await profile(kasir.cookie, admin.koperasiId)).statusCode).toBe(200);
    await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.updateTable("koperasi_user").set({ status: "disabled" }).where("user_id", "=", kasir.userId).execute(),
    );
    expect((await profile(kasir.cookie, admin.koperasiId)).json()).toMatchObject({ status: 403, code: "not_a_member" });
  });

  it("a role taken away", async () => {
    const admin = await signedInAs(t.ctx, ["admin", "anggota"]);
    const users = () => t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/users`, headers: { cookie: admin.cookie } });
    expect((await users()).statusCode).toBe(200);
    await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.updateTable("koperasi_user").set({ roles: ["anggota"] }).where("user_id", "=", admin.userId).execute(),
    );
    expect((await users()).json()).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("a term of office that ended", async () => {
    const who = await createUser(t.ctx);
    const { koperasiId } = await createKoperasi(t.ctx, who.userId);
    await addToKoperasi(t.ctx, koperasiId, who.userId, ["anggota"]);
    const memberId = crypto.randomUUID();
    const today = new Date().toISOString().slice(0, 10);
    await t.db.superuser.exec(`
      INSERT INTO member (koperasi_id, id, member_number, full_name, user_id, joined_on) VALUES ('${koperasiId}', '${memberId}', 'AGT-1', 'Siti', '${who.userId}', '2020-01-01');
      INSERT INTO structure_term (koperasi_id, id, member_id, body, position, start_on, end_on)
        VALUES ('${koperasiId}', '${crypto.randomUUID()}', '${memberId}', 'pengurus', 'bendahara', '2020-01-01', '2099-12-31');`);
    const cookieHeader = await sessionCookie(t.ctx, who.email, who.password);
    const journals = () => t.app.inject({ url: `/api/v1/koperasi/${koperasiId}/journals`, headers: { cookie: cookieHeader } });
    expect((await journals()).statusCode).toBe(200);
    // Ended early, as the structure page does (end date before today).
    await t.db.superuser.exec(`UPDATE structure_term SET end_on = date '${today}' - 1, ended_early_at = now() WHERE member_id = '${memberId}'`);
    expect((await journals()).json()).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("a password reset", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    expect((await profile(admin.cookie, admin.koperasiId)).statusCode).toBe(200);
    // better-auth's own reset path, as the reset routes use it: every session of the login ends.
    await t.ctx.auth.$context.then((c) => c.internalAdapter.deleteUserSessions(admin.userId));
    expect((await profile(admin.cookie, admin.koperasiId)).json()).toMatchObject({ status: 401, code: "unauthenticated" });
  });
});

describe("round trips", () => {
  /** Statements one request sends to the database, BEGIN and COMMIT included. */
  async function statementsOf(request: () => Promise<{ statusCode: number }>): Promise<number> {
    const before = t.ctx.database.statements.count;
    const response = await request();
    expect(response.statusCode).toBeLessThan(300);
    return t.ctx.database.statements.count - before;
  }

  it("a session read and a gated read each cost BEGIN, the gate, the read and COMMIT", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    expect(await statementsOf(() => t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: admin.cookie } }))).toBe(4);
    // The profile is read by the gate itself.
    expect(await statementsOf(() => profile(admin.cookie, admin.koperasiId))).toBe(3);
  });

  it("a member's record, files and shared-phone flag included, costs BEGIN, the gate, one read and COMMIT", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const add = (fullName: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/koperasi/${admin.koperasiId}/members`,
        headers: { cookie: admin.cookie },
        payload: { fullName, memberType: "perorangan", phone: "081234567890", joinedOn: "2024-01-02" },
      });
    const first = (await add("Siti Aminah")).json();
    expect((await add("Budi Santoso")).statusCode).toBe(201);
    const record = () => t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/members/${first.id}`, headers: { cookie: admin.cookie } });
    expect(await statementsOf(record)).toBe(4);
    expect((await record()).json()).toMatchObject({ id: first.id, sharedPhone: true });
  });
});
