import { describe, expect, it } from "vitest";
import { newCardSerial, normaliseCardSerial } from "./serial";

describe("card serials", () => {
  it("are ten unambiguous characters in two groups, and differ", () => {
    const serials = new Set(Array.from({ length: 2000 }, newCardSerial));
    expect(serials.size).toBe(2000);
    for (const serial of serials) expect(serial).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it("are read back as typed: case, spaces and look-alike letters forgiven", () => {
    expect(normaliseCardSerial("7q4mz-9xk2a")).toBe("7Q4MZ-9XK2A");
    expect(normaliseCardSerial(" 7Q4MZ 9XK2A ")).toBe("7Q4MZ-9XK2A");
    expect(normaliseCardSerial("O1ILZ-9XK2A")).toBe("0111Z-9XK2A");
    expect(normaliseCardSerial("7Q4MZ-9XK2U")).toBeUndefined();
    expect(normaliseCardSerial("7Q4MZ-9XK2")).toBeUndefined();
    expect(normaliseCardSerial("KP1.AQID")).toBeUndefined();
  });
});
