import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { sql, type Transaction } from "kysely";
import type { DB, ScreeningMatchedOn } from "@koperasi/db";
import { matchListedName, nameKey, nameKeysOf, normalizeNik, uuidv7 } from "@koperasi/domain";
import type { AppContext } from "../context";
import type { MemberKeyring } from "../members/member-keys";
import { blindIndexesForLookup } from "../members/member-pii";
import { screeningListInvalid as uploadError } from "./errors";

// Screening members against watch lists (DTTOT and the like) that the
// platform operator uploads. Two ways in:
// - an application: the applicant's NIK (in the clear at that moment) and
//   name against the newest version of every list;
// - an upload: the new version against every cooperative's aktif and calon
//   members. NIKs are compared through the member book's blind index: each
//   listed NIK's index is computed under the cooperative's key (and every
//   older key, for rows a rotation has not reached), so nothing is ever
//   decrypted in bulk. Names are in the clear in the book and are folded and
//   compared in memory, a batch of members at a time.
// A hit is stored as a tenant record, held for the pengawas. The same listed
// person (entry_key) is held once per member: a match cleared as a false
// positive is not raised again by the next version of the list.

export const SCREENING_BATCH = 500;

export interface ListedPerson {
  lineNo: number;
  name: string;
  aliases: string[];
  nameKeys: string[];
  nik: string | null;
  birthDate: string | null;
  reference: string | null;
  entryKey: string;
}

const COLUMN_ALIASES: Record<string, keyof Omit<ListedPerson, "lineNo" | "nameKeys" | "entryKey"> | "source"> = {
  name: "name",
  nama: "name",
  aliases: "aliases",
  alias: "aliases",
  nik: "nik",
  birth_date: "birthDate",
  tanggal_lahir: "birthDate",
  source: "reference",
  reference: "reference",
  referensi: "reference",
  sumber: "reference",
};

/**
 * Reads a list file: CSV with a header row naming at least `name`
 * (aliases separated by ';' or '|', NIK, birth date as YYYY-MM-DD, source).
 * Refuses the whole file, naming the line, rather than loading half of it.
 */
export function parseScreeningCsv(text: string): ListedPerson[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_")), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw uploadError(`Berkas CSV tidak dapat dibaca: ${(error as Error).message}`, `The CSV file cannot be read: ${(error as Error).message}`);
  }
  if (records.length === 0) throw uploadError("Berkas tidak berisi satu baris data pun.", "The file holds no row of data.");
  const columns = Object.keys(records[0]!);
  if (!columns.some((c) => COLUMN_ALIASES[c] === "name")) throw uploadError("Kolom 'name' (nama) wajib ada.", "The 'name' column is required.");
  return records.map((record, index) => {
    const line = index + 2;
    const field = (target: string) => {
      for (const [column, value] of Object.entries(record)) if (COLUMN_ALIASES[column] === target && value !== "") return value;
      return null;
    };
    const name = field("name");
    if (name === null || nameKey(name) === "") throw uploadError(`Baris ${line}: nama kosong.`, `Line ${line}: the name is empty.`, line);
    const aliases = (field("aliases") ?? "").split(/[;|]/).map((a) => a.trim()).filter((a) => a.length > 0);
    let nik: string | null = null;
    const rawNik = field("nik");
    if (rawNik !== null) {
      const normalised = normalizeNik(rawNik);
      if (!/^\d{16}$/.test(normalised)) throw uploadError(`Baris ${line}: NIK harus 16 angka.`, `Line ${line}: a NIK is 16 digits.`, line);
      nik = normalised;
    }
    const birthDate = field("birthDate");
    if (birthDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw uploadError(`Baris ${line}: tanggal lahir harus YYYY-MM-DD.`, `Line ${line}: the birth date must be YYYY-MM-DD.`, line);
    const nameKeys = nameKeysOf(name, aliases);
    const entryKey = createHash("sha256").update(JSON.stringify([nameKeys[0], nik, birthDate])).digest("base64url");
    return { lineNo: line, name, aliases, nameKeys, nik, birthDate, reference: field("reference"), entryKey };
  });
}

