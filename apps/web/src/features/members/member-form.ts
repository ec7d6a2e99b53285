import type { FieldErrors } from "../../api/problem";
import { isApiError } from "../../api/problem";
import type { MemberChanges, MemberQuery, MemberRecord } from "./api/members";

// The member form's values are the inputs' strings; these functions turn them
// into the registry's requests (only the fields that fit the member type) and
// put the server's refusals back on the fields they concern.

/** Fields only a person has; a member cooperative (badan hukum) has no NIK. */
export const PERSONAL_FIELDS = ["nik", "birthPlace", "birthDate", "gender", "maritalStatus", "motherMaidenName", "occupation"] as const;
/** Fields only a member cooperative has. */
export const ENTITY_FIELDS = ["nomorBadanHukum", "nomorIndukKoperasi"] as const;
const SHARED_FIELDS = ["fullName", "address", "phone", "email", "sourceOfFunds", "sourceOfFundsOther"] as const;

export type RegistryField = (typeof PERSONAL_FIELDS)[number] | (typeof ENTITY_FIELDS)[number] | (typeof SHARED_FIELDS)[number];

export type MemberFormValues = Record<RegistryField | "memberType" | "joinedOn" | "status", string>;

export const emptyMemberForm: MemberFormValues = {
  memberType: "perorangan",
  status: "aktif",
  joinedOn: "",
  fullName: "",
  nik: "",
  birthPlace: "",
  birthDate: "",
  gender: "",
  maritalStatus: "",
  motherMaidenName: "",
  occupation: "",
  nomorBadanHukum: "",
  nomorIndukKoperasi: "",
  address: "",
  phone: "",
  email: "",
  sourceOfFunds: "",
  sourceOfFundsOther: "",
};

export function fieldsFor(memberType: string): readonly RegistryField[] {
  return memberType === "badan_hukum" ? [...SHARED_FIELDS, ...ENTITY_FIELDS] : [...SHARED_FIELDS, ...PERSONAL_FIELDS];
}

/** The create request: empty inputs left out, and nothing that does not fit the member type. */
export function toNewMember(values: MemberFormValues): Record<string, string> {
  const body: Record<string, string> = { memberType: values.memberType, status: values.status };
  if (values.joinedOn.trim()) body.joinedOn = values.joinedOn.trim();
  for (const field of fieldsFor(values.memberType)) {
    const value = values[field].trim();
    if (value) body[field] = value;
  }
  if (values.sourceOfFunds !== "lainnya") delete body.sourceOfFundsOther;
  return body;
}

/** The form as it starts when editing a stored record; masked identifiers are not values and start empty. */
export function formFromMember(member: MemberRecord): MemberFormValues {
  const values: MemberFormValues = { ...emptyMemberForm, memberType: member.memberType, status: member.status, joinedOn: member.joinedOn };
  for (const field of [...SHARED_FIELDS, ...PERSONAL_FIELDS, ...ENTITY_FIELDS]) values[field] = member[field] ?? "";
  return values;
}

/**
 * The change request: only what differs from the stored record; an emptied
 * input clears the field (null). NIK, phone and mother's maiden name are left
 * alone when the record came masked: an empty input there means "not shown",
 * not "erase".
 */
export function toMemberChanges(values: MemberFormValues, member: MemberRecord): Partial<Record<keyof MemberChanges, string | null>> {
  const original = formFromMember(member);
  const changes: Partial<Record<keyof MemberChanges, string | null>> = {};
  const hidden = new Set<string>(member.identityVisible ? [] : ["nik", "phone", "motherMaidenName"]);
  for (const field of fieldsFor(member.memberType)) {
    if (hidden.has(field) && values[field].trim() === "") continue;
    const next = values[field].trim();
    if (next === original[field].trim()) continue;
    if (field === "fullName") {
      if (next) changes.fullName = next;
      continue;
    }
    changes[field] = next === "" ? null : next;
  }
  if (changes.sourceOfFunds !== undefined && changes.sourceOfFunds !== "lainnya" && original.sourceOfFundsOther) changes.sourceOfFundsOther = null;
  return changes;
}

/**
 * The server's field messages for the form. A NIK that contradicts the birth
 * date or gender is reported on those fields; the NIK input gets a pointer
 * too, since either side may be the typo.
 */
export function memberFormErrors(error: unknown, nikHint: string): FieldErrors {
  if (!isApiError(error)) return {};
  const errors: FieldErrors = { ...error.fieldErrors };
  if (error.code === "nik_mismatch" && !errors.nik) errors.nik = nikHint;
  return errors;
}

export type ExactLookup = Pick<MemberQuery, "nik" | "phone">;

/** An exact lookup: sixteen digits are a NIK, anything else with digits a phone number. Null when nothing usable was typed. */
export function exactLookupOf(input: string): ExactLookup | null {
  const compact = input.replace(/[\s.()-]/g, "");
  if (/^\d{16}$/.test(compact)) return { nik: compact };
  if (/^\+?\d{6,}$/.test(compact)) return { phone: compact };
  return null;
}

/** The errors left once a field is edited. A NIK contradiction is one error on several fields: fixing any of them clears all. */
export function withoutFieldErrors(errors: FieldErrors, field: keyof MemberFormValues): FieldErrors {
  const related = field === "nik" || field === "birthDate" || field === "gender" ? ["nik", "birthDate", "gender"] : [field];
  if (!related.some((key) => key in errors)) return errors;
  const next = { ...errors };
  for (const key of related) delete next[key];
  return next;
}
