import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODULES } from "@koperasi/domain";
import type { ZodApp } from "../http/zod-app";
import { registerModuleRoutes } from "../modules/registry";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let anggota: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
  anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
});
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/v1/koperasi/${admin.koperasiId}/modules`;

function setModule(cookie: string, module: string, payload: unknown) {
  return t.app.inject({ method: "PUT", url: `${base()}/${module}`, headers: { cookie }, payload: payload as object });
}

async function auditOf(action: string) {
  return t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
    trx.selectFrom("audit_log").selectAll().where("koperasi_id", "=", admin.koperasiId).where("action", "=", action).orderBy("id").execute(),
  );
}

describe("module settings", () => {
  it("lists every module with its Indonesian name, all off for a new cooperative", async () => {
    const res = await t.app.inject({ url: base(), headers: { cookie: anggota.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      MODULES.map((definition) => ({ id: definition.id, name: definition.name.id, description: definition.description.id, enabled: false })),
    );
    const english = await t.app.inject({ url: base(), headers: { cookie: anggota.cookie, "accept-language": "en" } });
    expect(english.json()[0]).toMatchObject({ id: "berita", name: "News" });
  });

  it("switches a module on and off, audited with before and after", async () => {
    const on = await setModule(admin.cookie, "berita", { enabled: true });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ id: "berita", name: "Berita", description: expect.any(String), enabled: true });
    const list = await t.app.inject({ url: base(), headers: { cookie: admin.cookie } });
    expect(list.json().find((m: { id: string }) => m.id === "berita").enabled).toBe(true);

    const [entry] = await auditOf("module.enable");
    expect(entry).toMatchObject({ actor_user_id: admin.userId, actor_role: "admin", target_type: "module", target_id: "berita" });
    expect(entry?.details).toEqual({ before: { enabled: false }, after: { enabled: true } });

    // Setting the same value again changes nothing and is not audited twice.
    expect((await setModule(admin.cookie, "berita", { enabled: true })).statusCode).toBe(200);
    expect(await auditOf("module.enable")).toHaveLength(1);

    expect((await setModule(admin.cookie, "berita", { enabled: false })).json().enabled).toBe(false);
    expect(await auditOf("module.disable")).toHaveLength(1);
  });

  it("lets only the admin switch modules", async () => {
    const ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["ketua"] });
    for (const who of [anggota, ketua]) {
      const res = await setModule(who.cookie, "poin", { enabled: true });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "forbidden" });
    }
    const rows = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.selectFrom("koperasi_module").selectAll().where("id", "=", "poin").execute(),
    );
    expect(rows).toEqual([]);
  });

  it("refuses an unknown module, a missing or wrong value and unknown fields", async () => {
    const unknown = await setModule(admin.cookie, "arisan", { enabled: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: "invalid_input", errors: [expect.objectContaining({ path: "params.module", message: "Modul tidak dikenal." })] });
    for (const payload of [{}, { enabled: "ya" }, { enabled: true, extra: 1 }]) {
      const res = await setModule(admin.cookie, "umkm", payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("invalid_input");
    }
    const status = await t.app.inject({ url: `${base()}/arisan/status`, headers: { cookie: admin.cookie } });
    expect(status.statusCode).toBe(404);
    expect(status.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("the module guard", () => {
  it.each(MODULES.map((definition) => [definition.id, definition.name.id]))(
    "module %s: status 200 when on, 403 module_disabled when off",
    async (id, name) => {
      const url = `${base()}/${id}/status`;
      const off = await t.app.inject({ url, headers: { cookie: anggota.cookie } });
      expect(off.statusCode).toBe(403);
      expect(off.headers["content-type"]).toContain("application/problem+json");
      expect(off.json()).toMatchObject({ code: "module_disabled", detail: `Modul ${name} tidak aktif di koperasi ini.` });

      expect((await setModule(admin.cookie, id, { enabled: true })).statusCode).toBe(200);
      const on = await t.app.inject({ url, headers: { cookie: anggota.cookie } });
      expect(on.statusCode).toBe(200);
      expect(on.json()).toEqual({ id, enabled: true });

      expect((await setModule(admin.cookie, id, { enabled: false })).statusCode).toBe(200);
      expect((await t.app.inject({ url, headers: { cookie: anggota.cookie } })).statusCode).toBe(403);
    },
  );

  it("checks membership before the module, so a stranger learns nothing about it", async () => {
    const stranger = await signedInAs(t.ctx, ["admin"]);
    const res = await t.app.inject({ url: `${base()}/berita/status`, headers: { cookie: stranger.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("not_a_member");
    expect((await t.app.inject({ url: `${base()}/berita/status` })).statusCode).toBe(401);
  });

  it("refuses, at start-up, a module route outside a cooperative, without a permission, or whose gate does not name the module", async () => {
    for (const [url, config] of [
      ["/berita", { action: "members.view" }],
      ["/koperasi/:koperasiId/berita", {}],
      // A gate that does not name the module would let the route run with the module off.
      ["/koperasi/:koperasiId/berita", { gate: { action: "members.view" } }],
      ["/koperasi/:koperasiId/berita", { gate: { action: "members.view", module: "poin" } }],
    ] as const) {
      const app = Fastify({ logger: false }) as unknown as ZodApp;
      await registerModuleRoutes(app, "berita", (scope) => {
        scope.get(url, { config }, () => ({ ok: true }));
      }).catch(() => undefined);
      await expect(app.ready()).rejects.toThrow(/module berita/);
      await app.close().catch(() => undefined);
    }
  });
});
