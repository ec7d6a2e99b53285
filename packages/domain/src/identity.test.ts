import { describe, expect, it } from "vitest";
import {
  GENDER_LABELS,
  checkNikAgainst,
  isMobilePhone,
  isValidNik,
  isValidPhone,
  maskPhone,
  nikBirthYear,
  normalizeNik,
  normalizePhone,
  parseNik,
  validateNik,
  whatsappLink,
} from "./identity";
import { expectDomainError } from "./test-support";

describe("NIK", () => {
  it("decodes the male example from DOMAIN.md", () => {
    expect(parseNik("3515140508680001")).toEqual({
      nik: "3515140508680001",
      provinceCode: "35",
      regencyCode: "3515",
      districtCode: "351514",
      birthDay: 5,
      birthMonth: 8,
      birthYear2: 68,
      gender: "male",
      sequence: "0001",
    });
  });

  it("decodes the female example from DOMAIN.md (day + 40)", () => {
    const info = parseNik("3515144508680002");
    expect(info.gender).toBe("female");
    expect(info.birthDay).toBe(5);
    expect(info.birthMonth).toBe(8);
    expect(info.birthYear2).toBe(68);
    expect(info.sequence).toBe("0002");
  });

  it("accepts separators typed from a KTP", () => {
    expect(normalizeNik(" 3515 1405 0868 0001 ")).toBe("3515140508680001");
    expect(parseNik("3515.1405.0868.0001").nik).toBe("3515140508680001");
    expect(parseNik("3515-1405-0868-0001").nik).toBe("3515140508680001");
  });

  it.each([
    ["", "empty"],
    ["351514050868001", "15 digits"],
    ["35151405086800011", "17 digits"],
    ["351514050868000A", "a letter"],
    ["3515140508680001.0", "an Excel number with a fraction"],
    ["3.51514050868E+15", "Excel scientific notation"],
  ])("refuses %j (%s) as format", (nik) => {
    expect(validateNik(nik)).toEqual({ ok: false, code: "nik_invalid_format" });
    expectDomainError(() => parseNik(nik), "nik_invalid_format");
  });

  it.each([
    ["3515140008680001", "day 00"],
    ["3515143208680001", "day 32"],
    ["3515143908680001", "day 39"],
    ["3515144008680001", "day 40"],
    ["3515147208680001", "day 72"],
    ["3515149908680001", "day 99"],
    ["3515143104680001", "31 April"],
    ["3515147104680002", "31 April, female"],
    ["3515143002680001", "30 February"],
    ["3515142902690001", "29 February in a non-leap year"],
  ])("refuses %s (%s) as birth day", (nik) => {
    expect(validateNik(nik)).toEqual({ ok: false, code: "nik_invalid_birth_day" });
  });

  it.each([
    ["3515140500680001", "month 00"],
    ["3515140513680001", "month 13"],
    ["3515140599680001", "month 99"],
  ])("refuses %s (%s) as birth month", (nik) => {
    expect(validateNik(nik)).toEqual({ ok: false, code: "nik_invalid_birth_month" });
  });

  it("refuses sequence 0000", () => {
    expect(validateNik("3515140508680000")).toEqual({ ok: false, code: "nik_invalid_sequence" });
    expectDomainError(() => parseNik("3515140508680000"), "nik_invalid_sequence");
  });

  it.each([
    ["3515140101000001", 1, 1, "male"],
    ["3515143112990001", 31, 12, "male"],
    ["3515144101000001", 1, 1, "female"],
    ["3515147112990001", 31, 12, "female"],
    ["3515142902680001", 29, 2, "male"],
    ["3515146902000001", 29, 2, "female"],
    ["3515143004680009", 30, 4, "male"],
  ])("accepts the edge %s", (nik, day, month, gender) => {
    const info = parseNik(nik);
    expect([info.birthDay, info.birthMonth, info.gender]).toEqual([day, month, gender]);
    expect(isValidNik(nik)).toBe(true);
  });

  it("tells the failing field in the error details", () => {
    expect(expectDomainError(() => parseNik("x"), "nik_invalid_format").details).toEqual({ field: "nik" });
  });

  it("resolves the century against a reference year", () => {
    expect(nikBirthYear(68, 2026)).toBe(1968);
    expect(nikBirthYear(5, 2026)).toBe(2005);
    expect(nikBirthYear(26, 2026)).toBe(2026);
    expect(nikBirthYear(27, 2026)).toBe(1927);
    expect(nikBirthYear(0, 2026)).toBe(2000);
  });
});

