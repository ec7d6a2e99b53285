import { sql } from "kysely";
import type { Database } from "@koperasi/db";
import { encodeVerifierKey, generateSignerKey } from "@koperasi/tlog";
import { seedChartOfAccounts } from "../ledger/chart";
import type { MemberKeyring } from "../members/member-keys";
import { sealMemberIdentity } from "../members/member-pii";
import { keyNameFor, sealSeed, type LogKeyring } from "../transparency/keys";
import { sequenceKoperasi } from "../transparency/sequencer";
import { BulkPostingWriter, refreshStatistics } from "./bulk-writer";
import { businessDateOf, historyCommands, instant, monthsEndingWith, wajibClassOf, type HistoryAccounts, type HistoryMember } from "./history";
import { PeopleMaker, REGIONS, type Person } from "./people";
import { seeded as seededFrom, type Seeded } from "./seeded";

// `koperasi generate`: a whole cooperative from a seed — its registration
// row, chart of accounts, log keys, members (with NIK and phone) and their
// savings accounts, a history of postings written in bulk exactly as the
// posting path would have written them, and the log sequenced and
// checkpointed. The same seed and options give the same rows.

export type GeneratePhase = "anggota" | "transaksi" | "log";

export interface GenerateProgress {
  phase: GeneratePhase;
  done: number;
  /** An estimate for "transaksi" until the last month is planned. */
  total: number;
}

export interface GenerateOptions {
  members: number;
  months: number;
  seed: string;
  /** The last month of the history, YYYY-MM; default: the month before `now`. */
  end?: string | undefined;
  slug?: string | undefined;
  name?: string | undefined;
  /** The login recorded as having registered the cooperative (koperasi.created_by). */
  createdBy: string;
  /** When given, the leaves are sequenced and checkpoints signed with a log key derived from the seed. */
  keyring?: LogKeyring | undefined;
  /**
   * When given, members' NIK and phone are stored sealed under it with their
   * blind indexes, as the registry stores them (nonces from the seed, so the
   * same key and seed give the same ciphertexts); otherwise only the
   * unsealed registry fields (birth, gender) are filled.
   */
  memberKeys?: MemberKeyring | undefined;
  /** Nothing is dated after this; default: the wall clock. */
  now?: Date | undefined;
  /** Postings per transaction. */
  chunkSize?: number | undefined;
  /** Leaves per checkpoint while sequencing. */
  sequenceBatch?: number | undefined;
  onProgress?: ((progress: GenerateProgress) => void) | undefined;
}

export interface GeneratedMember {
  id: string;
  memberNumber: string;
  person: Person;
  joinedOn: string;
  pokokAccountId: string;
  wajibAccountId: string;
  sukarelaAccountId: string;
}

export interface GeneratedKoperasi {
  koperasiId: string;
  slug: string;
  members: GeneratedMember[];
  entries: number;
  checkpoints: number;
  seconds: { members: number; postings: number; log: number };
}

const MEMBER_CHUNK = 5000;

