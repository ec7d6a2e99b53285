import { describe, expect, it } from "vitest";
import { positionLabel } from "./positionLabel";

describe("structure position labels", () => {
  it("names standard, pengawas and custom posts", () => {
    expect(positionLabel("wakil_ketua", "id")).toBe("Wakil Ketua");
    expect(positionLabel("ketua_pengawas", "id")).toBe("Ketua Pengawas");
    expect(positionLabel("anggota_pengawas", "en")).toBe("Supervisory board member");
    expect(positionLabel("Ketua Bidang Usaha", "id")).toBe("Ketua Bidang Usaha");
    // Not an own property name of the label table, however it looks.
    expect(positionLabel("toString", "id")).toBe("toString");
  });
});
