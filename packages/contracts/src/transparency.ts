import { z } from "zod";
import { Uuid } from "./common";

// The cooperative's public transparency log and the members' receipts
// (apps/server/src/transparency/README.md). Hashes are standard base64.

const Base64Hash = z.string();
const TreeSize = z.coerce.number({ error: "Ukuran pohon harus berupa angka." }).int({ error: "Ukuran pohon harus bilangan bulat." });

export const LogSlugParams = z.object({ slug: z.string().min(1).max(100) });

export const CheckpointSizeParams = LogSlugParams.extend({
  size: TreeSize.min(0, { error: "Ukuran pohon tidak boleh negatif." }).max(Number.MAX_SAFE_INTEGER),
});

export const ConsistencyQuery = z.object({
  from: TreeSize.min(1, { error: "Ukuran awal minimal 1." }).max(Number.MAX_SAFE_INTEGER),
  to: TreeSize.min(1, { error: "Ukuran akhir minimal 1." }).max(Number.MAX_SAFE_INTEGER),
});

/** By leaf index or by leaf hash (exactly one); the tree size defaults to the latest checkpoint's. */
export const InclusionQuery = z.object({
  index: TreeSize.min(0, { error: "Indeks tidak boleh negatif." }).max(Number.MAX_SAFE_INTEGER).optional(),
  leafHash: z.string().min(1).max(100).optional(),
  treeSize: TreeSize.min(1, { error: "Ukuran pohon minimal 1." }).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const ConsistencyProof = z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(Base64Hash) });
export type ConsistencyProof = z.infer<typeof ConsistencyProof>;

export const InclusionProof = z.object({ index: z.number().int(), treeSize: z.number().int(), leafHash: Base64Hash, proof: z.array(Base64Hash) });
export type InclusionProof = z.infer<typeof InclusionProof>;

export const LogPublicKey = z.object({
  name: z.string(),
  /** 8 hex digits, as in the signature lines. */
  keyId: z.string(),
  /** C2SP signed-note verifier key text. */
  verifierKey: z.string(),
});
export type LogPublicKey = z.infer<typeof LogPublicKey>;

export const LogKeys = z.object({
  origin: z.string(),
  /** Signs this log's checkpoints (ed25519). */
  log: LogPublicKey,
  /** This cooperative's own witness key (cosignature/v1), with which it cosigns other logs. */
  witnessKey: LogPublicKey.nullable(),
  /** Witnesses whose cosignatures appear on this log's recent checkpoints. */
  witnesses: z.array(LogPublicKey),
});
export type LogKeys = z.infer<typeof LogKeys>;

export const EntryReceipt = z.object({
  entryId: Uuid,
  koperasiSlug: z.string(),
  origin: z.string(),
  index: z.number().int(),
  treeSize: z.number().int(),
  /** C2SP tlog-proof text; verify with verifyEntryReceipt against keys fetched separately. */
  receipt: z.string(),
});
export type EntryReceipt = z.infer<typeof EntryReceipt>;

/** A cooperative whose checkpoints the server cannot publish now (operator console). */
export const LogFailure = z.object({
  koperasiId: Uuid,
  slug: z.string(),
  name: z.string(),
  since: z.string().datetime(),
  attempts: z.number().int(),
  message: z.string(),
  retryAt: z.string().datetime(),
});
export type LogFailure = z.infer<typeof LogFailure>;