/** The month before `now` (WIB), YYYY-MM: the last complete month. */
export function lastCompleteMonth(now: Date): string {
  const wib = new Date(now.getTime() + 7 * 3_600_000);
  return new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export async function generateKoperasi(database: Database, options: GenerateOptions): Promise<GeneratedKoperasi> {
  if (!Number.isInteger(options.members) || options.members < 2) throw new Error("--members harus bilangan bulat ≥ 2");
  if (!Number.isInteger(options.months) || options.months < 1 || options.months > 120) throw new Error("--months harus 1–120");
  const now = options.now ?? new Date();
  const end = options.end ?? lastCompleteMonth(now);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(end)) throw new Error("--end harus YYYY-MM");
  const months = monthsEndingWith(end, options.months);
  const start = `${months[0]}-01`;
  const endOfHistory = Math.min(now.getTime(), instant(lastDayOf(end), 23, 59 * 60_000));
  const seeded = seededFrom(options.seed);
  const slug = options.slug ?? `uji-${options.members}-${options.seed}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const home = seeded.random("koperasi").pick(REGIONS);
  const koperasiId = seeded.uuidv7(instant(start, 0) - 400 * 86_400_000, "koperasi", 0);

  await database.db
    .insertInto("koperasi")
    .values({
      id: koperasiId,
      slug,
      name: options.name ?? `Koperasi Simpan Pinjam Uji ${home.name.replace(/^(Kota|Kabupaten) /, "")}`,
      type: "ksp",
      address: "Jl. Koperasi No. 1",
      city: home.name,
      province: home.province,
      time_zone: "Asia/Jakarta",
      email: `${slug}@koperasi.invalid`,
      phone: "+6281200000000",
      status: "approved",
      member_number_prefix: "KSP",
      created_by: options.createdBy,
      created_at: new Date(instant(start, 8) - 400 * 86_400_000),
    })
    .execute();
  let accountIndex = 0;
  const chart = await database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp", null, () => seeded.uuidv7(instant(start, 0) - 400 * 86_400_000, "gl_account", accountIndex++));
    return trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
  });
  const accounts = historyAccountsOf(chart);
  if (options.keyring) await insertLogKeys(database, options.keyring, koperasiId, slug, seeded);

  // Members: most joined before the history, some during it.
  const memberStarted = performance.now();
  const people = new PeopleMaker(home);
  const random = seeded.random("members");
  const lastJoin = businessDateOf(endOfHistory);
  const drafts = Array.from({ length: options.members }, (_, i) => {
    const person = people.make(random, start);
    const joinedOn = random.chance(0.85) ? shiftDays(start, -random.int(1, 8 * 365)) : pickDate(random, start, lastJoin);
    return { i, person, joinedOn, wajibAmount: wajibClassOf(random) };
  });
  drafts.sort((a, b) => (a.joinedOn < b.joinedOn ? -1 : a.joinedOn > b.joinedOn ? 1 : a.i - b.i));
  const members: (GeneratedMember & HistoryMember)[] = drafts.map((d, index) => {
    const at = instant(d.joinedOn, 8);
    return {
      index,
      id: seeded.uuidv7(at, "member", index),
      memberNumber: `KSP-${String(index + 1).padStart(6, "0")}`,
      person: d.person,
      joinedOn: d.joinedOn,
      wajibAmount: d.wajibAmount,
      pokokAccountId: seeded.uuidv7(at, "member_account/pokok", index),
      wajibAccountId: seeded.uuidv7(at, "member_account/wajib", index),
      sukarelaAccountId: seeded.uuidv7(at, "member_account/sukarela", index),
    };
  });
  await insertMembers(database, koperasiId, accounts, members, { memberKeys: options.memberKeys, seeded }, (done) => options.onProgress?.({ phase: "anggota", done, total: members.length }));
  await refreshStatistics(database);
  const memberSeconds = (performance.now() - memberStarted) / 1000;

  const postingStarted = performance.now();
  const entries = await writeHistory(database, {
    koperasiId,
    seeded,
    accounts,
    members,
    months,
    now: new Date(endOfHistory),
    createdBy: null,
    chunkSize: options.chunkSize,
    onProgress: options.onProgress,
  });
  const postingSeconds = (performance.now() - postingStarted) / 1000;

  const logStarted = performance.now();
  let checkpoints = 0;
  if (options.keyring) {
    let done = 0;
    for (;;) {
      const checkpoint = await sequenceKoperasi(database, options.keyring, koperasiId, new Date(endOfHistory), { batchSize: options.sequenceBatch ?? 20_000 });
      if (!checkpoint) break;
      checkpoints += 1;
      done = checkpoint.treeSize;
      options.onProgress?.({ phase: "log", done, total: entries });
    }
  }
  return {
    koperasiId,
    slug,
    members,
    entries,
    checkpoints,
    seconds: { members: memberSeconds, postings: postingSeconds, log: (performance.now() - logStarted) / 1000 },
  };
}

export interface HistoryWrite {
  koperasiId: string;
  seeded: Seeded;
  accounts: HistoryAccounts;
  members: readonly HistoryMember[];
  months: readonly string[];
  now: Date;
  createdBy: string | null;
  chunkSize?: number | undefined;
  onProgress?: ((progress: GenerateProgress) => void) | undefined;
}

/**
 * Plans the history and writes it through the bulk writer, month by month,
 * `chunkSize` postings per transaction; the next chunk is built while the
 * database writes the last. Returns the number of entries.
 */
export async function writeHistory(database: Database, input: HistoryWrite): Promise<number> {
  const writer = await BulkPostingWriter.open(database, input.koperasiId);
  const chunkSize = input.chunkSize ?? 5000;
  let estimate = Math.round(input.members.length * (1 + 1.3 * input.months.length));
  let monthsLeft = input.months.length;
  let writing: Promise<void> = Promise.resolve();
  for (const commands of historyCommands(input)) {
    monthsLeft -= 1;
    estimate = Math.max(writer.written + writer.pending + commands.length * (monthsLeft + 1), writer.written + writer.pending + commands.length);
    for (const command of commands) {
      writer.add(command);
      if (writer.pending >= chunkSize) {
        await writing;
        writing = writer.flush().then(() => input.onProgress?.({ phase: "transaksi", done: writer.written, total: estimate }));
        // Let the driver send the statements before the next chunk is built.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  await writing;
  await writer.flush();
  input.onProgress?.({ phase: "transaksi", done: writer.written, total: writer.written });
  return writer.written;
}

export function historyAccountsOf(chart: readonly { id: string; code: string }[]): HistoryAccounts {
  const idOf = (code: string) => {
    const found = chart.find((a) => a.code === code);
    if (!found) throw new Error(`the chart has no account ${code}`);
    return found.id;
  };
  return { kas: idOf("1-1100"), pokok: idOf("3-1100"), wajib: idOf("3-1200"), sukarela: idOf("2-1100") };
}

/** Members and their three savings accounts, in chunks; the member-number counter follows. */
async function insertMembers(
  database: Database,
  koperasiId: string,
  accounts: HistoryAccounts,
  members: readonly (GeneratedMember & HistoryMember)[],
  sealing: { memberKeys: MemberKeyring | undefined; seeded: Seeded },
  onProgress: (done: number) => void,
): Promise<void> {
  for (let from = 0; from < members.length; from += MEMBER_CHUNK) {
    const batch = members.slice(from, from + MEMBER_CHUNK);
    const owned = batch.flatMap((m) =>
      (
        [
          [m.pokokAccountId, accounts.pokok],
          [m.wajibAccountId, accounts.wajib],
          [m.sukarelaAccountId, accounts.sukarela],
        ] as const
      ).map(([id, control]) => ({ id, control, member: m })),
    );
    const { memberKeys, seeded } = sealing;
    const sealed = batch.map((m) =>
      memberKeys
        ? sealMemberIdentity(memberKeys, koperasiId, m.id, { nik: m.person.nik, phone: m.person.phone, motherMaidenName: null }, (field) =>
            seeded.bytes(`member_pii/${field}`, m.index, 12),
          )
        : null,
    );
    const column = (pick: (s: NonNullable<(typeof sealed)[number]>) => string | null) => sealed.map((s) => (s ? pick(s) : null));
    await database.tenant({ koperasiId }, async (trx) => {
      // unnest: one parameter per column however many rows (a VALUES list would pass PostgreSQL's 65,535-parameter limit).
      // The name index (member_name_token) is filled by its trigger.
      await sql`
        INSERT INTO member (koperasi_id, id, member_number, full_name, status, joined_on, created_at,
                            birth_place, birth_date, gender, nik_sealed, nik_index, phone_sealed, phone_index, pii_key_id)
        SELECT ${koperasiId}::uuid, m.id, m.member_number, m.full_name, 'aktif', m.joined_on, m.created_at,
               m.birth_place, m.birth_date, m.gender, m.nik_sealed, m.nik_index, m.phone_sealed, m.phone_index, m.pii_key_id
        FROM unnest(${batch.map((m) => m.id)}::uuid[], ${batch.map((m) => m.memberNumber)}::text[], ${batch.map((m) => m.person.fullName)}::text[],
                    ${batch.map((m) => m.joinedOn)}::date[], ${batch.map((m) => new Date(instant(m.joinedOn, 8)).toISOString())}::timestamptz[],
                    ${batch.map((m) => m.person.birthPlace)}::text[], ${batch.map((m) => m.person.birthDate)}::date[], ${batch.map((m) => m.person.gender)}::text[],
                    ${column((s) => s.nik_sealed)}::text[], ${column((s) => s.nik_index)}::text[], ${column((s) => s.phone_sealed)}::text[],
                    ${column((s) => s.phone_index)}::text[], ${column((s) => s.pii_key_id)}::text[])
          AS m (id, member_number, full_name, joined_on, created_at, birth_place, birth_date, gender, nik_sealed, nik_index, phone_sealed, phone_index, pii_key_id)`.execute(trx);
      await sql`
        INSERT INTO member_status_change (koperasi_id, id, member_id, from_status, to_status, effective_on, reason, created_at)
        SELECT ${koperasiId}::uuid, m.id, m.id, NULL, 'aktif', m.joined_on, 'Pendaftaran anggota', m.created_at
        FROM unnest(${batch.map((m) => m.id)}::uuid[], ${batch.map((m) => m.joinedOn)}::date[],
                    ${batch.map((m) => new Date(instant(m.joinedOn, 8)).toISOString())}::timestamptz[])
          AS m (id, joined_on, created_at)`.execute(trx);
      await sql`
        INSERT INTO member_account (koperasi_id, id, member_id, account_id, created_at)
        SELECT ${koperasiId}::uuid, a.id, a.member_id, a.account_id, a.created_at
        FROM unnest(${owned.map((a) => a.id)}::uuid[], ${owned.map((a) => a.member.id)}::uuid[], ${owned.map((a) => a.control)}::uuid[],
                    ${owned.map((a) => new Date(instant(a.member.joinedOn, 8)).toISOString())}::timestamptz[])
          AS a (id, member_id, account_id, created_at)`.execute(trx);
      await sql`
        INSERT INTO tenant_sequence (koperasi_id, id, last_value) VALUES (${koperasiId}::uuid, 'member_number', ${from + batch.length})
        ON CONFLICT (koperasi_id, id) DO UPDATE SET last_value = excluded.last_value`.execute(trx);
    });
    onProgress(from + batch.length);
  }
}

/** The log and witness keys, derived from the seed instead of drawn at random (ensureLogKeys would), sealed like every key. */
async function insertLogKeys(database: Database, keyring: LogKeyring, koperasiId: string, slug: string, seeded: Seeded): Promise<void> {
  await database.tenant({ koperasiId }, async (trx) => {
    for (const [purpose, type] of [
      ["log", "ed25519"],
      ["witness", "cosignature/v1"],
    ] as const) {
      const name = keyNameFor(purpose, keyring.publicUrl, slug);
      const signer = generateSignerKey(name, type, seeded.bytes("log_key", purpose, 32));
      await trx
        .insertInto("log_key")
        .values({
          koperasi_id: koperasiId,
          purpose,
          key_name: name,
          verifier_key: encodeVerifierKey(signer),
          sealed_signer_key: sealSeed(keyring.sealSecret, koperasiId, purpose, name, signer.seed),
        })
        .execute();
    }
  });
}

function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 1, 0)).toISOString().slice(0, 10);
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function pickDate(random: { int(min: number, max: number): number }, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00.000Z`);
  const b = Date.parse(`${to}T00:00:00.000Z`);
  return new Date(a + random.int(0, Math.max(0, Math.round((b - a) / 86_400_000))) * 86_400_000).toISOString().slice(0, 10);
}

