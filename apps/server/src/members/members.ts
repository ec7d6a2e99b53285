import { sql, type Selectable, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateMember, Member, MemberDetail, MemberQuery, MemberSearch, UpdateMember } from "@koperasi/contracts";
import type { DB, MemberTable } from "@koperasi/db";
import {
  can,
  checkNikAgainst,
  DOMAIN_ERRORS,
  isOfLegalAge,
  maskPhone,
  nikBirthYear,
  normalizePhone,
  uuidv7,
  validateNik,
  type BusinessDate,
} from "@koperasi/domain";
import type { Actor, CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { invalidField, notFound, type FieldError } from "../errors/app-error";
import { memberError } from "./errors";
import type { MemberKeyring } from "./member-keys";
import { nextFreeMemberNumber } from "./member-number";
import { blindIndexesForLookup, findMemberIdsByNik, maskNik, openMemberIdentity, sealMemberIdentity, type MemberIdentity } from "./member-pii";
import { searchMembers, type MemberFilters } from "./member-search";
import { recordInitialStatus } from "./member-status";

// The member book: registering, reading and correcting a member's record.
// Personal identifiers are sealed per field (member-pii.ts); lists show them
// masked, and only those who keep the register — and the member herself —
// see them in the clear.

export type MemberDto = z.infer<typeof Member>;
export type MemberDetailDto = z.infer<typeof MemberDetail>;
type MemberRow = Selectable<MemberTable>;

export { escapeLike } from "./member-search";

/** Who sees NIK, phone and mother's maiden name in the clear: the register's keepers (members.update), never an operator's read-only look. */
export function seesIdentity(actor: Pick<Actor, "viaOperator" | "roles" | "positions">): boolean {
  return !actor.viaOperator && can({ roles: [...actor.roles], positions: [...actor.positions] }, "members.update");
}

export const keyringOf = (ctx: Pick<AppContext, "secrets">): MemberKeyring => ctx.secrets.memberDataKeys;

function masked(keyring: MemberKeyring, koperasiId: string, row: Pick<MemberRow, "id" | "nik_sealed" | "phone_sealed">) {
  const identity = openMemberIdentity(keyring, koperasiId, { ...row, mother_maiden_name_sealed: null });
  return { nikMasked: identity.nik === null ? null : maskNik(identity.nik), phoneMasked: identity.phone === null ? null : maskPhone(identity.phone) };
}

export function toMember(
  keyring: MemberKeyring,
  koperasiId: string,
  row: Pick<MemberRow, "id" | "member_number" | "full_name" | "status" | "user_id" | "member_type" | "nik_sealed" | "phone_sealed"> & { joined_on: string },
): MemberDto {
  return {
    id: row.id,
    memberNumber: row.member_number,
    fullName: row.full_name,
    status: row.status,
    joinedOn: row.joined_on,
    hasLogin: row.user_id !== null,
    memberType: row.member_type,
    ...masked(keyring, koperasiId, row),
  };
}

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function selectMemberRecord(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("member")
    .selectAll("member")
    .select([
      dateText("member.joined_on").$castTo<string>().as("joined_on_text"),
      dateText("member.birth_date").as("birth_date_text"),
      (eb) =>
        eb
          .selectFrom("member_file")
          .select(sql<string[]>`array_agg(kind)`.as("kinds"))
          .whereRef("member_file.koperasi_id", "=", "member.koperasi_id")
          .whereRef("member_file.member_id", "=", "member.id")
          .as("file_kinds"),
      // Whether another member has the same phone by its stored blind index:
      // the answer whenever one key indexes every phone (see toDetail).
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("member as other")
              .select("other.id")
              .whereRef("other.koperasi_id", "=", "member.koperasi_id")
              .whereRef("other.phone_index", "=", "member.phone_index")
              .whereRef("other.id", "<>", "member.id"),
          )
          .as("shares_phone_index"),
    ])
    .where("member.koperasi_id", "=", koperasiId);
}

