import { describe, expect, it } from "vitest";
import { isUuidV7, uuidV7Timestamp } from "@koperasi/domain";
import { seeded, uuidv7From } from "./seeded";

describe("seeded streams", () => {
  it("give the same bytes, ids and choices for the same seed, and others for another seed or label", () => {
    const a = seeded("42");
    const b = seeded("42");
    expect(a.bytes("salt", 7, 32)).toEqual(b.bytes("salt", 7, 32));
    expect(a.bytes("salt", 7, 32)).not.toEqual(a.bytes("salt", 8, 32));
    expect(a.bytes("salt", 7, 32)).not.toEqual(seeded("43").bytes("salt", 7, 32));
    expect(a.bytes("long", 0, 80)).toHaveLength(80);
    expect(a.uuidv7(1_767_225_600_000, "entry", 1)).toBe(b.uuidv7(1_767_225_600_000, "entry", 1));
    const ra = a.random("x");
    const rb = b.random("x");
    expect(Array.from({ length: 20 }, () => ra.int(0, 1000))).toEqual(Array.from({ length: 20 }, () => rb.int(0, 1000)));
    const other = a.random("y");
    expect(Array.from({ length: 20 }, () => other.int(0, 1000))).not.toEqual(Array.from({ length: 20 }, () => b.random("x").int(0, 1000)));
  });

  it("make RFC 9562 UUIDv7s carrying the instant", () => {
    const id = uuidv7From(1_767_225_600_123, new Uint8Array(10).fill(0xff));
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Timestamp(id)).toBe(1_767_225_600_123);
    expect(id).toBe("019b76da-a87b-7fff-bfff-ffffffffffff");
  });
});
