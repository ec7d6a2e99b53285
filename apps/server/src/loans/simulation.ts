import type { z } from "zod";
import type { LoanSimulation, LoanSimulationRequest } from "@koperasi/contracts";
import { effectiveRateOfSchedule, isDomainError, parsePercent, repaymentSchedule, rupiah, type DomainErrorCode } from "@koperasi/domain";
import { AppError } from "../errors/app-error";

// The loan simulator: the schedule and costs of a monthly loan from terms
// typed in by anyone. The same domain code makes a real loan's schedule.

type SimulationInput = z.output<typeof LoanSimulationRequest>;

/** The request field a refusal of the domain belongs to, so the form can show it there. */
const FIELD_OF: Partial<Record<DomainErrorCode, keyof SimulationInput>> = {
  loan_principal_invalid: "principal",
  loan_principal_too_small: "principal",
  loan_tenor_invalid: "tenorMonths",
  percent_invalid: "monthlyRatePercent",
  loan_method_invalid: "method",
  loan_rounding_too_coarse: "roundTo",
  rounding_invalid: "roundTo",
};

export function simulateLoan(input: SimulationInput): LoanSimulation {
  try {
    const schedule = repaymentSchedule({
      principal: rupiah(input.principal),
      installments: input.tenorMonths,
      monthlyRate: parsePercent(input.monthlyRatePercent),
      method: input.method,
      frequency: "monthly",
      roundTo: input.roundTo,
    });
    const rate = effectiveRateOfSchedule(schedule, "monthly");
    return {
      schedule: schedule.installments.map(({ period, principal, interest, installment, balance }) => ({ period, principal, interest, installment, balance })),
      totalInterest: schedule.totalInterest,
      totalPayment: schedule.totalPayment,
      effectiveMonthlyRatePercent: rate.monthlyPercent,
      effectiveAnnualRatePercent: rate.annualPercent,
    };
  } catch (error) {
    const field = isDomainError(error) ? FIELD_OF[error.code] : undefined;
    if (!isDomainError(error) || !field) throw error;
    throw new AppError(400, error.code, error.messageId, error.messageEn, [{ path: `body.${field}`, code: error.code, message: error.messageId }]);
  }
}
