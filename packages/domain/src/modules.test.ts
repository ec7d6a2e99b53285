import { describe, expect, it } from "vitest";
import { MODULES, MODULE_IDS, defaultModuleSettings, getModule, isModuleId, type ModuleId } from "./modules";

describe("module registry", () => {
  it("lists the four optional modules once each", () => {
    expect(MODULE_IDS).toEqual(["berita", "umkm", "poin", "obrolan"]);
    expect(new Set(MODULE_IDS).size).toBe(MODULES.length);
  });

  it("names and describes each in Indonesian and English", () => {
    expect(MODULES.map((definition) => definition.name.id)).toEqual(["Berita", "UMKM", "Poin", "Obrolan"]);
    for (const definition of MODULES) {
      expect(definition.name.en.length).toBeGreaterThan(0);
      expect(definition.description.id).toMatch(/\.$/);
      expect(definition.description.en).toMatch(/\.$/);
    }
  });

  it("starts a new cooperative with every module off", () => {
    expect(defaultModuleSettings()).toEqual({ berita: false, umkm: false, poin: false, obrolan: false });
    const settings = defaultModuleSettings();
    settings.berita = true;
    expect(defaultModuleSettings().berita).toBe(false);
  });

  it("looks modules up by id", () => {
    expect(getModule("obrolan").name.en).toBe("Chat");
    expect(() => getModule("pasar" as ModuleId)).toThrow(RangeError);
    expect(isModuleId("umkm")).toBe(true);
    for (const other of ["Berita", "pasar", "", null]) expect(isModuleId(other)).toBe(false);
  });
});
