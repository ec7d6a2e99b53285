import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { BackupError } from "./backup-error";

// The encrypted backup file: a plain header naming the format and the key it
// was sealed with, then the archive in AES-256-GCM chunks (the STREAM
// construction: a per-file key from HKDF with a random salt, each chunk's
// nonce its counter and a last-chunk flag, the header's hash as associated
// data). A chunk cut off, reordered, swapped from another file or a header
// edited fails its tag; a file cut after a whole chunk lacks the last one.
//
//   "KOPERASI-BACKUP\n" | u32 header length | header JSON | chunks…
//   chunk: u32 plaintext length | ciphertext | 16-byte tag

export const MAGIC = Buffer.from("KOPERASI-BACKUP\n", "latin1");
const FORMAT = 1;
const CHUNK_SIZE = 64 * 1024;
const TAG_LENGTH = 16;
const MAX_HEADER = 64 * 1024;

export interface BackupHeader {
  format: number;
  /** Which database the archive holds: decides how it restores. */
  kind: "pglite" | "postgres";
  createdAt: string;
  /** Names the key without revealing it: a wrong key says which one it needs. */
  keyId: string;
  salt: string;
  chunkSize: number;
}

/** The key's name: the first 16 hex digits of an HKDF output, never the key itself. */
export function backupKeyId(key: Buffer): string {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "koperasi backup key id", 8)).toString("hex");
}

function fileKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", key, salt, "koperasi backup v1", 32));
}

function nonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** A new header for a file sealed with `key`. */
export function newHeader(key: Buffer, kind: BackupHeader["kind"], createdAt: Date): BackupHeader {
  return { format: FORMAT, kind, createdAt: createdAt.toISOString(), keyId: backupKeyId(key), salt: randomBytes(16).toString("base64"), chunkSize: CHUNK_SIZE };
}

/** Encrypts a byte stream: the header first, then the sealed chunks. */
export function encryptStream(key: Buffer, header: BackupHeader): Transform {
  const encoded = encodeHeader(header);
  const aad = createHash("sha256").update(encoded).digest();
  const k = fileKey(key, Buffer.from(header.salt, "base64"));
  let pending: Buffer = Buffer.alloc(0);
  let counter = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv("aes-256-gcm", k, nonce(counter++, last));
    cipher.setAAD(aad);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(plain.length);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([length, body, cipher.getAuthTag()]);
  };
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        this.push(encoded);
        started = true;
      }
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Keep at least one byte back so the last chunk is always flagged as such.
      while (pending.length > header.chunkSize) {
        this.push(seal(pending.subarray(0, header.chunkSize), false));
        pending = pending.subarray(header.chunkSize);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(encoded);
      this.push(seal(pending, true));
      done();
    },
  });
}

/** Reads the header from the start of a file; refuses anything that is not a backup of this format. */
export function parseHeader(bytes: Buffer): { header: BackupHeader; length: number } | undefined {
  if (bytes.length < MAGIC.length) return undefined;
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw BackupError.foreign();
  if (bytes.length < MAGIC.length + 4) return undefined;
  const size = bytes.readUInt32BE(MAGIC.length);
  if (size > MAX_HEADER) throw BackupError.corrupt("kepala berkas terlalu besar");
  const end = MAGIC.length + 4 + size;
  if (bytes.length < end) return undefined;
  let header: BackupHeader;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, end).toString("utf8")) as BackupHeader;
  } catch {
    throw BackupError.corrupt("kepala berkas tidak terbaca");
  }
  if (header.format !== FORMAT) throw BackupError.corrupt(`format ${String(header.format)} tidak dikenal`);
  if (header.kind !== "pglite" && header.kind !== "postgres") throw BackupError.corrupt("jenis basis data tidak dikenal");
  if (!Number.isInteger(header.chunkSize) || header.chunkSize <= 0 || header.chunkSize > 16 * 1024 * 1024) throw BackupError.corrupt("ukuran potongan tidak sah");
  return { header, length: end };
}

/**
 * Decrypts a backup file's bytes. `onHeader` sees the header before any
 * chunk is opened. A wrong key, a bad tag or a missing last chunk is an error
 * of the stream: whatever was written from it must then be thrown away.
 */
export function decryptStream(key: Buffer, onHeader?: (header: BackupHeader) => void): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let header: BackupHeader | undefined;
  let aad: Buffer | undefined;
  let k: Buffer | undefined;
  let counter = 0;
  let finished = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        if (!header) {
          const parsed = parseHeader(buffered);
          if (!parsed) return done();
          header = parsed.header;
          if (header.keyId !== backupKeyId(key)) throw BackupError.wrongKey(header.keyId, backupKeyId(key));
          aad = createHash("sha256").update(buffered.subarray(0, parsed.length)).digest();
          k = fileKey(key, Buffer.from(header.salt, "base64"));
          buffered = buffered.subarray(parsed.length);
          onHeader?.(header);
        }
        while (buffered.length >= 4) {
          if (finished) throw BackupError.corrupt("ada data setelah potongan terakhir");
          const size = buffered.readUInt32BE(0);
          if (size > header.chunkSize) throw BackupError.corrupt("ukuran potongan tidak sah");
          if (buffered.length < 4 + size + TAG_LENGTH) break;
          const body = buffered.subarray(4, 4 + size);
          const tag = buffered.subarray(4 + size, 4 + size + TAG_LENGTH);
          buffered = buffered.subarray(4 + size + TAG_LENGTH);
          const last = size < header.chunkSize || buffered.length === 0;
          this.push(open(body, tag, last));
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      if (!header) return done(buffered.length === 0 ? BackupError.corrupt("berkas kosong") : BackupError.corrupt("kepala berkas terpotong"));
      if (buffered.length > 0 || !finished) return done(BackupError.corrupt("berkas terpotong"));
      done();
    },
  });

  function open(body: Buffer, tag: Buffer, maybeLast: boolean): Buffer {
    // A full-size chunk at the end of what has arrived so far may or may not
    // be the last one: try the flag the writer would have set.
    const attempts = maybeLast ? [true, false] : [false];
    for (const last of attempts) {
      try {
        const decipher = createDecipheriv("aes-256-gcm", k!, nonce(counter, last));
        decipher.setAAD(aad!);
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(body), decipher.final()]);
        counter++;
        finished = last;
        return plain;
      } catch {
        // next flag, or corrupt below
      }
    }
    throw BackupError.corrupt(`potongan ${counter + 1} rusak atau diubah`);
  }
}
