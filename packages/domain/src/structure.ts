import { STANDARD_POSITIONS, isStandardPosition, type Position, type Role, type StandardPosition } from "./permissions";
import type { BusinessDate } from "./time";

// The cooperative's organs (UU 25/1992): the pengurus runs it, the pengawas
// oversees it, both chosen by the RAT from among the members for a term.
// Terms carry their last day in office (inclusive): a term of 1 January 2026
// to 31 December 2030 grants its role on both of those days. Terms are never
// deleted; ending one early moves its last day forward.

export type StructureBody = "pengurus" | "pengawas";

export const STRUCTURE_BODIES: readonly StructureBody[] = ["pengurus", "pengawas"];

export type PengawasPosition = "ketua_pengawas" | "anggota_pengawas";

export const PENGAWAS_POSITIONS: readonly PengawasPosition[] = ["ketua_pengawas", "anggota_pengawas"];

export const PENGAWAS_POSITION_LABELS: Readonly<Record<PengawasPosition, { readonly id: string; readonly en: string }>> = {
  ketua_pengawas: { id: "Ketua Pengawas", en: "Chair of the supervisory board" },
  anggota_pengawas: { id: "Anggota Pengawas", en: "Supervisory board member" },
};

export const CUSTOM_POSITION_MAX_LENGTH = 60;

export interface Term {
  readonly id: string;
  readonly memberId: string;
  readonly body: StructureBody;
  /** A standard position key, a pengawas position key, or a custom pengurus position as the cooperative names it. */
  readonly position: string;
  readonly startOn: BusinessDate;
  /** The last day in office. */
  readonly endOn: BusinessDate;
}

export type StructureRefusal =
  | "term_end_before_start"
  | "position_invalid"
  | "member_not_active"
  | "holds_other_body"
  | "already_holds_position"
  | "one_pengawas_post"
  | "position_taken"
  | "term_already_ended"
  | "term_end_outside_term";

export interface StructureRefusalInfo {
  readonly id: string;
  readonly en: string;
  /** `conflict`: the request is well formed but clashes with the structure as it stands. */
  readonly kind: "invalid_input" | "conflict";
}

export const STRUCTURE_REFUSALS: Readonly<Record<StructureRefusal, StructureRefusalInfo>> = {
  term_end_before_start: {
    id: "Tanggal akhir masa jabatan tidak boleh sebelum tanggal mulai.",
    en: "The term cannot end before it starts.",
    kind: "invalid_input",
  },
  position_invalid: {
    id: `Jabatan tidak dikenal. Jabatan pengurus lain ditulis 2–${CUSTOM_POSITION_MAX_LENGTH} karakter; jabatan pengawas: ketua pengawas atau anggota pengawas.`,
    en: "Unknown position.",
    kind: "invalid_input",
  },
  member_not_active: {
    id: "Hanya anggota aktif yang dapat diangkat menjadi pengurus atau pengawas.",
    en: "Only an active member can be appointed to the pengurus or pengawas.",
    kind: "conflict",
  },
  holds_other_body: {
    id: "Anggota ini menjabat di badan lain (pengurus/pengawas) pada masa yang sama. Seseorang tidak boleh menjadi pengurus dan pengawas sekaligus.",
    en: "This member holds a post in the other body (pengurus/pengawas) during the same period.",
    kind: "conflict",
  },
  already_holds_position: {
    id: "Anggota ini sudah memegang jabatan yang sama pada masa tersebut.",
    en: "This member already holds the same position during that period.",
    kind: "conflict",
  },
  one_pengawas_post: {
    id: "Seorang pengawas hanya memegang satu jabatan pengawas pada satu waktu.",
    en: "A pengawas holds one supervisory post at a time.",
    kind: "conflict",
  },
  position_taken: {
    id: "Jabatan ini sudah dipegang orang lain pada masa tersebut. Akhiri masa jabatannya terlebih dahulu.",
    en: "Someone else holds this position during that period. End that term first.",
    kind: "conflict",
  },
  term_already_ended: {
    id: "Masa jabatan ini sudah berakhir.",
    en: "This term has already ended.",
    kind: "conflict",
  },
  term_end_outside_term: {
    id: "Tanggal berakhir harus di antara tanggal mulai dan akhir masa jabatan.",
    en: "The end date must fall within the term.",
    kind: "invalid_input",
  },
};

/**
 * The position as stored: a standard key when the text names one ("Wakil
 * Ketua" → `wakil_ketua`), otherwise the cooperative's own wording, spaces
 * collapsed. Pengawas positions are the two keys only. Null when unusable.
 */
