import { createHash } from "node:crypto";
import {
  commissionFee,
  commissionRateInForce,
  commissionRatePercent,
  parseQris,
  quoteTotal,
  rupiah,
  type FeeBearer,
} from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
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

export async function createFeeQuote(cmd: CommandContext, input: { kind: string; amount: number; payload?: string | undefined }): Promise<FeeQuoteDto> {
  if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > MAX_AMOUNT) throw commissionError("amount_invalid", { field: "body.amount" });
  if (input.payload !== undefined) {
    // A QRIS code is a bank's: recognised so she is told to pay it with her bank or e-wallet app.
    const qris = parseQris(input.payload);
    if (qris.ok) throw commissionError("qris_not_payable", { field: "body.payload", vars: { merchant: qris.qris.merchantName } });
  }
  const amount = rupiah(input.amount);
  const rate = commissionRateInForce(await commissionRates(cmd.trx, input.kind), cmd.today);
  // A kind the operator has set no rate for carries no fee.
  const fee = rate ? commissionFee(amount, rate.rate, rate.maximumFee) : rupiah(0);
  const bearer = await feeBearerOf(cmd.trx, cmd.koperasiId, input.kind);
  const total = quoteTotal(amount, fee, bearer);
  const id = cmd.newId();
  const expiresAt = new Date(cmd.now.getTime() + QUOTE_TTL_MS);
  await cmd.trx
    .insertInto("fee_quote")
    .values({
      koperasi_id: cmd.koperasiId,
      id,
      user_id: cmd.actor.userId,
      kind: input.kind,
      amount,
      fee,
      total,
      rate: rate?.rate ?? 0,
      maximum_fee: rate?.maximumFee ?? null,
      bearer,
      commission_rate_id: rate?.id ?? null,
      payload_hash: input.payload === undefined ? null : payloadHash(input.payload),
      expires_at: expiresAt,
      created_at: cmd.now,
    })
    .execute();
  return {
    quoteId: id,
    kind: input.kind,
    amount,
    fee,
    total,
    ratePercent: commissionRatePercent(rate?.rate ?? 0),
    ...(rate?.maximumFee == null ? {} : { maximumFee: rate.maximumFee }),
    bearer,
    preview: input.payload === undefined,
    expiresAt: expiresAt.toISOString(),
  };
}