/** Stores a new version of a list (the version number follows the last of that name); old versions stay. */
export async function storeScreeningList(ctx: AppContext, input: { listName: string; csv: string; uploadedBy: string }): Promise<{ id: string; version: number; entryCount: number }> {
  const people = parseScreeningCsv(input.csv);
  const sha = createHash("sha256").update(input.csv, "utf8").digest("hex");
  return ctx.database.db.transaction().execute(async (trx) => {
    // Two uploads of one list at once draw different version numbers.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${"screening_list/" + input.listName}, 0))`.execute(trx);
    const last = await trx.selectFrom("screening_list_version").select((eb) => eb.fn.max("version").as("v")).where("list_name", "=", input.listName).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const id = uuidv7();
    await trx
      .insertInto("screening_list_version")
      .values({ id, list_name: input.listName, version, file_sha256: sha, entry_count: people.length, uploaded_by: input.uploadedBy })
      .execute();
    for (let i = 0; i < people.length; i += SCREENING_BATCH) {
      await trx
        .insertInto("screening_list_entry")
        .values(
          people.slice(i, i + SCREENING_BATCH).map((p) => ({
            version_id: id,
            line_no: p.lineNo,
            name: p.name,
            aliases: p.aliases,
            name_keys: p.nameKeys,
            nik: p.nik,
            birth_date: p.birthDate,
            reference: p.reference,
            entry_key: p.entryKey,
          })),
        )
        .execute();
    }
    return { id, version, entryCount: people.length };
  });
}

interface Hit {
  memberId: string;
  entry: { versionId: string; lineNo: number; entryKey: string; name: string; reference: string | null };
  matchedOn: ScreeningMatchedOn;
}

/** Writes hits as held matches; a (member, listed person) already on file is left as it is. Returns how many are new. */
async function holdMatches(trx: Transaction<DB>, koperasiId: string, hits: readonly Hit[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < hits.length; i += SCREENING_BATCH) {
    const rows = await trx
      .insertInto("screening_match")
      .values(
        hits.slice(i, i + SCREENING_BATCH).map((hit) => ({
          koperasi_id: koperasiId,
          id: uuidv7(),
          member_id: hit.memberId,
          version_id: hit.entry.versionId,
          line_no: hit.entry.lineNo,
          entry_key: hit.entry.entryKey,
          matched_on: hit.matchedOn,
          listed_name: hit.entry.name,
          reference: hit.entry.reference,
        })),
      )
      .onConflict((oc) => oc.columns(["koperasi_id", "member_id", "entry_key"]).doNothing())
      .returning("id")
      .execute();
    added += rows.length;
  }
  return added;
}

/** The newest version of every list. */
async function currentVersionIds(trx: Transaction<DB>): Promise<string[]> {
  const rows = await trx
    .selectFrom("screening_list_version as v")
    .select("v.id")
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("screening_list_version as w").select("w.id").whereRef("w.list_name", "=", "v.list_name").whereRef("w.version", ">", "v.version"))),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Screens one person entering the book (an application) against the newest
 * version of every list, inside the caller's tenant transaction. Returns the
 * number of matches now held for her.
 */
export async function screenApplicant(
  trx: Transaction<DB>,
  koperasiId: string,
  applicant: { memberId: string; fullName: string; nik: string | null; birthDate: string | null },
): Promise<number> {
  const versions = await currentVersionIds(trx);
  if (versions.length === 0) return 0;
  const key = nameKey(applicant.fullName);
  const candidates = await trx
    .selectFrom("screening_list_entry")
    .select(["version_id", "line_no", "entry_key", "name", "reference", "name_keys", "nik", sql<string | null>`to_char(birth_date, 'YYYY-MM-DD')`.as("birth_date_text")])
    .where("version_id", "in", versions)
    .where((eb) => {
      const byName = sql<boolean>`${key} = ANY (name_keys)`;
      return applicant.nik === null ? byName : eb.or([byName, eb("nik", "=", applicant.nik)]);
    })
    .execute();
  const hits: Hit[] = [];
  for (const row of candidates) {
    const entry = { versionId: row.version_id, lineNo: row.line_no, entryKey: row.entry_key, name: row.name, reference: row.reference };
    if (applicant.nik !== null && row.nik === applicant.nik) {
      hits.push({ memberId: applicant.memberId, entry, matchedOn: "nik" });
      continue;
    }
    const byName = matchListedName({ fullName: applicant.fullName, birthDate: applicant.birthDate }, { nameKeys: row.name_keys, birthDate: row.birth_date_text });
    if (byName) hits.push({ memberId: applicant.memberId, entry, matchedOn: byName });
  }
  return holdMatches(trx, koperasiId, hits);
}

/**
 * Screens one cooperative's aktif and calon members against one list
 * version, once: the run's row is claimed first in the same transaction, so
 * a retried or concurrent run for the same (version, cooperative) does
 * nothing. Members are read a batch at a time.
 */
