import { createHash } from "node:crypto";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";
import { auditOf, pendingJournal, postAs } from "./books-test-support";
import { ledgerKoperasi, type LedgerKoperasi, type Person } from "./test-support";
import { onePagePdf, pngClaiming } from "../testing/documents";

// Supporting documents on journal entries over HTTP: the file types and size
// the registration documents take, listing and downloading, attaching to a
// posted entry without changing it, and attachments that stay once posted —
// refused by the database too.

let t: TestApp;
let k: LedgerKoperasi;
let pengawas: Person;
let kasir: Person;
let png: Buffer;
let jpg: Buffer;
const pdf = onePagePdf("Kuitansi sewa");
const base = () => `/api/v1/koperasi/${k.koperasiId}`;
const now = new Date("2026-03-16T03:00:00.000Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  k = await ledgerKoperasi(t);
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#2f9e44" } }).png().toBuffer();
  jpg = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#e8590c" } }).jpeg().toBuffer();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function upload(entryId: string, fileName: string, contentType: string, bytes: Uint8Array, who: Person = k.bendahara) {
  const form = multipartFile("file", fileName, contentType, bytes);
  return t.app.inject({ method: "POST", url: `${base()}/journals/${entryId}/attachments`, headers: { cookie: who.cookie, ...form.headers }, payload: form.payload });
}
const list = (entryId: string, who: Person = k.ketua) => t.app.inject({ url: `${base()}/journals/${entryId}/attachments`, headers: { cookie: who.cookie } });
const download = (entryId: string, id: string, who: Person = k.ketua) => t.app.inject({ url: `${base()}/journals/${entryId}/attachments/${id}`, headers: { cookie: who.cookie } });
const remove = (entryId: string, id: string, who: Person = k.bendahara) =>
  t.app.inject({ method: "DELETE", url: `${base()}/journals/${entryId}/attachments/${id}`, headers: { cookie: who.cookie } });
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const rent = [
  { code: "5-2200", debit: 750_000 },
  { code: "1-1100", credit: 750_000 },
];

