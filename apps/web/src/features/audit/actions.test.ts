import { describe, expect, it } from "vitest";
import { i18n, setLanguage } from "../../i18n";
import { auditActionLabel } from "./actions";

describe("auditActionLabel", () => {
  it("names what the server records, in the chosen language", async () => {
    await i18n.changeLanguage("id");
    expect(auditActionLabel("module.disable", "id", i18n.t)).toBe("Modul dimatikan");
    expect(auditActionLabel("koperasi.update_logo", "id", i18n.t)).toBe("Logo koperasi diganti");
    expect(auditActionLabel("ledger.period_reopen", "id", i18n.t)).toBe("Periode pembukuan dibuka kembali");
    await setLanguage("en");
    expect(auditActionLabel("member.create", "en", i18n.t)).toBe("Member added");
    expect(auditActionLabel("ledger.year_close", "en", i18n.t)).toBe("Book year closed");
  });
  it("falls back to the permission's label, then to the code", () => {
    expect(auditActionLabel("users.invite", "id", i18n.t)).toBe("Mengundang pengguna");
    expect(auditActionLabel("sesuatu.baru", "id", i18n.t)).toBe("sesuatu.baru");
  });
});
