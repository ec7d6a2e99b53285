import type { AccountType } from "./accounts";

// Where each account of a chart appears in the SAK EP statements (Permenkop
// UKM 2/2024): the line of the laporan posisi keuangan or perhitungan hasil
// usaha it adds to, and the activity of the laporan arus kas its cash
// counter-flows belong to. Accounts are placed by type and by the code ranges
// of the seeded charts (chart-templates.ts); an account a cooperative added
// that no range knows lands on its type's "lainnya" line, so no Rupiah is
// ever left out of a statement.

export type StatementSection =
  | "aset_lancar"
  | "aset_tidak_lancar"
  | "liabilitas_jangka_pendek"
  | "liabilitas_jangka_panjang"
  | "ekuitas"
  | "pendapatan"
  | "beban";

/** Kas: the cash and bank accounts themselves; their counter-lines make the arus kas. */
export type CashFlowActivity = "kas" | "operasi" | "investasi" | "pendanaan";

export interface StatementLineDefinition {
  readonly key: string;
  readonly label: string;
  readonly section: StatementSection;
  readonly activity: CashFlowActivity;
  /** A catch-all for accounts no range knows; shown only when the chart has such an account. */
  readonly other: boolean;
}

export const STATEMENT_SECTION_LABELS: Readonly<Record<StatementSection, string>> = {
  aset_lancar: "Aset Lancar",
  aset_tidak_lancar: "Aset Tidak Lancar",
  liabilitas_jangka_pendek: "Liabilitas Jangka Pendek",
  liabilitas_jangka_panjang: "Liabilitas Jangka Panjang",
  ekuitas: "Ekuitas",
  pendapatan: "Pendapatan",
  beban: "Beban",
};

export const CASH_FLOW_ACTIVITY_LABELS: Readonly<Record<Exclude<CashFlowActivity, "kas">, string>> = {
  operasi: "Arus Kas dari Aktivitas Operasi",
  investasi: "Arus Kas dari Aktivitas Investasi",
  pendanaan: "Arus Kas dari Aktivitas Pendanaan",
};

/** The key of the equity line that also carries the result not yet closed into it. */
export const SHU_LINE_KEY = "shu_tahun_berjalan";

type Rule = readonly [key: string, label: string, section: StatementSection, activity: CashFlowActivity, type: AccountType, prefixes: readonly string[]];

// In statement order. A KSP's members' savings and loans are its business,
// so simpanan sukarela and berjangka and loans to members are operating
// flows; simpanan pokok and wajib are members' capital (financing), as are
// bank loans and the SHU paid out.
const RULES: readonly Rule[] = [
  ["kas_setara_kas", "Kas dan setara kas", "aset_lancar", "kas", "aset", ["1-11", "1-12"]],
  ["piutang_pinjaman", "Piutang pinjaman anggota", "aset_lancar", "operasi", "aset", ["1-130"]],
  ["cadangan_kerugian_pinjaman", "Cadangan kerugian pinjaman", "aset_lancar", "operasi", "aset", ["1-131", "1-132", "1-133", "1-134", "1-135", "1-136", "1-137", "1-138", "1-139"]],
  ["pendapatan_masih_harus_diterima", "Pendapatan jasa yang masih harus diterima", "aset_lancar", "operasi", "aset", ["1-14"]],
  ["persediaan", "Persediaan barang dagangan", "aset_lancar", "operasi", "aset", ["1-15"]],
  ["penempatan_koperasi_lain", "Penempatan pada koperasi lain", "aset_tidak_lancar", "investasi", "aset", ["1-21"]],
  ["aset_tetap", "Aset tetap", "aset_tidak_lancar", "investasi", "aset", ["1-220"]],
  ["akumulasi_penyusutan", "Akumulasi penyusutan aset tetap", "aset_tidak_lancar", "investasi", "aset", ["1-221", "1-222", "1-223", "1-224", "1-225", "1-226", "1-227", "1-228", "1-229"]],
  ["simpanan_sukarela", "Simpanan sukarela", "liabilitas_jangka_pendek", "operasi", "liabilitas", ["2-11"]],
  ["simpanan_berjangka", "Simpanan berjangka", "liabilitas_jangka_pendek", "operasi", "liabilitas", ["2-12"]],
  ["utang_pajak", "Utang pajak", "liabilitas_jangka_pendek", "operasi", "liabilitas", ["2-13"]],
  ["dana_shu_belum_dibagi", "Dana SHU belum dibagi", "liabilitas_jangka_pendek", "pendanaan", "liabilitas", ["2-14"]],
  ["pinjaman_bank", "Pinjaman bank", "liabilitas_jangka_panjang", "pendanaan", "liabilitas", ["2-21"]],
  ["simpanan_pokok", "Simpanan pokok", "ekuitas", "pendanaan", "ekuitas", ["3-11"]],
  ["simpanan_wajib", "Simpanan wajib", "ekuitas", "pendanaan", "ekuitas", ["3-12"]],
  ["cadangan", "Cadangan", "ekuitas", "pendanaan", "ekuitas", ["3-2"]],
  ["hibah", "Hibah", "ekuitas", "pendanaan", "ekuitas", ["3-3"]],
  [SHU_LINE_KEY, "SHU tahun berjalan", "ekuitas", "pendanaan", "ekuitas", ["3-4"]],
  ["pendapatan_jasa_pinjaman", "Pendapatan jasa pinjaman", "pendapatan", "operasi", "pendapatan", ["4-11"]],
  ["pendapatan_provisi_administrasi", "Pendapatan provisi dan administrasi", "pendapatan", "operasi", "pendapatan", ["4-12"]],
  ["pendapatan_denda", "Pendapatan denda", "pendapatan", "operasi", "pendapatan", ["4-13"]],
  ["penjualan", "Penjualan", "pendapatan", "operasi", "pendapatan", ["4-2"]],
  ["beban_jasa_simpanan", "Beban jasa simpanan", "beban", "operasi", "beban", ["5-11"]],
  ["beban_penyisihan_kerugian", "Beban penyisihan kerugian pinjaman", "beban", "operasi", "beban", ["5-12"]],
  ["beban_personalia", "Beban personalia", "beban", "operasi", "beban", ["5-21"]],
  ["beban_organisasi_rat", "Beban organisasi dan RAT", "beban", "operasi", "beban", ["5-22"]],
  ["beban_penyusutan", "Beban penyusutan", "beban", "operasi", "beban", ["5-23"]],
  ["harga_pokok_penjualan", "Harga pokok penjualan", "beban", "operasi", "beban", ["5-31"]],
];

