import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import {
  commissionFee,
  formatRupiah,
  rupiahFromBigInt,
  type Rupiah,
  commissionRateInForce,
  commissionRatePercent,
  parseQris,
  quoteTotal,
  rupiah,
  type FeeBearer,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { RefusalWithRecord } from "../command/refusal-with-record";
import { AppError } from "../errors/app-error";
import { commissionError } from "./errors";
import { commissionRates } from "./rates";
import { feeBearerOf } from "./settings";

// A fee quote: what a payment of this kind and amount costs, shown before the
// member confirms. It is stored, bound to her, the kind, the amount and the
// payee (the scanned payload, kept as its hash), and lives five minutes; the
// payment takes the fee from it, so no fee is charged that was not quoted.
// Without a payload it is a preview (the fee table) and pays nothing.

export const QUOTE_TTL_MS = 5 * 60 * 1000;
const MAX_AMOUNT = 999_999_999_999;

export interface FeeQuoteDto {
  quoteId: string;
  kind: string;
  amount: number;
  fee: number;
  total: number;
  ratePercent: string;
  maximumFee?: number;
  bearer: FeeBearer;
  preview: boolean;
  expiresAt: string;
}

/** The hash a quote keeps of the payload it was made for. */
export function payloadHash(payload: string): string {
  return createHash("sha256").update(payload, "utf8").digest("hex");
}

interface Priced {
  kind: string;
  amount: Rupiah;
  fee: Rupiah;
  total: Rupiah;
  rate: number;
  maximumFee: Rupiah | null;
  rateId: string | null;
  bearer: FeeBearer;
}

/** The fee and total of a payment today: the rate in force for its kind (none: no fee) and who bears it here. */
async function price(cmd: CommandContext, kind: string, amount: Rupiah): Promise<Priced> {
  const rate = commissionRateInForce(await commissionRates(cmd.trx, kind), cmd.today);
  const fee = rate ? commissionFee(amount, rate.rate, rate.maximumFee) : rupiah(0);
  const bearer = await feeBearerOf(cmd.trx, cmd.koperasiId, kind);
  return { kind, amount, fee, total: quoteTotal(amount, fee, bearer), rate: rate?.rate ?? 0, maximumFee: rate?.maximumFee ?? null, rateId: rate?.id ?? null, bearer };
}

function quoteDto(id: string, priced: Priced, preview: boolean, expiresAt: Date): FeeQuoteDto {
  return {
    quoteId: id,
    kind: priced.kind,
    amount: priced.amount,
    fee: priced.fee,
    total: priced.total,
    ratePercent: commissionRatePercent(priced.rate),
    ...(priced.maximumFee === null ? {} : { maximumFee: priced.maximumFee }),
    bearer: priced.bearer,
    preview,
    expiresAt: expiresAt.toISOString(),
  };
}

async function storeQuote(trx: Transaction<DB>, cmd: CommandContext, id: string, priced: Priced, payload: string | undefined, expiresAt: Date): Promise<void> {
  await trx
    .insertInto("fee_quote")
    .values({
      koperasi_id: cmd.koperasiId,
      id,
      user_id: cmd.actor.userId,
      kind: priced.kind,
      amount: priced.amount,
      fee: priced.fee,
      total: priced.total,
      rate: priced.rate,
      maximum_fee: priced.maximumFee,
      bearer: priced.bearer,
      commission_rate_id: priced.rateId,
      payload_hash: payload === undefined ? null : payloadHash(payload),
      expires_at: expiresAt,
      created_at: cmd.now,
    })
    .execute();
}

export async function createFeeQuote(cmd: CommandContext, input: { kind: string; amount: number; payload?: string | undefined }): Promise<FeeQuoteDto> {
  if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > MAX_AMOUNT) throw commissionError("amount_invalid", { field: "body.amount" });
  if (input.payload !== undefined) {
    // A QRIS code is a bank's: recognised so she is told to pay it with her bank or e-wallet app.
    const qris = parseQris(input.payload);
    if (qris.ok) throw commissionError("qris_not_payable", { field: "body.payload", vars: { merchant: qris.qris.merchantName } });
  }
  const priced = await price(cmd, input.kind, rupiah(input.amount));
  const id = cmd.newId();
  const expiresAt = new Date(cmd.now.getTime() + QUOTE_TTL_MS);
  await storeQuote(cmd.trx, cmd, id, priced, input.payload, expiresAt);
  return quoteDto(id, priced, input.payload === undefined, expiresAt);
}

/** What a payment takes from its quote: the fee she was shown, and who bears it. */
export interface TakenQuote {
  readonly id: string;
  readonly kind: string;
  readonly amount: Rupiah;
  readonly fee: Rupiah;
  readonly total: Rupiah;
  readonly bearer: FeeBearer;
}

/**
 * For a money route paying with a quote: her own quote for this very
 * payload, not a preview, not used before; it is marked used. When it has
 * expired or today's fee would differ, the payment is refused with 409
 * `quote_stale` carrying a new quote (`quoteId`, `fee`, `total`, …), stored
 * although the payment is refused, so she confirms again what she will pay.
 */
export async function takeFeeQuote(cmd: CommandContext, input: { quoteId: string; payload: string }): Promise<TakenQuote> {
  const row = await cmd.trx
    .selectFrom("fee_quote")
    .selectAll()
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("id", "=", input.quoteId)
    .forUpdate()
    .executeTakeFirst();
  // Another person's quote is as unknown as none.
  if (!row || row.user_id !== cmd.actor.userId) throw commissionError("quote_unknown", { field: "body.quoteId" });
  if (row.payload_hash === null) throw commissionError("quote_is_preview", { field: "body.quoteId" });
  if (row.payload_hash !== payloadHash(input.payload)) throw commissionError("quote_payload_mismatch", { field: "body.payload" });
  if (row.used_at !== null) throw commissionError("quote_used", { field: "body.quoteId" });
  const quoted = { amount: rupiahFromBigInt(row.amount), fee: rupiahFromBigInt(row.fee), total: rupiahFromBigInt(row.total) };
  const now = await price(cmd, row.kind, quoted.amount);
  const expired = row.expires_at.getTime() <= cmd.now.getTime();
  if (expired || now.fee !== quoted.fee || now.total !== quoted.total || now.bearer !== row.bearer) {
    const id = cmd.newId();
    const expiresAt = new Date(cmd.now.getTime() + QUOTE_TTL_MS);
    const fresh = quoteDto(id, now, false, expiresAt);
    const stale = commissionError("quote_stale", { vars: { fee: formatRupiah(now.fee) } });
    throw new RefusalWithRecord(new AppError(stale.status, stale.code, stale.messageId, stale.messageEn, undefined, { ...fresh }), (trx) =>
      storeQuote(trx, cmd, id, now, input.payload, expiresAt),
    );
  }
  await cmd.trx.updateTable("fee_quote").set({ used_at: cmd.now }).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", row.id).execute();
  return { id: row.id, kind: row.kind, ...quoted, bearer: row.bearer };
}
