import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Database, DB } from "@koperasi/db";
import type { AppContext } from "../context";
import { encodeVerifierKey, generateSignerKey, parseVerifierKey, type KeyType, type SignerKey, type VerifierKey } from "@koperasi/tlog";

// Each cooperative holds two Ed25519 keys in `log_key`:
// - `log` signs its checkpoints; its name is the log's origin,
//   `<PUBLIC_URL host>/k/<slug>`, fixed when the key is made (a later change
//   of PUBLIC_URL does not rename an existing log);
// - `witness` (cosignature/v1) cosigns other cooperatives' checkpoints on
//   the same deployment.
//
// The private half is stored sealed: AES-256-GCM under a key derived with
// HKDF-SHA256 from the deployment's `logSealKey` secret (secrets.ts), with
// the cooperative and purpose in the HKDF info and, with the key name, in
// the GCM associated data, so a sealed key copied onto another row does not
// open. Format: 0x01 ‖ 12-byte nonce ‖ 32-byte ciphertext of the seed ‖
// 16-byte tag.

export type LogKeyPurpose = "log" | "witness";

/** What making and opening keys needs from the deployment. */
export interface LogKeyring {
  /** PUBLIC_URL: its host names new logs. */
  readonly publicUrl: string;
  /** The secret the sealing keys are derived from. */
  readonly sealSecret: string;
}

export interface StoredLogKey {
  readonly purpose: LogKeyPurpose;
  readonly name: string;
  readonly verifierKey: string;
}

const KEY_TYPE: Readonly<Record<LogKeyPurpose, KeyType>> = { log: "ed25519", witness: "cosignature/v1" };
const SEAL_VERSION = 0x01;
const NONCE_SIZE = 12;
const TAG_SIZE = 16;
const SEED_SIZE = 32;
const HKDF_SALT = "koperasi-pintar/log-key-seal/v1";

export function keyringOf(ctx: Pick<AppContext, "config" | "secrets">): LogKeyring {
  return { publicUrl: ctx.config.publicUrl, sealSecret: ctx.secrets.logSealKey };
}

/** The log's origin line and key name, e.g. "koperasi.example.id/k/sejahtera-bersama". */
export function logOrigin(publicUrl: string, slug: string): string {
  return `${new URL(publicUrl).host}/k/${slug}`;
}

export function keyNameFor(purpose: LogKeyPurpose, publicUrl: string, slug: string): string {
  const origin = logOrigin(publicUrl, slug);
  return purpose === "log" ? origin : `${origin}/witness`;
}

function sealingKey(secret: string, koperasiId: string, purpose: LogKeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, HKDF_SALT, `${koperasiId}/${purpose}`, 32));
}

function associatedData(koperasiId: string, purpose: LogKeyPurpose, name: string): Buffer {
  return Buffer.from(`${koperasiId}\n${purpose}\n${name}`, "utf8");
}

export function sealSeed(secret: string, koperasiId: string, purpose: LogKeyPurpose, name: string, seed: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_SIZE);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret, koperasiId, purpose), nonce);
  cipher.setAAD(associatedData(koperasiId, purpose, name));
  const sealed = Buffer.concat([cipher.update(seed), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), nonce, sealed, cipher.getAuthTag()]);
}

export function unsealSeed(secret: string, koperasiId: string, purpose: LogKeyPurpose, name: string, sealed: Uint8Array): Uint8Array {
  const bytes = Buffer.from(sealed);
  if (bytes.length !== 1 + NONCE_SIZE + SEED_SIZE + TAG_SIZE || bytes[0] !== SEAL_VERSION) {
    throw new Error(`sealed ${purpose} key of cooperative ${koperasiId} has an unknown format`);
  }
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret, koperasiId, purpose), bytes.subarray(1, 1 + NONCE_SIZE));
  decipher.setAAD(associatedData(koperasiId, purpose, name));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_SIZE));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_SIZE, bytes.length - TAG_SIZE)), decipher.final()]));
  } catch {
    // Wrong LOG_SEAL_KEY / TOKEN_PEPPER, or a row that was tampered with.
    throw new Error(`the ${purpose} key of cooperative ${koperasiId} does not open with this deployment's seal key (LOG_SEAL_KEY)`);
  }
}

