import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { compareBytes, concatBytes, fromHex, fromUtf8, readUint32BE, readUint64BE, toHex, uint32BE, uint64BE, utf8 } from "./bytes.js";
import { TlogError } from "./errors.js";

/*
 * Leaf encoding: a versioned, canonical, salted commitment to a posted
 * journal entry. The public tree holds only
 *
 *   leaf data  = 0x01 || SHA-256("koperasi-pintar/leaf/v1" || 0x00 || salt || encodeSummary(entry))
 *
 * so it reveals nothing about the entry; whoever holds the summary and the
 * 32-byte salt (the member, in a receipt) can recompute it. The salt stops
 * anyone from confirming a guessed entry (amounts and dates are guessable)
 * against the tree. Byte-by-byte layout and a worked example:
 * docs/tlog-leaf.md.
 */

export const LEAF_VERSION = 0x01;
export const LEAF_DOMAIN = "koperasi-pintar/leaf/v1";
export const SALT_SIZE = 32;
/** Size of leaf data: version byte + SHA-256 commitment. */
export const LEAF_DATA_SIZE = 33;

export interface EntryLine {
  readonly accountCode: string;
  /** The member sub-ledger account, for lines on a control account. */
  readonly memberAccountId?: string;
  /** Whole Rupiah. */
  readonly debit: number;
  /** Whole Rupiah. */
  readonly credit: number;
}

export interface EntrySummary {
  readonly koperasiId: string;
  readonly entryId: string;
  /** Nomor bukti, e.g. "BKM/2026/000123". */
  readonly voucherNo: string;
  /** "YYYY-MM-DD". */
  readonly businessDate: string;
  /** ISO 8601 UTC with milliseconds, e.g. "2026-01-15T03:04:05.678Z". */
  readonly postedAt: string;
  /** Any order; the encoding sorts them. */
  readonly lines: readonly EntryLine[];
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(message: string): never {
  throw new TlogError("malformed-summary", message);
}

function uuidBytes(value: string, field: string): Uint8Array {
  if (!UUID.test(value)) fail(`${field} is not a UUID: ${JSON.stringify(value)}`);
  return fromHex(value.replaceAll("-", ""));
}

function uuidText(bytes: Uint8Array): string {
  const h = toHex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function stringBytes(value: string, field: string): Uint8Array {
  // A lone surrogate would encode as U+FFFD, so two different strings could
  // share one encoding; refuse instead.
  if (LONE_SURROGATE.test(value)) fail(`${field} is not valid Unicode`);
  const bytes = utf8(value);
  return concatBytes(uint32BE(bytes.length), bytes);
}

function assertDate(value: string, field: string): void {
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  if (!DATE.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    fail(`${field} is not a calendar date YYYY-MM-DD: ${JSON.stringify(value)}`);
  }
}

function instantMillis(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!INSTANT.test(value) || Number.isNaN(ms) || ms < 0 || new Date(ms).toISOString() !== value) {
    fail(`${field} is not an ISO UTC instant with milliseconds: ${JSON.stringify(value)}`);
  }
  return ms;
}

function amountBytes(value: number, field: string): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) fail(`${field} must be a whole, non-negative Rupiah amount`);
  return uint64BE(value);
}

function encodeLine(line: EntryLine, i: number): Uint8Array {
  const member =
    line.memberAccountId === undefined
      ? new Uint8Array([0x00])
      : concatBytes(new Uint8Array([0x01]), uuidBytes(line.memberAccountId, `lines[${i}].memberAccountId`));
  return concatBytes(
    stringBytes(line.accountCode, `lines[${i}].accountCode`),
    member,
    amountBytes(line.debit, `lines[${i}].debit`),
    amountBytes(line.credit, `lines[${i}].credit`),
  );
}

/**
 * The canonical bytes of a summary. Fixed field order; UUIDs as 16 raw
 * bytes; strings as u32 big-endian byte length + UTF-8; the instant and the
 * amounts as u64 big-endian; lines sorted by their own encoding, so the
 * order the caller lists them in does not matter.
 */
export function encodeSummary(summary: EntrySummary): Uint8Array {
  assertDate(summary.businessDate, "businessDate");
  const lines = summary.lines.map(encodeLine).sort(compareBytes);
  return concatBytes(
    uuidBytes(summary.koperasiId, "koperasiId"),
    uuidBytes(summary.entryId, "entryId"),
    stringBytes(summary.voucherNo, "voucherNo"),
    stringBytes(summary.businessDate, "businessDate"),
    uint64BE(instantMillis(summary.postedAt, "postedAt")),
    uint32BE(lines.length),
    ...lines,
  );
}

