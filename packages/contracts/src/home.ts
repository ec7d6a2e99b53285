import { z } from "zod";
import { Amount, BusinessDate } from "./ledger";
import { Uuid } from "./common";

// The home screen: one answer with the figures each role starts its day
// from. A section is present only when the signed-in person may see it.

export const HomeAccountBalance = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  balance: Amount,
});
export type HomeAccountBalance = z.infer<typeof HomeAccountBalance>;

/** A member's own savings: the total and each account. */
/** One of her loans still waiting or running: what is left and the next installment due. */
export const HomeLoan = z.object({
  id: z.string(),
  productName: z.string(),
  status: z.enum(["applied", "approved", "disbursed"]),
  principal: Amount,
  outstandingPrincipal: Amount,
  nextDue: z.object({ dueDate: BusinessDate, amount: Amount }).nullable(),
});

export const HomeMine = z.object({
  memberNumber: z.string().nullable(),
  total: Amount,
  accounts: z.array(HomeAccountBalance),
  loans: z.array(HomeLoan),
});

/** Cash and bank: the balance now and what came in and went out today. */
export const HomeCash = z.object({
  balance: Amount,
  todayIn: Amount,
  todayOut: Amount,
  accounts: z.array(HomeAccountBalance),
});

export const HomeRecentEntry = z.object({
  id: Uuid,
  voucherNo: z.string().nullable(),
  businessDate: BusinessDate,
  description: z.string(),
  source: z.string(),
  amount: Amount,
});
export type HomeRecentEntry = z.infer<typeof HomeRecentEntry>;

/** One month of the last twelve: cash in and out, and savings and loans at its end. */
export const HomeMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  cashIn: Amount,
  cashOut: Amount,
  savings: Amount,
  loans: Amount,
});
export type HomeMonth = z.infer<typeof HomeMonth>;

export const HomeBooks = z.object({
  savings: Amount,
  loansOutstanding: Amount,
  months: z.array(HomeMonth),
});

export const HomeWaiting = z.object({
  pendingJournals: z.number().int(),
  applications: z.number().int(),
});

export const HomeReview = z.object({
  screeningMatches: z.number().int(),
});

/** A new cooperative's first steps; each ticks itself once done. */
export const HomeSetup = z.object({
  /** Profile completed with the cooperative's logo. */
  profile: z.boolean(),
  chartOfAccounts: z.boolean(),
  openingBalance: z.boolean(),
  members: z.boolean(),
  users: z.boolean(),
  modules: z.boolean(),
});
export type HomeSetup = z.infer<typeof HomeSetup>;
export type HomeSetupStep = keyof HomeSetup;

export const KoperasiHome = z.object({
  asOf: BusinessDate,
  mine: HomeMine.optional(),
  cash: HomeCash.optional(),
  recent: z.array(HomeRecentEntry).optional(),
  books: HomeBooks.optional(),
  waiting: HomeWaiting.optional(),
  review: HomeReview.optional(),
  setup: HomeSetup.optional(),
});
export type KoperasiHome = z.infer<typeof KoperasiHome>;
