import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
});
afterAll(async () => {
  await t?.close();
});

const auditUrl = () => `/api/v1/koperasi/${admin.koperasiId}/audit`;

describe("audit log view", () => {
  it("lists administrative actions newest first with the actor's name, for admin and pengawas only", async () => {
    await t.ctx.database.db.updateTable("user").set({ name: "Bu Admin Sari" }).where("id", "=", admin.userId).execute();
    const profile = `/api/v1/koperasi/${admin.koperasiId}/profile`;
    await t.app.inject({ method: "PATCH", url: profile, headers: { cookie: admin.cookie }, payload: { city: "Blitar" } });
    await t.app.inject({ method: "PUT", url: `/api/v1/koperasi/${admin.koperasiId}/modules/umkm`, headers: { cookie: admin.cookie }, payload: { enabled: true } });

    const pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: admin.koperasiId });
    for (const who of [admin, pengawas]) {
      const res = await t.app.inject({ url: auditUrl(), headers: { cookie: who.cookie } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
      expect(body.items.map((e: { action: string }) => e.action)).toEqual(["module.enable", "koperasi.update_profile"]);
      expect(body.items[0]).toEqual({
        id: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        actorUserId: admin.userId,
        actorName: "Bu Admin Sari",
        actorRole: "admin",
        action: "module.enable",
        targetType: "module",
        targetId: "umkm",
        details: { before: { enabled: false }, after: { enabled: true } },
        ip: expect.any(String),
      });
      expect(body.items[1].details).toMatchObject({ fields: ["city"], after: { city: "Blitar" } });
    }

    for (const roles of [["kasir"], ["anggota"], ["pengurus"]] as const) {
      const who = await signedInAs(t.ctx, [...roles], { koperasiId: admin.koperasiId, positions: ["ketua"] });
      const res = await t.app.inject({ url: auditUrl(), headers: { cookie: who.cookie } });
      expect([roles[0], res.statusCode]).toEqual([roles[0], 403]);
    }
  });

  it("shows an operator's visit, which a read leaves behind, under the operator's name", async () => {
    const operator = await createUser(t.ctx, { name: "Operator Platform" });
    await t.ctx.database.db.insertInto("platform_operator").values({ user_id: operator.userId }).execute();
    const cookie = await sessionCookie(t.ctx, operator.email, operator.password);
    const read = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/profile`, headers: { cookie } });
    expect(read.statusCode).toBe(200);

    const res = await t.app.inject({ url: auditUrl(), headers: { cookie: admin.cookie } });
    const [latest] = res.json().items;
    expect(latest).toMatchObject({
      action: "operator.access",
      actorUserId: operator.userId,
      actorName: "Operator Platform",
      actorRole: "operator",
      details: { permission: "koperasi.view_profile", route: "/api/v1/koperasi/:koperasiId/profile" },
    });
    // The operator may read the log too (audited again), but never write.
    const operatorView = await t.app.inject({ url: auditUrl(), headers: { cookie } });
    expect(operatorView.statusCode).toBe(200);
    expect(operatorView.json().items[0]).toMatchObject({ action: "operator.access", details: { permission: "koperasi.view_audit" } });
  });

  it("pages, and refuses a bad page", async () => {
    const res = await t.app.inject({ url: auditUrl(), query: { pageSize: "2", page: "2" }, headers: { cookie: admin.cookie } });
    expect(res.json()).toMatchObject({ page: 2, pageSize: 2, total: 4 });
    expect(res.json().items.map((e: { action: string }) => e.action)).toEqual(["module.enable", "koperasi.update_profile"]);
    for (const query of [{ page: "0" }, { pageSize: "500" }, { page: "satu" }] as Record<string, string>[]) {
      const bad = await t.app.inject({ url: auditUrl(), query, headers: { cookie: admin.cookie } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("invalid_input");
    }
  });
});
