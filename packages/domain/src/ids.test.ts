import { describe, expect, it } from "vitest";
import { createUuidV7Generator, isUuid, isUuidV7, uuidV7Timestamp, uuidv7 } from "./ids";

const FIXED_TIME = Date.UTC(2026, 10, 27, 7, 30, 0, 123);

function bytesFrom(values: number[]): (bytes: Uint8Array) => void {
  return (bytes) => bytes.set(values.slice(0, bytes.length));
}

describe("uuidv7", () => {
  it("produces RFC 9562 version 7, variant 10 ids", () => {
    for (let i = 0; i < 1_000; i += 1) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuidV7(id)).toBe(true);
    }
  });

  it("carries the creation time in its first 48 bits", () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(uuidV7Timestamp(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Timestamp(id)).toBeLessThanOrEqual(after + 1);
  });

  it("lays out timestamp, version, random bits and variant exactly", () => {
    const generate = createUuidV7Generator({ now: () => FIXED_TIME, fillRandom: bytesFrom(Array(10).fill(0xff)) });
    const id = generate();
    const timeHex = FIXED_TIME.toString(16).padStart(12, "0");
    expect(id.slice(0, 13)).toBe(`${timeHex.slice(0, 8)}-${timeHex.slice(8)}`);
    // 74 random bits all ones: 12 after the version, 62 after the variant.
    expect(id.slice(14)).toBe("7fff-bfff-ffffffffffff");
    expect(uuidV7Timestamp(id)).toBe(FIXED_TIME);

    const zeros = createUuidV7Generator({ now: () => FIXED_TIME, fillRandom: bytesFrom(Array(10).fill(0)) })();
    expect(zeros.slice(14)).toBe("7000-8000-000000000000");
  });

  it("is unique and strictly increasing within one millisecond", () => {
    const generate = createUuidV7Generator({ now: () => FIXED_TIME });
    const ids = Array.from({ length: 10_000 }, generate);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i += 1) expect((ids[i] ?? "") > (ids[i - 1] ?? "")).toBe(true);
    for (const id of ids) expect(uuidV7Timestamp(id)).toBe(FIXED_TIME);
  });

  it("increments the random field across the rand_a / rand_b boundary", () => {
    // rand_b all ones, so the next id must carry into rand_a.
    const bytes = [0x00, 0x00, 0x3f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    const generate = createUuidV7Generator({ now: () => FIXED_TIME, fillRandom: bytesFrom(bytes) });
    const first = generate();
    const second = generate();
    expect(first.slice(14)).toBe("7000-bfff-ffffffffffff");
    expect(second.slice(14)).toBe("7001-8000-000000000000");
  });

  it("stays ordered when the clock steps backwards", () => {
    let time = FIXED_TIME;
    const generate = createUuidV7Generator({ now: () => time });
    const first = generate();
    time -= 5_000;
    const second = generate();
    expect(second > first).toBe(true);
    expect(uuidV7Timestamp(second)).toBe(FIXED_TIME);
    time = FIXED_TIME + 1;
    const third = generate();
    expect(third > second).toBe(true);
    expect(uuidV7Timestamp(third)).toBe(FIXED_TIME + 1);
  });

  it("moves to the next millisecond if the random field would overflow", () => {
    let draws = 0;
    const generate = createUuidV7Generator({
      now: () => FIXED_TIME,
      fillRandom: (bytes) => {
        draws += 1;
        bytes.fill(draws === 1 ? 0xff : 0);
      },
    });
    const first = generate(); // random field at its maximum
    const second = generate(); // +1 would overflow: next millisecond, fresh draw
    const third = generate(); // still the clock's millisecond: counts on from second
    expect(first.slice(14)).toBe("7fff-bfff-ffffffffffff");
    expect(uuidV7Timestamp(second)).toBe(FIXED_TIME + 1);
    expect(second.slice(14)).toBe("7000-8000-000000000000");
    expect(third.slice(14)).toBe("7000-8000-000000000001");
    expect(uuidV7Timestamp(third)).toBe(FIXED_TIME + 1);
    expect(draws).toBe(2);
    expect(second > first && third > second).toBe(true);
  });

  it("orders ids across milliseconds by time", () => {
    let time = FIXED_TIME;
    const generate = createUuidV7Generator({ now: () => time });
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      ids.push(generate());
      time += i % 3 === 0 ? 1 : 0;
    }
    expect([...ids].sort()).toEqual(ids);
  });
});

describe("isUuid", () => {
  it("accepts canonical UUIDs of any version", () => {
    expect(isUuid("123e4567-e89b-12d3-a456-426614174000")).toBe(true);
    expect(isUuid("0192F3A4-5B6C-7D8E-9F01-23456789ABCD")).toBe(true);
    expect(isUuid(uuidv7())).toBe(true);
    expect(isUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "123e4567e89b12d3a456426614174000",
      "{123e4567-e89b-12d3-a456-426614174000}",
      "123e4567-e89b-12d3-a456-42661417400",
      "123e4567-e89b-12d3-a456-4266141740000",
      "g23e4567-e89b-12d3-a456-426614174000",
      " 123e4567-e89b-12d3-a456-426614174000",
      42,
      null,
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
  });

  it("tells version 7 apart", () => {
    expect(isUuidV7("123e4567-e89b-12d3-a456-426614174000")).toBe(false);
    expect(isUuidV7("0192f3a4-5b6c-7d8e-cf01-23456789abcd")).toBe(false); // wrong variant
    expect(() => uuidV7Timestamp("123e4567-e89b-12d3-a456-426614174000")).toThrow(RangeError);
  });
});
