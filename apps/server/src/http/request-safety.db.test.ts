import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Problem = { code: string; status: number; detail: string; instance?: string; errors?: { path: string; code: string }[] };

function problem(res: { headers: Record<string, unknown>; json: () => unknown }): Problem {
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  return res.json() as Problem;
}

describe("invalid text", () => {
  it("refuses a NUL byte in a path parameter with 400 and does not repeat the path", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/public/koperasi/abc%00def" });
    expect(res.statusCode).toBe(400);
    const body = problem(res);
    expect(body).toMatchObject({ code: "invalid_input", errors: [{ path: "params.slug", code: "invalid_text" }] });
    expect(res.body).not.toContain("abc");
  });

  it("refuses a NUL byte in a body field before the route looks anything up", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/password/forgot", payload: { identifier: "siti\u0000@contoh.id" } });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors).toEqual([expect.objectContaining({ path: "body.identifier", code: "invalid_text" })]);
  });

  it("refuses a NUL byte in a query parameter, also on a route that would ask for a login", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const res = await t.app.inject({ method: "GET", url: `/api/v1/koperasi/${admin.koperasiId}/members?q=bu%00di`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors?.[0]).toMatchObject({ path: "query.q", code: "invalid_text" });
  });

  it("refuses a lone UTF-16 surrogate and a NUL inside a key", async () => {
    const lone = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password/forgot",
      headers: { "content-type": "application/json" },
      payload: '{"identifier":"\\ud800@contoh.id"}',
    });
    expect(lone.statusCode).toBe(400);
    expect(problem(lone).errors?.[0]?.code).toBe("invalid_text");
    const key = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"email":"a@contoh.id","password":"x","x\\u0000":1}',
    });
    expect(key.statusCode).toBe(400);
    expect(problem(key).errors?.[0]).toMatchObject({ path: "body", code: "invalid_text" });
  });

  it("lets ordinary text through, newlines and emoji included", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/password/forgot", payload: { identifier: "budi😀\n@contoh.id" } });
    expect(res.statusCode).not.toBe(500);
    expect(problem(res).errors?.[0]?.code).not.toBe("invalid_text");
  });
});

describe("Fastify's own refusals", () => {
  it("answers a path parameter past the router's limit with 414 problem+json, not echoing it", async () => {
    const long = "qwxyz".repeat(30);
    const res = await t.app.inject({ method: "GET", url: `/api/v1/public/koperasi/${long}` });
    expect(res.statusCode).toBe(414);
    expect(problem(res)).toMatchObject({ code: "uri_too_long", status: 414 });
    expect(res.body).not.toContain("qwxyz");
  });

  it("answers an undecodable URL with 400 bad_url", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/public/koperasi/%E0%A4%A" });
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe("bad_url");
    expect(res.body).not.toContain("%E0");
  });

  it("answers an unsupported content type with 415 and a body over the limit with 413", async () => {
    const xml = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { "content-type": "text/xml" }, payload: "<a/>" });
    expect(xml.statusCode).toBe(415);
    expect(problem(xml).code).toBe("unsupported_media_type");
    const big = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "a@contoh.id", password: "x".repeat(2 * 1024 * 1024) } });
    expect(big.statusCode).toBe(413);
    expect(problem(big).code).toBe("too_large");
  });

  it("answers malformed JSON in its own words, not the parser's", async () => {
    const json = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { "content-type": "application/json" }, payload: '{"email":' });
    expect(json.statusCode).toBe(400);
    expect(problem(json).code).toBe("malformed_json");
    expect(json.body).not.toMatch(/Unexpected|position/);
  });
});

