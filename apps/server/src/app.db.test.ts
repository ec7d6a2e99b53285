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
