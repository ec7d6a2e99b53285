import { z } from "zod";
import {
  ApplyForLoan,
  CreateLoanProduct,
  DisburseLoan,
  IdempotencyHeaders,
  KoperasiParams,
  Loan,
  LoanPosting,
  LoanProduct,
  LoanQuery,
  LoanSimulation,
  LoanSimulationRequest,
  LoanTermsInput,
  PublicLoanProduct,
  RejectLoan,
  RepayLoan,
  UpdateLoanProduct,
  Uuid,
} from "@koperasi/contracts";
import { businessDateOf, timeZoneOr } from "@koperasi/domain";
import { limitPerIp } from "../accounts/rate-limits";
import { koperasiBySlug } from "../branding/public-assets";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { admission, command, runCommand } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { postedEntryDto } from "../ledger/journal-entries";
import { privatePdf } from "../routes/member-card";
import { recordReceiptPrint } from "../savings/receipt";
import { applyForLoan, approveLoan, rejectLoan } from "./applications";
import { findLoan, listLoans } from "./loan-view";
import { disburseLoan, repayLoan, type LoanMoney } from "./postings";
import { changeLoanTerms, createLoanProduct, listLoanProducts, publicLoanProducts, updateLoanProduct } from "./products";
import { loanReceiptFor, renderLoanReceipt } from "./receipt";
import { simulateLoan } from "./simulation";

const tags = ["pinjaman"];
const ONE_MINUTE = 60_000;
const SlugParams = z.object({ slug: z.string().min(1).max(100) });
const ProductParams = z.object({ koperasiId: Uuid, productId: Uuid });
const LoanParams = z.object({ koperasiId: Uuid, loanId: Uuid });
const EntryParams = z.object({ koperasiId: Uuid, entryId: Uuid });

