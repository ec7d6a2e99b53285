import type { SavingsTermsInput} from "@koperasi/contracts";
import { CounterReceipt, SavingsBalance, SavingsHold, SavingsProduct, WithdrawalOutcome } from "@koperasi/contracts";
import type { z } from "zod";
import { api } from "../../../api/client";

// The counter's routes (simpanan): deposits and withdrawals carry the
// Idempotency-Key their caller made for the submission.

export type CounterReceiptData = z.output<typeof CounterReceipt>;
export type WithdrawalOutcomeData = z.output<typeof WithdrawalOutcome>;
export type SavingsStanding = z.output<typeof SavingsBalance> & { holds: z.output<typeof SavingsHold>[] };

export interface CounterBody {
  memberAccountId: string;
  amount: number;
}

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/savings`;
const idempotency = (key: string) => ({ "Idempotency-Key": key });

export const createDeposit = (koperasiId: string, body: CounterBody, key: string) =>
  api(`${base(koperasiId)}/deposits`, { method: "POST", json: body, headers: idempotency(key), schema: CounterReceipt });

export const createWithdrawal = (koperasiId: string, body: CounterBody, key: string) =>
  api(`${base(koperasiId)}/withdrawals`, { method: "POST", json: body, headers: idempotency(key), schema: WithdrawalOutcome });

export const fetchStanding = (koperasiId: string, memberAccountId: string) =>
  api(`${base(koperasiId)}/accounts/${encodeURIComponent(memberAccountId)}`, { schema: SavingsBalance.extend({ holds: SavingsHold.array() }) });

export type SavingsProductData = z.output<typeof SavingsProduct>;
export type SavingsTermsBody = z.input<typeof SavingsTermsInput>;

export const fetchProducts = (koperasiId: string) => api(`${base(koperasiId)}/products`, { schema: SavingsProduct.array() });

export const changeTerms = (koperasiId: string, productId: string, body: SavingsTermsBody) =>
  api(`${base(koperasiId)}/products/${encodeURIComponent(productId)}/terms`, { method: "POST", json: body, schema: SavingsProduct });
