import type { Transaction } from "kysely";
import type { z } from "zod";
import { CreateMember } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { normalizeNik, type BusinessDate } from "@koperasi/domain";
import { AppError } from "../errors/app-error";
import type { MemberKeyring } from "../members/member-keys";
import { blindIndexesForLookup } from "../members/member-pii";
import { checkNewMember, type CheckedMember } from "../members/members";
import { IMPORT_COLUMNS, type ImportField } from "./import-columns";
import type { Cell, Sheet, SheetRow } from "./read-sheet";

// The dry run: every row checked exactly as the registration form checks a
// member (checkNewMember), plus what only a spreadsheet can get wrong — cells
// Excel turned into numbers, dates in many shapes, duplicates inside the
// file — and duplicates against the members already in the book. Problems
// name the row and column as the spreadsheet shows them.

export type Severity = "error" | "warning";

export interface ImportProblem {
  row: number;
  /** Column letter, null when the problem is the whole row. */
  column: string | null;
  field: ImportField | null;
  severity: Severity;
  code: string;
  message: string;
}

export interface CheckedRow {
  rowNumber: number;
  member: CheckedMember;
}

export interface DryRun {
  rowsTotal: number;
  problems: ImportProblem[];
  /** Rows that passed, ready for registerMembers; the import runs only when no row has an error. */
  rows: CheckedRow[];
}

type CreateMemberBody = z.infer<typeof CreateMember>;

const HEADER_OF = new Map(IMPORT_COLUMNS.map((column) => [column.field, column.header]));
const SCIENTIFIC = /^[+-]?\d+([.,]\d+)?e[+-]?\d+$/i;

/** "Baris 7, kolom C (NIK): …" — how the web and the guide show a problem. */
export function describeProblem(problem: ImportProblem): string {
  const where = problem.column === null ? `Baris ${problem.row}` : `Baris ${problem.row}, kolom ${problem.column} (${HEADER_OF.get(problem.field!) ?? problem.field})`;
  return `${where}: ${problem.message}`;
}

const cellText = (cell: Cell): string => (cell.kind === "text" ? cell.text : cell.kind === "date" ? cell.iso : String(cell.value));

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an Excel date cell; undefined when it is none of these. */
export function readDate(cell: Cell): string | undefined {
  if (cell.kind === "date") return cell.iso;
  if (cell.kind === "number") return undefined;
  const text = cell.text.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let parts: [number, number, number] | undefined;
  if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) parts = [Number(match[3]), Number(match[2]), Number(match[1])];
  if (!parts || !isRealDate(...parts)) return undefined;
  const [y, m, d] = parts;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const GENDERS: Record<string, "male" | "female"> = { l: "male", lakilaki: "male", pria: "male", male: "male", p: "female", perempuan: "female", wanita: "female", female: "female" };
const MARITAL: Record<string, CreateMemberBody["maritalStatus"]> = { belumkawin: "belum_kawin", kawin: "kawin", ceraihidup: "cerai_hidup", ceraimati: "cerai_mati" };
const STATUSES: Record<string, "aktif" | "calon"> = { aktif: "aktif", calon: "calon" };
const fold = (text: string) => text.toLowerCase().replace(/[^a-z]/g, "");

interface RowReading {
  body: Record<string, unknown>;
  problems: Omit<ImportProblem, "row" | "column">[];
}