export async function loanRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    "/loan-simulations",
    {
      schema: {
        tags,
        summary: "Simulasi pinjaman (publik, tanpa masuk): jadwal angsuran, total bunga dan suku bunga efektif",
        description:
          "Metode: `flat`, `equal_principal` (menurun) atau `annuity` (anuitas). `monthlyRatePercent` berupa teks desimal, contoh `\"1.5\"`. `roundTo` 1 (Rupiah utuh, setengah ke atas), 100 atau 1000 (setiap angsuran kecuali terakhir dibulatkan ke atas). Suku bunga efektif: IRR arus kas anggota per bulan; per tahun = 12 × per bulan.",
        body: LoanSimulationRequest,
        response: { 200: LoanSimulation },
      },
      // No login and no database, but each answer is computed: a per-address budget keeps it from being used as a load generator.
      config: { rateLimit: limitPerIp("loan-simulation", 120, ONE_MINUTE) },
    },
    async (request) => simulateLoan(request.body),
  );

  app.get(
    "/public/koperasi/:slug/loan-products",
    {
      schema: { tags, summary: "Produk pinjaman koperasi yang ditawarkan, dengan ketentuan hari ini (publik, untuk halaman simulasi)", params: SlugParams, response: { 200: z.array(PublicLoanProduct) } },
      config: { rateLimit: limitPerIp("loan-products", 120, ONE_MINUTE) },
    },
    async (request) => {
      const koperasi = await koperasiBySlug(ctx, request.params.slug);
      if (koperasi.status !== "approved") throw notFound("Koperasi");
      const today = businessDateOf(ctx.now(), timeZoneOr(koperasi.time_zone));
      return ctx.database.tenant({ koperasiId: koperasi.id }, (trx) => publicLoanProducts(trx, koperasi.id, today));
    },
  );

  // --- Products ---------------------------------------------------------------
  app.get(
    "/koperasi/:koperasiId/loans/products",
    {
      schema: { tags, summary: "Produk pinjaman dengan ketentuan yang berlaku hari ini dan riwayatnya", params: KoperasiParams, response: { 200: z.array(LoanProduct) } },
      config: { gate: { action: ["loans.view", "loans.manage_products", "loans.view_self"] } },
    },
    async (request) => {
      const cmd = command(request);
      return listLoanProducts(cmd.trx, cmd.koperasiId, cmd.today);
    },
  );

  app.post(
    "/koperasi/:koperasiId/loans/products",
    {
      schema: { tags, summary: "Membuat produk pinjaman (akun GL bawaan: 1-1300, 4-1100, 4-1200, 4-1300)", params: KoperasiParams, body: CreateLoanProduct, response: { 201: LoanProduct } },
      config: { gate: { action: "loans.manage_products", audit: "loans.product_create" } },
    },
    async (request, reply) => {
      const product = await createLoanProduct(command(request), request.body);
      reply.status(201);
      return product;
    },
  );

  app.patch(
    "/koperasi/:koperasiId/loans/products/:productId",
    {
      schema: { tags, summary: "Mengubah nama atau status produk pinjaman", params: ProductParams, body: UpdateLoanProduct, response: { 200: LoanProduct } },
      config: { gate: { action: "loans.manage_products", audit: "loans.product_update" } },
    },
    async (request) => updateLoanProduct(command(request), request.params.productId, request.body),
  );

  app.post(
    "/koperasi/:koperasiId/loans/products/:productId/terms",
    {
      schema: {
        tags,
        summary: "Ketentuan baru produk pinjaman, berlaku mulai tanggal setelah hari ini (pinjaman yang ada tetap dengan ketentuannya)",
        params: ProductParams,
        body: LoanTermsInput,
        response: { 201: LoanProduct },
      },
      config: { gate: { action: "loans.manage_products", audit: "loans.terms_change" } },
    },
    async (request, reply) => {
      const product = await changeLoanTerms(command(request), request.params.productId, request.body);
      reply.status(201);
      return product;
    },
  );

  // --- A loan's life -------------------------------------------------------------
  app.post(
    "/koperasi/:koperasiId/loans",
    {
      schema: {
        tags,
        summary: "Permohonan pinjaman, diinput petugas (dengan memberId) atau diajukan anggota sendiri",
        params: KoperasiParams,
        body: ApplyForLoan,
        response: { 201: Loan },
      },
      config: { gate: { action: ["loans.apply", "loans.apply_self"], audit: "loans.apply" } },
    },
    async (request, reply) => {
      const loan = await applyForLoan(command(request), request.body);
      reply.status(201);
      return loan;
    },
  );

  app.get(
    "/koperasi/:koperasiId/loans",
    {
      schema: { tags, summary: "Pinjaman terbaru (anggota: pinjamannya sendiri), menurut status atau anggota", params: KoperasiParams, querystring: LoanQuery, response: { 200: z.array(Loan) } },
      config: { gate: { action: ["loans.view", "loans.view_self"] } },
    },
    async (request) => {
      const cmd = command(request);
      return listLoans(cmd, request.query, cmd.action === "loans.view_self" ? cmd.actor.userId : undefined);
    },
  );

  /** A loan the actor may see: staff any, a member her own (another's is as if it did not exist). */
  async function visibleLoan(cmd: CommandContext, loanId: string) {
    const loan = await findLoan(cmd, loanId);
    if (cmd.action === "loans.view_self") {
      const own = await cmd.trx.selectFrom("member").select("id").where("koperasi_id", "=", cmd.koperasiId).where("user_id", "=", cmd.actor.userId).where("id", "=", loan.memberId).executeTakeFirst();
      if (!own) throw notFound("Pinjaman", "Loan");
    }
    return loan;
  }

  app.get(
    "/koperasi/:koperasiId/loans/:loanId",
    {
      schema: { tags, summary: "Satu pinjaman: jadwal angsuran dengan pembayarannya, sisa pokok, angsuran berikutnya dan jumlah pelunasan hari ini", params: LoanParams, response: { 200: Loan } },
      config: { gate: { action: ["loans.view", "loans.view_self"] } },
    },
    async (request) => visibleLoan(command(request), request.params.loanId),
  );

  app.post(
    "/koperasi/:koperasiId/loans/:loanId/approve",
    {
      schema: { tags, summary: "Menyetujui pinjaman (bukan oleh yang menginputnya; di atas batas produk perlu dua pengurus)", params: LoanParams, response: { 200: Loan } },
      config: { gate: { action: "loans.approve", audit: "loans.approve" } },
    },
    async (request) => approveLoan(command(request), request.params.loanId),
  );

  app.post(
    "/koperasi/:koperasiId/loans/:loanId/reject",
    {
      schema: { tags, summary: "Menolak pinjaman dengan alasan", params: LoanParams, body: RejectLoan, response: { 200: Loan } },
      config: { gate: { action: "loans.approve", audit: "loans.reject" } },
    },
    async (request) => rejectLoan(command(request), request.params.loanId, request.body.reason),
  );

  async function postingDto(cmd: CommandContext, money: LoanMoney): Promise<z.infer<typeof LoanPosting>> {
    return {
      loan: await findLoan(cmd, money.loanId),
      entry: postedEntryDto(money.posted),
      receiptPdfUrl: `/api/v1/koperasi/${cmd.koperasiId}/loans/receipts/${money.posted.id}/receipt.pdf`,
      proofUrl: `/api/v1/koperasi/${cmd.koperasiId}/journals/${money.posted.id}/receipt`,
      allocation: money.allocation ? [...money.allocation.installments] : null,
    };
  }

  app.post(
    "/koperasi/:koperasiId/loans/:loanId/disbursement",
    {
      schema: {
        tags,
        summary: "Mencairkan pinjaman yang disetujui, tunai atau ke simpanan sukarela, dengan biaya dipotong; jadwal angsuran ditetapkan",
        params: LoanParams,
        headers: IdempotencyHeaders,
        body: DisburseLoan,
        response: { 201: LoanPosting },
      },
      config: { gate: { action: "loans.disburse", money: true, audit: "loans.disburse" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const money = await disburseLoan(cmd, request.params.loanId, request.body);
      reply.status(201);
      return postingDto(cmd, money);
    },
  );

  app.post(
    "/koperasi/:koperasiId/loans/:loanId/repayments",
    {
      schema: {
        tags,
        summary: "Angsuran tunai atau dari simpanan sukarela: denda, lalu bunga, lalu pokok, angsuran tertua dahulu; sebesar jumlah pelunasan melunasi pinjaman",
        params: LoanParams,
        headers: IdempotencyHeaders,
        body: RepayLoan,
        response: { 201: LoanPosting },
      },
      config: { gate: { action: "loans.repay", money: true } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const money = await repayLoan(cmd, request.params.loanId, request.body);
      reply.status(201);
      return postingDto(cmd, money);
    },
  );

  app.get(
    "/koperasi/:koperasiId/loans/receipts/:entryId/receipt.pdf",
    {
      schema: { tags, summary: "Bukti pencairan/angsuran/pelunasan pinjaman (PDF); cetak ulang bertanda SALINAN", params: EntryParams },
      // The letterhead reads the logo in a transaction of its own: the print is recorded and committed first, then drawn.
      config: { gate: { action: ["loans.view", "loans.repay", "loans.disburse", "loans.view_self"], transaction: "own" } },
    },
    async (request, reply) => {
      const { data, print, printedAt } = await runCommand(ctx, request, async (cmd) => {
        const found = await loanReceiptFor(cmd, request.params.entryId);
        const print = cmd.actor.viaOperator ? { printNo: 0, copy: true } : await recordReceiptPrint(cmd, found.entryId);
        return { data: found, print, printedAt: cmd.now };
      });
      const pdf = await renderLoanReceipt(ctx, admission(request).koperasi, data, { copy: print.copy, printedAt });
      return privatePdf(reply, pdf, `bukti-${data.voucherNo.replaceAll("/", "-")}${print.copy ? "-salinan" : ""}.pdf`);
    },
  );
}
