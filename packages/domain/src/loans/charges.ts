import { DomainError } from "../errors";
import { rupiah, sumRupiah, type Rupiah } from "../money";
import { applyRate, type Ratio } from "./ratio";

// Charges a product takes when a loan is disbursed (DOMAIN.md, "Pinjaman"):
// provisi 1% of Rp10.000.000 is Rp100.000, and the member receives
// Rp9.900.000 when it is deducted from the disbursement.

export type DisbursementChargeKind = "provisi" | "administrasi" | "asuransi";
export const DISBURSEMENT_CHARGE_KINDS: readonly DisbursementChargeKind[] = ["provisi", "administrasi", "asuransi"];

/** Deducted from the amount paid out, or paid by the member in cash at disbursement. */
export type ChargeCollection = "deducted" | "cash";

export type ChargeAmount =
  | { readonly type: "flat"; readonly amount: Rupiah }
  /** A fraction of the principal (1% = 1/100; see `parsePercent`), rounded half-up to the Rupiah. */
  | { readonly type: "percent"; readonly rate: Ratio };

export interface DisbursementChargeRule {
  readonly kind: DisbursementChargeKind;
  readonly amount: ChargeAmount;
  readonly collection: ChargeCollection;
}

export interface DisbursementCharge {
  readonly kind: DisbursementChargeKind;
  readonly amount: Rupiah;
  readonly collection: ChargeCollection;
}

export interface DisbursementCharges {
  readonly charges: readonly DisbursementCharge[];
  /** Taken out of the disbursement. */
  readonly deducted: Rupiah;
  /** Paid by the member in cash at the counter. */
  readonly paidInCash: Rupiah;
  readonly total: Rupiah;
  /** What is paid out to the member: the principal less the deducted charges. */
  readonly netDisbursed: Rupiah;
  /**
   * What the member is left with from the loan once every charge is paid,
   * deducted or in cash: the cash flow her effective rate starts from.
   */
  readonly netReceived: Rupiah;
}

function chargeAmount(principal: Rupiah, amount: ChargeAmount): Rupiah {
  switch (amount.type) {
    case "flat":
      if (!Number.isSafeInteger(amount.amount) || amount.amount < 0) throw new DomainError("amount_invalid");
      return amount.amount;
    case "percent":
      if (amount.rate.numerator < 0n) throw new DomainError("percent_invalid");
      return applyRate(principal, amount.rate);
    default:
      throw new DomainError("amount_invalid");
  }
}

/**
 * Each charge's amount and what the member gets. Throws
 * `loan_charges_exceed_principal` when the deducted charges would leave
 * nothing to pay out, or all charges together nothing to receive.
 */
export function disbursementCharges(principal: Rupiah, rules: readonly DisbursementChargeRule[]): DisbursementCharges {
  if (!Number.isSafeInteger(principal) || principal <= 0) throw new DomainError("loan_principal_invalid");
  const charges = rules.map((rule) => ({ kind: rule.kind, amount: chargeAmount(principal, rule.amount), collection: rule.collection }));
  const deducted = sumRupiah(charges.filter((charge) => charge.collection === "deducted").map((charge) => charge.amount));
  const paidInCash = sumRupiah(charges.filter((charge) => charge.collection === "cash").map((charge) => charge.amount));
  const total = sumRupiah([deducted, paidInCash]);
  if (total >= principal) throw new DomainError("loan_charges_exceed_principal");
  return {
    charges,
    deducted,
    paidInCash,
    total,
    netDisbursed: rupiah(principal - deducted),
    netReceived: rupiah(principal - total),
  };
}
