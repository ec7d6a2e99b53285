import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGO_MAX_BYTES } from "@koperasi/contracts";
import { createKoperasi, createTestApp, createUser, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let slug: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
  slug = (await t.ctx.database.db.selectFrom("koperasi").select("slug").where("id", "=", admin.koperasiId).executeTakeFirstOrThrow()).slug;
});
afterAll(async () => {
  await t?.close();
});

const profileUrl = () => `/api/v1/koperasi/${admin.koperasiId}/profile`;
const logoUrl = () => `/api/v1/koperasi/${admin.koperasiId}/logo`;

async function auditRows(koperasiId: string, action?: string) {
  return t.ctx.database.tenant({ koperasiId }, (trx) => {
    let query = trx.selectFrom("audit_log").selectAll().where("koperasi_id", "=", koperasiId);
    if (action) query = query.where("action", "=", action);
    return query.orderBy("created_at").orderBy("id").execute();
  });
}

async function koperasiRow(koperasiId: string) {
  return t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow();
}

async function png(width: number, height: number, color = "#cc3300") {
  return sharp({ create: { width, height, channels: 4, background: color } }).png().toBuffer();
}

function uploadLogo(cookie: string, fileName: string, contentType: string, bytes: Uint8Array, field = "file") {
  const form = multipartFile(field, fileName, contentType, bytes);
  return t.app.inject({ method: "PUT", url: logoUrl(), headers: { cookie, ...form.headers }, payload: form.payload });
}

describe("profile", () => {
  it("shows the profile to every role of the cooperative", async () => {
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    const res = await t.app.inject({ url: profileUrl(), headers: { cookie: kasir.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: admin.koperasiId, slug, primaryColor: "#0b7a53", logoUrl: null, mfaRequired: false, status: "approved" });
  });

  it("requires a session", async () => {
    const res = await t.app.inject({ url: profileUrl() });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "unauthenticated" });
  });

  it("updates changed fields and audits them with before and after", async () => {
    const before = await koperasiRow(admin.koperasiId);
    const res = await t.app.inject({
      method: "PATCH",
      url: profileUrl(),
      headers: { cookie: admin.cookie },
      payload: { name: "Koperasi Sejahtera Bersama", primaryColor: "#AA3311", city: before.city, postalCode: "65111" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: "Koperasi Sejahtera Bersama", primaryColor: "#aa3311", postalCode: "65111" });
    const after = await koperasiRow(admin.koperasiId);
    expect(after).toMatchObject({ name: "Koperasi Sejahtera Bersama", primary_color: "#aa3311", postal_code: "65111" });

    const [entry] = await auditRows(admin.koperasiId, "koperasi.update_profile");
    expect(entry).toMatchObject({ actor_user_id: admin.userId, actor_role: "admin", target_type: "koperasi", target_id: admin.koperasiId });
    // Only what changed: the unchanged city is not recorded.
    expect(entry?.details).toEqual({
      fields: ["name", "primaryColor", "postalCode"],
      before: { name: before.name, primaryColor: "#0b7a53", postalCode: null },
      after: { name: "Koperasi Sejahtera Bersama", primaryColor: "#aa3311", postalCode: "65111" },
    });
  });

  it("writes no audit entry when nothing changes", async () => {
    const count = (await auditRows(admin.koperasiId)).length;
    const current = await koperasiRow(admin.koperasiId);
    const res = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: admin.cookie }, payload: { name: current.name } });
    expect(res.statusCode).toBe(200);
    expect((await auditRows(admin.koperasiId)).length).toBe(count);
  });

  it("refuses a bad colour, a short name and unknown fields with per-field errors, changing nothing", async () => {
    const before = await koperasiRow(admin.koperasiId);
    const colour = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: admin.cookie }, payload: { primaryColor: "red", name: "X" } });
    expect(colour.statusCode).toBe(400);
    expect(colour.headers["content-type"]).toContain("application/problem+json");
    const body = colour.json();
    expect(body.code).toBe("invalid_input");
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "body.primaryColor", message: "Warna harus berformat #rrggbb." }),
        expect.objectContaining({ path: "body.name", message: "Nama koperasi minimal 3 karakter." }),
      ]),
    );
    const unknown = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: admin.cookie }, payload: { slug: "lain", status: "approved" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: "invalid_input", errors: [expect.objectContaining({ code: "unrecognized_keys" })] });
    const malformed = await t.app.inject({
      method: "PATCH",
      url: profileUrl(),
      headers: { cookie: admin.cookie, "content-type": "application/json" },
      payload: "{nama:",
    });
    expect(malformed.statusCode).toBe(400);
    expect(await koperasiRow(admin.koperasiId)).toEqual(before);
  });

  it("refuses roles without koperasi.update_profile, and lets the ketua change the profile but not the MFA rule", async () => {
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    const refused = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: kasir.cookie }, payload: { city: "Batu" } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "forbidden" });

    const ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["ketua"] });
    const ok = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: ketua.cookie }, payload: { city: "Batu" } });
    expect(ok.statusCode).toBe(200);
    const mfa = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: ketua.cookie }, payload: { mfaRequired: true, city: "Kediri" } });
    expect(mfa.statusCode).toBe(403);
    expect(await koperasiRow(admin.koperasiId)).toMatchObject({ city: "Batu", mfa_required: false });
  });

  it("makes two-factor mandatory only for an admin who has it, audited as its own entry", async () => {
    const noTwoFactor = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie: admin.cookie }, payload: { mfaRequired: true } });
    expect(noTwoFactor.statusCode).toBe(409);
    expect(noTwoFactor.json()).toMatchObject({ code: "mfa_not_enabled" });
    expect((await koperasiRow(admin.koperasiId)).mfa_required).toBe(false);

    // Signed in first: with two-factor on, a password alone gives no session.
    const { cookie, userId } = await signedInAs(t.ctx, ["admin"], { koperasiId: admin.koperasiId });
    await t.ctx.database.db.updateTable("user").set({ twoFactorEnabled: true }).where("id", "=", userId).execute();
    const on = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie }, payload: { mfaRequired: true } });
    expect(on.statusCode).toBe(200);
    expect(on.json().mfaRequired).toBe(true);
    const entries = await auditRows(admin.koperasiId, "koperasi.mfa_required.on");
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toEqual({ before: { mfaRequired: false }, after: { mfaRequired: true } });
    expect(await auditRows(admin.koperasiId, "koperasi.update_profile")).toHaveLength(2);

    const off = await t.app.inject({ method: "PATCH", url: profileUrl(), headers: { cookie }, payload: { mfaRequired: false } });
    expect(off.statusCode).toBe(200);
    expect(await auditRows(admin.koperasiId, "koperasi.mfa_required.off")).toHaveLength(1);
  });
});

