import { describe, expect, it } from "vitest";
import { ageOn, canChangeMemberStatus, isOfLegalAge, MEMBER_STATUSES } from "./member-registry";

describe("ageOn", () => {
  it("counts a year only once the birthday is reached", () => {
    expect(ageOn("2009-03-11", "2026-03-10")).toBe(16);
    expect(ageOn("2009-03-11", "2026-03-11")).toBe(17);
    expect(ageOn("2009-03-11", "2026-12-31")).toBe(17);
    expect(ageOn("1968-08-05", "2026-11-28")).toBe(58);
  });

  it("reaches a 29 February birthday on 1 March in common years", () => {
    expect(ageOn("2008-02-29", "2025-02-28")).toBe(16);
    expect(ageOn("2008-02-29", "2025-03-01")).toBe(17);
    expect(ageOn("2008-02-29", "2024-02-29")).toBe(16);
  });

  it("refuses dates that are not calendar dates", () => {
    expect(() => ageOn("2009-02-30", "2026-01-01")).toThrow();
  });
});

describe("isOfLegalAge", () => {
  it("is 17 on the 17th birthday and not the day before", () => {
    expect(isOfLegalAge({ birthDate: "2009-03-11" }, "2026-03-10")).toBe(false);
    expect(isOfLegalAge({ birthDate: "2009-03-11" }, "2026-03-11")).toBe(true);
    expect(isOfLegalAge({ birthDate: "2009-03-11", maritalStatus: "belum_kawin" }, "2026-03-10")).toBe(false);
  });

  it("counts anyone who is or was married as of age", () => {
    for (const maritalStatus of ["kawin", "cerai_hidup", "cerai_mati"] as const) {
      expect(isOfLegalAge({ birthDate: "2010-06-01", maritalStatus }, "2026-03-10")).toBe(true);
    }
  });
});

describe("member status transitions", () => {
  it("accepts or withdraws a candidate, ends an active membership, and never reopens one", () => {
    expect(canChangeMemberStatus("calon", "aktif")).toBe(true);
    expect(canChangeMemberStatus("calon", "keluar")).toBe(true);
    expect(canChangeMemberStatus("calon", "meninggal")).toBe(false);
    expect(canChangeMemberStatus("aktif", "keluar")).toBe(true);
    expect(canChangeMemberStatus("aktif", "meninggal")).toBe(true);
    expect(canChangeMemberStatus("aktif", "diberhentikan")).toBe(true);
    expect(canChangeMemberStatus("aktif", "calon")).toBe(false);
    for (const ended of ["keluar", "meninggal", "diberhentikan"] as const) {
      for (const to of MEMBER_STATUSES) expect(canChangeMemberStatus(ended, to)).toBe(false);
    }
    for (const status of MEMBER_STATUSES) expect(canChangeMemberStatus(status, status)).toBe(false);
  });
});
