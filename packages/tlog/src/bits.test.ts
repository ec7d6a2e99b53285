import { describe, expect, it } from "vitest";
import { bitLen, isPowerOfTwo, lowBits, onesCount, shl, shr, trailingZeros, xor } from "./bits.js";

// The helpers must agree with real 64-bit arithmetic across the 32-bit
// boundary, where JavaScript's own bitwise operators would silently wrap.
const samples = [
  0, 1, 2, 3, 5, 7, 8, 255, 256, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 33 + 12345, 2 ** 40 - 3,
  2 ** 52, 2 ** 53 - 1, 0x1234_5678_9abc, 0xf_ffff_0000_0001,
];

describe("53-bit safe bit helpers", () => {
  it("agree with BigInt", () => {
    for (const a of samples) {
      const A = BigInt(a);
      expect(bitLen(a)).toBe(A.toString(2).length - (a === 0 ? 1 : 0));
      expect(onesCount(a)).toBe([...A.toString(2)].filter((c) => c === "1").length);
      expect(trailingZeros(a)).toBe(a === 0 ? 64 : A.toString(2).length - 1 - A.toString(2).lastIndexOf("1"));
      expect(isPowerOfTwo(a)).toBe(a > 0 && (A & (A - 1n)) === 0n);
      for (const k of [0, 1, 5, 31, 32, 33, 52]) {
        expect(shr(a, k)).toBe(Number(A >> BigInt(k)));
        expect(lowBits(a, k)).toBe(Number(A & ((1n << BigInt(k)) - 1n)));
        if (a < 2 ** 20) expect(shl(a, k)).toBe(Number(A << BigInt(k)));
      }
      for (const b of samples) expect(xor(a, b)).toBe(Number(A ^ BigInt(b)));
    }
  });
});
