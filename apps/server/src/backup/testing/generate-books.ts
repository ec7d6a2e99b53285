import type { AppContext } from "../../context";
import { generateKoperasi } from "../../generate/generate";
import { createUser } from "../../testing/harness";
import { keyringOf } from "../../transparency/keys";

/** A small generated cooperative (30 members, 2 months, its log published): books worth backing up. */
export async function generateBooks(ctx: AppContext, slug: string, seed: string): Promise<string> {
  const admin = await createUser(ctx);
  const generated = await generateKoperasi(ctx.database, {
    members: 30,
    months: 2,
    seed,
    slug,
    end: "2026-10",
    now: new Date("2026-11-15T00:00:00.000Z"),
    createdBy: admin.userId,
    keyring: keyringOf({ config: ctx.config, secrets: ctx.secrets }),
    memberKeys: ctx.secrets.memberDataKeys,
  });
  return generated.koperasiId;
}
