import { describe, expect, it } from "vitest";
import { checkNikAgainst, isMobilePhone, normalizePhone, validateNik } from "@koperasi/domain";
import { PeopleMaker, REGIONS } from "./people";
import { seeded } from "./seeded";

describe("generated people", () => {
  it("have valid NIKs that encode their birth date and gender, from real regency codes, never twice; and distinct E.164 mobile numbers", () => {
    const random = seeded("orang").random("people");
    const maker = new PeopleMaker(REGIONS[0] ?? { code: "3507", name: "Kabupaten Malang", province: "Jawa Timur" });
    const people = Array.from({ length: 20_000 }, () => maker.make(random, "2026-01-01"));
    const codes = new Set(REGIONS.map((r) => r.code));
    for (const p of people) {
      const nik = validateNik(p.nik);
      expect(nik.ok, p.nik).toBe(true);
      expect(checkNikAgainst(p.nik, { birthDate: p.birthDate, gender: p.gender }), p.nik).toEqual([]);
      expect(codes.has(p.nik.slice(0, 4))).toBe(true);
      expect(normalizePhone(p.phone)).toBe(p.phone);
      expect(isMobilePhone(p.phone)).toBe(true);
      const age = 2026 - Number(p.birthDate.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(17);
      expect(age).toBeLessThanOrEqual(75);
      expect(p.fullName.length).toBeGreaterThan(1);
    }
    expect(new Set(people.map((p) => p.nik)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.phone)).size).toBe(people.length);
    // Mostly from the cooperative's own regency, as in a real village cooperative.
    expect(people.filter((p) => p.nik.startsWith(REGIONS[0]?.code ?? "")).length / people.length).toBeGreaterThan(0.75);
    expect(new Set(people.map((p) => p.gender))).toEqual(new Set(["male", "female"]));
  });
});
