import type { Writable } from "node:stream";
import { loadExcel } from "../files/excel";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { formatTanggal, type MemberStatus } from "@koperasi/domain";
import type { Actor, CommandContext, Koperasi } from "../command/command-context";
import type { AppContext } from "../context";
import type { MemberKeyring } from "../members/member-keys";
import { maskNik, openMemberIdentity } from "../members/member-pii";
import { seesIdentity } from "../members/members";
import { dataTable, letterheadLines, letterheadOf, renderReport } from "../pdf";

// The buku daftar anggota as the law asks a cooperative to keep it: number,
// name, NIK, address, join date, status, exit date and reason, and a column
// for the member's signature. Read in batches by member number, so 100,000
// members never sit in memory at once: the Excel file is streamed row by row
// (exceljs' streaming writer); the PDF is printed in volumes (jilid).

export interface MemberBookRow {
  memberNumber: string;
  fullName: string;
  nik: string | null;
  address: string | null;
  joinedOn: string;
  status: MemberStatus;
  exitOn: string | null;
  exitReason: string | null;
}

export const MEMBER_BOOK_BATCH = 1000;
/** Members per PDF volume: a printable book, and a bound on what one PDF holds in memory. */
export const MEMBER_BOOK_VOLUME = 2000;

const STATUS_LABEL: Record<MemberStatus, string> = { calon: "Calon", aktif: "Aktif", keluar: "Keluar", meninggal: "Meninggal", diberhentikan: "Diberhentikan" };
const EXIT_STATUSES = ["keluar", "meninggal", "diberhentikan"] as const;

/** One batch after `afterNumber` (keyset paging on the member number, which the book is ordered by). */
async function readBatch(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, fullNik: boolean, afterNumber: string | null, limit: number): Promise<MemberBookRow[]> {
  let query = trx
    .selectFrom("member")
    .select(["id", "member_number", "full_name", "nik_sealed", "phone_sealed", "address", "status"])
    .select((eb) => eb.fn<string>("to_char", [eb.ref("joined_on"), eb.val("YYYY-MM-DD")]).as("joined_on"))
    .where("koperasi_id", "=", koperasiId)
    .orderBy("member_number")
    .limit(limit);
  if (afterNumber !== null) query = query.where("member_number", ">", afterNumber);
  const members = await query.execute();
  if (members.length === 0) return [];
  const exits = await trx
    .selectFrom("member_status_change")
    .select(["member_id", "reason"])
    .select((eb) => eb.fn<string>("to_char", [eb.ref("effective_on"), eb.val("YYYY-MM-DD")]).as("effective_on"))
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "in", members.map((m) => m.id))
    .where("to_status", "in", [...EXIT_STATUSES])
    .orderBy("effective_on")
    .orderBy("created_at")
    .execute();
  const exitOf = new Map(exits.map((e) => [e.member_id, e])); // later rows overwrite: the latest exit wins
  return members.map((m) => {
    const nik = openMemberIdentity(keyring, koperasiId, { ...m, mother_maiden_name_sealed: null }).nik;
    const exit = (EXIT_STATUSES as readonly string[]).includes(m.status) ? exitOf.get(m.id) : undefined;
    return {
      memberNumber: m.member_number,
      fullName: m.full_name,
      nik: nik === null ? null : fullNik ? nik : maskNik(nik),
      address: m.address,
      joinedOn: m.joined_on,
      status: m.status,
      exitOn: exit?.effective_on ?? null,
      exitReason: exit?.reason ?? null,
    };
  });
}

/** Every member in book order, a batch at a time. */
export async function* memberBookBatches(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, fullNik: boolean, options: { skip?: number; take?: number } = {}) {
  let after: string | null = null;
  let left = options.take ?? Number.POSITIVE_INFINITY;
  if (options.skip) {
    // The member number a volume starts after, found by the index rather than by reading the rows before it.
    const row = await trx.selectFrom("member").select("member_number").where("koperasi_id", "=", koperasiId).orderBy("member_number").offset(options.skip - 1).limit(1).executeTakeFirst();
    if (!row) return;
    after = row.member_number;
  }
  while (left > 0) {
    const batch = await readBatch(trx, keyring, koperasiId, fullNik, after, Math.min(MEMBER_BOOK_BATCH, left));
    if (batch.length === 0) return;
    yield batch;
    left -= batch.length;
    after = batch[batch.length - 1]!.memberNumber;
  }
}

