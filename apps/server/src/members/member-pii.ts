import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { normalizeNik, normalizePhone } from "@koperasi/domain";
import type { MemberDataKey, MemberKeyring } from "./member-keys";

// Members' personal identifiers at rest: each field sealed on its own with
// AES-256-GCM. A sealed value reads `v1.<key id>.<base64url(nonce ‖
// ciphertext ‖ tag)>`; its associated data names the key, the cooperative,
// the row and the field, so a ciphertext copied to another member, field or
// cooperative does not open. Exact lookup (and NIK uniqueness) goes through
// blind indexes: HMAC-SHA256 of the normalised value under a key derived per
// cooperative and field, so equal values in two cooperatives index apart.
// Neither the sealing key nor the index keys are the configured key itself;
// both are derived from it with HKDF.

/** `pending_*`: a member's own new phone or e-mail while it waits for its code (contact-change.ts). */
export type PiiField = "nik" | "phone" | "mother_maiden_name" | "heir_phone" | "pending_phone" | "pending_email";
export type IndexedField = "nik" | "phone";

export interface SealTarget {
  readonly koperasiId: string;
  /** The member's id, or the heir's for `heir_phone`. */
  readonly rowId: string;
  readonly field: PiiField;
}

const VERSION = "v1";
const HKDF_SALT = "koperasi-pintar/member-pii/v1";
const NONCE_SIZE = 12;
const TAG_SIZE = 16;

const sealingKeys = new WeakMap<MemberDataKey, Buffer>();
const indexKeys = new WeakMap<MemberDataKey, Map<string, Buffer>>();

function sealingKey(key: MemberDataKey): Buffer {
  let derived = sealingKeys.get(key);
  if (!derived) {
    derived = Buffer.from(hkdfSync("sha256", key.key, HKDF_SALT, "seal", 32));
    sealingKeys.set(key, derived);
  }
  return derived;
}

function indexKey(key: MemberDataKey, koperasiId: string, field: IndexedField): Buffer {
  let perKey = indexKeys.get(key);
  if (!perKey) {
    perKey = new Map();
    indexKeys.set(key, perKey);
  }
  const name = `${koperasiId}/${field}`;
  let derived = perKey.get(name);
  if (!derived) {
    // Bounded: a process serving very many cooperatives derives again rather than growing without end.
    if (perKey.size > 20_000) perKey.clear();
    derived = Buffer.from(hkdfSync("sha256", key.key, HKDF_SALT, `blind-index/${name}`, 32));
    perKey.set(name, derived);
  }
  return derived;
}

function associatedData(keyId: string, target: SealTarget): Buffer {
  return Buffer.from(`${HKDF_SALT}|${keyId}|${target.koperasiId}|${target.field}|${target.rowId}`, "utf8");
}

/**
 * Seals one field under the keyring's current key. `nonce` is for the data
 * generator only (a deterministic cooperative from a seed); everything else
 * draws a fresh random nonce.
 */
export function seal(keyring: MemberKeyring, target: SealTarget, plaintext: string, nonce?: Uint8Array): string {
  const key = keyring.current;
  const iv = nonce ? Buffer.from(nonce) : randomBytes(NONCE_SIZE);
  if (iv.length !== NONCE_SIZE) throw new Error("nonce must be 12 bytes");
  const cipher = createCipheriv("aes-256-gcm", sealingKey(key), iv);
  cipher.setAAD(associatedData(key.id, target));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${key.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

/** The id of the key a sealed value was made with. */
export function sealedKeyId(sealed: string): string {
  const [version, keyId] = sealed.split(".");
  if (version !== VERSION || !keyId) throw new Error("not a sealed member field");
  return keyId;
}

/** Opens a sealed field; throws when the key is unknown or the value was altered or moved. */
export function open(keyring: MemberKeyring, target: SealTarget, sealed: string): string {
  const [version, keyId, payload] = sealed.split(".");
  if (version !== VERSION || !keyId || !payload) throw new Error("not a sealed member field");
  const key = keyring.keys.find((k) => k.id === keyId);
  if (!key) throw new Error(`member data key ${keyId} is not configured`);
  const bytes = Buffer.from(payload, "base64url");
  if (bytes.length < NONCE_SIZE + TAG_SIZE) throw new Error("sealed member field is truncated");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(key), bytes.subarray(0, NONCE_SIZE));
  decipher.setAAD(associatedData(key.id, target));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_SIZE));
  return Buffer.concat([decipher.update(bytes.subarray(NONCE_SIZE, bytes.length - TAG_SIZE)), decipher.final()]).toString("utf8");
}

/** Opens when there is something to open. */
export function openOptional(keyring: MemberKeyring, target: SealTarget, sealed: string | null): string | null {
  return sealed === null ? null : open(keyring, target, sealed);
}

