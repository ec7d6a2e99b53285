import type { CommandContext } from "../../command/command-context";
import { postableAccountId } from "../../ledger/accounts";
import { jobsError } from "../errors";

/** A chart account a job posts to, by its code: open and taking postings, or a clear refusal naming the code. */
export async function jobAccount(cmd: CommandContext, code: string): Promise<string> {
  const id = await postableAccountId(cmd.trx, cmd.koperasiId, code);
  if (!id) throw jobsError("job_account_missing", { vars: { code } });
  return id;
}
