import {
  decodeBase64,
  encodeBase64,
  isTlogError,
  parseVerifierKey,
  verifyConsistency,
  verifyEntryReceipt,
  type TlogErrorCode,
  type VerifiedEntryReceipt,
} from "@koperasi/tlog";
import type { PinStore, PinnedLog } from "./pins";

// A member's "Verifikasi", in the browser: the receipt (C2SP tlog-proof) the
// server sent is checked against keys that did NOT come with it — the log's
// keys from the public keys endpoint, pinned on first use and held to after
// — and the checkpoint it carries must extend (or be extended by) every
// checkpoint this browser verified before. Only then is the entry counted as
// recorded, and only if the opening in the receipt is the transaction the
// member was looking at.

/** The receipt route's answer (apps/server/src/transparency/README.md). Only `receipt` is trusted, and only once verified. */
export interface ReceiptResponse {
  entryId: string;
  receipt: string;
}

interface PublicKey {
  name: string;
  verifierKey: string;
}

/** The public keys endpoint's answer, fetched in its own request. */
export interface LogKeysResponse {
  origin: string;
  log: PublicKey;
  witnesses: readonly PublicKey[];
}

/** What the member saw in her statement: the receipt must prove exactly this. */
export interface ExpectedEntry {
  koperasiId: string;
  entryId: string;
  voucherNo: string;
  businessDate: string;
  memberAccountId: string;
  debit: number;
  credit: number;
}

export type VerifyFailure =
  /** The log signs with another key than the one pinned here. */
  | "log_key_changed"
  /** The log calls itself by another name than the one pinned here. */
  | "origin_changed"
  /** A witness known here now has another key. */
  | "witness_key_changed"
  /** The checkpoint is not signed by the log's key (or a signature is forged). */
  | "bad_signature"
  /** The checkpoint is another log's. */
  | "wrong_origin"
  /** The inclusion proof does not lead to the signed root. */
  | "not_included"
  /** The receipt proves some other entry, or other amounts. */
  | "wrong_entry"
  /** This checkpoint and one verified earlier cannot both be true: history was rewritten. */
  | "history_changed"
  /** The consistency with the earlier checkpoint could not be fetched. */
  | "history_unchecked"
  /** The receipt or keys cannot be read. */
  | "malformed";

export type VerifyOutcome =
  | {
      ok: true;
      treeSize: number;
      index: number;
      origin: string;
      voucherNo: string;
      /** Names of the witnesses whose cosignatures verified. */
      witnesses: string[];
      /** The keys were pinned just now (first verification for this cooperative in this browser). */
      firstUse: boolean;
    }
  | { ok: false; reason: VerifyFailure; detail: string };

export interface VerifyInput {
  receipt: ReceiptResponse;
  keys: LogKeysResponse;
  expected: ExpectedEntry;
  pins: PinStore;
  /** The public consistency proof between two sizes (`from` < `to`), as base64 hashes. */
  consistency: (from: number, to: number) => Promise<readonly string[]>;
  now?: () => Date;
}

const fail = (reason: VerifyFailure, detail: string): VerifyOutcome => ({ ok: false, reason, detail });

function failureOf(code: TlogErrorCode): VerifyFailure {
  switch (code) {
    case "log-signature-missing":
    case "invalid-signature":
    case "unverified-note":
    case "witness-quorum":
      return "bad_signature";
    case "origin-mismatch":
      return "wrong_origin";
    case "root-mismatch":
    case "wrong-proof-size":
    case "index-out-of-range":
    case "bad-hash-size":
    case "nonempty-proof":
    case "empty-proof":
    case "invalid-argument":
      return "not_included";
    default:
      return "malformed";
  }
}