describe("checkNikAgainst", () => {
  const male = "3515140508680001";
  const female = "3515144508680002";

  it("finds nothing wrong when the form matches the NIK", () => {
    expect(checkNikAgainst(male, { birthDate: "1968-08-05", gender: "male" })).toEqual([]);
    expect(checkNikAgainst(female, { birthDate: "1968-08-05", gender: "female" })).toEqual([]);
    expect(checkNikAgainst(male, {})).toEqual([]);
  });

  it("reports each mismatching field", () => {
    expect(checkNikAgainst(male, { birthDate: "1968-08-06" })).toEqual(["nik_birth_date_mismatch"]);
    expect(checkNikAgainst(male, { birthDate: "1968-09-05" })).toEqual(["nik_birth_date_mismatch"]);
    expect(checkNikAgainst(male, { birthDate: "1969-08-05" })).toEqual(["nik_birth_date_mismatch"]);
    expect(checkNikAgainst(male, { gender: "female" })).toEqual(["nik_gender_mismatch"]);
  });

  it("reports both when both differ", () => {
    expect(checkNikAgainst(female, { birthDate: "1970-01-01", gender: "male" })).toEqual([
      "nik_birth_date_mismatch",
      "nik_gender_mismatch",
    ]);
  });

  it("throws for an invalid NIK or birth date", () => {
    expectDomainError(() => checkNikAgainst("123", { gender: "male" }), "nik_invalid_format");
    expectDomainError(() => checkNikAgainst(male, { birthDate: "05-08-1968" }), "date_invalid");
  });

  it("labels genders in both languages", () => {
    expect(GENDER_LABELS.male.id).toBe("Laki-laki");
    expect(GENDER_LABELS.female.id).toBe("Perempuan");
  });
});

describe("normalizePhone", () => {
  it.each([
    ["081234567890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["+6281234567890", "+6281234567890"],
    ["+62 812-3456-7890", "+6281234567890"],
    ["0812.3456.7890", "+6281234567890"],
    [" 0812 3456 7890 ", "+6281234567890"],
    ["81234567890", "+6281234567890"],
    ["(021) 1234567", "+62211234567"],
    ["0361 123456", "+62361123456"],
    ["0812345678", "+62812345678"], // 9 digits after +62: the shortest accepted
    ["08123456789012", "+628123456789012"], // 13 digits: the longest accepted
  ])("%j → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(isValidPhone(input)).toBe(true);
  });

  it.each([
    "",
    "12345",
    "081234567", // 8 digits after the trunk 0
    "081234567890123", // 14 digits
    "+6512345678",
    "+1 415 555 0100",
    "+620812345678", // trunk 0 kept after the country code
    "00628123456789",
    "+62 1234567890",
    "08123456789a",
    "0812/3456/7890",
    "+62",
  ])("refuses %j", (input) => {
    expectDomainError(() => normalizePhone(input), "phone_invalid");
    expect(isValidPhone(input)).toBe(false);
  });

  it("refuses non-strings from untyped input", () => {
    expectDomainError(() => normalizePhone(812 as unknown as string), "phone_invalid");
  });

  it("tells mobiles from landlines", () => {
    expect(isMobilePhone("0812-3456-7890")).toBe(true);
    expect(isMobilePhone("(021) 1234567")).toBe(false);
    expect(isMobilePhone("nope")).toBe(false);
  });
});

describe("maskPhone", () => {
  it("keeps the country code, three digits and the last three", () => {
    expect(maskPhone("+6281234567678")).toBe("+62812****678");
    expect(maskPhone("081234567678")).toBe("+62812****678");
    expect(maskPhone("0812345678")).toBe("+62812****678");
    expect(maskPhone("+628123456789012")).toBe("+62812****012");
  });

  it("masks anything else completely and never throws", () => {
    expect(maskPhone("not a phone 0812")).toBe("****");
    expect(maskPhone("")).toBe("****");
    expect(maskPhone(undefined as unknown as string)).toBe("****");
  });
});

describe("whatsappLink", () => {
  it("builds a wa.me link without the plus sign", () => {
    expect(whatsappLink("0812-3456-7890")).toBe("https://wa.me/6281234567890");
    expect(whatsappLink("+6281234567890", "Halo, saya mau tanya & daftar")).toBe(
      "https://wa.me/6281234567890?text=Halo%2C%20saya%20mau%20tanya%20%26%20daftar",
    );
  });

  it("refuses an invalid number", () => {
    expectDomainError(() => whatsappLink("12"), "phone_invalid");
  });
});