export interface SampleHistoryOptions {
  koperasiId: string;
  /** Whose slips they are (the demo's kasir). */
  createdBy: string | null;
  now: Date;
  /** Full months before the current one; the current month runs up to `now`. */
  months?: number | undefined;
  seed?: string | undefined;
}

/**
 * A few months of savings activity for an existing cooperative's members
 * (the demo): each gets simpanan pokok, wajib and sukarela accounts, and the
 * same kind of history `koperasi generate` writes, up to `now`.
 */
export async function addSampleHistory(database: Database, options: SampleHistoryOptions): Promise<number> {
  const { koperasiId } = options;
  const seeded = seededFrom(options.seed ?? `sample/${koperasiId}`);
  const months = monthsEndingWith(businessDateOf(options.now.getTime()).slice(0, 7), (options.months ?? 3) + 1);
  const random = seeded.random("members");
  const { chart, existing } = await database.tenant({ koperasiId }, async (trx) => ({
    chart: await trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute(),
    existing: await trx
      .selectFrom("member")
      .select(["id", "member_number", sql<string>`to_char(joined_on, 'YYYY-MM-DD')`.as("joined_on")])
      .where("koperasi_id", "=", koperasiId)
      .where("status", "=", "aktif")
      .orderBy("member_number")
      .execute(),
  }));
  const accounts = historyAccountsOf(chart);
  const members: HistoryMember[] = existing.map((m, index) => {
    const at = instant(m.joined_on, 8);
    return {
      index,
      memberNumber: m.member_number,
      joinedOn: m.joined_on,
      wajibAmount: wajibClassOf(random),
      pokokAccountId: seeded.uuidv7(at, "member_account/pokok", index),
      wajibAccountId: seeded.uuidv7(at, "member_account/wajib", index),
      sukarelaAccountId: seeded.uuidv7(at, "member_account/sukarela", index),
    };
  });
  await database.tenant({ koperasiId }, async (trx) => {
    const rows = members.flatMap((m, i) =>
      (
        [
          [m.pokokAccountId, accounts.pokok],
          [m.wajibAccountId, accounts.wajib],
          [m.sukarelaAccountId, accounts.sukarela],
        ] as const
      ).map(([id, control]) => ({ koperasi_id: koperasiId, id, member_id: existing[i]?.id ?? "", account_id: control, created_at: new Date(instant(m.joinedOn, 8)) })),
    );
    if (rows.length > 0) await trx.insertInto("member_account").values(rows).execute();
  });
  return writeHistory(database, { koperasiId, seeded, accounts, members, months, now: options.now, createdBy: options.createdBy });
}
