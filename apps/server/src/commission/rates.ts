import type { FastifyBaseLogger } from "fastify";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import {
  commissionRateFromPercent,
  commissionRateIssues,
  commissionRatePercent,
  formatRupiah,
  formatTanggal,
  rupiah,
  rupiahFromBigInt,
  uuidv7,
  type BusinessDate,
  type CommissionRate,
  type CommissionRateIssue,
} from "@koperasi/domain";
import { defer } from "../accounts/deferred-work";
import type { AppContext } from "../context";
import type { FieldError } from "../errors/app-error";
import { AppError } from "../errors/app-error";
import { commissionError } from "./errors";

// The platform's commission rates, set by the operator. A rate is a new row
// from a date at least 30 days ahead, never an edit; every cooperative's
// admins are told in the app and by e-mail as soon as it is set.

export interface CommissionRateRow extends CommissionRate {
  readonly id: string;
  readonly setAt: Date;
}

export interface CommissionRateDto {
  id: string;
  kind: string;
  ratePercent: string;
  maximumFee: number | null;
  effectiveFrom: string;
  setAt: string;
}

export function commissionRateDto(row: CommissionRateRow): CommissionRateDto {
  return {
    id: row.id,
    kind: row.kind,
    ratePercent: commissionRatePercent(row.rate),
    maximumFee: row.maximumFee,
    effectiveFrom: row.effectiveFrom,
    setAt: row.setAt.toISOString(),
  };
}

/** Every rate of every kind, oldest first; `kind` narrows to one. */
export async function commissionRates(trx: Transaction<DB>, kind?: string): Promise<CommissionRateRow[]> {
  let query = trx
    .selectFrom("commission_rate")
    .select(["id", "kind", "rate", "maximum_fee", "set_at"])
    .select((eb) => eb.fn<string>("to_char", ["effective_from", eb.val("YYYY-MM-DD")]).as("effective_from"))
    .orderBy("kind")
    .orderBy("effective_from");
  if (kind !== undefined) query = query.where("kind", "=", kind);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    rate: row.rate,
    maximumFee: row.maximum_fee === null ? null : rupiahFromBigInt(row.maximum_fee),
    effectiveFrom: row.effective_from,
    setAt: row.set_at,
  }));
}

const ISSUE_TEXT: Record<CommissionRateIssue, readonly [id: string, en: string]> = {
  kind_invalid: ["Jenis transaksi: huruf kecil, angka dan garis bawah, mis. qr_transfer.", "Kind: lower-case letters, digits and underscores, e.g. qr_transfer."],
  rate_out_of_band: ["Komisi harus antara 0,5% dan 1%, ditulis sebagai teks desimal (mis. \"0.75\").", "The commission must be between 0.5% and 1%, written as a decimal string (e.g. \"0.75\")."],
  maximum_invalid: ["Batas atas komisi harus Rupiah bulat lebih dari nol (tidak ada batas bawah).", "The maximum must be whole Rupiah above zero (there is never a minimum)."],
  too_soon: ["Komisi baru berlaku paling cepat 30 hari dari hari ini.", "A new commission applies 30 days from today at the earliest."],
};

/** The operator's new rate: checked, stored, audited in no cooperative (it is the platform's), and announced. */
export async function setCommissionRate(
  ctx: AppContext,
  log: FastifyBaseLogger,
  operatorId: string,
  input: { kind: string; ratePercent: string; maximumFee?: number | null | undefined; effectiveFrom: BusinessDate },
  today: BusinessDate,
): Promise<CommissionRateDto> {
  const rate = commissionRateFromPercent(input.ratePercent);
  const maximumFee = input.maximumFee ?? null;
  const issues = commissionRateIssues({ kind: input.kind, rate, maximumFee, effectiveFrom: input.effectiveFrom, today });
  const fields = Object.entries(issues) as [string, CommissionRateIssue][];
  if (fields.length > 0) {
    const errors: FieldError[] = fields.map(([field, issue]) => ({ path: `body.${field}`, code: issue, message: ISSUE_TEXT[issue][0], messageEn: ISSUE_TEXT[issue][1] }));
    throw new AppError(400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", errors);
  }
  const id = uuidv7();
  const row = await ctx.database.platform(async (trx) => {
    const clash = await trx.selectFrom("commission_rate").select("id").where("kind", "=", input.kind).where("effective_from", "=", input.effectiveFrom).executeTakeFirst();
    if (clash) throw commissionError("rate_date_taken", { field: "body.effectiveFrom" });
    await trx
      .insertInto("commission_rate")
      .values({ id, kind: input.kind, rate: rate!, maximum_fee: maximumFee, effective_from: input.effectiveFrom, set_by: operatorId, set_at: ctx.now() })
      .execute();
    return (await commissionRates(trx, input.kind)).find((r) => r.id === id)!;
  });
  defer(ctx, log, "commission.announce", () => announceRate(ctx, row));
  return commissionRateDto(row);
}

/** The words of the announcement, the same in the app and in the e-mail. */
export function announcement(row: CommissionRateRow): { title: string; body: string } {
  const percent = `${commissionRatePercent(row.rate).replace(".", ",")}%`;
  const cap = row.maximumFee === null ? "tanpa batas atas" : `paling banyak ${formatRupiah(rupiah(row.maximumFee))} per transaksi`;
  return {
    title: `Komisi platform ${row.kind} menjadi ${percent} mulai ${formatTanggal(row.effectiveFrom)}`,
    body: [
      `Mulai ${formatTanggal(row.effectiveFrom)}, komisi platform untuk transaksi ${row.kind} adalah ${percent} dari nilai transaksi (${cap}, tanpa biaya minimum).`,
      "Komisi selalu ditampilkan kepada anggota sebelum ia mengonfirmasi pembayaran. Koperasi dapat memilih siapa yang menanggungnya (anggota atau koperasi) di Pengaturan Pembayaran.",
    ].join("\n\n"),
  };
}

/** Tells every approved cooperative: a notice in the app and an e-mail to each of its active admins. */
async function announceRate(ctx: AppContext, row: CommissionRateRow): Promise<void> {
  const { title, body } = announcement(row);
  const cooperatives = await ctx.database.platform((trx) => trx.selectFrom("koperasi").select("id").where("status", "=", "approved").orderBy("id").execute());
  for (const { id: koperasiId } of cooperatives) {
    const admins = await ctx.database.tenant({ koperasiId }, async (trx) => {
      await trx.insertInto("koperasi_notice").values({ koperasi_id: koperasiId, id: uuidv7(), kind: "commission_rate", title, body }).execute();
      return trx
        .selectFrom("koperasi_user")
        .innerJoin("user", "user.id", "koperasi_user.user_id")
        .select(["user.email"])
        .where("koperasi_user.koperasi_id", "=", koperasiId)
        .where("koperasi_user.status", "=", "active")
        .where((eb) => eb(eb.val("admin"), "=", eb.fn.any("koperasi_user.roles")))
        .execute();
    });
    for (const admin of admins) await ctx.messenger.sendEmail({ to: admin.email, koperasiId, subject: title, text: body });
  }
}