type MemberRecordRow = MemberRow & { joined_on_text: string; birth_date_text: string | null; file_kinds: string[] | null; shares_phone_index: boolean };

/** Whether another member of the cooperative has a phone with one of these blind indexes (a shared family phone is allowed, only flagged). */
export async function hasSharedPhone(trx: Transaction<DB>, koperasiId: string, memberId: string, phoneIndexes: readonly string[]): Promise<boolean> {
  if (phoneIndexes.length === 0) return false;
  const other = await trx
    .selectFrom("member")
    .select("id")
    .where("koperasi_id", "=", koperasiId)
    .where("phone_index", "in", [...phoneIndexes])
    .where("id", "<>", memberId)
    .limit(1)
    .executeTakeFirst();
  return other !== undefined;
}

async function toDetail(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, row: MemberRecordRow, identityVisible: boolean): Promise<MemberDetailDto> {
  const identity = openMemberIdentity(keyring, koperasiId, row);
  const kinds = row.file_kinds ?? [];
  // With one key every stored phone index is under it, and the record's own
  // query already compared them; while a rotation is under way a phone may
  // still be indexed under the old key, so every key's index is looked up.
  const sharedPhone =
    identity.phone === null
      ? false
      : keyring.keys.length === 1
        ? row.shares_phone_index
        : await hasSharedPhone(trx, koperasiId, row.id, blindIndexesForLookup(keyring, koperasiId, "phone", identity.phone));
  return {
    id: row.id,
    memberNumber: row.member_number,
    fullName: row.full_name,
    status: row.status,
    joinedOn: row.joined_on_text,
    hasLogin: row.user_id !== null,
    memberType: row.member_type,
    nikMasked: identity.nik === null ? null : maskNik(identity.nik),
    phoneMasked: identity.phone === null ? null : maskPhone(identity.phone),
    identityVisible,
    nik: identityVisible ? identity.nik : null,
    phone: identityVisible ? identity.phone : null,
    motherMaidenName: identityVisible ? identity.motherMaidenName : null,
    birthPlace: row.birth_place,
    birthDate: row.birth_date_text,
    gender: row.gender,
    maritalStatus: row.marital_status,
    address: row.address,
    email: row.email,
    occupation: row.occupation,
    nomorBadanHukum: row.nomor_badan_hukum,
    nomorIndukKoperasi: row.nomor_induk_koperasi,
    sourceOfFunds: row.source_of_funds,
    sourceOfFundsOther: row.source_of_funds_other,
    hasPhoto: kinds.includes("photo"),
    hasKtp: kinds.includes("ktp"),
    sharedPhone,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}

/** The full record inside a caller's transaction; undefined when there is no such member. */
export async function readMemberDetail(
  trx: Transaction<DB>,
  keyring: MemberKeyring,
  koperasiId: string,
  id: string,
  options: { identityVisible: boolean; onlyUserId?: string },
): Promise<MemberDetailDto | undefined> {
  let query = selectMemberRecord(trx, koperasiId).where("member.id", "=", id);
  if (options.onlyUserId !== undefined) query = query.where("member.user_id", "=", options.onlyUserId);
  const row = (await query.executeTakeFirst()) as MemberRecordRow | undefined;
  return row && toDetail(trx, keyring, koperasiId, row, options.identityVisible);
}

/** A page of the book, searched and filtered; identifiers masked. */
export async function listMembers(
  trx: Transaction<DB>,
  keyring: MemberKeyring,
  koperasiId: string,
  query: z.infer<typeof MemberQuery> | z.infer<typeof MemberSearch>,
): Promise<{ items: MemberDto[]; page: number; pageSize: number; total: number }> {
  const filters: MemberFilters = { ...query, q: query.q?.normalize("NFC") };
  if (filters.phone !== undefined) {
    try {
      normalizePhone(filters.phone);
    } catch {
      throw phoneInvalid("body.phone");
    }
  }
  const { rows, total } = await searchMembers(trx, keyring, koperasiId, filters);
  return { items: rows.map((row) => toMember(keyring, koperasiId, row)), page: query.page, pageSize: query.pageSize, total };
}

/** One member; with `onlyUserId`, only when that login is the member's own (an anggota looking at herself). */
export async function getMember(cmd: Pick<CommandContext, "trx" | "koperasiId" | "actor">, keyring: MemberKeyring, id: string, onlyUserId?: string): Promise<MemberDetailDto> {
  const identityVisible = onlyUserId !== undefined || seesIdentity(cmd.actor);
  const detail = await readMemberDetail(cmd.trx, keyring, cmd.koperasiId, id, { identityVisible, onlyUserId });
  if (!detail) throw notFound("Anggota", "Member");
  return detail;
}

// ---------------------------------------------------------------------------
// Checking what is entered
// ---------------------------------------------------------------------------

export interface RegistryFields {
  memberType: "perorangan" | "badan_hukum";
  nik: string | null;
  birthPlace: string | null;
  birthDate: string | null;
  gender: "male" | "female" | null;
  maritalStatus: "belum_kawin" | "kawin" | "cerai_hidup" | "cerai_mati" | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  occupation: string | null;
  nomorBadanHukum: string | null;
  nomorIndukKoperasi: string | null;
  motherMaidenName: string | null;
  sourceOfFunds: MemberTable["source_of_funds"];
  sourceOfFundsOther: string | null;
}

const PERSONAL_ONLY = ["nik", "birthDate", "gender", "maritalStatus", "motherMaidenName"] as const;
const ENTITY_ONLY = ["nomorBadanHukum", "nomorIndukKoperasi"] as const;

export const phoneInvalid = (path: string) => memberError("phone_invalid", { field: path });

export const nikTaken = () => memberError("nik_taken", { field: "body.nik" });

const memberNumberTaken = () => memberError("member_number_taken", { field: "body.memberNumber" });

/**
 * Checks the whole record as it would be stored and returns the normalised
 * NIK and phone. Refusals, each its own code: a NIK that is no NIK
 * (`nik_invalid`), one that contradicts the birth date or gender
 * (`nik_mismatch`), an applicant under 17 and never married (`under_age`),
 * a phone that is none (`phone_invalid`), fields that do not fit the member
 * type (`invalid_input`).
 */
export function checkRegistryFields(record: RegistryFields, asOf: { joinedOn: BusinessDate; today: BusinessDate }): { nik: string | null; phone: string | null } {
  const errors: FieldError[] = [];
  if (record.memberType === "badan_hukum") {
    for (const field of PERSONAL_ONLY) {
      if (record[field] !== null) {
        errors.push({ path: `body.${field}`, code: "not_for_badan_hukum", message: "Tidak diisi untuk anggota badan hukum.", messageEn: "Left empty for a legal-entity member." });
      }
    }
    if (record.nomorBadanHukum === null) {
      errors.push({
        path: "body.nomorBadanHukum",
        code: "required",
        message: "Nomor badan hukum wajib diisi untuk anggota badan hukum.",
        messageEn: "A legal-entity member needs its registration number.",
      });
    }
  } else {
    for (const field of ENTITY_ONLY) {
      if (record[field] !== null) errors.push({ path: `body.${field}`, code: "only_for_badan_hukum", message: "Hanya untuk anggota badan hukum.", messageEn: "Only for a legal-entity member." });
    }
  }
  if ((record.sourceOfFunds === "lainnya") !== (record.sourceOfFundsOther !== null)) {
    errors.push({
      path: "body.sourceOfFundsOther",
      code: "source_of_funds_other",
      message: "Isi sumber dana lainnya hanya bila sumber dana \"lainnya\".",
      messageEn: "Fill in the other source of funds only when the source is \"lainnya\" (other).",
    });
  }
  if (record.birthDate !== null && record.birthDate > asOf.today) {
    errors.push({ path: "body.birthDate", code: "future_date", message: "Tanggal lahir tidak boleh setelah hari ini.", messageEn: "The birth date cannot be after today." });
  }
  if (errors.length > 0) throw memberError("invalid_input", { errors });

  let nik: string | null = null;
  let birthDate = record.birthDate;
  if (record.nik !== null) {
    const result = validateNik(record.nik);
    if (!result.ok) {
      const reason = DOMAIN_ERRORS[result.code];
      throw memberError("nik_invalid", {
        vars: { reason: reason.id, reasonEn: reason.en },
        errors: [{ path: "body.nik", code: result.code, message: reason.id, messageEn: reason.en }],
      });
    }
    nik = result.value.nik;
    const mismatches = checkNikAgainst(nik, { birthDate: record.birthDate ?? undefined, gender: record.gender ?? undefined });
    if (mismatches.length > 0) {
      throw memberError("nik_mismatch", {
        errors: mismatches.map((code) => ({
          path: code === "nik_gender_mismatch" ? "body.gender" : "body.birthDate",
          code,
          message: DOMAIN_ERRORS[code].id,
          messageEn: DOMAIN_ERRORS[code].en,
        })),
      });
    }
    if (birthDate === null) {
      const { birthDay, birthMonth, birthYear2 } = result.value;
      const year = nikBirthYear(birthYear2, Number(asOf.joinedOn.slice(0, 4)));
      birthDate = `${year}-${String(birthMonth).padStart(2, "0")}-${String(birthDay).padStart(2, "0")}`;
    }
  }
  if (record.memberType === "perorangan" && birthDate !== null && !isOfLegalAge({ birthDate, maritalStatus: record.maritalStatus }, asOf.joinedOn)) {
    throw memberError("under_age", { field: "body.birthDate" });
  }
  let phone: string | null = null;
  if (record.phone !== null) {
    try {
      phone = normalizePhone(record.phone);
    } catch {
      throw phoneInvalid("body.phone");
    }
  }
  return { nik, phone };
}

function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e?.code !== "23505") return undefined;
  return typeof e.constraint === "string" ? e.constraint : String(e.message ?? "");
}

