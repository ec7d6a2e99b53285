import type { FinancialStatementsReport } from "@koperasi/contracts";
import { formatRupiah, formatTanggal, isKoperasiType, KOPERASI_TYPE_LABELS, reportPeriodName, rupiah } from "@koperasi/domain";
import type { ProductDto } from "../savings/products";
import type { Koperasi } from "../command/command-context";

// The skeleton of the catatan atas laporan keuangan (CALK): the general
// information and the accounting policies, filled in from what the
// cooperative has set (its profile, its savings products and their terms on
// the as-at date), then for each line of the posisi keuangan the accounts
// behind it. What the books cannot know (events after the reporting date,
// contingencies) is left as a heading for the pengurus to complete.

export interface CalkSection {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const KIND_LABELS: Readonly<Record<string, string>> = { pokok: "Simpanan pokok", wajib: "Simpanan wajib", sukarela: "Simpanan sukarela", berjangka: "Simpanan berjangka" };

function productPolicy(product: ProductDto): string {
  const terms = product.terms;
  const parts = [`${product.name} (${KIND_LABELS[product.kind] ?? product.kind}, akun ${product.accountCode})`];
  if (terms.pokokAmount !== null) parts.push(`sebesar ${formatRupiah(rupiah(terms.pokokAmount))} sekali selama menjadi anggota`);
  if (terms.wajibAmount !== null) parts.push(`sebesar ${formatRupiah(rupiah(terms.wajibAmount))} per ${terms.wajibPeriod === "yearly" ? "tahun" : terms.wajibPeriod === "quarterly" ? "triwulan" : "bulan"}`);
  if (terms.annualRatePercent !== null) parts.push(`jasa ${terms.annualRatePercent.replace(".", ",")}% per tahun`);
  if (terms.tenorMonths !== null) parts.push(`jangka waktu ${terms.tenorMonths} bulan`);
  return `${parts.join(", ")}.`;
}

export function calkSections(koperasi: Koperasi, report: FinancialStatementsReport, products: readonly ProductDto[]): CalkSection[] {
  const type = isKoperasiType(koperasi.type) ? KOPERASI_TYPE_LABELS[koperasi.type].id : koperasi.type;
  const legal = [koperasi.nomor_badan_hukum ? `badan hukum nomor ${koperasi.nomor_badan_hukum}` : "", koperasi.nib ? `NIB ${koperasi.nib}` : ""].filter(Boolean).join(", ");
  const address = [koperasi.address, koperasi.city, koperasi.province].filter(Boolean).join(", ");
  const equityProducts = products.filter((p) => p.kind === "pokok" || p.kind === "wajib");
  const liabilityProducts = products.filter((p) => p.kind === "sukarela" || p.kind === "berjangka");
  return [
    {
      title: "1. Umum",
      paragraphs: [
        `${koperasi.name} adalah ${type}${legal ? ` dengan ${legal}` : ""}, berkedudukan di ${address}.`,
        `Laporan keuangan ini mencakup periode ${reportPeriodName(report.period)} (${formatTanggal(report.period.from)} s.d. ${formatTanggal(report.period.to)}) dengan pembanding ${reportPeriodName(report.priorPeriod)}.`,
      ],
    },
    {
      title: "2. Ikhtisar Kebijakan Akuntansi",
      paragraphs: [
        "a. Dasar penyusunan. Laporan keuangan disusun sesuai Standar Akuntansi Keuangan Entitas Privat (SAK EP) dan Peraturan Menteri Koperasi dan UKM Nomor 2 Tahun 2024, dengan dasar akrual dan konsep biaya historis, dalam mata uang Rupiah tanpa desimal. Tahun buku adalah 1 Januari s.d. 31 Desember.",
        "b. Kas dan setara kas terdiri atas kas di tangan dan saldo rekening bank. Laporan arus kas disusun dengan metode langsung dari setiap transaksi yang menggerakkan kas atau bank.",
        "c. Piutang pinjaman anggota dicatat sebesar pokok yang belum dilunasi, dikurangi cadangan kerugian pinjaman.",
        "d. Aset tetap dicatat sebesar biaya perolehan dikurangi akumulasi penyusutan.",
        `e. Simpanan pokok dan simpanan wajib anggota adalah ekuitas koperasi${equityProducts.length > 0 ? `: ${equityProducts.map(productPolicy).join(" ")}` : "."}`,
        `f. Simpanan sukarela dan simpanan berjangka adalah liabilitas kepada anggota${liabilityProducts.length > 0 ? `: ${liabilityProducts.map(productPolicy).join(" ")}` : "."} Jasa simpanan dibebankan setiap bulan; PPh final atas jasa simpanan dipotong sesuai PP 15/2009 dan dicatat sebagai utang pajak sampai disetor.`,
        "g. Pendapatan jasa pinjaman, provisi, administrasi dan denda diakui pada saat terjadinya. Beban diakui pada saat terjadinya.",
        "h. Sisa hasil usaha (SHU) tahun berjalan adalah pendapatan dikurangi beban. Pada tutup buku, SHU dipindahkan ke akun SHU tahun berjalan; pembagiannya ditetapkan Rapat Anggota Tahunan sesuai anggaran dasar dan anggaran rumah tangga. Jurnal penutup tidak termasuk dalam laporan perhitungan hasil usaha tahun yang ditutupnya.",
      ],
    },
    {
      title: "3. Penjelasan Pos-pos Laporan Posisi Keuangan",
      paragraphs: ["Rincian setiap pos menurut akun buku besar, per tanggal laporan dan tanggal pembanding, tercantum dalam tabel berikut."],
    },
    {
      title: "4. Peristiwa Setelah Tanggal Laporan dan Kontinjensi",
      paragraphs: ["(Diisi oleh pengurus: peristiwa penting setelah tanggal laporan, perkara hukum, jaminan yang diberikan, dan komitmen.)"],
    },
  ];
}