export function normalisePosition(body: StructureBody, raw: string): string | null {
  const text = raw.normalize("NFC").trim().replace(/\s+/g, " ");
  const key = text.toLowerCase().replace(/[\s-]+/g, "_");
  if (body === "pengawas") return (PENGAWAS_POSITIONS as readonly string[]).includes(key) ? key : null;
  if (isStandardPosition(key)) return key;
  // "Ketua Pengawas" names a pengawas post; as a pengurus post it would mislead.
  if ((PENGAWAS_POSITIONS as readonly string[]).includes(key)) return null;
  if (text.length < 2 || text.length > CUSTOM_POSITION_MAX_LENGTH) return null;
  return text;
}

/** Positions only one person holds at a time; custom posts and anggota pengawas may have several. */
export function isSolePosition(body: StructureBody, position: string): boolean {
  return body === "pengurus" ? isStandardPosition(position) : position === "ketua_pengawas";
}

export function isCurrentTerm(term: Pick<Term, "startOn" | "endOn">, today: BusinessDate): boolean {
  return term.startOn <= today && today <= term.endOn;
}

export function termsOverlap(a: Pick<Term, "startOn" | "endOn">, b: Pick<Term, "startOn" | "endOn">): boolean {
  return a.startOn <= b.endOn && b.startOn <= a.endOn;
}

const samePosition = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Why an appointment may not be made, or null. `existing` is every term of
 * the cooperative (or at least every term that could clash), read under the
 * lock that keeps appointments apart.
 */
export function checkAppointment(
  candidate: Omit<Term, "id">,
  member: { readonly status: string },
  existing: readonly Term[],
): StructureRefusal | null {
  if (candidate.endOn < candidate.startOn) return "term_end_before_start";
  if (member.status !== "aktif") return "member_not_active";
  const overlapping = existing.filter((term) => termsOverlap(term, candidate));
  const own = overlapping.filter((term) => term.memberId === candidate.memberId);
  if (own.some((term) => term.body !== candidate.body)) return "holds_other_body";
  if (own.some((term) => samePosition(term.position, candidate.position))) return "already_holds_position";
  if (candidate.body === "pengawas" && own.length > 0) return "one_pengawas_post";
  if (isSolePosition(candidate.body, candidate.position) && overlapping.some((term) => term.position === candidate.position)) {
    return "position_taken";
  }
  return null;
}

/** Why a term may not end on `endOn`, or null. Ending never lengthens a term. */
export function checkTermEnd(term: Pick<Term, "startOn" | "endOn">, endOn: BusinessDate, today: BusinessDate): StructureRefusal | null {
  if (term.endOn < today) return "term_already_ended";
  if (endOn < term.startOn || endOn > term.endOn) return "term_end_outside_term";
  return null;
}

export interface TermGrants {
  readonly roles: Role[];
  readonly positions: Position[];
}

/** The roles and pengurus positions that a person's current terms give her today. */
export function grantsFromTerms(terms: readonly Pick<Term, "body" | "position" | "startOn" | "endOn">[], today: BusinessDate): TermGrants {
  const current = terms.filter((term) => isCurrentTerm(term, today));
  const roles: Role[] = STRUCTURE_BODIES.filter((body) => current.some((term) => term.body === body));
  const positions = [...new Set(current.filter((term) => term.body === "pengurus").map((term) => term.position))];
  return { roles, positions };
}

/**
 * What a login may do: the roles an admin gave her, plus those her current
 * terms give. A term adds and never removes, so manual roles keep working.
 */
export function withTermGrants<S extends { readonly roles: readonly Role[]; readonly positions: readonly Position[] }>(
  stored: S,
  grants: TermGrants,
): { roles: Role[]; positions: Position[] } {
  const roles = [...stored.roles, ...grants.roles.filter((role) => !stored.roles.includes(role))];
  const positions = [...stored.positions, ...grants.positions.filter((p) => !stored.positions.includes(p))];
  return { roles, positions };
}

/** The chart's order: ketua, wakil, sekretaris, bendahara, then custom posts by name; ketua pengawas before members. */
export function positionRank(body: StructureBody, position: string): number {
  if (body === "pengawas") return position === "ketua_pengawas" ? 0 : 1;
  const standard = STANDARD_POSITIONS.indexOf(position as StandardPosition);
  return standard >= 0 ? standard : STANDARD_POSITIONS.length;
}

export function compareForChart<T extends Pick<Term, "body" | "position" | "startOn">>(a: T, b: T): number {
  const byBody = STRUCTURE_BODIES.indexOf(a.body) - STRUCTURE_BODIES.indexOf(b.body);
  if (byBody !== 0) return byBody;
  const byRank = positionRank(a.body, a.position) - positionRank(b.body, b.position);
  if (byRank !== 0) return byRank;
  const byName = a.position.localeCompare(b.position, "id");
  if (byName !== 0) return byName;
  return a.startOn < b.startOn ? -1 : a.startOn > b.startOn ? 1 : 0;
}
