import { sql } from "kysely";
import type { WitnessState, WitnessedLog } from "@koperasi/tlog";
import type { AppContext } from "../context";
import { ensureLogKeys, keyringOf, loadSignerKey } from "../transparency/keys";
import { addCheckpoint, type WitnessAnswer, type WitnessBackend } from "./add-checkpoint";

// A cooperative as a witness of its neighbours' logs on this deployment
// (docs/witness.md). It trusts, for an origin "<host>/k/<slug>", exactly the
// log key that cooperative holds under that name; its own log it never
// witnesses (that would vouch for nothing). Its state is a tenant table of
// its own (witness_state) and its key the sealed 'witness' key in log_key.
// Co-tenants share the operator, so they guard against a cooperative
// rewriting its history, not against the operator: for that, a standalone
// witness elsewhere (`koperasi witness`).

export interface WitnessingKoperasi {
  readonly id: string;
  readonly slug: string;
}

/** The origin's cooperative slug: this deployment names logs "<host>/k/<slug>". */
function slugOfOrigin(origin: string): string | undefined {
  return /\/k\/([^/]+)$/.exec(origin)?.[1];
}

/** An approved cooperative, by slug, that can act as a witness. */
export async function witnessingKoperasi(ctx: AppContext, slug: string): Promise<WitnessingKoperasi | undefined> {
  const row = await ctx.database.db
    .selectFrom("koperasi")
    .select(["id", "slug"])
    .where("slug", "=", slug)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return row;
}

async function logOf(ctx: AppContext, witness: WitnessingKoperasi, origin: string): Promise<WitnessedLog | undefined> {
  const slug = slugOfOrigin(origin);
  if (!slug || slug === witness.slug) return undefined;
  const koperasi = await ctx.database.db.selectFrom("koperasi").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!koperasi || koperasi.id === witness.id) return undefined;
  const key = await ctx.database.tenant({ koperasiId: koperasi.id }, (trx) =>
    trx
      .selectFrom("log_key")
      .select(["key_name", "verifier_key"])
      .where("koperasi_id", "=", koperasi.id)
      .where("purpose", "=", "log")
      .executeTakeFirst(),
  );
  // The key's name is fixed when the log begins: the origin must be exactly it.
  if (!key || key.key_name !== origin) return undefined;
  return { origin, keys: [key.verifier_key] };
}

/** What `witness` last cosigned for `origin`. */
export async function cotenantState(ctx: AppContext, witnessId: string, origin: string): Promise<WitnessState | undefined> {
  const row = await ctx.database.tenant({ koperasiId: witnessId }, (trx) =>
    trx
      .selectFrom("witness_state")
      .select([sql<string>`tree_size::text`.as("size"), "root_hash"])
      .where("koperasi_id", "=", witnessId)
      .where("origin", "=", origin)
      .executeTakeFirst(),
  );
  return row ? { size: Number(row.size), rootHash: new Uint8Array(row.root_hash) } : undefined;
}

export function cotenantBackend(ctx: AppContext, witness: WitnessingKoperasi): WitnessBackend {
  const koperasiId = witness.id;
  return {
    logFor: (origin) => logOf(ctx, witness, origin),
    readState: (origin) => cotenantState(ctx, koperasiId, origin),
    swapState: (origin, expected, next, signedCheckpoint) =>
      ctx.database.tenant({ koperasiId }, async (trx) => {
        if (expected === undefined) {
          const inserted = await trx
            .insertInto("witness_state")
            .values({ koperasi_id: koperasiId, origin, tree_size: next.size, root_hash: Buffer.from(next.rootHash), signed_checkpoint: signedCheckpoint })
            .onConflict((oc) => oc.columns(["koperasi_id", "origin"]).doNothing())
            .executeTakeFirst();
          return inserted.numInsertedOrUpdatedRows === 1n;
        }
        const updated = await trx
          .updateTable("witness_state")
          .set({ tree_size: next.size, root_hash: Buffer.from(next.rootHash), signed_checkpoint: signedCheckpoint, updated_at: ctx.now() })
          .where("koperasi_id", "=", koperasiId)
          .where("origin", "=", origin)
          .where("tree_size", "=", expected.size)
          .where("root_hash", "=", Buffer.from(expected.rootHash))
          .executeTakeFirst();
        return updated.numUpdatedRows === 1n;
      }),
    signers: () =>
      ctx.database.tenant({ koperasiId }, async (trx) => {
        const keyring = keyringOf(ctx);
        // A cooperative approved before log keys existed gets them on first use.
        await ensureLogKeys(trx, keyring, koperasiId, witness.slug);
        return [await loadSignerKey(trx, keyring, koperasiId, "witness")];
      }),
    now: ctx.now,
  };
}

/** POST /api/v1/witness/:slug/add-checkpoint, and the in-process cosigning after each checkpoint: one path. */
export async function cotenantAddCheckpoint(ctx: AppContext, witness: WitnessingKoperasi, body: string | Uint8Array): Promise<WitnessAnswer> {
  return addCheckpoint(cotenantBackend(ctx, witness), body);
}
