import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import {
  allocateShu,
  basisPointsToPercent,
  calculateShu,
  DEFAULT_SHU_ALLOCATION,
  exactShare,
  isCompleteAllocation,
  percentToBasisPoints,
  shareMemberPools,
  SHU_POOLS,
  type ShuAllocation,
  type ShuMemberBasis,
} from "./index";

const JT = 1_000_000;
const member = (memberNumber: string, jasaModal: number, jasaUsaha: number): ShuMemberBasis => ({ memberId: `id-${memberNumber}`, memberNumber, jasaModal, jasaUsaha });

describe("DOMAIN.md worked examples", () => {
  it("SHU Rp60.000.000, jasa usaha 25%, jasa modal 20%: interest 5 jt of 75 jt, simpanan 2 jt of 100 jt → Rp1.240.000", () => {
    const allocation: ShuAllocation = { ...DEFAULT_SHU_ALLOCATION, cadangan: 4_000, jasa_modal: 2_000, jasa_usaha: 2_500, dana_pengurus: 500, dana_karyawan: 500, dana_pendidikan: 500, dana_sosial: 0 };
    const result = calculateShu(rupiah(60 * JT), allocation, [member("A-001", 2 * JT, 5 * JT), member("A-002", 98 * JT, 70 * JT)]);
    expect(result.pools.jasa_modal).toBe(12 * JT);
    expect(result.pools.jasa_usaha).toBe(15 * JT);
    const her = result.members.find((m) => m.memberNumber === "A-001");
    expect(her).toMatchObject({ jasaModal: { basis: 2 * JT, exact: "240000", amount: 240_000 }, jasaUsaha: { basis: 5 * JT, exact: "1000000", amount: 1_000_000 }, total: 1_240_000 });
  });

  it("SHU 100 jt, JM 20%, JU 20%; simpanan A/B/C 2/3/5 jt, jasa 0,6/0,3/0,1 jt → A 16 jt, B 12 jt, C 12 jt", () => {
    const result = calculateShu(rupiah(100 * JT), DEFAULT_SHU_ALLOCATION, [member("C", 5 * JT, 100_000), member("A", 2 * JT, 600_000), member("B", 3 * JT, 300_000)]);
    expect(result.members.map((m) => [m.memberNumber, m.jasaModal.amount, m.jasaUsaha.amount, m.total])).toEqual([
      ["A", 4 * JT, 12 * JT, 16 * JT],
      ["B", 6 * JT, 6 * JT, 12 * JT],
      ["C", 10 * JT, 2 * JT, 12 * JT],
    ]);
    expect(result.pools).toEqual({ cadangan: 40 * JT, jasa_modal: 20 * JT, jasa_usaha: 20 * JT, dana_pengurus: 5 * JT, dana_karyawan: 5 * JT, dana_pendidikan: 5 * JT, dana_sosial: 5 * JT });
    expect(result.membersTotal).toBe(40 * JT);
    expect(result.totalBasis).toEqual({ jasa_modal: 10 * JT, jasa_usaha: 1 * JT });
  });
});

describe("the allocation", () => {
  it("reads percentages with up to two decimals, comma or point, never above 100", () => {
    expect(percentToBasisPoints("40")).toBe(4_000);
    expect(percentToBasisPoints("2,5")).toBe(250);
    expect(percentToBasisPoints("12.25")).toBe(1_225);
    expect(percentToBasisPoints("100")).toBe(10_000);
    for (const bad of ["100.01", "-5", "1.234", "", "abc", "1e2"]) expect(percentToBasisPoints(bad), bad).toBeNull();
    expect(basisPointsToPercent(4_000)).toBe("40");
    expect(basisPointsToPercent(250)).toBe("2.5");
    expect(basisPointsToPercent(1_225)).toBe("12.25");
  });

  it("must total exactly 100%", () => {
    expect(isCompleteAllocation(DEFAULT_SHU_ALLOCATION)).toBe(true);
    expect(isCompleteAllocation({ ...DEFAULT_SHU_ALLOCATION, dana_sosial: 499 })).toBe(false);
    expect(isCompleteAllocation({ ...DEFAULT_SHU_ALLOCATION, dana_sosial: 501 })).toBe(false);
    expect(() => allocateShu(rupiah(1_000), { ...DEFAULT_SHU_ALLOCATION, cadangan: 0 })).toThrow(RangeError);
  });

  it("splits a SHU that does not divide evenly so the pools total it exactly, ties to the earlier pool", () => {
    // 7 × 5% of Rp101 = 5,05 → four funds floor to 5; remainders 0,05 each; 40% → 40,4; 20% → 20,2.
    const pools = allocateShu(rupiah(101), DEFAULT_SHU_ALLOCATION);
    expect(pools).toEqual({ cadangan: 41, jasa_modal: 20, jasa_usaha: 20, dana_pengurus: 5, dana_karyawan: 5, dana_pendidikan: 5, dana_sosial: 5 });
  });
});

