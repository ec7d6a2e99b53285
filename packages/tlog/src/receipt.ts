import { decodeBase64, encodeBase64 } from "./base64.js";
import { openCheckpoint, type TrustPolicy, type VerifiedCheckpoint } from "./checkpoint.js";
import { TlogError } from "./errors.js";
import { decodeLeafOpening, leafData as computeLeafData, type EntrySummary } from "./leaf.js";
import { HASH_SIZE, leafHash as hashLeaf } from "./merkle.js";
import { parseNote } from "./note.js";
import { verifyInclusion } from "./verify.js";

/*
 * c2sp.org/tlog-proof: an offline-verifiable receipt.
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>          (optional, unauthenticated)
 *   index <decimal>
 *   <base64 proof hash>     (zero or more, leaf's sibling first)
 *
 *   <signed checkpoint, verbatim>
 *
 * Koperasi Pintar puts the leaf opening (salt + entry summary, see leaf.ts)
 * in `extra`, so the member's app can recompute the leaf. `extra` is not
 * signed, but it does not need to be: it only counts once the leaf it
 * recomputes is proven to be in the signed tree.
 */

export const RECEIPT_HEADER = "c2sp.org/tlog-proof@v1";

export interface Receipt {
  readonly index: number;
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, as the log (and witnesses) signed it. */
  readonly checkpoint: string;
  readonly extra?: Uint8Array;
}

export function encodeReceipt(receipt: Receipt): string {
  const { index, proof, checkpoint, extra } = receipt;
  if (!Number.isSafeInteger(index) || index < 0) throw new TlogError("malformed-receipt", `invalid index ${String(index)}`);
  if (proof.some((h) => h.length !== HASH_SIZE)) throw new TlogError("malformed-receipt", `proof hashes must be ${HASH_SIZE} bytes`);
  parseNote(checkpoint);
  const lines = [RECEIPT_HEADER];
  if (extra !== undefined) lines.push(`extra ${encodeBase64(extra)}`);
  lines.push(`index ${index}`, ...proof.map(encodeBase64), "");
  return `${lines.join("\n")}\n${checkpoint}`;
}

function fail(message: string): never {
  throw new TlogError("malformed-receipt", message);
}

function decode(b64: string, what: string): Uint8Array {
  try {
    return decodeBase64(b64);
  } catch {
    return fail(`${what} is not valid base64`);
  }
}

export function parseReceipt(text: string): Receipt {
  let rest = text;
  const nextLine = (): string => {
    const nl = rest.indexOf("\n");
    if (nl < 0) fail("receipt ends before its checkpoint");
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    return line;
  };
  if (nextLine() !== RECEIPT_HEADER) fail(`first line must be ${RECEIPT_HEADER}`);
  let line = nextLine();
  let extra: Uint8Array | undefined;
  if (line.startsWith("extra ")) {
    extra = decode(line.slice("extra ".length), "extra data");
    line = nextLine();
  }
  const indexText = line.startsWith("index ") ? line.slice("index ".length) : fail("missing index line");
  if (!/^(0|[1-9][0-9]*)$/.test(indexText)) fail(`invalid index ${JSON.stringify(indexText)}`);
  const index = Number(indexText);
  if (!Number.isSafeInteger(index)) fail(`index ${indexText} exceeds 2^53 - 1`);
  const proof: Uint8Array[] = [];
  for (line = nextLine(); line !== ""; line = nextLine()) {
    const hash = decode(line, "proof hash");
    if (hash.length !== HASH_SIZE) fail(`proof hash has ${hash.length} bytes, want ${HASH_SIZE}`);
    proof.push(hash);
  }
  try {
    parseNote(rest);
  } catch (err) {
    fail(`checkpoint: ${err instanceof Error ? err.message : String(err)}`);
  }
  return extra === undefined ? { index, proof, checkpoint: rest } : { index, proof, checkpoint: rest, extra };
}

export type ReceiptLeaf = { readonly leafHash: Uint8Array } | { readonly leafData: Uint8Array };

export type VerifyReceiptInput = { readonly receipt: string | Receipt; readonly policy: TrustPolicy } & ReceiptLeaf;

export interface VerifiedReceipt {
  readonly index: number;
  readonly checkpoint: VerifiedCheckpoint;
  readonly extra?: Uint8Array;
}

/**
 * Verifies a receipt: the checkpoint against the trust policy (log key,
 * origin, witness quorum), then the leaf's inclusion in that checkpoint.
 * Pin the policy keys in the app or take them from a source other than the
 * response that carried the receipt, or the check proves nothing.
 */
export function verifyReceipt(input: VerifyReceiptInput): VerifiedReceipt {
  const receipt = typeof input.receipt === "string" ? parseReceipt(input.receipt) : input.receipt;
  const checkpoint = openCheckpoint(receipt.checkpoint, input.policy);
  const leaf = "leafHash" in input ? input.leafHash : hashLeaf(input.leafData);
  const { size, rootHash } = checkpoint.checkpoint;
  verifyInclusion(receipt.index, size, leaf, receipt.proof, rootHash);
  return receipt.extra === undefined
    ? { index: receipt.index, checkpoint }
    : { index: receipt.index, checkpoint, extra: receipt.extra };
}

export interface VerifiedEntryReceipt extends VerifiedReceipt {
  readonly summary: EntrySummary;
  readonly salt: Uint8Array;
}

/**
 * Verifies a Koperasi Pintar entry receipt, whose `extra` is the leaf
 * opening: recomputes the leaf from the summary and salt it carries and
 * returns the summary once it is proven to be in the log. The caller still
 * compares the summary with what it expects (entry id, amounts).
 */
export function verifyEntryReceipt(input: { readonly receipt: string | Receipt; readonly policy: TrustPolicy }): VerifiedEntryReceipt {
  const receipt = typeof input.receipt === "string" ? parseReceipt(input.receipt) : input.receipt;
  if (receipt.extra === undefined) fail("receipt carries no leaf opening in its extra data");
  const { summary, salt } = decodeLeafOpening(receipt.extra);
  const verified = verifyReceipt({ receipt, policy: input.policy, leafData: computeLeafData(summary, salt) });
  return { ...verified, summary, salt };
}
