import { describe, expect, it } from "vitest";
import {
  KOPERASI_TYPES,
  KOPERASI_TYPE_LABELS,
  SLUG_MAX_LENGTH,
  isKoperasiType,
  isValidNib,
  isValidNomorBadanHukum,
  isValidNomorIndukKoperasi,
  isValidSlug,
  normalizeNib,
  normalizeNomorBadanHukum,
  normalizeNomorIndukKoperasi,
  slugify,
} from "./koperasi";
import { expectDomainError } from "./test-support";

describe("koperasi types", () => {
  it("lists the six types with Indonesian and English labels", () => {
    expect(KOPERASI_TYPES).toEqual(["ksp", "ksu", "konsumen", "produsen", "jasa", "kspps"]);
    expect(KOPERASI_TYPE_LABELS.ksp).toEqual({
      short: "KSP/USP",
      id: "Koperasi Simpan Pinjam",
      en: "Savings and loan cooperative",
    });
    expect(KOPERASI_TYPE_LABELS.kspps.id).toBe("Koperasi Simpan Pinjam dan Pembiayaan Syariah");
    for (const type of KOPERASI_TYPES) {
      expect(KOPERASI_TYPE_LABELS[type].id).toMatch(/^Koperasi /);
      expect(KOPERASI_TYPE_LABELS[type].en).toMatch(/cooperative$/);
    }
  });

  it("recognises only those types", () => {
    for (const type of KOPERASI_TYPES) expect(isKoperasiType(type)).toBe(true);
    for (const other of ["KSP", "usp", "syariah", "", undefined]) expect(isKoperasiType(other)).toBe(false);
  });
});

describe("Nomor Induk Koperasi", () => {
  it.each([
    ["3273010020001", "3273010020001"],
    ["3515140200000123", "3515140200000123"],
    ["327301002000", "327301002000"],
    ["3273 0100 2000 1", "3273010020001"],
    ["3273.010.020.001", "3273010020001"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeNomorIndukKoperasi(input)).toBe(expected);
    expect(isValidNomorIndukKoperasi(input)).toBe(true);
  });

  it.each(["", "32730100200", "35151402000001234", "3273O10020001", "NIK-3273010020001"])("refuses %j", (input) => {
    const error = expectDomainError(() => normalizeNomorIndukKoperasi(input), "nomor_induk_koperasi_invalid");
    expect(error.details).toEqual({ field: "nomorIndukKoperasi" });
    expect(isValidNomorIndukKoperasi(input)).toBe(false);
  });
});

describe("NIB", () => {
  it("accepts 13 digits, separators dropped", () => {
    expect(normalizeNib("9120001234567")).toBe("9120001234567");
    expect(normalizeNib(" 9120 0012 3456 7 ")).toBe("9120001234567");
    expect(isValidNib("9120001234567")).toBe(true);
  });

  it.each(["", "912000123456", "91200012345678", "912000123456X"])("refuses %j", (input) => {
    expectDomainError(() => normalizeNib(input), "nib_invalid");
    expect(isValidNib(input)).toBe(false);
  });
});

