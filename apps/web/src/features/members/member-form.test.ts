import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import type { MemberRecord } from "./api/members";
import { emptyMemberForm, exactLookupOf, formFromMember, memberFormErrors, toMemberChanges, toNewMember, withoutFieldErrors } from "./member-form";

const stored: MemberRecord = {
  id: "8f9a3c1e-0b7d-4c5e-9a1f-2d3e4f5a6b7c",
  memberNumber: "A-0001",
  fullName: "Siti Aminah",
  status: "aktif",
  joinedOn: "2026-01-05",
  hasLogin: false,
  memberType: "perorangan",
  nikMasked: "3515********0001",
  phoneMasked: "+62812****678",
  identityVisible: true,
  nik: "3515024507900001",
  phone: "+6281234567678",
  motherMaidenName: "Rahmah",
  birthPlace: "Sidoarjo",
  birthDate: "1990-07-05",
  gender: "female",
  maritalStatus: "kawin",
  address: "Jl. Melati 3, Sidoarjo",
  email: null,
  occupation: "Pedagang",
  nomorBadanHukum: null,
  nomorIndukKoperasi: null,
  sourceOfFunds: "usaha",
  sourceOfFundsOther: null,
  hasPhoto: false,
  hasKtp: false,
  sharedPhone: false,
  createdAt: "2026-01-05T02:00:00.000Z",
  updatedAt: null,
};

describe("toNewMember", () => {
  it("leaves out empty inputs and the entity fields of a person", () => {
    const body = toNewMember({ ...emptyMemberForm, fullName: " Siti ", nik: "3515024507900001", nomorBadanHukum: "AHU-1", birthDate: "1990-07-05" });
    expect(body).toEqual({ memberType: "perorangan", status: "aktif", fullName: "Siti", nik: "3515024507900001", birthDate: "1990-07-05" });
  });

  it("sends no NIK or personal data for a member cooperative", () => {
    const body = toNewMember({ ...emptyMemberForm, memberType: "badan_hukum", fullName: "KSP Maju", nik: "3515024507900001", gender: "male", nomorBadanHukum: "AHU-0012" });
    expect(body).toEqual({ memberType: "badan_hukum", status: "aktif", fullName: "KSP Maju", nomorBadanHukum: "AHU-0012" });
  });

  it("sends the other source of funds only with 'lainnya'", () => {
    expect(toNewMember({ ...emptyMemberForm, fullName: "A B", sourceOfFunds: "gaji", sourceOfFundsOther: "arisan" })).not.toHaveProperty("sourceOfFundsOther");
    expect(toNewMember({ ...emptyMemberForm, fullName: "A B", sourceOfFunds: "lainnya", sourceOfFundsOther: "arisan" }).sourceOfFundsOther).toBe("arisan");
  });
});

describe("toMemberChanges", () => {
  it("sends only what changed, and null for an emptied field", () => {
    const values = { ...formFromMember(stored), occupation: "Guru", birthPlace: "" };
    expect(toMemberChanges(values, stored)).toEqual({ occupation: "Guru", birthPlace: null });
  });

  it("sends nothing when nothing changed", () => {
    expect(toMemberChanges(formFromMember(stored), stored)).toEqual({});
  });

  it("does not erase identifiers the editor was never shown", () => {
    const masked: MemberRecord = { ...stored, identityVisible: false, nik: null, phone: null, motherMaidenName: null };
    const values = { ...formFromMember(masked), address: "Jl. Mawar 1, Sidoarjo" };
    expect(toMemberChanges(values, masked)).toEqual({ address: "Jl. Mawar 1, Sidoarjo" });
  });

  it("clears the other source of funds when the source changes away from 'lainnya'", () => {
    const other: MemberRecord = { ...stored, sourceOfFunds: "lainnya", sourceOfFundsOther: "arisan" };
    expect(toMemberChanges({ ...formFromMember(other), sourceOfFunds: "gaji" }, other)).toEqual({ sourceOfFunds: "gaji", sourceOfFundsOther: null });
  });
});

describe("memberFormErrors", () => {
  const problem = (status: number, code: string, errors: { path: string; code: string; message: string }[]) =>
    new ApiError({ status, code, detail: "x", fieldErrors: Object.fromEntries(errors.map((e) => [e.path.replace(/^body\./, ""), e.message])) });

  it("puts a NIK/birth-date contradiction on the birth date and points at the NIK", () => {
    const error = problem(400, "nik_mismatch", [{ path: "body.birthDate", code: "nik_birth_date_mismatch", message: "Tanggal lahir tidak cocok dengan NIK." }]);
    expect(memberFormErrors(error, "Periksa NIK")).toEqual({ birthDate: "Tanggal lahir tidak cocok dengan NIK.", nik: "Periksa NIK" });
  });

  it("keeps the server's own messages for invalid, duplicate and under-age", () => {
    expect(memberFormErrors(problem(400, "nik_invalid", [{ path: "body.nik", code: "nik_length", message: "NIK 16 angka." }]), "h")).toEqual({ nik: "NIK 16 angka." });
    expect(memberFormErrors(problem(409, "nik_taken", [{ path: "body.nik", code: "nik_taken", message: "NIK sudah terdaftar." }]), "h")).toEqual({ nik: "NIK sudah terdaftar." });
    expect(memberFormErrors(problem(400, "under_age", [{ path: "body.birthDate", code: "under_age", message: "Belum 17 tahun." }]), "h")).toEqual({ birthDate: "Belum 17 tahun." });
  });

  it("has nothing to say about errors that are not problems", () => {
    expect(memberFormErrors(new Error("boom"), "h")).toEqual({});
  });
});

describe("exactLookupOf", () => {
  it("tells a NIK from a phone number", () => {
    expect(exactLookupOf("3515 0245 0790 0001")).toEqual({ nik: "3515024507900001" });
    expect(exactLookupOf("0812-3456-7678")).toEqual({ phone: "081234567678" });
    expect(exactLookupOf("+62 812 3456 7678")).toEqual({ phone: "+6281234567678" });
    expect(exactLookupOf("Siti")).toBeNull();
    expect(exactLookupOf("")).toBeNull();
  });
});

describe("withoutFieldErrors", () => {
  it("clears the NIK contradiction from all three fields when any one of them is edited", () => {
    const errors = { nik: "NIK tidak cocok", birthDate: "NIK tidak cocok", gender: "NIK tidak cocok", phone: "Nomor HP tidak valid" };
    expect(withoutFieldErrors(errors, "gender")).toEqual({ phone: "Nomor HP tidak valid" });
    expect(withoutFieldErrors(errors, "phone")).toEqual({ nik: "NIK tidak cocok", birthDate: "NIK tidak cocok", gender: "NIK tidak cocok" });
  });

  it("returns the same object when the edited field had no error, so the form does not re-render", () => {
    const errors = { phone: "Nomor HP tidak valid" };
    expect(withoutFieldErrors(errors, "fullName")).toBe(errors);
  });
});
