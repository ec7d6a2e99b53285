// Settling a leaving member's accounts before her status changes (keluar,
// meninggal, diberhentikan). Each kind of account settles through its own
// step — savings are paid out now; loans and other products add their steps
// later — and every step first says what it would post, so staff see the
// whole settlement before confirming it.

export interface SettlementAccount {
  readonly memberAccountId: string;
  readonly accountId: string;
  readonly accountCode: string;
  readonly accountName: string;
  readonly normalBalance: "debit" | "credit";
  /** Whole Rupiah in the account's normal direction (positive: the cooperative owes her, for a savings account). */
  readonly balance: number;
}

export interface SettlementLine {
  readonly accountId: string;
  readonly memberAccountId: string | null;
  readonly debit: number;
  readonly credit: number;
}

export interface PlannedSettlement {
  readonly step: string;
  readonly description: string;
  readonly lines: readonly SettlementLine[];
  /** The accounts this posting brings to zero. */
  readonly settles: readonly string[];
  readonly total: number;
}

/**
 * Paying out savings: every member account on a credit-normal control (her
 * simpanan pokok, wajib, sukarela …) with money in it is debited to zero, and
 * the total is credited to where the money goes — kas when paid in cash, or
 * a liability ("utang kepada anggota keluar") when it waits for the heirs or
 * for the payout date. Accounts this step does not settle (loans, a negative
 * balance) are left for their own steps. Null when there is nothing to pay.
 */
export function planSavingsPayout(
  accounts: readonly SettlementAccount[],
  payout: { readonly creditAccountId: string; readonly description: string },
): PlannedSettlement | null {
  const savings = accounts.filter((account) => account.normalBalance === "credit" && account.balance > 0);
  if (savings.length === 0) return null;
  const total = savings.reduce((sum, account) => sum + account.balance, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError("savings total out of range");
  const lines: SettlementLine[] = savings.map((account) => ({
    accountId: account.accountId,
    memberAccountId: account.memberAccountId,
    debit: account.balance,
    credit: 0,
  }));
  lines.push({ accountId: payout.creditAccountId, memberAccountId: null, debit: 0, credit: total });
  return { step: "simpanan", description: payout.description, lines, settles: savings.map((account) => account.memberAccountId), total };
}

/** The accounts still holding a balance once the planned postings are made: these block leaving. */
export function accountsLeftUnsettled(accounts: readonly SettlementAccount[], plans: readonly PlannedSettlement[]): SettlementAccount[] {
  const settled = new Set(plans.flatMap((plan) => plan.settles));
  return accounts.filter((account) => account.balance !== 0 && !settled.has(account.memberAccountId));
}

/** The description of a payout: to the member herself, or for a deceased member to the named heir. */
export function payoutDescription(member: { readonly memberNumber: string; readonly fullName: string }, recipient: { readonly heirName: string | null; readonly heirRelationship?: string | null }): string {
  const base = `Pengembalian simpanan ${member.memberNumber} ${member.fullName}`;
  if (recipient.heirName === null) return `${base} (anggota keluar)`;
  const relation = recipient.heirRelationship ? `, ${recipient.heirRelationship.replace(/_/g, " ")}` : "";
  return `${base} (meninggal) kepada ahli waris ${recipient.heirName}${relation}`;
}
