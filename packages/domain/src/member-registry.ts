import { parseBusinessDate, type BusinessDate } from "./time";

// Rules of the member book (buku daftar anggota) that need no database.

export type MemberType = "perorangan" | "badan_hukum";
export const MEMBER_TYPES: readonly MemberType[] = ["perorangan", "badan_hukum"];

export type MemberStatus = "calon" | "aktif" | "keluar" | "meninggal" | "diberhentikan";
export const MEMBER_STATUSES: readonly MemberStatus[] = ["calon", "aktif", "keluar", "meninggal", "diberhentikan"];

/** The KTP's "status perkawinan". */
export type MaritalStatus = "belum_kawin" | "kawin" | "cerai_hidup" | "cerai_mati";
export const MARITAL_STATUSES: readonly MaritalStatus[] = ["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"];

/** Source of funds asked under APU-PPT (anti-money-laundering customer due diligence). */
export type SourceOfFunds = "gaji" | "usaha" | "pensiun" | "hasil_investasi" | "warisan" | "hibah" | "lainnya";
export const SOURCES_OF_FUNDS: readonly SourceOfFunds[] = ["gaji", "usaha", "pensiun", "hasil_investasi", "warisan", "hibah", "lainnya"];

export type HeirRelationship = "suami" | "istri" | "anak" | "orang_tua" | "saudara_kandung" | "cucu" | "lainnya";
export const HEIR_RELATIONSHIPS: readonly HeirRelationship[] = ["suami", "istri", "anak", "orang_tua", "saudara_kandung", "cucu", "lainnya"];

/** Adulthood in Indonesian civil law (UU 23/2006 Adminduk): 17 years, or married before that. */
export const LEGAL_AGE_YEARS = 17;

/** Whole years between a birth date and a day, counting a birthday as reached on the day itself (29 February on 1 March). */
export function ageOn(birthDate: BusinessDate, on: BusinessDate): number {
  const birth = parseBusinessDate(birthDate);
  const day = parseBusinessDate(on);
  let years = day.year - birth.year;
  if (day.month < birth.month || (day.month === birth.month && day.day < birth.day)) years -= 1;
  return years;
}

/**
 * Whether a person may act for herself, and so join a cooperative: 17 or
 * older, or married now or before (a marriage, even one that has ended,
 * confers adulthood).
 */
export function isOfLegalAge(person: { readonly birthDate: BusinessDate; readonly maritalStatus?: MaritalStatus | null }, on: BusinessDate): boolean {
  if (person.maritalStatus === "kawin" || person.maritalStatus === "cerai_hidup" || person.maritalStatus === "cerai_mati") return true;
  return ageOn(person.birthDate, on) >= LEGAL_AGE_YEARS;
}

/**
 * Where a member may go from each status. A candidate (calon) is accepted or
 * withdraws; an active member leaves, dies or is expelled. The last three
 * end the membership: someone who comes back joins anew, under a new number.
 */
export const MEMBER_STATUS_TRANSITIONS: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  calon: ["aktif", "keluar"],
  aktif: ["keluar", "meninggal", "diberhentikan"],
  keluar: [],
  meninggal: [],
  diberhentikan: [],
};

export function canChangeMemberStatus(from: MemberStatus, to: MemberStatus): boolean {
  return MEMBER_STATUS_TRANSITIONS[from].includes(to);
}

/** Heirs' shares in basis points (10000 = 100%) may not add up to more than the whole. */
export const HEIR_SHARES_WHOLE_BP = 10_000;
