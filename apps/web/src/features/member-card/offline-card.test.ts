import { describe, expect, it } from "vitest";
import { forgetKeptCards, keepCard, keptCard, keptCards, svgImageSource, type KeptCard } from "./offline-card";

class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException("quota", "QuotaExceededError");
    this.map.set(key, value);
  }
}

const card: KeptCard = { koperasiName: "Koperasi Maju", primaryColor: "#0b7a53", memberNumber: "AGT-000007", fullName: "Siti", serial: "7Q4MZ-9XK2A", qrSvg: "<svg/>" };

describe("the card kept for offline use", () => {
  it("is kept per cooperative and login, and read back", () => {
    const storage = new MemoryStorage();
    keepCard(storage, "k1", "u1", card);
    expect(keptCard(storage, "k1", "u1")).toEqual(card);
    expect(keptCard(storage, "k1", "u2")).toBeNull();
    expect(keptCard(storage, "k2", "u1")).toBeNull();
  });

  it("lists every card kept on the phone, skipping other entries and damaged ones", () => {
    const storage = new MemoryStorage();
    keepCard(storage, "k1", "u1", card);
    keepCard(storage, "k2", "u1", { ...card, koperasiName: "Koperasi Lain" });
    storage.setItem("koperasi-pintar:kartu:k3:u1", "rusak");
    storage.setItem("bahasa", "id");
    expect(keptCards(storage).map((c) => c.koperasiName).sort()).toEqual(["Koperasi Lain", "Koperasi Maju"]);
  });

  it("forgets every kept card (and nothing else) at sign-out", () => {
    const storage = new MemoryStorage();
    keepCard(storage, "k1", "u1", card);
    keepCard(storage, "k2", "u2", card);
    storage.setItem("bahasa", "id");
    forgetKeptCards(storage);
    expect(keptCards(storage)).toEqual([]);
    expect(storage.getItem("bahasa")).toBe("id");
  });

  it("survives a full storage and ignores a damaged entry", () => {
    const storage = new MemoryStorage();
    storage.full = true;
    expect(() => keepCard(storage, "k1", "u1", card)).not.toThrow();
    storage.full = false;
    storage.setItem("koperasi-pintar:kartu:k1:u1", "{bukan json");
    expect(keptCard(storage, "k1", "u1")).toBeNull();
    storage.setItem("koperasi-pintar:kartu:k1:u1", JSON.stringify({ ...card, qrSvg: 5 }));
    expect(keptCard(storage, "k1", "u1")).toBeNull();
  });

  it("shows an SVG as an image source", () => {
    expect(svgImageSource('<svg a="1"/>')).toBe("data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E");
  });
});
