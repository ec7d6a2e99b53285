import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// The keys that seal members' personal identifiers (member-pii.ts).
//
// MEMBER_DATA_KEY holds one or more keys, newest first, comma-separated,
// each `<id>:<32 bytes in base64 or base64url>` — e.g.
// `k2026b:…,k2026a:…`. New data is sealed under the first; the others stay
// only to open (and find) what was sealed before, until
// `koperasi rotate-member-key` has moved every row to the first. Without the
// variable (embedded start), the list is generated into
// DATA_DIR/secrets/member-data-keys.json, and the rotation command can add a
// fresh key there itself.

export interface MemberDataKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface MemberKeyring {
  /** Seals everything new; rows under other keys are moved to it by the rotation. */
  readonly current: MemberDataKey;
  /** Every known key, newest first (the current one included). */
  readonly keys: readonly MemberDataKey[];
  /** Where the keys came from: the environment cannot be changed by the server. */
  readonly source: "env" | "file";
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

export function memberKeyFile(dataDir: string): string {
  return join(dataDir, "secrets", "member-data-keys.json");
}

function decodeKey(id: string, encoded: string): MemberDataKey {
  if (!KEY_ID.test(id)) throw new Error(`MEMBER_DATA_KEY: id kunci "${id}" tidak sah (huruf, angka, - atau _, maksimal 32).`);
  const key = Buffer.from(encoded.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`MEMBER_DATA_KEY: kunci "${id}" harus 32 bita (base64).`);
  return { id, key };
}

export function keyringFrom(keys: readonly MemberDataKey[], source: MemberKeyring["source"]): MemberKeyring {
  const [current] = keys;
  if (!current) throw new Error("MEMBER_DATA_KEY: tidak ada kunci.");
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new Error("MEMBER_DATA_KEY: id kunci ganda.");
  return { current, keys, source };
}

/** Parses `id:base64,id:base64` (newest first). */
export function parseMemberKeys(value: string): MemberDataKey[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(":");
      if (at <= 0) throw new Error("MEMBER_DATA_KEY: tulis setiap kunci sebagai id:base64, dipisah koma.");
      return decodeKey(part.slice(0, at), part.slice(at + 1));
    });
}

export function formatMemberKeys(keys: readonly MemberDataKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString("base64url")}`).join(",");
}

export function newMemberDataKey(existing: readonly MemberDataKey[], now = new Date()): MemberDataKey {
  const stamp = now.toISOString().slice(0, 10).replace(/-/g, "");
  let id = `k${stamp}`;
  for (let n = 2; existing.some((k) => k.id === id); n += 1) id = `k${stamp}-${n}`;
  return { id, key: randomBytes(KEY_BYTES) };
}

function writeKeyFile(dataDir: string, keys: readonly MemberDataKey[]): void {
  const dir = join(dataDir, "secrets");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = memberKeyFile(dataDir);
  writeFileSync(file, JSON.stringify({ keys: keys.map((k) => ({ id: k.id, key: k.key.toString("base64url") })) }, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function loadMemberKeyring(dataDir: string, env: Record<string, string | undefined> = process.env): MemberKeyring {
  if (env.MEMBER_DATA_KEY) return keyringFrom(parseMemberKeys(env.MEMBER_DATA_KEY), "env");
  const file = memberKeyFile(dataDir);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { keys: { id: string; key: string }[] };
    return keyringFrom(
      stored.keys.map((k) => decodeKey(k.id, k.key)),
      "file",
    );
  }
  const keys = [newMemberDataKey([])];
  writeKeyFile(dataDir, keys);
  return keyringFrom(keys, "file");
}

/**
 * Puts a fresh key in front of the generated key file and returns the new
 * keyring. With MEMBER_DATA_KEY set the operator adds the key there instead.
 */
export function addMemberDataKey(dataDir: string, keyring: MemberKeyring, now = new Date()): MemberKeyring {
  if (keyring.source === "env") {
    throw new Error("Kunci berasal dari MEMBER_DATA_KEY: tambahkan kunci baru di depan daftar itu, lalu jalankan perintah ini tanpa --new-key.");
  }
  const keys = [newMemberDataKey(keyring.keys, now), ...keyring.keys];
  writeKeyFile(dataDir, keys);
  return keyringFrom(keys, "file");
}
