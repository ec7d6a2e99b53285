import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { assertAcceptablePassword, checkPassword, PASSWORD_MAX_LENGTH } from "./password-policy";

describe("password policy (ASVS L2)", () => {
  it("accepts 8 characters and more without composition rules", () => {
    expect(checkPassword("kopi susu gula aren")).toBeNull();
    expect(checkPassword("sawahhijau")).toBeNull(); // no digit, no capital, no symbol: still fine
    expect(checkPassword("x".repeat(7) + "y")).toBeNull();
  });

  it("refuses fewer than 8 characters, counting what a person sees", () => {
    expect(checkPassword("pendek7")?.code).toBe("password_too_short");
    expect(checkPassword("")?.code).toBe("password_too_short");
    // 4 emoji are 8 UTF-16 units but 4 characters.
    expect(checkPassword("🌾🌾🐄🐄")?.code).toBe("password_too_short");
  });

  it("allows at least 64 characters and refuses more than the maximum", () => {
    expect(checkPassword("padi menguning di sawah ".repeat(3).slice(0, 64))).toBeNull();
    expect(checkPassword("a".repeat(PASSWORD_MAX_LENGTH - 1) + "b")).toBeNull();
    expect(checkPassword("ab".repeat(PASSWORD_MAX_LENGTH))?.code).toBe("password_too_long");
  });

  it("refuses common passwords from the ranked list, whatever the case", () => {
    for (const p of ["password", "12345678", "Password1", "iloveyou", "QWERTYUIOP", "football"]) {
      expect(checkPassword(p)?.code, p).toBe("password_common");
    }
  });

  it("refuses common Indonesian choices and one repeated character", () => {
    expect(checkPassword("katasandi")?.code).toBe("password_common");
    expect(checkPassword("Bismillah123")?.code).toBe("password_common");
    expect(checkPassword("zzzzzzzzzz")?.code).toBe("password_common");
  });

  it("refuses the person's own email, name or phone number", () => {
    const who = { email: "siti.aminah@contoh.id", name: "Siti Aminah Lestari", phone: "+6281234567890" };
    expect(checkPassword("siti.aminah@contoh.id", who)?.code).toBe("password_matches_identity");
    expect(checkPassword("SITI.AMINAH@CONTOH.ID", who)?.code).toBe("password_matches_identity");
    expect(checkPassword("siti.aminah", who)?.code).toBe("password_matches_identity");
    expect(checkPassword("siti aminah lestari", who)?.code).toBe("password_matches_identity");
    expect(checkPassword("SitiAminahLestari", who)?.code).toBe("password_matches_identity");
    expect(checkPassword("081234567890", who)?.code).toBe("password_matches_identity");
    expect(checkPassword("siti aminah menanam padi", who)).toBeNull();
  });

  it("throws a 400 problem that names the field", () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword("password", {}, "body.newPassword");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ status: 400, code: "invalid_input", errors: [{ path: "body.newPassword", code: "password_common" }] });
    expect(() => assertAcceptablePassword("tikar pandan anyaman")).not.toThrow();
  });
});
