// Matching a person's name against a sanctions or watch list (DTTOT and the
// like). Lists and registers spell the same name differently: accents or
// none ("Abdurrahmān"), capitals, punctuation ("Abu-Bakar", "M. Yusuf"),
// extra spaces, and the order of given name and family name. A name is
// folded to a key that ignores all of that; two names match when their keys
// are equal. Spelling variants ("Muhammad"/"Mohammad") are what a list's
// aliases are for, so they are not guessed here: a guess would hold many
// innocent members for review.

/** The folded, order-free form of a name; empty when the name has no letters or digits. */
export function nameKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  return words.sort().join(" ");
}

/** The keys of a listed name and its aliases, without duplicates or empties. */
export function nameKeysOf(name: string, aliases: readonly string[] = []): string[] {
  return [...new Set([name, ...aliases].map(nameKey).filter((key) => key.length > 0))];
}

export type NameMatch = "nama" | "nama_tanggal_lahir";

/**
 * Whether a member's name (and birth date, when both sides have one) matches
 * a listed person. A birth date on both sides that differs rules the match
 * out: same name, another person. Names of a single word match only when the
 * birth dates agree as well, since a lone common name would flag half a
 * village.
 */
export function matchListedName(
  member: { readonly fullName: string; readonly birthDate: string | null },
  listed: { readonly nameKeys: readonly string[]; readonly birthDate: string | null },
): NameMatch | null {
  const key = nameKey(member.fullName);
  if (key === "" || !listed.nameKeys.includes(key)) return null;
  const bothDated = member.birthDate !== null && listed.birthDate !== null;
  if (bothDated) return member.birthDate === listed.birthDate ? "nama_tanggal_lahir" : null;
  if (!key.includes(" ")) return null;
  return "nama";
}
