import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { utf8 } from "./bytes.js";
import { isTlogError } from "./errors.js";

describe("base64", () => {
  it("matches the RFC 4648 test vectors", () => {
    const cases: [string, string][] = [
      ["", ""],
      ["f", "Zg=="],
      ["fo", "Zm8="],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg=="],
      ["fooba", "Zm9vYmE="],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, encoded] of cases) {
      expect(encodeBase64(utf8(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(utf8(plain));
    }
  });

  it("round-trips every byte value and length", () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64(encodeBase64(all))).toEqual(all);
  });

  it("refuses non-canonical or malformed input", () => {
    for (const bad of ["Zg", "Zg=", "Zh==", "Zm9=", "Zm9v\n", "Zm 9", "Z===", "=Zm9", "Zm9v====", "Zm-_", "ÿÿÿÿ"]) {
      expect(() => decodeBase64(bad), bad).toThrow();
      try {
        decodeBase64(bad);
      } catch (err) {
        expect(isTlogError(err, "malformed-base64")).toBe(true);
      }
    }
  });
});