const OTHER: readonly StatementLineDefinition[] = [
  { key: "aset_lancar_lainnya", label: "Aset lancar lainnya", section: "aset_lancar", activity: "operasi", other: true },
  { key: "aset_tidak_lancar_lainnya", label: "Aset tidak lancar lainnya", section: "aset_tidak_lancar", activity: "investasi", other: true },
  { key: "liabilitas_jangka_pendek_lainnya", label: "Liabilitas jangka pendek lainnya", section: "liabilitas_jangka_pendek", activity: "operasi", other: true },
  { key: "liabilitas_jangka_panjang_lainnya", label: "Liabilitas jangka panjang lainnya", section: "liabilitas_jangka_panjang", activity: "pendanaan", other: true },
  { key: "ekuitas_lainnya", label: "Ekuitas lainnya", section: "ekuitas", activity: "pendanaan", other: true },
  { key: "pendapatan_lainnya", label: "Pendapatan lainnya", section: "pendapatan", activity: "operasi", other: true },
  { key: "beban_lainnya", label: "Beban lainnya", section: "beban", activity: "operasi", other: true },
];

const NAMED: readonly StatementLineDefinition[] = RULES.map(([key, label, section, activity]) => ({ key, label, section, activity, other: false }));

const SECTION_ORDER: readonly StatementSection[] = ["aset_lancar", "aset_tidak_lancar", "liabilitas_jangka_pendek", "liabilitas_jangka_panjang", "ekuitas", "pendapatan", "beban"];

/** Every line a statement can have, in print order: sections in order, the named lines, then the section's "lainnya". */
export const STATEMENT_LINES: readonly StatementLineDefinition[] = SECTION_ORDER.flatMap((section) => [
  ...NAMED.filter((line) => line.section === section),
  ...OTHER.filter((line) => line.section === section),
]);

const BY_KEY = new Map(STATEMENT_LINES.map((line) => [line.key, line]));

export function statementLine(key: string): StatementLineDefinition {
  const line = BY_KEY.get(key);
  if (!line) throw new Error(`unknown statement line ${key}`);
  return line;
}

function otherLineFor(code: string, type: AccountType): StatementLineDefinition {
  const current = code.startsWith(`${code.charAt(0)}-1`);
  switch (type) {
    case "aset":
      return statementLine(current ? "aset_lancar_lainnya" : "aset_tidak_lancar_lainnya");
    case "liabilitas":
      return statementLine(current ? "liabilitas_jangka_pendek_lainnya" : "liabilitas_jangka_panjang_lainnya");
    case "ekuitas":
      return statementLine("ekuitas_lainnya");
    case "pendapatan":
      return statementLine("pendapatan_lainnya");
    case "beban":
      return statementLine("beban_lainnya");
  }
}

/** The statement line an account adds to. Total: every account has one. */
export function statementLineOf(account: { readonly code: string; readonly type: AccountType }): StatementLineDefinition {
  const rule = RULES.find(([, , , , type, prefixes]) => type === account.type && prefixes.some((prefix) => account.code.startsWith(prefix)));
  return rule ? statementLine(rule[0]) : otherLineFor(account.code, account.type);
}

/** A cash or bank account: its movements are the arus kas, not a flow in it. */
export function isCashAccount(account: { readonly code: string; readonly type: AccountType }): boolean {
  return statementLineOf(account).activity === "kas";
}