/** Turns the unique indexes' refusals (a race lost to another request) into the same answers as the checks. */
export async function mapRegistryConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint?.includes("member_nik_index_key")) throw nikTaken();
    if (constraint?.includes("member_koperasi_id_member_number_key")) throw memberNumberTaken();
    throw error;
  }
}

/**
 * Refuses a NIK another member of the cooperative already has, looking
 * under every key (a row not yet rotated still counts). The advisory lock
 * makes two registrations of one NIK wait for each other even while a
 * rotation leaves rows under different keys, where the unique index alone
 * would not see them as equal.
 */
export async function assertNikFree(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, nik: string, exceptMemberId?: string): Promise<void> {
  const [currentIndex] = blindIndexesForLookup(keyring, koperasiId, "nik", nik);
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`member-nik:${koperasiId}:${currentIndex}`}, 0))`.execute(trx);
  const ids = await findMemberIdsByNik(trx, keyring, koperasiId, nik);
  if (ids.some((id) => id !== exceptMemberId)) throw nikTaken();
}

/** The record's columns as stored; shared by registration, correction and bulk imports. */
/** A new member's row, the same whether she is registered alone or in an import. */
export function newMemberRow(keyring: MemberKeyring, koperasiId: string, id: string, memberNumber: string, member: CheckedMember) {
  return {
    koperasi_id: koperasiId,
    id,
    member_number: memberNumber,
    full_name: member.fullName,
    joined_on: member.joinedOn,
    status: member.status,
    ...registryColumns(member.record),
    ...sealMemberIdentity(keyring, koperasiId, id, member.identity),
  };
}

export function registryColumns(record: RegistryFields) {
  return {
    member_type: record.memberType,
    birth_place: record.birthPlace,
    birth_date: record.birthDate,
    gender: record.gender,
    marital_status: record.maritalStatus,
    address: record.address,
    email: record.email?.toLowerCase() ?? null,
    occupation: record.occupation,
    nomor_badan_hukum: record.nomorBadanHukum,
    nomor_induk_koperasi: record.nomorIndukKoperasi,
    source_of_funds: record.sourceOfFunds,
    source_of_funds_other: record.sourceOfFundsOther,
  };
}

const cleanName = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/** A registration checked and normalised, ready for registerMember. */
export interface CheckedMember {
  fullName: string;
  joinedOn: BusinessDate;
  status: "calon" | "aktif";
  /** Kept when given (imports); otherwise the next free number from the cooperative's prefix. */
  memberNumber?: string | undefined;
  record: RegistryFields;
  identity: MemberIdentity;
}

/**
 * Checks a registration as the API receives it, on the cooperative's
 * `today`; throws the same problem+json refusals as the route. Imports call
 * it row by row, then registerMember inside their own transaction.
 */
export function checkNewMember(body: z.infer<typeof CreateMember>, today: BusinessDate): CheckedMember {
  const joinedOn = body.joinedOn ?? today;
  if (joinedOn > today) throw invalidField("body.joinedOn", "future_date", "Tanggal masuk tidak boleh setelah hari ini.", "The join date cannot be after today.");
  const record: RegistryFields = {
    memberType: body.memberType ?? "perorangan",
    nik: body.nik ?? null,
    birthPlace: body.birthPlace ?? null,
    birthDate: body.birthDate ?? null,
    gender: body.gender ?? null,
    maritalStatus: body.maritalStatus ?? null,
    address: body.address ?? null,
    phone: body.phone ?? null,
    email: body.email ?? null,
    occupation: body.occupation ?? null,
    nomorBadanHukum: body.nomorBadanHukum ?? null,
    nomorIndukKoperasi: body.nomorIndukKoperasi ?? null,
    motherMaidenName: body.motherMaidenName ?? null,
    sourceOfFunds: body.sourceOfFunds ?? null,
    sourceOfFundsOther: body.sourceOfFundsOther ?? null,
  };
  const { nik, phone } = checkRegistryFields(record, { joinedOn, today });
  return {
    fullName: cleanName(body.fullName),
    joinedOn,
    status: body.status ?? "aktif",
    memberNumber: body.memberNumber,
    record: { ...record, nik, phone },
    identity: { nik, phone, motherMaidenName: record.motherMaidenName },
  };
}

/**
 * Writes a checked member into the book inside the caller's tenant
 * transaction: refuses a NIK or member number already there (409), draws
 * the number, seals the identifiers, writes the first status row. Wrap the
 * transaction in mapRegistryConflicts so a race lost to another request is
 * answered the same way. No audit entry: the caller writes its own.
 */
export async function registerMember(
  trx: Transaction<DB>,
  keyring: MemberKeyring,
  koperasi: { id: string; member_number_prefix: string },
  member: CheckedMember,
  changedBy: string | null,
): Promise<{ id: string; memberNumber: string }> {
  const koperasiId = koperasi.id;
  if (member.identity.nik !== null) await assertNikFree(trx, keyring, koperasiId, member.identity.nik);
  let memberNumber: string;
  if (member.memberNumber !== undefined) {
    memberNumber = member.memberNumber;
    const taken = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("member_number", "=", memberNumber).executeTakeFirst();
    if (taken) throw memberNumberTaken();
  } else {
    memberNumber = await nextFreeMemberNumber(trx, koperasiId, koperasi.member_number_prefix);
  }
  const id = uuidv7();
  await trx.insertInto("member").values(newMemberRow(keyring, koperasiId, id, memberNumber, member)).execute();
  await recordInitialStatus(trx, { koperasiId, memberId: id, status: member.status, effectiveOn: member.joinedOn, changedBy });
  return { id, memberNumber };
}

/** Registers one member from the form, audited as member.create; answers her full record. */
export async function createMember(cmd: CommandContext, keyring: MemberKeyring, body: z.infer<typeof CreateMember>): Promise<MemberDetailDto> {
  const { trx, koperasiId, koperasi } = cmd;
  const member = checkNewMember(body, cmd.today);
  return mapRegistryConflicts(async () => {
    const { id, memberNumber } = await registerMember(trx, keyring, koperasi, member, cmd.actor.userId);
    await cmd.audit({
      action: "member.create",
      targetType: "member",
      targetId: id,
      // Never the NIK, phone or mother's maiden name: the audit log is read more widely than the register.
      details: {
        memberNumber,
        fullName: member.fullName,
        joinedOn: member.joinedOn,
        memberType: member.record.memberType,
        status: member.status,
        fields: filledFields(member.record),
      },
    });
    return (await readMemberDetail(trx, keyring, koperasiId, id, { identityVisible: true }))!;
  });
}

function filledFields(record: RegistryFields): string[] {
  return Object.entries(record)
    .filter(([key, value]) => key !== "memberType" && value !== null)
    .map(([key]) => key);
}

function recordOf(row: MemberRecordRow, identity: MemberIdentity): RegistryFields {
  return {
    memberType: row.member_type,
    nik: identity.nik,
    birthPlace: row.birth_place,
    birthDate: row.birth_date_text,
    gender: row.gender,
    maritalStatus: row.marital_status,
    address: row.address,
    phone: identity.phone,
    email: row.email,
    occupation: row.occupation,
    nomorBadanHukum: row.nomor_badan_hukum,
    nomorIndukKoperasi: row.nomor_induk_koperasi,
    motherMaidenName: identity.motherMaidenName,
    sourceOfFunds: row.source_of_funds,
    sourceOfFundsOther: row.source_of_funds_other,
  };
}

/**
 * Corrects a member's record. The whole record is checked again as it would
 * be stored (a new birth date against the NIK already on file, say). Every
 * sealed field is sealed afresh under the current key, so a row never mixes
 * keys. The audit entry names the fields changed, never their values for
 * NIK, phone or mother's maiden name.
 */
export async function updateMember(cmd: CommandContext, keyring: MemberKeyring, id: string, patch: z.infer<typeof UpdateMember>): Promise<MemberDetailDto> {
  const { trx, koperasiId } = cmd;
  return mapRegistryConflicts(async () => {
    const row = (await selectMemberRecord(trx, koperasiId).where("member.id", "=", id).forUpdate().executeTakeFirst()) as MemberRecordRow | undefined;
    if (!row) throw notFound("Anggota", "Member");
    const before = recordOf(row, openMemberIdentity(keyring, koperasiId, row));
    const after: RegistryFields = { ...before };
    const changed: string[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
      if (key === "fullName" || value === undefined) continue;
      (after as unknown as Record<string, unknown>)[key] = value;
    }
    const { nik, phone } = checkRegistryFields(after, { joinedOn: row.joined_on_text, today: cmd.today });
    after.nik = nik;
    after.phone = phone;
    for (const key of Object.keys(after) as (keyof RegistryFields)[]) {
      const value = key === "email" ? (after.email?.toLowerCase() ?? null) : after[key];
      if (value !== before[key]) changed.push(key);
    }
    const fullName = patch.fullName === undefined ? row.full_name : cleanName(patch.fullName);
    if (fullName !== row.full_name) changed.push("fullName");
    if (changed.length === 0) return (await readMemberDetail(trx, keyring, koperasiId, id, { identityVisible: true }))!;
    if (nik !== null && nik !== before.nik) await assertNikFree(trx, keyring, koperasiId, nik, id);
    await trx
      .updateTable("member")
      .set({
        full_name: fullName,
        ...registryColumns(after),
        ...sealMemberIdentity(keyring, koperasiId, id, { nik, phone, motherMaidenName: after.motherMaidenName }),
        updated_at: cmd.now,
      })
      .where("koperasi_id", "=", koperasiId)
      .where("id", "=", id)
      .execute();
    await cmd.audit({
      action: "member.update",
      targetType: "member",
      targetId: id,
      details: { memberNumber: row.member_number, changed, ...(changed.includes("fullName") ? { fullName } : {}) },
    });
    return (await readMemberDetail(trx, keyring, koperasiId, id, { identityVisible: true }))!;
  });
}
