import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app";
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

describe("compression and caching", () => {
  /** A built web app as the build leaves it: each file beside its brotli and gzip copies. */
  function builtWebApp(): string {
    const dist = mkdtempSync(join(tmpdir(), "web-dist-"));
    mkdirSync(join(dist, "assets"));
    const files: Record<string, string> = {
      "index.html": `<!doctype html><title>Koperasi Pintar</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>`,
      "assets/index-Ab12Cd34.js": `export const greeting = ${JSON.stringify("Selamat datang di koperasi. ".repeat(200))};`,
      "manifest.webmanifest": JSON.stringify({ name: "Koperasi Pintar", short_name: "Koperasi Pintar", start_url: "/" }),
    };
    for (const [path, text] of Object.entries(files)) {
      writeFileSync(join(dist, path), text);
      writeFileSync(join(dist, `${path}.br`), brotliCompressSync(text));
      writeFileSync(join(dist, `${path}.gz`), gzipSync(text));
    }
    return dist;
  }

  it("sends a hashed asset precompressed and cached for a year, index.html and the manifest revalidated", async () => {
    const dist = builtWebApp();
    const app = await buildApp({ ...t.ctx, config: { ...t.ctx.config, webDist: dist } }, { logger: false });
    try {
      const asset = await app.inject({ url: "/assets/index-Ab12Cd34.js", headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers["content-encoding"]).toBe("br");
      expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(asset.headers.vary).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(asset.rawPayload).toString()).toContain("Selamat datang di koperasi.");

      const gzipped = await app.inject({ url: "/assets/index-Ab12Cd34.js", headers: { "accept-encoding": "gzip" } });
      expect(gzipped.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gzipped.rawPayload).toString()).toContain("Selamat datang di koperasi.");

      const plain = await app.inject({ url: "/assets/index-Ab12Cd34.js", headers: { "accept-encoding": "identity" } });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body).toContain("Selamat datang di koperasi.");

      for (const url of ["/", "/k/sejahtera-bersama/app", "/manifest.webmanifest"]) {
        const res = await app.inject({ url, headers: { "accept-encoding": "br" } });
        expect({ url, status: res.statusCode, cache: res.headers["cache-control"], encoding: res.headers["content-encoding"] }).toEqual({
          url,
          status: 200,
          cache: "no-cache",
          encoding: "br",
        });
      }
    } finally {
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it("compresses an API answer with brotli or gzip as the client accepts", async () => {
    const br = await t.app.inject({ url: "/api/docs/openapi.json", headers: { "accept-encoding": "br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toMatchObject({ openapi: "3.1.0" });
    const gzip = await t.app.inject({ url: "/api/docs/openapi.json", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toMatchObject({ openapi: "3.1.0" });
    const plain = await t.app.inject({ url: "/api/docs/openapi.json" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
  });
});
