import { sql, type RawBuilder, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { MemberStatus, MemberType } from "@koperasi/domain";
import { blindIndexesForLookup } from "./member-pii";
import type { MemberKeyring } from "./member-keys";

// Finding members in the book, fast at 100,000 members per cooperative:
// every path starts from a tenant-scoped index — member-number prefix
// (member_number_prefix_idx), name-word prefix (member_name_token, kept by a
// trigger), NIK or phone blind index — and only the matching rows are read.
// Without a query the list walks (koperasi_id, member_number) in order.

export interface MemberFilters {
  /** Member-number prefix, or the start of every word typed, each matching the start of a word of the name. */
  q?: string;
  status?: MemberStatus;
  memberType?: MemberType;
  joinedFrom?: string;
  joinedTo?: string;
  /** Exact, via the blind index under every known key. */
  nik?: string;
  /** Exact, via the blind index; 0812…, 62812… and +62812… are the same number. */
  phone?: string;
  page: number;
  pageSize: number;
}

/** Nine or more digits and nothing but separators: a NIK or a phone number, never a name or member number prefix people type. */
export function looksLikeNikOrPhone(q: string | undefined): boolean {
  if (!q) return false;
  const compact = q.replace(/[\s.()-]/g, "");
  return /^\+?\d{9,}$/.test(compact);
}

/** A LIKE pattern that matches the text literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The words of a name query as the name index holds them: separators between words, nothing folded yet (SQL folds). */
export function queryWords(q: string): string[] {
  return q.normalize("NFC").split(/\s+/).filter(Boolean).slice(0, 8);
}

/**
 * A prefix condition the planner can use as an index condition under
 * row-level security: `~>=~` and `~<~` (text_pattern_ops, byte order) are
 * leakproof, LIKE is not — and a condition that is not leakproof may only
 * run after the policy's, which would turn the index range scan into a scan
 * of the whole cooperative. U+10FFFF is the highest character, so every
 * string that starts with the prefix sorts below prefix ‖ U+10FFFF.
 */
function startsWith(column: string, prefix: ReturnType<typeof sql>) {
  return sql`${sql.ref(column)} ~>=~ ${prefix} AND ${sql.ref(column)} ~<~ (${prefix} || chr(1114111))`;
}

/**
 * The cooperative's members whose number starts with `q` or whose name has a
 * word starting with each word of `q`, as (member_id, member_number) — from
 * the indexes alone: the name index keeps each token's member number beside
 * it, so a common prefix is sorted and counted without reading its members.
 */
function matchingNumbers(koperasiId: string, q: string): RawBuilder<{ member_id: string; member_number: string }> {
  const byNumber = sql<{ member_id: string; member_number: string }>`SELECT id AS member_id, member_number FROM member WHERE koperasi_id = ${koperasiId} AND ${startsWith("member_number_folded", sql`${q.toLowerCase()}::text`)}`;
  const words = queryWords(q);
  if (words.length === 0) return byNumber;
  const byWord = words.map(
    (word) => sql`SELECT member_id, member_number FROM member_name_token WHERE koperasi_id = ${koperasiId} AND ${startsWith("token", sql`member_name_fold(${word})`)}`,
  );
  return sql<{ member_id: string; member_number: string }>`${byNumber} UNION (${sql.join(byWord, sql` INTERSECT `)})`;
}

export function filteredMembers(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, filters: Omit<MemberFilters, "page" | "pageSize">) {
  let query = trx.selectFrom("member").where("member.koperasi_id", "=", koperasiId);
  if (filters.status) query = query.where("member.status", "=", filters.status);
  if (filters.memberType) query = query.where("member.member_type", "=", filters.memberType);
  if (filters.joinedFrom) query = query.where("member.joined_on", ">=", filters.joinedFrom);
  if (filters.joinedTo) query = query.where("member.joined_on", "<=", filters.joinedTo);
  if (filters.nik) query = query.where("member.nik_index", "in", blindIndexesForLookup(keyring, koperasiId, "nik", filters.nik));
  if (filters.phone) query = query.where("member.phone_index", "in", blindIndexesForLookup(keyring, koperasiId, "phone", filters.phone));
  const q = filters.q?.trim();
  if (q) query = query.where(sql<boolean>`member.id IN (SELECT member_id FROM (${matchingNumbers(koperasiId, q)}) AS matching)`);
  return query;
}

export const MEMBER_LIST_COLUMNS = [
  "member.id",
  "member.member_number",
  "member.full_name",
  "member.status",
  "member.user_id",
  "member.member_type",
  "member.nik_sealed",
  "member.phone_sealed",
  "member.pii_key_id",
] as const;

/** Narrowed by anything beyond status and type: counted from its matches, not from the tally. */
const isNarrowed = (filters: MemberFilters) => Boolean(filters.q?.trim() || filters.nik || filters.phone || filters.joinedFrom || filters.joinedTo);

/** A search by name or number and nothing else: the page and the count come from the indexes. */
const isTextOnly = (filters: MemberFilters) => Boolean(filters.q?.trim() && !filters.status && !filters.memberType && !filters.nik && !filters.phone && !filters.joinedFrom && !filters.joinedTo);

const LIST_COLUMNS = [...MEMBER_LIST_COLUMNS, sql<string>`to_char(member.joined_on, 'YYYY-MM-DD')`.as("joined_on")] as const;

/** The whole book, or one status or type of it: the count member_tally keeps (the database updates it with every write). */
async function countFromTally(trx: Transaction<DB>, koperasiId: string, filters: MemberFilters): Promise<number> {
  let tally = trx.selectFrom("member_tally").where("koperasi_id", "=", koperasiId);
  if (filters.status) tally = tally.where("status", "=", filters.status);
  if (filters.memberType) tally = tally.where("member_type", "=", filters.memberType);
  const { total } = await tally.select(sql<string>`coalesce(sum(n), 0)`.as("total")).executeTakeFirstOrThrow();
  return Number(total);
}

/**
 * A page of a search by name or number: the matches sorted and counted from
 * the indexes (member number beside each name token), then only the page's
 * member rows read — at 100,000 members a common prefix matches thousands.
 */
export function textSearchPage(trx: Transaction<DB>, koperasiId: string, q: string, page: number, pageSize: number) {
  return trx
    // A raw query as a CTE is not parenthesised by the builder.
    .with("matches", () => sql<{ member_id: string; member_number: string }>`(${matchingNumbers(koperasiId, q)})`)
    .with("page", (db) => db.selectFrom("matches").select("member_id").orderBy("member_number").limit(pageSize).offset((page - 1) * pageSize))
    .selectFrom("member")
    .innerJoin("page", "page.member_id", "member.id")
    .where("member.koperasi_id", "=", koperasiId)
    .select([...LIST_COLUMNS, sql<string>`(SELECT count(*) FROM matches)`.as("matches")])
    .orderBy("member.member_number");
}

async function searchByIndexes(trx: Transaction<DB>, koperasiId: string, q: string, page: number, pageSize: number) {
  const counted = await textSearchPage(trx, koperasiId, q, page, pageSize).execute();
  const rows = counted.map(({ matches: _matches, ...row }) => row);
  if (counted.length > 0) return { rows, total: Number(counted[0]!.matches) };
  const { total } = await trx
    .selectFrom(sql`(${matchingNumbers(koperasiId, q)})`.as("matching"))
    .select((eb) => eb.fn.countAll<string>().as("total"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/**
 * One page in member-number order, and how many match in all. The whole
 * book's total comes from the tally: count(*) under row-level security would
 * read every row. A search by name or number alone is paged from the
 * indexes; one narrowed further counts its matches in the same pass that
 * sorts them (a window count), rather than finding every match twice; only a
 * page past the end needs a count of its own.
 */
export async function searchMembers(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, filters: MemberFilters) {
  if (isTextOnly(filters)) return searchByIndexes(trx, koperasiId, filters.q!.trim(), filters.page, filters.pageSize);
  const matching = filteredMembers(trx, keyring, koperasiId, filters);
  const page = matching
    .orderBy("member.member_number")
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  if (!isNarrowed(filters)) {
    const rows = await page.select(LIST_COLUMNS).execute();
    return { rows, total: await countFromTally(trx, koperasiId, filters) };
  }
  const counted = await page.select([...LIST_COLUMNS, sql<string>`count(*) OVER ()`.as("matches")]).execute();
  const rows = counted.map(({ matches: _matches, ...row }) => row);
  if (counted.length > 0) return { rows, total: Number(counted[0]!.matches) };
  const { total } = await matching.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
