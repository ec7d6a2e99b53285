import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("spells equal bodies alike whatever their key order", () => {
    const a = JSON.parse('{"amount": 250000, "toMemberAccountId": "t", "fromMemberAccountId": "f"}');
    const b = JSON.parse('{"fromMemberAccountId":"f","toMemberAccountId":"t","amount":250000.0}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it("keeps what makes bodies differ", () => {
    expect(canonicalJson({ amount: 1 })).not.toBe(canonicalJson({ amount: "1" }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it("drops undefined members like JSON does, and writes scalars as JSON", () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("é\n")).toBe('"é\\n"');
  });
});