describe("nomor badan hukum", () => {
  it.each([
    ["AHU-0001234.AH.01.26.TAHUN 2023", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["ahu-0001234.ah.01.26.tahun 2023", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["AHU-0001234.AH.01.26.Tahun 2023", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["  AHU - 0001234 . AH . 01 . 26 . TAHUN  2023 ", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["AHU-0001234.AH.01.26.TAHUN2023", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["AHU-0001234.AH.01.26 TAHUN 2023", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["AHU0012345.AH.01.29.TAHUN 2025", "AHU-0012345.AH.01.29.TAHUN 2025"],
    ["Nomor: AHU-0001234.AH.01.26.TAHUN 2023", "AHU-0001234.AH.01.26.TAHUN 2023"],
    ["123/BH/XII/2010", "123/BH/XII/2010"],
    ["123/bh/xii/2010", "123/BH/XII/2010"],
    ["No. 123/BH/XII/2010", "123/BH/XII/2010"],
    ["123 / BH / XII / 2010", "123/BH/XII/2010"],
    ["518/BH/KWK.11/III/2005", "518/BH/KWK.11/III/2005"],
    ["000/BH/M.KUKM.2/X/2017", "000/BH/M.KUKM.2/X/2017"],
    ["12/BH/PAD/KWK.13/II/1999", "12/BH/PAD/KWK.13/II/1999"],
    ["518.1/BH/XII/1996", "518.1/BH/XII/1996"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeNomorBadanHukum(input)).toBe(expected);
    expect(isValidNomorBadanHukum(input)).toBe(true);
  });

  it("normalises two spellings of one decree to the same value", () => {
    expect(normalizeNomorBadanHukum("ahu-0001234.ah.01.26.tahun 2023")).toBe(
      normalizeNomorBadanHukum("AHU-0001234.AH.01.26.TAHUN 2023"),
    );
  });

  it.each([
    "",
    "AHU",
    "AHU-.AH.01.26.TAHUN 2023",
    "AHU-0001234.AH.1.26.TAHUN 2023",
    "AHU-0001234.AH.01.26.TAHUN 23",
    "AHU-0001234.AH.01.26",
    "AHU-0001234.XY.01.26.TAHUN 2023",
    "AHU-12345678901.AH.01.26.TAHUN 2023",
    "123/XII/2010", // no BH
    "BH/XII/2010", // no number
    "123/BH/XII", // no year
    "123/BH/XII/10",
    "123/BH//2010",
    "123/BH/XII/1850",
    "koperasi kita",
  ])("refuses %j", (input) => {
    const error = expectDomainError(() => normalizeNomorBadanHukum(input), "nomor_badan_hukum_invalid");
    expect(error.details).toEqual({ field: "nomorBadanHukum" });
    expect(isValidNomorBadanHukum(input)).toBe(false);
  });
});

describe("slugify", () => {
  it.each([
    ["Koperasi Sejahtera Bersama", "koperasi-sejahtera-bersama"],
    ["KSP Maju Jaya", "ksp-maju-jaya"],
    ["Koperasi Tani & Nelayan", "koperasi-tani-dan-nelayan"],
    ["Koperasi Karyawan PT. Sumber Rejeki (Persero)", "koperasi-karyawan-pt-sumber-rejeki-persero"],
    ["Kopérasi Désa Merah Putih", "koperasi-desa-merah-putih"],
    ["Koperasi Ma'ruf", "koperasi-maruf"],
    ["Koperasi Ma’ruf", "koperasi-maruf"],
    ["  --KOPERASI   99--  ", "koperasi-99"],
    ["Koperasi Desa/Kelurahan Merah Putih", "koperasi-desa-kelurahan-merah-putih"],
    ["ｋｏｐｅｒａｓｉ", "koperasi"],
  ])("%j → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("cuts to 48 characters without a trailing hyphen", () => {
    const slug = slugify("Koperasi Simpan Pinjam dan Pembiayaan Syariah Baitul Maal wat Tamwil Sejahtera");
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toBe("koperasi-simpan-pinjam-dan-pembiayaan-syariah-ba");
    const atHyphen = slugify(`${"a".repeat(47)} bcd`);
    expect(atHyphen).toBe("a".repeat(47));
  });

  it("refuses names with nothing usable", () => {
    for (const name of ["", "   ", "!!!", "中文合作社"]) expectDomainError(() => slugify(name), "slug_invalid");
  });

  it("validates slugs", () => {
    for (const good of ["a", "koperasi-99", "x".repeat(48)]) expect(isValidSlug(good)).toBe(true);
    for (const bad of ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é", "x".repeat(49), 12]) {
      expect(isValidSlug(bad)).toBe(false);
    }
  });
});