export async function screenCooperative(ctx: AppContext, versionId: string, koperasiId: string): Promise<{ skipped: boolean; membersChecked: number; matchesHeld: number }> {
  const keyring: MemberKeyring = ctx.secrets.memberDataKeys;
  return ctx.database.tenant({ koperasiId }, async (trx) => {
    const claimed = await trx
      .insertInto("screening_run")
      .values({ version_id: versionId, koperasi_id: koperasiId, members_checked: 0, matches_held: 0 })
      .onConflict((oc) => oc.columns(["version_id", "koperasi_id"]).doNothing())
      .returning("version_id")
      .executeTakeFirst();
    if (!claimed) return { skipped: true, membersChecked: 0, matchesHeld: 0 };

    const entries = await trx
      .selectFrom("screening_list_entry")
      .select(["line_no", "entry_key", "name", "reference", "name_keys", "nik", sql<string | null>`to_char(birth_date, 'YYYY-MM-DD')`.as("birth_date_text")])
      .where("version_id", "=", versionId)
      .execute();
    const byKey = new Map<string, typeof entries>();
    const byNikIndex = new Map<string, (typeof entries)[number]>();
    for (const entry of entries) {
      for (const key of entry.name_keys) byKey.set(key, [...(byKey.get(key) ?? []), entry]);
      if (entry.nik !== null) for (const index of blindIndexesForLookup(keyring, koperasiId, "nik", entry.nik)) byNikIndex.set(index, entry);
    }
    const entryOf = (e: (typeof entries)[number]) => ({ versionId, lineNo: e.line_no, entryKey: e.entry_key, name: e.name, reference: e.reference });

    const hits: Hit[] = [];
    const nikIndexes = [...byNikIndex.keys()];
    for (let i = 0; i < nikIndexes.length; i += SCREENING_BATCH) {
      const rows = await trx
        .selectFrom("member")
        .select(["id", "nik_index"])
        .where("koperasi_id", "=", koperasiId)
        .where("status", "in", ["aktif", "calon"])
        .where("nik_index", "in", nikIndexes.slice(i, i + SCREENING_BATCH))
        .execute();
      for (const row of rows) hits.push({ memberId: row.id, entry: entryOf(byNikIndex.get(row.nik_index!)!), matchedOn: "nik" });
    }
    const nikHit = new Set(hits.map((h) => `${h.memberId}/${h.entry.entryKey}`));

    let membersChecked = 0;
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const batch = await trx
        .selectFrom("member")
        .select(["id", "full_name", sql<string | null>`to_char(birth_date, 'YYYY-MM-DD')`.as("birth_date_text")])
        .where("koperasi_id", "=", koperasiId)
        .where("status", "in", ["aktif", "calon"])
        .where("id", ">", after)
        .orderBy("id")
        .limit(SCREENING_BATCH)
        .execute();
      if (batch.length === 0) break;
      membersChecked += batch.length;
      after = batch.at(-1)!.id;
      for (const member of batch) {
        for (const entry of byKey.get(nameKey(member.full_name)) ?? []) {
          if (nikHit.has(`${member.id}/${entry.entry_key}`)) continue;
          const matchedOn = matchListedName({ fullName: member.full_name, birthDate: member.birth_date_text }, { nameKeys: entry.name_keys, birthDate: entry.birth_date_text });
          if (matchedOn) hits.push({ memberId: member.id, entry: entryOf(entry), matchedOn });
        }
      }
    }
    const matchesHeld = await holdMatches(trx, koperasiId, hits);
    await trx
      .updateTable("screening_run")
      .set({ members_checked: membersChecked, matches_held: matchesHeld })
      .where("version_id", "=", versionId)
      .where("koperasi_id", "=", koperasiId)
      .execute();
    if (matchesHeld > 0) {
      await trx
        .insertInto("audit_log")
        .values({
          koperasi_id: koperasiId,
          id: uuidv7(),
          actor_user_id: null,
          actor_role: "system",
          action: "screening.matches_held",
          target_type: "screening_list_version",
          target_id: versionId,
          details: JSON.stringify({ membersChecked, matchesHeld }),
          ip: null,
          user_agent: null,
        })
        .execute();
    }
    return { skipped: false, membersChecked, matchesHeld };
  });
}

/**
 * Screens every cooperative against a version, one cooperative per
 * transaction, skipping those already done: safe to run again after a
 * crash, and no single transaction spans the whole platform.
 */
export async function screenAllCooperatives(ctx: AppContext, versionId: string): Promise<{ cooperatives: number; matchesHeld: number }> {
  const cooperatives = await ctx.database.db.selectFrom("koperasi").select("id").where("status", "=", "approved").orderBy("id").execute();
  let matchesHeld = 0;
  for (const { id } of cooperatives) {
    const outcome = await screenCooperative(ctx, versionId, id);
    matchesHeld += outcome.matchesHeld;
  }
  return { cooperatives: cooperatives.length, matchesHeld };
}

/** Matches held or confirmed for a member: while there is one, she cannot be accepted. */
export async function blockingMatchCount(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<number> {
  const row = await trx
    .selectFrom("screening_match")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("state", "in", ["held", "confirmed"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
