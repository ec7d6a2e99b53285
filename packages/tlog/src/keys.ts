import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { concatBytes, hasControlCharacter, readUint32BE, utf8 } from "./bytes.js";
import { TlogError } from "./errors.js";

/*
 * Ed25519 keys in the C2SP signed-note text forms:
 *
 *   verifier key (vkey):  <name>+<key id, 8 hex>+base64(type byte || 32-byte public key)
 *   signer key (skey):    PRIVATE+KEY+<name>+<key id, 8 hex>+base64(type byte || 32-byte seed)
 *
 * key id = first 4 bytes of SHA-256(name || 0x0A || type byte || public key),
 * read big-endian. Two types are supported: 0x01, a plain Ed25519 note
 * signature (a log's checkpoint key), and 0x04, a timestamped
 * cosignature/v1 (a witness key, c2sp.org/tlog-cosignature). The type is part
 * of the key id, so one key pair can never be confused across the two.
 */

export type KeyType = "ed25519" | "cosignature/v1";

const TYPE_BYTE: Record<KeyType, number> = { ed25519: 0x01, "cosignature/v1": 0x04 };

function typeOfByte(byte: number | undefined): KeyType | undefined {
  if (byte === 0x01) return "ed25519";
  if (byte === 0x04) return "cosignature/v1";
  return undefined;
}

export interface VerifierKey {
  readonly name: string;
  readonly type: KeyType;
  /** The 32-bit key id, as a non-negative number. */
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

export interface SignerKey extends VerifierKey {
  /** The 32-byte Ed25519 seed (RFC 8032 private key). */
  readonly seed: Uint8Array;
}

/**
 * A key name is non-empty and has no Unicode space and no "+", which is what
 * keeps the "+"-separated key forms and the signature lines unambiguous.
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !hasControlCharacter(name);
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new TlogError("malformed-key", `invalid key name ${JSON.stringify(name)}`);
}

export function computeKeyId(name: string, type: KeyType, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8(name), new Uint8Array([0x0a, TYPE_BYTE[type]]), publicKey));
  return readUint32BE(digest, 0);
}

function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, "0");
}

export function generateSignerKey(name: string, type: KeyType = "ed25519", seed: Uint8Array = randomBytes(32)): SignerKey {
  assertKeyName(name);
  if (seed.length !== 32) throw new TlogError("malformed-key", `Ed25519 seed must be 32 bytes, got ${seed.length}`);
  const publicKey = ed25519.getPublicKey(seed);
  return { name, type, keyId: computeKeyId(name, type, publicKey), publicKey, seed: Uint8Array.from(seed) };
}

/** The public half, safe to publish. */
export function verifierKeyOf(key: VerifierKey): VerifierKey {
  return { name: key.name, type: key.type, keyId: key.keyId, publicKey: key.publicKey };
}

export function encodeVerifierKey(key: VerifierKey): string {
  const material = concatBytes(new Uint8Array([TYPE_BYTE[key.type]]), key.publicKey);
  return `${key.name}+${keyIdHex(key.keyId)}+${encodeBase64(material)}`;
}

export function encodeSignerKey(key: SignerKey): string {
  const material = concatBytes(new Uint8Array([TYPE_BYTE[key.type]]), key.seed);
  return `PRIVATE+KEY+${key.name}+${keyIdHex(key.keyId)}+${encodeBase64(material)}`;
}

/** Splits "name+hash+base64" on its first two "+" only: base64 may contain "+". */
function splitKey(text: string): { name: string; hash: number; material: Uint8Array } {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) throw new TlogError("malformed-key", "key must have the form name+keyid+base64");
  const name = text.slice(0, first);
  const hashHex = text.slice(first + 1, second);
  assertKeyName(name);
  if (!/^[0-9a-fA-F]{8}$/.test(hashHex)) throw new TlogError("malformed-key", `key id must be 8 hex digits, got ${hashHex}`);
  let material: Uint8Array;
  try {
    material = decodeBase64(text.slice(second + 1));
  } catch {
    throw new TlogError("malformed-key", "key material is not valid base64");
  }
  return { name, hash: parseInt(hashHex, 16), material };
}

function keyMaterial(material: Uint8Array): { type: KeyType; bytes: Uint8Array } {
  const type = typeOfByte(material[0]);
  if (!type) throw new TlogError("malformed-key", `unsupported key type byte ${String(material[0])}`);
  if (material.length !== 33) throw new TlogError("malformed-key", `key material must be 33 bytes, got ${material.length}`);
  return { type, bytes: material.slice(1) };
}

export function parseVerifierKey(vkey: string): VerifierKey {
  const { name, hash, material } = splitKey(vkey);
  const { type, bytes: publicKey } = keyMaterial(material);
  if (!ed25519.utils.isValidPublicKey(publicKey, false)) throw new TlogError("malformed-key", "not a valid Ed25519 public key");
  const keyId = computeKeyId(name, type, publicKey);
  if (keyId !== hash) throw new TlogError("malformed-key", `key id ${keyIdHex(hash)} does not match the key (${keyIdHex(keyId)})`);
  return { name, type, keyId, publicKey };
}

export function parseSignerKey(skey: string): SignerKey {
  const prefix = "PRIVATE+KEY+";
  if (!skey.startsWith(prefix)) throw new TlogError("malformed-key", "signer key must start with PRIVATE+KEY+");
  const { name, hash, material } = splitKey(skey.slice(prefix.length));
  const { type, bytes: seed } = keyMaterial(material);
  const key = generateSignerKey(name, type, seed);
  if (key.keyId !== hash) throw new TlogError("malformed-key", `key id ${keyIdHex(hash)} does not match the key (${keyIdHex(key.keyId)})`);
  return key;
}

/** Accepts a parsed key or its vkey text, so callers can pass configuration strings directly. */
export function toVerifierKey(key: VerifierKey | string): VerifierKey {
  return typeof key === "string" ? parseVerifierKey(key) : key;
}

/**
 * Ed25519 verification with RFC 8032's strict encoding rules rather than
 * ZIP-215's permissive ones, so a signature has one accepted form.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