/** Turns one row's cells into a CreateMember body, noting what cannot be read. */
function readRow(row: SheetRow): RowReading {
  const body: Record<string, unknown> = {};
  const problems: RowReading["problems"] = [];
  const problem = (field: ImportField, code: string, message: string, severity: Severity = "error") => problems.push({ field, code, message, severity });
  for (const [field, cell] of Object.entries(row.cells) as [ImportField, Cell][]) {
    switch (field) {
      case "nik":
        if (cell.kind === "number") problem(field, "nik_number_cell", "NIK tersimpan sebagai angka, sehingga Excel sudah membulatkan digit terakhirnya. Ubah format kolom menjadi Teks lalu ketik ulang NIK.");
        else if (cell.kind === "text" && SCIENTIFIC.test(cell.text)) problem(field, "nik_scientific", `NIK tertulis "${cell.text}" (notasi ilmiah) dan digitnya sudah hilang. Ketik ulang NIK sebagai teks.`);
        else body.nik = cellText(cell);
        break;
      case "phone":
        if (cell.kind === "text" && SCIENTIFIC.test(cell.text)) problem(field, "phone_scientific", `Nomor HP tertulis "${cell.text}" (notasi ilmiah) dan digitnya sudah hilang. Ketik ulang sebagai teks.`);
        else if (cell.kind === "number" || (cell.kind === "text" && /^8\d{8,12}$/.test(cell.text))) {
          // A mobile number that lost its leading 0 ("812…") is unambiguous: +62 8…. Anything else that lost digits is not, and normalizePhone refuses it below.
          const digits = cell.kind === "number" ? String(cell.value) : cell.text;
          body.phone = digits;
          if (/^8\d{8,12}$/.test(digits)) problem(field, "phone_leading_zero_restored", `Angka 0 di depan nomor HP hilang (tertulis ${digits}); dibaca sebagai 0${digits}. Periksa kembali.`, "warning");
          else if (cell.kind === "number" && !digits.startsWith("62")) problem(field, "phone_number_cell", "Nomor HP tersimpan sebagai angka dan angka 0 di depannya hilang. Ubah format kolom menjadi Teks lalu ketik ulang.");
        } else body.phone = cellText(cell);
        break;
      case "birthDate":
      case "joinedOn": {
        const iso = readDate(cell);
        if (iso === undefined) problem(field, "date_invalid", `Tanggal "${cellText(cell)}" tidak dikenali. Gunakan dd/mm/yyyy (mis. 05/08/1968) atau yyyy-mm-dd.`);
        else body[field] = iso;
        break;
      }
      case "gender": {
        const gender = GENDERS[fold(cellText(cell))];
        if (gender === undefined) problem(field, "gender_unknown", `Jenis kelamin "${cellText(cell)}" tidak dikenal. Isi L atau P.`);
        else body.gender = gender;
        break;
      }
      case "maritalStatus": {
        const marital = MARITAL[fold(cellText(cell))];
        if (marital === undefined) problem(field, "marital_status_unknown", `Status perkawinan "${cellText(cell)}" tidak dikenal. Isi Belum Kawin, Kawin, Cerai Hidup, atau Cerai Mati.`);
        else body.maritalStatus = marital;
        break;
      }
      case "status": {
        const status = STATUSES[fold(cellText(cell))];
        if (status === undefined) problem(field, "status_unknown", `Status "${cellText(cell)}" tidak dikenal. Anggota baru berstatus aktif atau calon.`);
        else body.status = status;
        break;
      }
      default:
        body[field] = cellText(cell);
    }
  }
  return { body, problems };
}

const IMPORT_FIELDS = new Set<string>(IMPORT_COLUMNS.map((column) => column.field));
const fieldOfPath = (path: string): ImportField | null => {
  const name = path.replace(/^body\./, "").split(".")[0] ?? "";
  return IMPORT_FIELDS.has(name) ? (name as ImportField) : null;
};

/** Checks one row as the form would; the checked member, or the problems that stop it. */
function checkRow(row: SheetRow, today: BusinessDate): { member?: CheckedMember; problems: RowReading["problems"] } {
  const reading = readRow(row);
  if (reading.problems.some((p) => p.severity === "error")) return { problems: reading.problems };
  const parsed = CreateMember.safeParse(reading.body);
  if (!parsed.success) {
    return {
      problems: [
        ...reading.problems,
        ...parsed.error.issues.map((issue) => ({ field: fieldOfPath(String(issue.path[0] ?? "")), code: "invalid", message: issue.message, severity: "error" as const })),
      ],
    };
  }
  try {
    return { member: checkNewMember(parsed.data, today), problems: reading.problems };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.errors ?? [{ path: "", code: error.code, message: error.messageId }];
    return { problems: [...reading.problems, ...details.map((d) => ({ field: fieldOfPath(d.path), code: d.code, message: d.message, severity: "error" as const }))] };
  }
}

const CHUNK = 1000;

async function takenNikIndexes(trx: Transaction<DB>, koperasiId: string, indexes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < indexes.length; i += CHUNK) {
    const rows = await trx.selectFrom("member").select("nik_index").where("koperasi_id", "=", koperasiId).where("nik_index", "in", indexes.slice(i, i + CHUNK)).execute();
    for (const row of rows) if (row.nik_index) taken.add(row.nik_index);
  }
  return taken;
}

