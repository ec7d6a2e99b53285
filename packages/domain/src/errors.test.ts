import { describe, expect, it } from "vitest";
import { DOMAIN_ERRORS, DomainError, isDomainError, type DomainErrorCode } from "./errors";

describe("DomainError", () => {
  it("carries a stable code, both messages and a kind", () => {
    const error = new DomainError("nik_invalid_format", { field: "nik" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DomainError");
    expect(error.code).toBe("nik_invalid_format");
    expect(error.kind).toBe("invalid_input");
    expect(error.messageId).toBe("NIK harus terdiri dari 16 angka.");
    expect(error.messageEn).toBe("The NIK must be 16 digits.");
    expect(error.message).toBe(error.messageEn);
    expect(error.messageFor("id")).toBe(error.messageId);
    expect(error.messageFor("en")).toBe(error.messageEn);
    expect(error.details).toEqual({ field: "nik" });
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(new Error("x"))).toBe(false);
  });

  it("has a message in both languages for every code", () => {
    for (const [code, entry] of Object.entries(DOMAIN_ERRORS)) {
      expect(entry.id.length, code).toBeGreaterThan(10);
      expect(entry.en.length, code).toBeGreaterThan(10);
      expect(entry.id, code).not.toBe(entry.en);
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it("marks only forbidden as a permission error", () => {
    const forbidden = (Object.keys(DOMAIN_ERRORS) as DomainErrorCode[]).filter((code) => DOMAIN_ERRORS[code].kind === "forbidden");
    expect(forbidden).toEqual(["forbidden"]);
  });
});
