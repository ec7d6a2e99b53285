import type { z } from "zod";
import type { OpeningBalanceProblem } from "@koperasi/contracts";
import { AppError } from "../errors/app-error";

// The refusals of going live. The dry run lists every problem of the
// balances brought in (each with its own code, in the answer's body); posting
// over any of them is refused at once with the first hundred as field errors.

type Problem = z.infer<typeof OpeningBalanceProblem> & { messageEn?: string };

const GO_LIVE_ERRORS = {
  opening_balance_has_problems: {
    status: 422,
    id: (count: number) => `Saldo awal belum dapat diposting: ${count} masalah harus diperbaiki dulu.`,
    en: (count: number) => `The opening balances cannot be posted: ${count} problems.`,
  },
} as const;

export function openingBalanceRefused(problems: readonly Problem[]): AppError {
  const refusal = GO_LIVE_ERRORS.opening_balance_has_problems;
  return new AppError(
    refusal.status,
    "opening_balance_has_problems",
    refusal.id(problems.length),
    refusal.en(problems.length),
    problems.slice(0, 100).map((p) => ({ path: `${p.section}${p.index === null ? "" : `.${p.index}`}${p.field ? `.${p.field}` : ""}`, code: p.code, message: p.message, ...(p.messageEn ? { messageEn: p.messageEn } : {}) })),
  );
}
