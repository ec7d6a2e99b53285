import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { pdfPages } from "../testing/pdf-text";
import { dataTable, fieldTable, letterheadOf, qrBlock, renderPdf, renderReport } from "./index";

let t: TestApp;
let koperasiId: string;

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.ctx);
  koperasiId = (await createKoperasi(t.ctx, user.userId, { name: "Koperasi Sumber Rejeki" })).koperasiId;
  await t.ctx.database.db
    .updateTable("koperasi")
    .set({ nomor_badan_hukum: "AHU-0001234.AH.01.29.TAHUN 2024", primary_color: "#a61e4d" })
    .where("id", "=", koperasiId)
    .execute();
});
afterAll(async () => {
  await t?.close();
});

async function letterhead() {
  const row = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow();
  return letterheadOf(t.ctx, row);
}

describe("reports on the cooperative's letterhead", () => {
  it("prints the kop surat, title, body and a numbered footer on every page, fonts embedded", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`AGT-${String(i + 1).padStart(6, "0")}`, `Anggota ke-${i + 1}`, "aktif"]);
    const bytes = await renderReport({
      letterhead: await letterhead(),
      title: "Daftar Anggota",
      subtitle: "Per 28 November 2026",
      printedAt: new Date("2026-11-28T03:15:00Z"),
      content: [fieldTable([["Jumlah anggota", "120"]]), dataTable(["Nomor", "Nama", "Status"], rows)],
    });
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, info } = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(info.Title).toBe("Daftar Anggota");
    expect(info.Author).toBe("Koperasi Sumber Rejeki");
    const first = pages[0] ?? "";
    expect(first).toContain("Koperasi Sumber Rejeki");
    expect(first).toContain("Jl. Merdeka 1, Malang, Jawa Timur");
    expect(first).toContain("Badan Hukum No. AHU-0001234.AH.01.29.TAHUN 2024");
    expect(first).toContain("Daftar Anggota");
    expect(first).toContain("AGT-000001");
    // 10.15 WIB, not UTC.
    expect(first).toContain("Dicetak 28 November 2026 10.15 WIB");
    pages.forEach((page, index) => expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`));
    expect(pages.join("\n")).toContain("AGT-000120");
    // Roboto is embedded (a subset), not a reference to a font the reader may lack.
    expect(bytes.toString("latin1")).toMatch(/\/FontFile2/);
  });

  it("draws QR codes as vector graphics and never reads a path or URL found in the data", async () => {
    const bytes = await renderPdf({ pageSize: { width: 200, height: 200 }, content: [await qrBlock("KP1.contoh", 100), { text: "ok" }] });
    expect((await pdfPages(bytes)).pages[0]).toContain("ok");
    await expect(renderPdf({ content: [{ image: "/etc/passwd" }] })).rejects.toThrow(/denied|Invalid image/);
    await expect(renderPdf({ content: [{ image: "https://contoh.id/logo.png" }] })).rejects.toThrow();
  });
});