/** The keys to trust: pinned ones held to; a witness seen for the first time is pinned too. */
function trustedKeys(pinned: PinnedLog | null, keys: LogKeysResponse): { pin: Omit<PinnedLog, "checkpoint" | "since">; failure?: VerifyOutcome } {
  const logKey = pinned?.logKey ?? keys.log.verifierKey;
  const origin = pinned?.origin ?? keys.origin;
  const witnesses = { ...(pinned?.witnesses ?? {}) };
  if (pinned && keys.log.verifierKey !== pinned.logKey) return { pin: { origin, logKey, witnesses }, failure: fail("log_key_changed", keys.log.name) };
  if (pinned && keys.origin !== pinned.origin) return { pin: { origin, logKey, witnesses }, failure: fail("origin_changed", keys.origin) };
  for (const witness of keys.witnesses) {
    const known = witnesses[witness.name];
    if (known !== undefined && known !== witness.verifierKey) return { pin: { origin, logKey, witnesses }, failure: fail("witness_key_changed", witness.name) };
    witnesses[witness.name] = witness.verifierKey;
  }
  return { pin: { origin, logKey, witnesses } };
}

function matchesExpected(verified: VerifiedEntryReceipt, expected: ExpectedEntry): boolean {
  const { summary } = verified;
  return (
    summary.koperasiId === expected.koperasiId &&
    summary.entryId === expected.entryId &&
    summary.voucherNo === expected.voucherNo &&
    summary.businessDate === expected.businessDate &&
    summary.lines.some(
      (line) => line.memberAccountId === expected.memberAccountId && line.debit === expected.debit && line.credit === expected.credit,
    )
  );
}

/** Checks that the earlier and the new checkpoint lie on one history. */
async function consistentWithPinned(
  pinned: PinnedLog["checkpoint"],
  current: { size: number; rootHash: Uint8Array },
  consistency: VerifyInput["consistency"],
): Promise<VerifyOutcome | null> {
  if (!pinned) return null;
  const pinnedRoot = decodeBase64(pinned.rootHash);
  if (pinned.size === current.size) {
    return encodeBase64(current.rootHash) === pinned.rootHash ? null : fail("history_changed", String(current.size));
  }
  const [older, newer] =
    pinned.size < current.size ? [{ size: pinned.size, root: pinnedRoot }, { size: current.size, root: current.rootHash }] : [{ size: current.size, root: current.rootHash }, { size: pinned.size, root: pinnedRoot }];
  let proof: Uint8Array[];
  try {
    proof = (await consistency(older.size, newer.size)).map((hash) => decodeBase64(hash));
  } catch (error) {
    return fail("history_unchecked", error instanceof Error ? error.message : String(error));
  }
  try {
    verifyConsistency(older.size, newer.size, proof, older.root, newer.root);
    return null;
  } catch (error) {
    return fail("history_changed", error instanceof Error ? error.message : String(error));
  }
}

export async function verifyTransaction(input: VerifyInput): Promise<VerifyOutcome> {
  const { receipt, keys, expected, pins } = input;
  const pinned = pins.read(expected.koperasiId);
  const trust = trustedKeys(pinned, keys);
  if (trust.failure) return trust.failure;

  let verified: VerifiedEntryReceipt;
  try {
    verified = verifyEntryReceipt({
      receipt: receipt.receipt,
      policy: { log: parseVerifierKey(trust.pin.logKey), origin: trust.pin.origin, witnesses: Object.values(trust.pin.witnesses).map(parseVerifierKey) },
    });
  } catch (error) {
    if (isTlogError(error)) return fail(failureOf(error.code), error.message);
    return fail("malformed", error instanceof Error ? error.message : String(error));
  }
  if (!matchesExpected(verified, expected)) return fail("wrong_entry", verified.summary.entryId);

  const { size, rootHash } = verified.checkpoint.checkpoint;
  const history = await consistentWithPinned(pinned?.checkpoint ?? null, { size, rootHash }, input.consistency);
  if (history) return history;

  // Pin the keys, and the larger of the two checkpoints: the next one must extend it.
  const checkpoint = pinned?.checkpoint && pinned.checkpoint.size > size ? pinned.checkpoint : { size, rootHash: encodeBase64(rootHash) };
  pins.write(expected.koperasiId, { ...trust.pin, checkpoint, since: pinned?.since ?? (input.now?.() ?? new Date()).toISOString() });

  return {
    ok: true,
    treeSize: size,
    index: verified.index,
    origin: verified.checkpoint.checkpoint.origin,
    voucherNo: verified.summary.voucherNo,
    witnesses: [...new Set(verified.checkpoint.cosignatures.map((c) => c.key.name))],
    firstUse: pinned === null,
  };
}