/** Reads the canonical encoding back; refuses anything encodeSummary would not produce. */
class Reader {
  readonly bytes: Uint8Array;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  take(n: number, what: string): Uint8Array {
    if (this.#offset + n > this.bytes.length) fail(`summary ends inside ${what}`);
    const out = this.bytes.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return out;
  }

  uint32(what: string): number {
    return readUint32BE(this.take(4, what), 0);
  }

  uint64(what: string): number {
    const value = readUint64BE(this.take(8, what), 0);
    if (value === undefined) fail(`${what} exceeds 2^53 - 1`);
    return value;
  }

  string(what: string): string {
    const bytes = this.take(this.uint32(what), what);
    try {
      return fromUtf8(bytes);
    } catch {
      return fail(`${what} is not valid UTF-8`);
    }
  }

  get offset(): number {
    return this.#offset;
  }

  get done(): boolean {
    return this.#offset === this.bytes.length;
  }
}

export function decodeSummary(bytes: Uint8Array): EntrySummary {
  const r = new Reader(bytes);
  const koperasiId = uuidText(r.take(16, "koperasiId"));
  const entryId = uuidText(r.take(16, "entryId"));
  const voucherNo = r.string("voucherNo");
  const businessDate = r.string("businessDate");
  assertDate(businessDate, "businessDate");
  const postedAt = new Date(r.uint64("postedAt")).toISOString();
  const count = r.uint32("line count");
  const lines: EntryLine[] = [];
  let previous: Uint8Array | undefined;
  for (let i = 0; i < count; i++) {
    const start = r.offset;
    const accountCode = r.string(`lines[${i}].accountCode`);
    const flag = r.take(1, `lines[${i}] member flag`)[0];
    if (flag !== 0x00 && flag !== 0x01) fail(`lines[${i}] member flag must be 0 or 1`);
    const memberAccountId = flag === 0x01 ? uuidText(r.take(16, `lines[${i}].memberAccountId`)) : undefined;
    const debit = r.uint64(`lines[${i}].debit`);
    const credit = r.uint64(`lines[${i}].credit`);
    const encoded = bytes.subarray(start, r.offset);
    if (previous && compareBytes(previous, encoded) > 0) fail("lines are not in canonical order");
    previous = encoded;
    lines.push(memberAccountId === undefined ? { accountCode, debit, credit } : { accountCode, memberAccountId, debit, credit });
  }
  if (!r.done) fail("trailing bytes after the summary");
  return { koperasiId, entryId, voucherNo, businessDate, postedAt, lines };
}

export function newSalt(): Uint8Array {
  return randomBytes(SALT_SIZE);
}

function assertSalt(salt: Uint8Array): void {
  if (salt.length !== SALT_SIZE) fail(`salt must be ${SALT_SIZE} bytes, got ${salt.length}`);
}

/** SHA-256("koperasi-pintar/leaf/v1" || 0x00 || salt || encodeSummary(summary)). */
export function leafCommitment(summary: EntrySummary, salt: Uint8Array): Uint8Array {
  assertSalt(salt);
  return sha256(concatBytes(utf8(LEAF_DOMAIN), new Uint8Array([0x00]), salt, encodeSummary(summary)));
}

/** The 33 bytes stored as the log entry: version 0x01 || commitment. The Merkle leaf hash is leafHash(leafData). */
export function leafData(summary: EntrySummary, salt: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([LEAF_VERSION]), leafCommitment(summary, salt));
}

/**
 * What a receipt carries so the member can recompute the leaf (the
 * tlog-proof "extra" data): version 0x01 || salt (32) || encodeSummary.
 */
export function encodeLeafOpening(summary: EntrySummary, salt: Uint8Array): Uint8Array {
  assertSalt(salt);
  return concatBytes(new Uint8Array([LEAF_VERSION]), salt, encodeSummary(summary));
}

export function decodeLeafOpening(bytes: Uint8Array): { summary: EntrySummary; salt: Uint8Array } {
  if (bytes[0] !== LEAF_VERSION) fail(`unknown leaf opening version ${String(bytes[0])}`);
  if (bytes.length < 1 + SALT_SIZE) fail("leaf opening is too short");
  return { salt: bytes.slice(1, 1 + SALT_SIZE), summary: decodeSummary(bytes.subarray(1 + SALT_SIZE)) };
}