describe("logo", () => {
  it("stores a PNG re-encoded, with icons, and points the cooperative at it", async () => {
    const res = await uploadLogo(admin.cookie, "logo-koperasi.png", "image/png", await png(300, 120));
    expect(res.statusCode).toBe(200);
    expect(res.json().logoUrl).toBe(`/api/v1/public/koperasi/${slug}/logo`);
    const koperasi = await koperasiRow(admin.koperasiId);
    const file = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.selectFrom("stored_file").selectAll().where("id", "=", koperasi.logo_file_id).executeTakeFirstOrThrow(),
    );
    expect(file).toMatchObject({ purpose: "logo", content_type: "image/png", created_by: admin.userId });
    expect(file.storage_key).toBe(`koperasi/${admin.koperasiId}/logo-${file.id}.png`);
    const stored = await t.ctx.files.get(file.storage_key);
    expect((await sharp(stored).metadata()).width).toBe(300);

    const [entry] = await auditRows(admin.koperasiId, "koperasi.update_logo");
    expect(entry).toMatchObject({ target_type: "stored_file", target_id: file.id });
    expect(entry?.details).toMatchObject({ contentType: "image/png", uploadedName: "logo-koperasi.png", previousFileId: null });

    const served = await t.app.inject({ url: `/api/v1/public/koperasi/${slug}/logo` });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.rawPayload.equals(stored)).toBe(true);
    const again = await t.app.inject({ url: `/api/v1/public/koperasi/${slug}/logo`, headers: { "if-none-match": String(served.headers.etag) } });
    expect(again.statusCode).toBe(304);

    for (const size of [192, 512]) {
      const icon = await t.app.inject({ url: `/api/v1/public/koperasi/${slug}/icon-${size}.png` });
      expect(icon.statusCode).toBe(200);
      expect(icon.headers["content-type"]).toBe("image/png");
      const meta = await sharp(icon.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", size, size]);
      // Letterboxed on white: the corner is white, the centre is the logo.
      const { data, info } = await sharp(icon.rawPayload).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
      expect(pixel(0, 0)).toEqual([255, 255, 255]);
      expect(pixel(size / 2, size / 2)).toEqual([0xcc, 0x33, 0x00]);
    }
  });

  it("sanitises an SVG: no scripts, event handlers, external references or foreignObject", async () => {
    const svg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" width="100" height="100" onload="alert('x')">
  <script type="text/javascript">alert(document.cookie)</script>
  <style>@import url(https://jahat.example/x.css); circle { fill: url(https://jahat.example/p.svg#f) }</style>
  <circle cx="50" cy="50" r="40" fill="#0b7a53" onclick="steal()" onmouseover="steal()"/>
  <image xlink:href="https://jahat.example/track.png" width="1" height="1"/>
  <a href="javascript:alert(1)"><rect width="10" height="10"/></a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hai</div></foreignObject>
</svg>`;
    const res = await uploadLogo(admin.cookie, "logo.svg", "image/svg+xml", Buffer.from(svg));
    expect(res.statusCode).toBe(200);
    const koperasi = await koperasiRow(admin.koperasiId);
    const file = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.selectFrom("stored_file").selectAll().where("id", "=", koperasi.logo_file_id).executeTakeFirstOrThrow(),
    );
    expect(file.content_type).toBe("image/svg+xml");
    const stored = (await t.ctx.files.get(file.storage_key)).toString("utf8");
    expect(stored).toContain("<circle");
    expect(stored).not.toMatch(/<script/i);
    expect(stored).not.toMatch(/\son[a-z]+\s*=/i);
    expect(stored).not.toMatch(/foreignObject/i);
    expect(stored).not.toMatch(/javascript:/i);
    expect(stored).not.toContain("jahat.example");
    expect((await sharp(Buffer.from(stored)).metadata()).format).toBe("svg");

    const served = await t.app.inject({ url: `/api/v1/public/koperasi/${slug}/logo` });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/svg+xml");
    expect(served.headers["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.body).toBe(stored);

    const icon = await t.app.inject({ url: `/api/v1/public/koperasi/${slug}/icon-512.png` });
    const meta = await sharp(icon.rawPayload).metadata();
    expect([meta.format, meta.width]).toEqual(["png", 512]);
    const previous = (await auditRows(admin.koperasiId, "koperasi.update_logo")).at(-1);
    expect(previous?.details).toMatchObject({ contentType: "image/svg+xml" });
  });

  it("refuses wrong types, renamed files, damaged and oversized images, changing nothing", async () => {
    const before = await koperasiRow(admin.koperasiId);
    const filesBefore = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => trx.selectFrom("stored_file").select("id").execute());
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#123456" } }).jpeg().toBuffer();

    const cases: [string, string, string, Buffer, number, string][] = [
      ["a JPEG", "logo.jpg", "image/jpeg", jpeg, 415, "logo_type"],
      ["a JPEG named .png", "logo.png", "image/png", jpeg, 415, "logo_type_mismatch"],
      ["a PNG renamed .svg", "logo.svg", "image/svg+xml", await png(10, 10), 415, "logo_type_mismatch"],
      ["text renamed .png", "logo.png", "image/png", Buffer.from("bukan gambar sama sekali"), 415, "logo_type_mismatch"],
      ["an SVG renamed .png", "logo.png", "image/png", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 415, "logo_type_mismatch"],
      ["a truncated PNG", "logo.png", "image/png", (await png(200, 200)).subarray(0, 70), 400, "logo_invalid"],
      ["a PNG wider than 4096 px", "logo.png", "image/png", await png(4097, 10), 400, "logo_dimensions"],
      ["HTML around an SVG", "logo.svg", "image/svg+xml", Buffer.from("<html><body><svg></svg><script>x()</script></body></html>"), 400, "logo_invalid"],
      ["an XML file that is not SVG", "logo.svg", "image/svg+xml", Buffer.from('<?xml version="1.0"?><catalog/>'), 415, "logo_type_mismatch"],
    ];
    for (const [label, name, type, bytes, status, code] of cases) {
      const res = await uploadLogo(admin.cookie, name, type, bytes);
      expect([label, res.statusCode, res.json().code]).toEqual([label, status, code]);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors?.[0]?.path).toMatch(/file$/);
    }

    const tooBig = Buffer.concat([await png(10, 10), Buffer.alloc(LOGO_MAX_BYTES)]);
    const big = await uploadLogo(admin.cookie, "logo.png", "image/png", tooBig);
    expect(big.statusCode).toBe(413);

    const wrongField = await uploadLogo(admin.cookie, "logo.png", "image/png", await png(10, 10), "gambar");
    expect(wrongField.statusCode).toBe(400);

    const json = await t.app.inject({ method: "PUT", url: logoUrl(), headers: { cookie: admin.cookie }, payload: { file: "x" } });
    expect(json.statusCode).toBe(415);

    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    const refused = await uploadLogo(kasir.cookie, "logo.png", "image/png", await png(10, 10));
    expect(refused.statusCode).toBe(403);

    expect(await koperasiRow(admin.koperasiId)).toEqual(before);
    const filesAfter = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => trx.selectFrom("stored_file").select("id").execute());
    expect(filesAfter).toEqual(filesBefore);
  });
});

describe("public pages", () => {
  it("shows a cooperative's public face by slug, also while pending", async () => {
    const owner = await createUser(t.ctx);
    const pending = await createKoperasi(t.ctx, owner.userId, { name: "Koperasi Produsen Kopi Lereng Arjuno", status: "pending" });
    const pendingSlug = (await koperasiRow(pending.koperasiId)).slug;
    const res = await t.app.inject({ url: `/api/v1/public/koperasi/${pendingSlug}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: pending.koperasiId,
      slug: pendingSlug,
      name: "Koperasi Produsen Kopi Lereng Arjuno",
      primaryColor: "#0b7a53",
      logoUrl: null,
      status: "pending",
    });

    const noLogo = await t.app.inject({ url: `/api/v1/public/koperasi/${pendingSlug}/logo` });
    expect(noLogo.statusCode).toBe(404);

    // No logo: the initials on the primary colour.
    const icon = await t.app.inject({ url: `/api/v1/public/koperasi/${pendingSlug}/icon-192.png` });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/png");
    const { data, info } = await sharp(icon.rawPayload).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([192, 192]);
    expect(Array.from(data.subarray(0, 3))).toEqual([0x0b, 0x7a, 0x53]);
    // Some pixels are the (white) initials.
    let white = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255) white += 1;
    expect(white).toBeGreaterThan(100);

    const manifest = await t.app.inject({ url: `/k/${pendingSlug}/manifest.webmanifest` });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers["content-type"]).toContain("application/manifest+json");
    const body = manifest.json();
    expect(body).toMatchObject({
      id: `/k/${pendingSlug}/`,
      scope: `/k/${pendingSlug}/`,
      start_url: `/k/${pendingSlug}/`,
      name: "Koperasi Produsen Kopi Lereng Arjuno",
      display: "standalone",
      lang: "id",
      theme_color: "#0b7a53",
      background_color: "#0b7a53",
    });
    expect(body.short_name.length).toBeLessThanOrEqual(12);
    expect(body.icons).toEqual(
      expect.arrayContaining([
        { src: `/api/v1/public/koperasi/${pendingSlug}/icon-192.png`, sizes: "192x192", type: "image/png", purpose: "any" },
        { src: `/api/v1/public/koperasi/${pendingSlug}/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "any" },
        { src: `/api/v1/public/koperasi/${pendingSlug}/icon-192.png`, sizes: "192x192", type: "image/png", purpose: "maskable" },
        { src: `/api/v1/public/koperasi/${pendingSlug}/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "maskable" },
      ]),
    );
  });

  it("follows the profile: the manifest takes the new name and colour", async () => {
    const res = await t.app.inject({ url: `/k/${slug}/manifest.webmanifest` });
    const koperasi = await koperasiRow(admin.koperasiId);
    expect(res.json()).toMatchObject({ name: koperasi.name, theme_color: koperasi.primary_color });
    const pub = await t.app.inject({ url: `/api/v1/public/koperasi/${slug}` });
    expect(pub.json()).toMatchObject({ name: koperasi.name, primaryColor: koperasi.primary_color, logoUrl: `/api/v1/public/koperasi/${slug}/logo` });
  });

  it("answers an unknown slug with 404 problem+json everywhere", async () => {
    for (const url of [
      "/api/v1/public/koperasi/tidak-ada",
      "/api/v1/public/koperasi/tidak-ada/logo",
      "/api/v1/public/koperasi/tidak-ada/icon-192.png",
      "/api/v1/public/koperasi/tidak-ada/icon-64.png",
      "/k/tidak-ada/manifest.webmanifest",
    ]) {
      const res = await t.app.inject({ url });
      expect([url, res.statusCode]).toEqual([url, 404]);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });
});