/** The value as it is compared: a NIK's 16 digits, a phone in E.164. Throws `phone_invalid` for a phone that is none. */
export function normaliseIndexed(field: IndexedField, value: string): string {
  return field === "nik" ? normalizeNik(value) : normalizePhone(value);
}

/** The blind index of an already normalised value under one key. */
export function blindIndexWith(key: MemberDataKey, koperasiId: string, field: IndexedField, normalised: string): string {
  return createHmac("sha256", indexKey(key, koperasiId, field)).update(normalised, "utf8").digest("base64url");
}

/** The blind index to store: under the current key, of the normalised value. */
export function blindIndex(keyring: MemberKeyring, koperasiId: string, field: IndexedField, value: string): string {
  return blindIndexWith(keyring.current, koperasiId, field, normaliseIndexed(field, value));
}

/**
 * The value's blind index under every known key, current first: a row not
 * yet moved to the newest key by a rotation is still found.
 */
export function blindIndexesForLookup(keyring: MemberKeyring, koperasiId: string, field: IndexedField, value: string): string[] {
  const normalised = normaliseIndexed(field, value);
  return keyring.keys.map((key) => blindIndexWith(key, koperasiId, field, normalised));
}

async function findMemberIdsBy(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, field: IndexedField, value: string): Promise<string[]> {
  const indexes = blindIndexesForLookup(keyring, koperasiId, field, value);
  const column = field === "nik" ? "nik_index" : "phone_index";
  const rows = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where(column, "in", indexes).orderBy("member_number").execute();
  return rows.map((r) => r.id);
}

/** Members of the cooperative with this NIK (at most one: the NIK is unique per cooperative). Separators are ignored. */
export function findMemberIdsByNik(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, nik: string): Promise<string[]> {
  return findMemberIdsBy(trx, keyring, koperasiId, "nik", nik);
}

/** Members of the cooperative with this phone (a family may share one), in member-number order. Accepts 0812…, 62812…, +62812…. */
export function findMemberIdsByPhone(trx: Transaction<DB>, keyring: MemberKeyring, koperasiId: string, phone: string): Promise<string[]> {
  return findMemberIdsBy(trx, keyring, koperasiId, "phone", phone);
}

/** "3515140508680001" → "3515********0001": the region and the sequence, not the birth date. */
export function maskNik(nik: string): string {
  const digits = normalizeNik(nik);
  return digits.length === 16 ? `${digits.slice(0, 4)}********${digits.slice(-4)}` : "****************";
}

/** A member's identifiers in the clear (NIK as 16 digits, phone in E.164). */
export interface MemberIdentity {
  readonly nik: string | null;
  readonly phone: string | null;
  readonly motherMaidenName: string | null;
}

export interface SealedMemberIdentity {
  nik_sealed: string | null;
  nik_index: string | null;
  phone_sealed: string | null;
  phone_index: string | null;
  mother_maiden_name_sealed: string | null;
  pii_key_id: string | null;
}

/**
 * The member row's sealed columns, all under the current key (a row never
 * mixes keys, so `pii_key_id` tells the rotation what is left). `nonceFor`
 * is for the data generator only.
 */
export function sealMemberIdentity(
  keyring: MemberKeyring,
  koperasiId: string,
  memberId: string,
  identity: MemberIdentity,
  nonceFor?: (field: PiiField) => Uint8Array,
): SealedMemberIdentity {
  const sealField = (field: PiiField, value: string | null) =>
    value === null ? null : seal(keyring, { koperasiId, rowId: memberId, field }, value, nonceFor?.(field));
  const nik = identity.nik === null ? null : normaliseIndexed("nik", identity.nik);
  const phone = identity.phone === null ? null : normaliseIndexed("phone", identity.phone);
  const any = nik !== null || phone !== null || identity.motherMaidenName !== null;
  return {
    nik_sealed: sealField("nik", nik),
    nik_index: nik === null ? null : blindIndexWith(keyring.current, koperasiId, "nik", nik),
    phone_sealed: sealField("phone", phone),
    phone_index: phone === null ? null : blindIndexWith(keyring.current, koperasiId, "phone", phone),
    mother_maiden_name_sealed: sealField("mother_maiden_name", identity.motherMaidenName),
    pii_key_id: any ? keyring.current.id : null,
  };
}

export function openMemberIdentity(
  keyring: MemberKeyring,
  koperasiId: string,
  row: { id: string; nik_sealed: string | null; phone_sealed: string | null; mother_maiden_name_sealed: string | null },
): MemberIdentity {
  const target = (field: PiiField) => ({ koperasiId, rowId: row.id, field });
  return {
    nik: openOptional(keyring, target("nik"), row.nik_sealed),
    phone: openOptional(keyring, target("phone"), row.phone_sealed),
    motherMaidenName: openOptional(keyring, target("mother_maiden_name"), row.mother_maiden_name_sealed),
  };
}