describe("attaching supporting documents", () => {
  let entryId: string;

  beforeAll(async () => {
    entryId = await pendingJournal(t, k, "2026-03-10", "Sewa gedung RAT", rent);
  });

  it("takes a PDF, a JPG and a PNG, by their content, and lists them with their hashes; audited", async () => {
    const uploaded = [];
    for (const [name, type, bytes] of [
      ["kuitansi sewa.pdf", "application/pdf", pdf],
      ["foto-nota.jpg", "image/jpeg", jpg],
      ["bukti transfer.png", "application/octet-stream", png],
    ] as const) {
      const res = await upload(entryId, name, type, bytes);
      expect(res.statusCode, res.body).toBe(201);
      uploaded.push(res.json());
    }
    expect(uploaded.map((a) => [a.fileName, a.contentType, a.sizeBytes, a.sha256])).toEqual([
      ["kuitansi sewa.pdf", "application/pdf", pdf.length, sha256(pdf)],
      ["foto-nota.jpg", "image/jpeg", jpg.length, sha256(jpg)],
      ["bukti transfer.png", "image/png", png.length, sha256(png)],
    ]);
    expect(uploaded[0]).toMatchObject({ entryId, createdBy: k.bendahara.userId, createdAt: now.toISOString() });

    const listed = await list(entryId, pengawas);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual(uploaded);
    expect(await auditOf(t, k.koperasiId, "journal.attachment_add")).toHaveLength(3);
  });

  it("downloads each exactly as uploaded, as a download of its own type that a browser runs nothing in", async () => {
    const attachments = (await list(entryId)).json() as { id: string; contentType: string; sha256: string }[];
    for (const attachment of attachments) {
      const res = await download(entryId, attachment.id, pengawas);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe(attachment.contentType);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename\*=UTF-8''/);
      expect(res.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(sha256(res.rawPayload)).toBe(attachment.sha256);
    }
  });

  it("refuses other file types (whatever the name says), an empty or oversized file, a missing file", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);
    for (const [name, type, bytes] of [
      ["nota.pdf", "application/pdf", exe],
      ["catatan.txt", "text/plain", Buffer.from("bukan dokumen")],
    ] as const) {
      const res = await upload(entryId, name, type, bytes);
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: "file_type_not_allowed", detail: "Jenis berkas tidak diizinkan. Unggah berkas PDF, JPG atau PNG." });
    }
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(entryId, "besar.png", "image/png", big)).json()).toMatchObject({ status: 413, code: "too_large" });
    expect((await upload(entryId, "kosong.pdf", "application/pdf", Buffer.alloc(0))).json()).toMatchObject({ status: 400, code: "file_empty" });
    const json = await t.app.inject({ method: "POST", url: `${base()}/journals/${entryId}/attachments`, headers: { cookie: k.bendahara.cookie }, payload: { file: "x" } });
    expect(json.json()).toMatchObject({ status: 415, code: "multipart_required" });
    expect((await list(entryId)).json()).toHaveLength(3);
  });

  it("decodes images within a pixel limit and opens PDFs as PDFs, refusing bombs, broken images and polyglots", async () => {
    const bomb = pngClaiming(10_000, 10_000);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const refusals = [
      ["bom.png", "image/png", bomb, "image_too_many_pixels"],
      ["terpotong.png", "image/png", png.subarray(0, png.length - 20), "image_invalid"],
      ["terpotong.jpg", "image/jpeg", jpg.subarray(0, Math.floor(jpg.length / 2)), "image_invalid"],
      ["halaman.pdf", "application/pdf", Buffer.concat([Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>\n"), pdf.subarray(9)]), "pdf_invalid"],
      ["rusak.pdf", "application/pdf", Buffer.from("%PDF-1.7\nbukan isi PDF sama sekali\n%%EOF\n"), "pdf_invalid"],
    ] as const;
    for (const [name, type, bytes, code] of refusals) {
      const res = await upload(entryId, name, type, bytes);
      expect([name, res.statusCode, res.json().code]).toEqual([name, 400, code]);
    }
    expect((await list(entryId)).json()).toHaveLength(3);
  });

  it("is for the bendahara; the pengawas and ketua read; the kasir does not see the journal", async () => {
    expect((await upload(entryId, "nota.png", "image/png", png, pengawas)).statusCode).toBe(403);
    expect((await upload(entryId, "nota.png", "image/png", png, k.ketua)).statusCode).toBe(403);
    expect((await list(entryId, kasir)).statusCode).toBe(403);
    expect((await list(entryId)).json()).toHaveLength(3);
  });

  it("answers 404 for an unknown entry or attachment", async () => {
    const unknown = "0190a000-0000-7000-8000-0000000000aa";
    expect((await upload(unknown, "nota.png", "image/png", png)).statusCode).toBe(404);
    expect((await list(unknown)).statusCode).toBe(404);
    expect((await download(entryId, unknown)).statusCode).toBe(404);
  });

  it("lets the maker remove a wrong file while the entry is pending (audited)", async () => {
    const wrong = (await upload(entryId, "salah.png", "image/png", png)).json() as { id: string };
    const res = await remove(entryId, wrong.id);
    expect(res.statusCode).toBe(204);
    expect((await list(entryId)).json()).toHaveLength(3);
    expect(await auditOf(t, k.koperasiId, "journal.attachment_delete")).toEqual([expect.objectContaining({ actor_user_id: k.bendahara.userId, target_id: entryId })]);
    expect((await remove(entryId, wrong.id)).statusCode).toBe(404);
  });

  describe("once the entry is posted", () => {
    let leafBefore: unknown;
    let entryBefore: unknown;

    beforeAll(async () => {
      const approved = await postAs(t, k.ketua, `${base()}/journals/${entryId}/approve`);
      expect(approved.statusCode).toBe(200);
      entryBefore = approved.json();
      leafBefore = await t.db.superuser.query(`SELECT salt, leaf_data, leaf_hash FROM log_leaf WHERE entry_id = $1`, [entryId]);
    });

    it("still takes a document, which changes nothing of the entry or its log leaf", async () => {
      const late = await upload(entryId, "berita acara.pdf", "application/pdf", pdf);
      expect(late.statusCode).toBe(201);
      expect((await list(entryId)).json()).toHaveLength(4);
      const entry = await t.app.inject({ url: `${base()}/journals/${entryId}`, headers: { cookie: k.ketua.cookie } });
      expect(entry.json()).toEqual(entryBefore);
      expect(await t.db.superuser.query(`SELECT salt, leaf_data, leaf_hash FROM log_leaf WHERE entry_id = $1`, [entryId])).toEqual(leafBefore);
    });

    it("never lets one go: the route refuses, and so does the database, for the application and the owner", async () => {
      const [first] = (await list(entryId)).json() as { id: string }[];
      const id = first?.id ?? "";
      const res = await remove(entryId, id);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "attachment_locked", detail: "Lampiran jurnal yang sudah diposting (atau ditolak) tidak dapat dihapus." });

      const tenant = <T>(fn: Parameters<typeof t.ctx.database.tenant<T>>[1]) => t.ctx.database.tenant({ koperasiId: k.koperasiId }, fn);
      await expect(tenant((trx) => sql`DELETE FROM journal_attachment WHERE id = ${id}::uuid`.execute(trx))).rejects.toThrow(/cannot be deleted/);
      await expect(tenant((trx) => sql`UPDATE journal_attachment SET file_name = 'lain.pdf' WHERE id = ${id}::uuid`.execute(trx))).rejects.toThrow(/permission denied/);
      await expect(t.db.superuser.query(`DELETE FROM journal_attachment WHERE id = $1`, [id])).rejects.toThrow(/cannot be deleted/);
      await expect(t.db.superuser.query(`UPDATE journal_attachment SET sha256 = repeat('0', 64) WHERE id = $1`, [id])).rejects.toThrow(/cannot change/);
      expect((await list(entryId)).json()).toHaveLength(4);
    });
  });

  it("a rejected entry takes none", async () => {
    const rejected = await pendingJournal(t, k, "2026-03-11", "Ditolak", rent);
    expect((await postAs(t, k.ketua, `${base()}/journals/${rejected}/reject`, {})).statusCode).toBe(200);
    const res = await upload(rejected, "nota.png", "image/png", png);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "attachment_entry_rejected" });
  });
});
