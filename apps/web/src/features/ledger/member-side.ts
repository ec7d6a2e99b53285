import { ACCOUNT_TYPES, ACCOUNT_TYPE_DIGIT, defaultNormalBalance, type NormalBalance } from "@koperasi/domain";

/**
 * The normal side of a member account, from its control account's code:
 * the first digit names the type (1 aset: a loan the member owes, debit;
 * 2 and 3: savings the cooperative owes her, credit). Control accounts are
 * never contra accounts, so the type's default side is theirs.
 */
export function memberAccountSide(accountCode: string): NormalBalance {
  const type = ACCOUNT_TYPES.find((t) => ACCOUNT_TYPE_DIGIT[t] === accountCode.charAt(0));
  return type ? defaultNormalBalance(type) : "credit";
}