describe("malformed multipart", () => {
  const png = Buffer.from("89504e470d0a1a0a", "hex");

  it("answers 400 malformed_multipart for a truncated body, a wrong boundary and broken part headers", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const url = `/api/v1/koperasi/${admin.koperasiId}/logo`;
    const good = multipartFile("file", "logo.png", "image/png", png);
    const boundary = good.headers["content-type"].split("boundary=")[1]!;
    const bodies: { payload: Buffer; contentType: string }[] = [
      { payload: good.payload.subarray(0, good.payload.length - 20), contentType: good.headers["content-type"] },
      { payload: good.payload, contentType: "multipart/form-data; boundary=lain" },
      { payload: good.payload, contentType: "multipart/form-data" },
      { payload: Buffer.from(`--${boundary}\r\nbukan kepala\r\n\r\nisi\r\n--${boundary}--\r\n`), contentType: good.headers["content-type"] },
    ];
    for (const body of bodies) {
      const res = await t.app.inject({ method: "PUT", url, headers: { cookie: admin.cookie, "content-type": body.contentType }, payload: body.payload });
      expect(res.statusCode, body.contentType).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, body.contentType).toBeLessThan(500);
      expect(["malformed_multipart", "file_missing", "multipart_required"]).toContain(problem(res).code);
    }
    const truncated = await t.app.inject({
      method: "PUT",
      url,
      headers: { cookie: admin.cookie, "content-type": good.headers["content-type"] },
      payload: bodies[0]!.payload,
    });
    expect(problem(truncated).code).toBe("malformed_multipart");
  });
});

describe("security headers", () => {
  it("gives the app a policy without inline or remote scripts that no one may frame, and no HSTS over http", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sandboxes every API answer and gives the docs their own policy", async () => {
    const api = await t.app.inject({ method: "GET", url: "/api/v1/public/koperasi/tidak-ada" });
    expect(api.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    const csp = String(docs.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("sandbox");
  });

  it("sends HSTS when the public address is https", async () => {
    const https = await createTestApp({ config: { publicUrl: "https://koperasi.contoh.id", secureCookies: true } });
    try {
      const res = await https.app.inject({ method: "GET", url: "/healthz" });
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000");
      expect(String(res.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
    } finally {
      await https.close();
    }
  });
});

describe("writes from another site", () => {
  const evil = { origin: "https://evil.example" };

  it("refuses a body-less POST with the session cookie from a foreign Origin, and the session lives on", async () => {
    const who = await signedInAs(t.ctx, ["anggota"]);
    const refused = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: who.cookie, ...evil } });
    expect(refused.statusCode).toBe(403);
    expect(problem(refused).code).toBe("cross_site_request");
    const bySecFetch = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: who.cookie, "sec-fetch-site": "cross-site" } });
    expect(bySecFetch.statusCode).toBe(403);
    const session = await t.app.inject({ method: "GET", url: "/api/v1/auth/session", headers: { cookie: who.cookie, ...evil } });
    expect(session.statusCode).toBe(200);
    const own = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: who.cookie, origin: t.ctx.config.publicUrl, "sec-fetch-site": "same-origin" },
    });
    expect(own.statusCode).toBe(200);
  });

  it("refuses a multipart POST with the session cookie from another site, leaving the logo as it was", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const upload = multipartFile("file", "logo.png", "image/png", Buffer.from("89504e470d0a1a0a", "hex"));
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/v1/koperasi/${admin.koperasiId}/logo`,
      headers: { ...upload.headers, cookie: admin.cookie, origin: "null" },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(403);
    expect(problem(res).code).toBe("cross_site_request");
    const row = await t.ctx.database.db.selectFrom("koperasi").select("logo_file_id").where("id", "=", admin.koperasiId).executeTakeFirstOrThrow();
    expect(row.logo_file_id).toBeNull();
  });

  it("lets cookie-less writes and the witness's add-checkpoint through from anywhere", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", headers: evil, payload: { email: "tidak-ada@contoh.id", password: "salah-sekali" } });
    expect(login.statusCode).toBe(401);
    const who = await signedInAs(t.ctx, ["anggota"]);
    const witness = await t.app.inject({
      method: "POST",
      url: "/api/v1/witness/tidak-ada/add-checkpoint",
      headers: { cookie: who.cookie, ...evil, "content-type": "text/plain" },
      payload: "old 0\n\n",
    });
    expect(witness.statusCode).not.toBe(403);
  });
});