async function storedKeys(trx: Transaction<DB>, koperasiId: string): Promise<StoredLogKey[]> {
  const rows = await trx
    .selectFrom("log_key")
    .select(["purpose", "key_name", "verifier_key"])
    .where("koperasi_id", "=", koperasiId)
    .execute();
  return rows.map((row) => ({ purpose: row.purpose, name: row.key_name, verifierKey: row.verifier_key }));
}

/**
 * The cooperative's log and witness keys, made on first use (at
 * registration, or later for a cooperative that has none). Safe to race:
 * a concurrent maker's insert wins and both read the same row.
 */
export async function ensureLogKeys(
  trx: Transaction<DB>,
  keyring: LogKeyring,
  koperasiId: string,
  slug?: string,
): Promise<{ log: StoredLogKey; witness: StoredLogKey }> {
  let keys = await storedKeys(trx, koperasiId);
  const missing = (["log", "witness"] as const).filter((purpose) => !keys.some((k) => k.purpose === purpose));
  if (missing.length > 0) {
    const koperasiSlug = slug ?? (await trx.selectFrom("koperasi").select("slug").where("id", "=", koperasiId).executeTakeFirstOrThrow()).slug;
    for (const purpose of missing) {
      const name = keyNameFor(purpose, keyring.publicUrl, koperasiSlug);
      const signer = generateSignerKey(name, KEY_TYPE[purpose]);
      await trx
        .insertInto("log_key")
        .values({
          koperasi_id: koperasiId,
          purpose,
          key_name: name,
          verifier_key: encodeVerifierKey(signer),
          sealed_signer_key: sealSeed(keyring.sealSecret, koperasiId, purpose, name, signer.seed),
        })
        .onConflict((oc) => oc.columns(["koperasi_id", "purpose"]).doNothing())
        .execute();
    }
    keys = await storedKeys(trx, koperasiId);
  }
  const log = keys.find((k) => k.purpose === "log");
  const witness = keys.find((k) => k.purpose === "witness");
  if (!log || !witness) throw new Error(`log keys of cooperative ${koperasiId} could not be created`);
  return { log, witness };
}

/** The unsealed signing key, checked against its published verifier key. */
export async function loadSignerKey(trx: Transaction<DB>, keyring: LogKeyring, koperasiId: string, purpose: LogKeyPurpose): Promise<SignerKey> {
  const signer = await findSignerKey(trx, keyring, koperasiId, purpose);
  if (!signer) throw new Error(`cooperative ${koperasiId} has no ${purpose} key`);
  return signer;
}

/** loadSignerKey, or undefined while the cooperative has no such key. */
export async function findSignerKey(trx: Transaction<DB>, keyring: LogKeyring, koperasiId: string, purpose: LogKeyPurpose): Promise<SignerKey | undefined> {
  const row = await trx
    .selectFrom("log_key")
    .select(["key_name", "verifier_key", "sealed_signer_key"])
    .where("koperasi_id", "=", koperasiId)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) return undefined;
  const seed = unsealSeed(keyring.sealSecret, koperasiId, purpose, row.key_name, row.sealed_signer_key);
  const signer = generateSignerKey(row.key_name, KEY_TYPE[purpose], seed);
  if (encodeVerifierKey(signer) !== row.verifier_key) {
    throw new Error(`the ${purpose} key of cooperative ${koperasiId} does not match its published verifier key`);
  }
  return signer;
}

/** The public form served to verifiers: name, key id (8 hex digits), vkey text. */
export function publicKeyOf(verifierKey: string): { name: string; keyId: string; verifierKey: string } {
  const key: VerifierKey = parseVerifierKey(verifierKey);
  return { name: key.name, keyId: key.keyId.toString(16).padStart(8, "0"), verifierKey };
}

/**
 * Witness keys of this deployment's cooperatives, by key name (the name in
 * a cosignature line). Read without a cooperative selected, through the
 * `witness_key_directory` policy; public columns only.
 */
export async function witnessKeysByName(database: Database, names: readonly string[]): Promise<StoredLogKey[]> {
  if (names.length === 0) return [];
  return database.platform(async (trx) => {
    await sql`SELECT set_config('app.log_key_directory', 'on', true)`.execute(trx);
    const rows = await trx
      .selectFrom("log_key")
      .select(["key_name", "verifier_key"])
      .where("purpose", "=", "witness")
      .where("key_name", "in", [...names])
      .orderBy("key_name")
      .execute();
    return rows.map((row) => ({ purpose: "witness" as const, name: row.key_name, verifierKey: row.verifier_key }));
  });
}
