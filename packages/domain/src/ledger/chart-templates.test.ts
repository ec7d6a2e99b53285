import { describe, expect, it } from "vitest";
import { KOPERASI_TYPES } from "../koperasi";
import { validateAccountCode } from "./accounts";
import { chartTemplateFor } from "./chart-templates";

const codes = (type: Parameters<typeof chartTemplateFor>[0]) => chartTemplateFor(type).map((a) => a.code);

describe("chart-of-accounts templates", () => {
  it.each(KOPERASI_TYPES)("%s: codes unique, valid for their type, parents listed first and of the same type", (type) => {
    const chart = chartTemplateFor(type);
    expect(new Set(codes(type)).size).toBe(chart.length);
    const seen = new Map<string, (typeof chart)[number]>();
    for (const account of chart) {
      expect(validateAccountCode(account.code, account.type)).toBe(account.code);
      if (account.parentCode !== null) {
        const parent = seen.get(account.parentCode);
        expect(parent, `${account.code} → ${account.parentCode}`).toBeDefined();
        expect(parent?.isGroup).toBe(true);
        expect(parent?.type).toBe(account.type);
      }
      expect(account.isGroup && account.isControl).toBe(false);
      seen.set(account.code, account);
    }
  });

  it("KSP: the accounts DOMAIN.md lists, with member sub-ledgers on savings and loans", () => {
    const chart = chartTemplateFor("ksp");
    const byName = (name: string) => chart.find((a) => a.name === name);
    expect(byName("Kas")).toMatchObject({ code: "1-1100", type: "aset", normalBalance: "debit", isControl: false });
    expect(byName("Piutang Pinjaman Anggota")).toMatchObject({ code: "1-1300", isControl: true, normalBalance: "debit" });
    expect(byName("Cadangan Kerugian Pinjaman")).toMatchObject({ type: "aset", normalBalance: "credit" });
    expect(byName("Akumulasi Penyusutan Aset Tetap")).toMatchObject({ type: "aset", normalBalance: "credit" });
    expect(byName("Simpanan Sukarela")).toMatchObject({ code: "2-1100", type: "liabilitas", normalBalance: "credit", isControl: true });
    expect(byName("Simpanan Berjangka")).toMatchObject({ isControl: true });
    expect(byName("Simpanan Pokok")).toMatchObject({ type: "ekuitas", isControl: true });
    expect(byName("Simpanan Wajib")).toMatchObject({ type: "ekuitas", isControl: true });
    expect(byName("SHU Tahun Berjalan")).toMatchObject({ type: "ekuitas", normalBalance: "credit" });
    for (const name of [
      "Bank",
      "Pendapatan Jasa yang Masih Harus Diterima",
      "Penempatan pada Koperasi Lain",
      "Aset Tetap",
      "Utang Pajak",
      "Dana Pendidikan",
      "Pinjaman Bank",
      "Cadangan",
      "Hibah",
      "Pendapatan Jasa Pinjaman",
      "Pendapatan Provisi dan Administrasi",
      "Pendapatan Denda",
      "Beban Jasa Simpanan",
      "Beban Penyisihan Kerugian Pinjaman",
      "Beban Personalia",
      "Beban Organisasi dan RAT",
      "Beban Penyusutan",
    ]) {
      expect(byName(name), name).toBeDefined();
    }
    expect(chart.filter((a) => a.isControl).map((a) => a.code)).toEqual(["1-1300", "2-1100", "2-1200", "3-1100", "3-1200"]);
  });

  it("trading cooperatives add inventory, sales and cost of goods sold; the others do not", () => {
    const trading = ["1-1500", "4-2100", "5-3100"];
    for (const type of ["ksu", "konsumen", "produsen"] as const) {
      expect(codes(type)).toEqual(expect.arrayContaining(trading));
      expect(codes(type).length).toBe(codes("ksp").length + 3);
      expect(chartTemplateFor(type).find((a) => a.code === "5-3100")).toMatchObject({ name: "Harga Pokok Penjualan", type: "beban" });
    }
    for (const type of ["ksp", "jasa", "kspps"] as const) expect(codes(type)).not.toContain("1-1500");
  });

  it("KSPPS starts from the KSP chart until its sharia template exists", () => {
    expect(chartTemplateFor("kspps")).toEqual(chartTemplateFor("ksp"));
  });
});
