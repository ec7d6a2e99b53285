import { describe, expect, it } from "vitest";
import { Login } from "@koperasi/contracts";
import { loginBody, moveToIdentifier, safeNext } from "./login";

describe("loginBody", () => {
  it("sends an email address as email and a number as phone", () => {
    expect(loginBody(" Siti@Contoh.id ", "pw")).toEqual({ email: "Siti@Contoh.id", password: "pw" });
    expect(loginBody("0812 3456 7890", "pw")).toEqual({ phone: "0812 3456 7890", password: "pw" });
    expect(loginBody("+62812345678", "pw")).toEqual({ phone: "+62812345678", password: "pw" });
  });
  it("lets the contract judge anything else as an email", () => {
    const body = loginBody("bukan-email", "pw");
    expect(body).toEqual({ email: "bukan-email", password: "pw" });
    expect(Login.safeParse(body).success).toBe(false);
    expect(Login.safeParse(loginBody("siti@contoh.id", "pw")).success).toBe(true);
    expect(Login.safeParse(loginBody("081234567890", "pw")).success).toBe(true);
  });
});

describe("moveToIdentifier", () => {
  it("puts email or phone messages on the single identifier field", () => {
    expect(moveToIdentifier({ email: "Format email tidak sah.", password: "x" })).toEqual({ identifier: "Format email tidak sah.", password: "x" });
    expect(moveToIdentifier({ phone: "Nomor HP terlalu pendek." })).toEqual({ identifier: "Nomor HP terlalu pendek." });
    expect(moveToIdentifier({ password: "x" })).toEqual({ password: "x" });
  });
});

describe("safeNext", () => {
  it("follows only same-site paths", () => {
    expect(safeNext("/app/anggota?page=2")).toBe("/app/anggota?page=2");
    expect(safeNext(null)).toBeNull();
    expect(safeNext("https://evil.example/")).toBeNull();
    expect(safeNext("//evil.example/")).toBeNull();
    expect(safeNext("/\\evil.example")).toBeNull();
    expect(safeNext("app")).toBeNull();
  });
});