describe("member shares", () => {
  it("gives the Rupiah left over to the largest remainders, ties to the lower member number", () => {
    const { members } = shareMemberPools({ jasa_modal: rupiah(100), jasa_usaha: rupiah(0) }, [member("003", 1, 0), member("001", 1, 0), member("002", 1, 0)]);
    expect(members.map((m) => [m.memberNumber, m.jasaModal.exact, m.jasaModal.amount])).toEqual([
      ["001", "33.333333", 34],
      ["002", "33.333333", 33],
      ["003", "33.333333", 33],
    ]);
  });

  it("keeps a member pool nobody has a basis for as unshared", () => {
    const result = shareMemberPools({ jasa_modal: rupiah(1_000), jasa_usaha: rupiah(500) }, [member("1", 10, 0), member("2", 30, 0)]);
    expect(result.unshared).toEqual({ jasa_modal: 0, jasa_usaha: 500 });
    expect(result.members.map((m) => [m.jasaModal.amount, m.jasaUsaha.amount, m.jasaUsaha.exact])).toEqual([
      [250, 0, "0"],
      [750, 0, "0"],
    ]);
  });

  it("prints the unrounded share to six decimals", () => {
    expect(exactShare(rupiah(12 * JT), 1, 3)).toBe("4000000");
    expect(exactShare(rupiah(100), 2, 3)).toBe("66.666667");
    expect(exactShare(rupiah(100), 0, 0)).toBe("0");
  });

  const basis = fc.integer({ min: 0, max: 500_000_000_000 });
  const cooperative = fc.record({
    shu: fc.integer({ min: 1, max: 9_000_000_000_000 }),
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 7, maxLength: 7 }).filter((w) => w.some((x) => x > 0)),
    members: fc.uniqueArray(fc.record({ memberNumber: fc.string({ minLength: 1, maxLength: 6 }), jasaModal: basis, jasaUsaha: basis }), { selector: (m) => m.memberNumber, maxLength: 40 }),
  });

  /** Random weights scaled to a complete allocation (the last pool with weight takes what rounding leaves). */
  function allocationOf(weights: number[]): ShuAllocation {
    const total = weights.reduce((a, b) => a + b, 0);
    const bp = weights.map((w) => Math.floor((w * 10_000) / total));
    const last = bp.findLastIndex((_, i) => (weights[i] ?? 0) > 0);
    bp[last] = (bp[last] ?? 0) + 10_000 - bp.reduce((a, b) => a + b, 0);
    return Object.fromEntries(SHU_POOLS.map((pool, i) => [pool, bp[i] ?? 0])) as unknown as ShuAllocation;
  }

  it("for random cooperatives: pools total the SHU, shares total each pool, nobody negative, each within Rp1 of her exact share", () => {
    fc.assert(
      fc.property(cooperative, ({ shu, weights, members }) => {
        const bases = members.map((m) => ({ ...m, memberId: `id-${m.memberNumber}` }));
        const result = calculateShu(rupiah(shu), allocationOf(weights), bases);
        expect(SHU_POOLS.reduce((sum, pool) => sum + result.pools[pool], 0)).toBe(shu);
        for (const [key, pool] of [["jasaModal", "jasa_modal"], ["jasaUsaha", "jasa_usaha"]] as const) {
          const shared = result.members.reduce((sum, m) => sum + m[key].amount, 0);
          expect(shared + result.unshared[pool]).toBe(result.pools[pool]);
          for (const m of result.members) {
            expect(m[key].amount).toBeGreaterThanOrEqual(0);
            expect(Math.abs(m[key].amount - Number(m[key].exact))).toBeLessThan(1);
          }
        }
        expect(result.membersTotal).toBe(result.members.reduce((sum, m) => sum + m.total, 0));
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order members come in", () => {
    fc.assert(
      fc.property(cooperative, fc.integer(), ({ shu, weights, members }, seed) => {
        const bases = members.map((m) => ({ ...m, memberId: `id-${m.memberNumber}` }));
        const shuffled = [...bases].sort((a, b) => ((a.memberNumber.charCodeAt(0) * 31 + seed) % 7) - ((b.memberNumber.charCodeAt(0) * 31 + seed) % 7));
        expect(calculateShu(rupiah(shu), allocationOf(weights), shuffled)).toEqual(calculateShu(rupiah(shu), allocationOf(weights), bases));
      }),
      { numRuns: 100 },
    );
  });
});
