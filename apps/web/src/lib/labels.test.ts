import { describe, expect, it } from "vitest";
import { accountTypeLabel, koperasiTypeLabel, moduleName, positionLabel, roleLabel, timeZoneLabel } from "./labels";

describe("labels", () => {
  it("names cooperative types with their abbreviation only where it adds something", () => {
    expect(koperasiTypeLabel("ksp", "id")).toBe("Koperasi Simpan Pinjam (KSP/USP)");
    expect(koperasiTypeLabel("konsumen", "id")).toBe("Koperasi Konsumen");
    expect(koperasiTypeLabel("konsumen", "en")).toBe("Consumer cooperative (Konsumen)");
    expect(koperasiTypeLabel("lainnya", "id")).toBe("lainnya");
  });
  it("names roles, positions, zones and modules in both languages", () => {
    expect(roleLabel("pengawas", "id")).toBe("Pengawas");
    expect(roleLabel("kasir", "en")).toBe("Teller");
    expect(positionLabel("bendahara", "id")).toBe("Bendahara");
    expect(positionLabel("Bendahara II", "id")).toBe("Bendahara II");
    expect(timeZoneLabel("Asia/Makassar", "id")).toBe("Waktu Indonesia Tengah (WITA)");
    expect(moduleName("obrolan", "en")).toBe("Chat");
    expect(accountTypeLabel("liabilitas", "id")).toBe("Liabilitas");
    expect(accountTypeLabel("beban", "en")).toBe("Expenses");
    expect(accountTypeLabel("lain", "id")).toBe("lain");
  });
});
