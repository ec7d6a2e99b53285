import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import type { MemberKeyring } from "../members/member-keys";
import { formatMemberNumber } from "../members/member-number";
import { blindIndexesForLookup } from "../members/member-pii";
import { newMemberRow, nikTaken, type CheckedMember } from "../members/members";
import { importError } from "./errors";

// Registering a whole spreadsheet of checked members inside the caller's
// transaction: the same refusals and the same rows as registerMember (sealed
// identifiers with their blind indexes, the record's columns, the first
// status-history row), written a batch at a time rather than five round trips
// per member — a register of 10,000 goes in seconds, not a minute.

const BATCH = 500;
const LOOKUP_CHUNK = 1000;

const memberNumberTaken = (memberNumber: string) => importError("member_number_taken", { field: "body.memberNumber", vars: { memberNumber } });

/** As recordInitialStatus words it. */
const initialReason = (status: CheckedMember["status"]) => (status === "calon" ? "Pendaftaran calon anggota" : "Pendaftaran anggota");

async function anyExisting(trx: Transaction<DB>, koperasiId: string, column: "nik_index" | "member_number", values: readonly string[]): Promise<string | undefined> {
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) {
    const row = await trx.selectFrom("member").select(column).where("koperasi_id", "=", koperasiId).where(column, "in", values.slice(i, i + LOOKUP_CHUNK)).limit(1).executeTakeFirst();
    if (row) return String((row as Record<string, unknown>)[column]);
  }
  return undefined;
}

/**
 * `count` member numbers from the cooperative's counter in one statement
 * (the counter row stays locked until the transaction ends, as for one),
 * stepping over numbers already held or given in this import.
 */
async function drawMemberNumbers(trx: Transaction<DB>, koperasiId: string, prefix: string, count: number, reserved: ReadonlySet<string>): Promise<string[]> {
  const drawn: string[] = [];
  while (drawn.length < count) {
    const want = count - drawn.length;
    const row = await trx
      .insertInto("tenant_sequence")
      .values({ koperasi_id: koperasiId, id: "member_number", last_value: want })
      .onConflict((oc) => oc.columns(["koperasi_id", "id"]).doUpdateSet({ last_value: sql`tenant_sequence.last_value + ${want}` }))
      .returning("last_value")
      .executeTakeFirstOrThrow();
    const last = BigInt(row.last_value);
    const candidates = Array.from({ length: want }, (_, i) => formatMemberNumber(prefix, last - BigInt(want - 1 - i)));
    const held = new Set<string>();
    for (let i = 0; i < candidates.length; i += LOOKUP_CHUNK) {
      const rows = await trx.selectFrom("member").select("member_number").where("koperasi_id", "=", koperasiId).where("member_number", "in", candidates.slice(i, i + LOOKUP_CHUNK)).execute();
      for (const r of rows) held.add(r.member_number);
    }
    drawn.push(...candidates.filter((c) => !held.has(c) && !reserved.has(c)));
  }
  return drawn;
}

export async function registerMembers(
  trx: Transaction<DB>,
  keyring: MemberKeyring,
  koperasi: { id: string; member_number_prefix: string },
  members: readonly CheckedMember[],
  changedBy: string | null,
  onProgress: (done: number) => void = () => undefined,
): Promise<{ id: string; memberNumber: string }[]> {
  const koperasiId = koperasi.id;
  // A NIK once in the import and nowhere in the book, under any key the keyring holds (rows not yet rotated count).
  const niks = new Set<string>();
  const nikIndexes: string[] = [];
  for (const member of members) {
    const nik = member.identity.nik;
    if (nik === null) continue;
    if (niks.has(nik)) throw nikTaken();
    niks.add(nik);
    nikIndexes.push(...blindIndexesForLookup(keyring, koperasiId, "nik", nik));
  }
  if ((await anyExisting(trx, koperasiId, "nik_index", nikIndexes)) !== undefined) throw nikTaken();
  // Numbers kept from the old register: once each, and free.
  const given = new Set<string>();
  for (const member of members) {
    if (member.memberNumber === undefined) continue;
    if (given.has(member.memberNumber)) throw memberNumberTaken(member.memberNumber);
    given.add(member.memberNumber);
  }
  const taken = await anyExisting(trx, koperasiId, "member_number", [...given]);
  if (taken !== undefined) throw memberNumberTaken(taken);
  const generated = await drawMemberNumbers(trx, koperasiId, koperasi.member_number_prefix, members.filter((m) => m.memberNumber === undefined).length, given);

  const written: { id: string; memberNumber: string }[] = [];
  let next = 0;
  for (let start = 0; start < members.length; start += BATCH) {
    const batch = members.slice(start, start + BATCH).map((member) => ({ member, id: uuidv7(), memberNumber: member.memberNumber ?? generated[next++]! }));
    await trx
      .insertInto("member")
      .values(
        batch.map(({ member, id, memberNumber }) => newMemberRow(keyring, koperasiId, id, memberNumber, member)),
      )
      .execute();
    await trx
      .insertInto("member_status_change")
      .values(
        batch.map(({ member, id }) => ({
          koperasi_id: koperasiId,
          id: uuidv7(),
          member_id: id,
          from_status: null,
          to_status: member.status,
          effective_on: member.joinedOn,
          reason: initialReason(member.status),
          changed_by: changedBy,
        })),
      )
      .execute();
    written.push(...batch.map(({ id, memberNumber }) => ({ id, memberNumber })));
    onProgress(written.length);
  }
  return written;
}
