import type { KoperasiType } from "../koperasi";
import { defaultNormalBalance, type AccountType, type NormalBalance } from "./accounts";

// Charts of accounts a cooperative starts from (SAK EP, Permenkop UKM 2/2024;
// accounts as listed in ../shared/DOMAIN.md). The cooperative edits its own
// copy afterwards; changing a template never touches an existing chart.

export interface AccountTemplate {
  readonly code: string;
  readonly name: string;
  readonly type: AccountType;
  readonly normalBalance: NormalBalance;
  /** Code of the group account this one sits under. */
  readonly parentCode: string | null;
  /** A heading that only sums its children; it takes no postings. */
  readonly isGroup: boolean;
  /** Has member sub-ledgers (each member's simpanan or loan); refuses manual postings. */
  readonly isControl: boolean;
}

type Line = readonly [code: string, name: string, options?: { group?: true; control?: true; contra?: true }];

function section(type: AccountType, parentCode: string | null, lines: readonly Line[]): AccountTemplate[] {
  return lines.map(([code, name, options]) => {
    const normal = defaultNormalBalance(type);
    return {
      code,
      name,
      type,
      normalBalance: options?.contra ? (normal === "debit" ? "credit" : "debit") : normal,
      parentCode: code === parentCode ? null : parentCode,
      isGroup: options?.group === true,
      isControl: options?.control === true,
    };
  });
}

const KSP: readonly AccountTemplate[] = [
  ...section("aset", null, [["1-0000", "Aset", { group: true }]]),
  ...section("aset", "1-0000", [["1-1000", "Aset Lancar", { group: true }]]),
  ...section("aset", "1-1000", [
    ["1-1100", "Kas"],
    ["1-1200", "Bank"],
    ["1-1300", "Piutang Pinjaman Anggota", { control: true }],
    ["1-1310", "Cadangan Kerugian Pinjaman", { contra: true }],
    ["1-1400", "Pendapatan Jasa yang Masih Harus Diterima"],
  ]),
  ...section("aset", "1-0000", [["1-2000", "Aset Tidak Lancar", { group: true }]]),
  ...section("aset", "1-2000", [
    ["1-2100", "Penempatan pada Koperasi Lain"],
    ["1-2200", "Aset Tetap"],
    ["1-2210", "Akumulasi Penyusutan Aset Tetap", { contra: true }],
  ]),
  ...section("liabilitas", null, [["2-0000", "Liabilitas", { group: true }]]),
  ...section("liabilitas", "2-0000", [
    ["2-1100", "Simpanan Sukarela", { control: true }],
    ["2-1200", "Simpanan Berjangka", { control: true }],
    ["2-1300", "Utang Pajak"],
    ["2-1400", "Dana SHU Belum Dibagi", { group: true }],
  ]),
  // "Per pos": each share of the SHU the RAT decided is owed separately until paid.
  ...section("liabilitas", "2-1400", [
    ["2-1410", "SHU Bagian Anggota Belum Dibayar"],
    ["2-1420", "Dana Pengurus"],
    ["2-1430", "Dana Karyawan"],
    ["2-1440", "Dana Pendidikan"],
    ["2-1450", "Dana Sosial"],
  ]),
  ...section("liabilitas", "2-0000", [["2-2100", "Pinjaman Bank"]]),
  ...section("ekuitas", null, [["3-0000", "Ekuitas", { group: true }]]),
  ...section("ekuitas", "3-0000", [
    ["3-1100", "Simpanan Pokok", { control: true }],
    ["3-1200", "Simpanan Wajib", { control: true }],
    ["3-2100", "Cadangan"],
    ["3-3100", "Hibah"],
    ["3-4100", "SHU Tahun Berjalan"],
  ]),
  ...section("pendapatan", null, [["4-0000", "Pendapatan", { group: true }]]),
  ...section("pendapatan", "4-0000", [
    ["4-1100", "Pendapatan Jasa Pinjaman"],
    ["4-1200", "Pendapatan Provisi dan Administrasi"],
    ["4-1300", "Pendapatan Denda"],
  ]),
  ...section("beban", null, [["5-0000", "Beban", { group: true }]]),
  ...section("beban", "5-0000", [
    ["5-1100", "Beban Jasa Simpanan"],
    ["5-1200", "Beban Penyisihan Kerugian Pinjaman"],
    ["5-2100", "Beban Personalia"],
    ["5-2200", "Beban Organisasi dan RAT"],
    ["5-2300", "Beban Penyusutan"],
  ]),
];

/** What a cooperative that trades (KSU, konsumen, produsen) adds: inventory, sales and their cost. */
const TRADING: readonly AccountTemplate[] = [
  ...section("aset", "1-1000", [["1-1500", "Persediaan Barang Dagangan"]]),
  ...section("pendapatan", "4-0000", [["4-2100", "Penjualan"]]),
  ...section("beban", "5-0000", [["5-3100", "Harga Pokok Penjualan"]]),
];

function withTrading(base: readonly AccountTemplate[]): AccountTemplate[] {
  return [...base, ...TRADING].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const TEMPLATES: Readonly<Record<KoperasiType, readonly AccountTemplate[]>> = {
  ksp: KSP,
  ksu: withTrading(KSP),
  konsumen: withTrading(KSP),
  produsen: withTrading(KSP),
  jasa: KSP,
  // KSPPS keep sharia accounts (murabahah, mudharabah, wadiah): a later
  // product line with its own template. Until then they start from the KSP
  // chart, which they can edit, rather than from nothing.
  kspps: KSP,
};

/** The starting chart for a cooperative type, parents before children. */
export function chartTemplateFor(type: KoperasiType): readonly AccountTemplate[] {
  return TEMPLATES[type];
}
