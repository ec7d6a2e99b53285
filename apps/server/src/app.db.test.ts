import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./testing/harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("the server", () => {
  it("answers health and readiness", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", database: t.db.database.kind });
  });

  it("answers an unknown API path with problem+json in Indonesian", async () => {
    const res = await t.app.inject({ url: "/api/v1/tidak-ada" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 404, code: "not_found", detail: "Alamat tidak ditemukan." });
  });

  it("publishes its OpenAPI document", async () => {
    const res = await t.app.inject({ url: "/api/docs/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Koperasi Pintar API" } });
  });
});

describe("the web app fallback", () => {
  it("serves index.html for client routes, including an invitation link with a dot, and 404s a missing asset", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { buildApp } = await import("./app");
    const dist = mkdtempSync(join(tmpdir(), "web-dist-"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Koperasi Pintar</title>");
    const app = await buildApp({ ...t.ctx, config: { ...t.ctx.config, webDist: dist } }, { logger: false });
    try {
      for (const url of ["/daftar", "/k/sejahtera-bersama/app", "/undangan/0193a0b2-1c2d-7e3f-8a4b-5c6d7e8f9a0b.AbCdEf123456"]) {
        const res = await app.inject({ url });
        expect({ url, status: res.statusCode, body: res.body.includes("Koperasi Pintar") }).toEqual({ url, status: 200, body: true });
      }
      const missing = await app.inject({ url: "/assets/tidak-ada.js" });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["content-type"]).toContain("application/problem+json");
    } finally {
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
