import { describe, expect, it } from "vitest";
import { BREACH_NOTICE_HOURS, breachNotice, LEGAL_BASIS_TEXT, processingRecord } from "./privacy-records";

describe("the record of processing activities", () => {
  it("holds the core activities, and one more for each switched-on module that processes personal data", () => {
    expect(processingRecord([]).map((a) => a.id)).toEqual(["keanggotaan", "simpan_pinjam", "kewajiban_hukum", "keamanan"]);
    expect(processingRecord(["poin", "umkm", "berita"]).map((a) => a.id)).toEqual(["keanggotaan", "simpan_pinjam", "kewajiban_hukum", "keamanan", "umkm", "berita"]);
    for (const activity of processingRecord(["berita", "umkm", "obrolan", "poin"])) {
      expect(LEGAL_BASIS_TEXT[activity.basis]).toMatch(/Pasal 20/);
      expect(activity.data.length).toBeGreaterThan(0);
      expect(activity.retention.length).toBeGreaterThan(0);
    }
  });

  it("bases marketing and the UMKM directory on consent, membership on the contract, tax on the law", () => {
    const byId = new Map(processingRecord(["berita", "umkm"]).map((a) => [a.id, a.basis]));
    expect(Object.fromEntries(byId)).toMatchObject({ berita: "persetujuan", umkm: "persetujuan", keanggotaan: "kontrak", kewajiban_hukum: "kewajiban_hukum" });
  });
});

describe("the breach notice", () => {
  const input = {
    koperasiName: "Koperasi Sejahtera",
    discoveredAt: "8 Desember 2026 09.15 WIB",
    dataKinds: ["nama", "nomor HP"],
    whatHappened: "Sebuah laptop petugas hilang.",
    measures: "Sesi petugas diakhiri dan kata sandinya diganti.",
    contact: "pengurus@sejahtera.contoh.id",
  };
  it("says which data, when and how, and what is being done, within 3 × 24 hours", () => {
    const notice = breachNotice({ ...input, drill: false });
    expect(BREACH_NOTICE_HOURS).toBe(72);
    expect(notice.title).toBe("Pemberitahuan kegagalan pelindungan data pribadi — Koperasi Sejahtera");
    expect(notice.body).toContain("nama, nomor HP");
    expect(notice.body).toContain("8 Desember 2026 09.15 WIB");
    expect(notice.body).toContain("laptop petugas hilang");
    expect(notice.body).toContain("kata sandinya diganti");
    expect(notice.body).not.toContain("LATIHAN");
  });
  it("marks a drill in its title and first line", () => {
    const notice = breachNotice({ ...input, drill: true });
    expect(notice.title.startsWith("LATIHAN")).toBe(true);
    expect(notice.body.startsWith("LATIHAN")).toBe(true);
  });
});