const HEADERS = ["No.", "Nomor Anggota", "Nama Lengkap", "NIK", "Alamat", "Tanggal Masuk", "Status", "Tanggal Keluar", "Alasan Keluar", "Tanda Tangan"];

const cells = (index: number, row: MemberBookRow) => [
  String(index),
  row.memberNumber,
  row.fullName,
  row.nik ?? "",
  row.address ?? "",
  formatTanggal(row.joinedOn),
  STATUS_LABEL[row.status],
  row.exitOn ? formatTanggal(row.exitOn) : "",
  row.exitReason ?? "",
  "",
];

/** The full NIK for the register's keepers; masked for everyone else who may read the book. */
export const showsFullNik = (actor: Pick<Actor, "viaOperator" | "roles" | "positions">) => seesIdentity(actor);

/** Streams the book as .xlsx into `output`, the cooperative's letterhead in the first rows, read in the command's transaction. */
export async function writeMemberBookXlsx(cmd: CommandContext, keyring: MemberKeyring, output: Writable): Promise<void> {
  const { trx, koperasiId, koperasi } = cmd;
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const sheet = workbook.addWorksheet("Buku Daftar Anggota");
  sheet.columns = [6, 16, 28, 20, 36, 16, 12, 16, 28, 18].map((width) => ({ width }));
  sheet.addRow([koperasi.name]).font = { bold: true, size: 14 };
  for (const line of letterheadLines(koperasi)) sheet.addRow([line]).commit();
  sheet.addRow([]).commit();
  sheet.addRow(["BUKU DAFTAR ANGGOTA"]).font = { bold: true, size: 12 };
  sheet.addRow(HEADERS).font = { bold: true };
  let index = 0;
  for await (const batch of memberBookBatches(trx, keyring, koperasiId, showsFullNik(cmd.actor))) {
    for (const row of batch) {
      index += 1;
      const line = cells(index, row);
      sheet.addRow([index, ...line.slice(1)]).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

/** One volume (jilid, from 1) of the book: its rows as printed, and how many members the book holds. */
export interface MemberBookVolume {
  volume: number;
  rows: string[][];
  total: number;
}

/** Reads one volume of the book in the command's transaction. */
export async function readMemberBookVolume(cmd: CommandContext, keyring: MemberKeyring, volume: number): Promise<MemberBookVolume> {
  const { trx, koperasiId } = cmd;
  const skip = (volume - 1) * MEMBER_BOOK_VOLUME;
  const rows: string[][] = [];
  for await (const batch of memberBookBatches(trx, keyring, koperasiId, showsFullNik(cmd.actor), { skip, take: MEMBER_BOOK_VOLUME })) {
    for (const row of batch) rows.push(cells(skip + rows.length + 1, row));
  }
  const count = await trx.selectFrom("member").select((eb) => eb.fn.countAll<string>().as("n")).where("koperasi_id", "=", koperasiId).executeTakeFirstOrThrow();
  return { volume, rows, total: Number(count.n) };
}

/** A volume as an A4 landscape PDF on the letterhead (which reads the logo: outside any transaction). */
export async function renderMemberBookPdf(ctx: AppContext, koperasi: Koperasi, book: MemberBookVolume): Promise<Buffer> {
  const { volume, rows, total } = book;
  const skip = (volume - 1) * MEMBER_BOOK_VOLUME;
  const volumes = Math.max(1, Math.ceil(total / MEMBER_BOOK_VOLUME));
  return renderReport({
    letterhead: await letterheadOf(ctx, koperasi),
    title: "Buku Daftar Anggota",
    subtitle: volumes > 1 ? `Jilid ${volume} dari ${volumes} · anggota nomor urut ${skip + 1}–${skip + rows.length} dari ${total}` : `${total} anggota`,
    printedAt: ctx.now(),
    pageOrientation: "landscape",
    content: dataTable(
      HEADERS,
      rows.map((row) => row.map((text) => ({ text, fontSize: 7.5 })) as unknown as string[]),
      [22, 60, 100, 70, "*", 58, 42, 58, 80, 60],
    ),
  });
}