async function takenMemberNumbers(trx: Transaction<DB>, koperasiId: string, folded: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < folded.length; i += CHUNK) {
    const rows = await trx.selectFrom("member").select("member_number_folded").where("koperasi_id", "=", koperasiId).where("member_number_folded", "in", folded.slice(i, i + CHUNK)).execute();
    for (const row of rows) taken.add(row.member_number_folded);
  }
  return taken;
}

/** The whole dry run, reading the book inside the caller's tenant transaction. */
export async function checkSheet(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, sheet: Sheet, today: BusinessDate): Promise<DryRun> {
  const problems: ImportProblem[] = [];
  const add = (row: number, p: RowReading["problems"][number]) => problems.push({ ...p, row, column: p.field === null ? null : (sheet.columns[p.field] ?? null) });
  for (const unknown of sheet.unknownHeaders) {
    problems.push({ row: 1, column: unknown.column, field: null, severity: "warning", code: "column_ignored", message: `Kolom "${unknown.header}" tidak dikenal atau ganda dan diabaikan.` });
  }
  if (sheet.columns.fullName === undefined) {
    problems.push({ row: 1, column: null, field: null, severity: "error", code: "column_missing", message: 'Kolom "Nama Lengkap" tidak ada di baris judul. Gunakan templat impor.' });
  }
  const rows: CheckedRow[] = [];
  const firstRowOfNik = new Map<string, number>();
  const firstRowOfNumber = new Map<string, number>();
  for (const row of sheet.rows) {
    const result = checkRow(row, today);
    for (const p of result.problems) add(row.rowNumber, p);
    if (!result.member) continue;
    const { member } = result;
    let duplicate = false;
    const nik = member.identity.nik;
    if (nik !== null) {
      const first = firstRowOfNik.get(nik);
      if (first !== undefined) {
        add(row.rowNumber, { field: "nik", code: "nik_duplicate_in_file", message: `NIK sama dengan baris ${first}.`, severity: "error" });
        duplicate = true;
      } else firstRowOfNik.set(nik, row.rowNumber);
    }
    if (member.memberNumber !== undefined) {
      const folded = member.memberNumber.toLowerCase();
      const first = firstRowOfNumber.get(folded);
      if (first !== undefined) {
        add(row.rowNumber, { field: "memberNumber", code: "member_number_duplicate_in_file", message: `Nomor anggota sama dengan baris ${first}.`, severity: "error" });
        duplicate = true;
      } else firstRowOfNumber.set(folded, row.rowNumber);
    }
    if (!duplicate) rows.push({ rowNumber: row.rowNumber, member });
  }

  // Against the book: one query per thousand rows, never one per row. A NIK is
  // looked up under every key the keyring holds (rows not yet rotated count).
  const rowOfIndex = new Map<string, number>();
  for (const { rowNumber, member } of rows) {
    if (member.identity.nik === null) continue;
    for (const index of blindIndexesForLookup(keyring, koperasiId, "nik", normalizeNik(member.identity.nik))) rowOfIndex.set(index, rowNumber);
  }
  const takenNik = await takenNikIndexes(trx, koperasiId, [...rowOfIndex.keys()]);
  const nikTakenRows = new Set([...takenNik].map((index) => rowOfIndex.get(index)!));
  const takenNumbers = await takenMemberNumbers(trx, koperasiId, [...firstRowOfNumber.keys()]);
  for (const { rowNumber, member } of rows) {
    if (nikTakenRows.has(rowNumber)) add(rowNumber, { field: "nik", code: "nik_taken", message: "NIK sudah terdaftar sebagai anggota koperasi ini.", severity: "error" });
    if (member.memberNumber !== undefined && takenNumbers.has(member.memberNumber.toLowerCase())) {
      add(rowNumber, { field: "memberNumber", code: "member_number_taken", message: `Nomor anggota ${member.memberNumber} sudah dipakai anggota lain.`, severity: "error" });
    }
  }
  if (sheet.rows.length === 0) problems.push({ row: 2, column: null, field: null, severity: "error", code: "no_rows", message: "Berkas tidak berisi baris anggota." });
  problems.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));
  const failed = new Set(problems.filter((p) => p.severity === "error").map((p) => p.row));
  return { rowsTotal: sheet.rows.length, problems, rows: rows.filter((r) => !failed.has(r.rowNumber)) };
}
