import type { CommandContext } from "../../command/command-context";
import { jobsError } from "../errors";

/** A chart account a job posts to, by its code: open and taking postings, or a clear refusal naming the code. */
export async function jobAccount(cmd: CommandContext, code: string): Promise<string> {
  const account = await cmd.trx
    .selectFrom("gl_account")
    .select(["id", "status", "is_group", "is_control"])
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!account || account.status !== "open" || account.is_group || account.is_control) throw jobsError("job_account_missing", { vars: { code } });
  return account.id;
}
