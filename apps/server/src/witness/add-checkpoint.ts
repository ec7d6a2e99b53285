import {
  TLOG_SIZE_CONTENT_TYPE,
  cosignatureLines,
  decideAddCheckpoint,
  formatTlogSize,
  isTlogError,
  parseAddCheckpointRequest,
  type AddCheckpointDecision,
  type ParsedAddCheckpointRequest,
  type SignerKey,
  type WitnessRefusal,
  type WitnessState,
  type WitnessedLog,
} from "@koperasi/tlog";

// One add-checkpoint handler (c2sp.org/tlog-witness) for every witness this
// project runs: a cooperative cosigning its neighbours on the deployment
// (database state) and the standalone `koperasi witness` (a state file). The
// decision is @koperasi/tlog's; what differs is only where the logs, the
// state and the key live, behind WitnessBackend.

export interface WitnessBackend {
  /** The log this witness is configured for under `origin`, if any. */
  logFor(origin: string): Promise<WitnessedLog | undefined>;
  /** What it last cosigned for `origin` (undefined: never). */
  readState(origin: string): Promise<WitnessState | undefined>;
  /**
   * Stores `next` only if the stored state is still `expected` (undefined:
   * no state yet), durably, before returning true; false when another
   * request moved it first. This compare-and-swap is what keeps two
   * concurrent requests from rolling the state back (the spec's race).
   */
  swapState(origin: string, expected: WitnessState | undefined, next: WitnessState, signedCheckpoint: string): Promise<boolean>;
  /** The witness's cosignature/v1 key(s). */
  signers(): Promise<readonly SignerKey[]>;
  now(): Date;
}

/** Stable problem codes with Indonesian and English messages, per refusal. */
export const REFUSAL_PROBLEM: Readonly<Record<Exclude<WitnessRefusal, "size-conflict">, { code: string; id: string; en: string }>> = {
  "malformed-request": {
    code: "witness_malformed_request",
    id: "Isi permintaan add-checkpoint tidak sah (baris old, bukti konsistensi, baris kosong, lalu checkpoint bertanda tangan).",
    en: "The add-checkpoint body is malformed (old line, consistency proof, empty line, then a signed checkpoint).",
  },
  "old-size-beyond-checkpoint": {
    code: "witness_old_size_too_large",
    id: "Ukuran lama melebihi ukuran checkpoint.",
    en: "The old size is larger than the checkpoint size.",
  },
  "unknown-origin": {
    code: "witness_unknown_log",
    id: "Log dengan origin ini tidak disaksikan di sini.",
    en: "This witness does not witness a log with this origin.",
  },
  "untrusted-signature": {
    code: "witness_untrusted_signature",
    id: "Checkpoint tidak ditandatangani dengan sah oleh kunci log yang dipercaya.",
    en: "The checkpoint carries no valid signature by a trusted log key.",
  },
  "root-conflict": {
    code: "witness_checkpoint_fork",
    id: "Saksi sudah menandatangani checkpoint lain dengan ukuran yang sama: riwayat log bercabang.",
    en: "The witness cosigned a different checkpoint of the same size: the log's history forked.",
  },
  "invalid-proof": {
    code: "witness_invalid_proof",
    id: "Bukti konsistensi tidak sah terhadap checkpoint terakhir yang ditandatangani saksi.",
    en: "The consistency proof does not verify against the witness's last cosigned checkpoint.",
  },
};

export type WitnessAnswer =
  | {
      readonly status: 200;
      readonly contentType: "text/plain; charset=utf-8";
      /** Cosignature lines, each ending in a newline. */
      readonly body: string;
      readonly origin: string;
      readonly treeSize: number;
    }
  | { readonly status: 409; readonly contentType: typeof TLOG_SIZE_CONTENT_TYPE; readonly body: string; readonly refusal: "size-conflict" }
  | {
      readonly status: 400 | 403 | 404 | 409 | 422;
      readonly refusal: Exclude<WitnessRefusal, "size-conflict">;
      readonly problem: { readonly code: string; readonly id: string; readonly en: string };
      /** What went wrong, in English, for the witness's own log. */
      readonly reason: string;
      readonly origin?: string;
    };

/** Lost compare-and-swaps in a row before giving up: each loss means the state moved, so the next read usually ends in 409. */
const MAX_SWAP_ATTEMPTS = 5;

function refusal(decision: Extract<AddCheckpointDecision, { ok: false }>, origin?: string): WitnessAnswer {
  if (decision.refusal === "size-conflict") {
    return { status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: formatTlogSize(decision.knownSize ?? 0), refusal: "size-conflict" };
  }
  return {
    status: decision.status,
    refusal: decision.refusal,
    problem: REFUSAL_PROBLEM[decision.refusal],
    reason: decision.message,
    ...(origin === undefined ? {} : { origin }),
  };
}

/** POST <prefix>/add-checkpoint: the answer for `body`, the state stored first when the witness cosigns. */
export async function addCheckpoint(backend: WitnessBackend, body: string | Uint8Array): Promise<WitnessAnswer> {
  let request: ParsedAddCheckpointRequest;
  try {
    request = parseAddCheckpointRequest(body);
  } catch (err) {
    if (!isTlogError(err)) throw err;
    return refusal({ ok: false, refusal: "malformed-request", status: 400, message: err.message });
  }
  const origin = request.checkpoint.origin;
  const log = await backend.logFor(origin);
  for (let attempt = 0; attempt < MAX_SWAP_ATTEMPTS; attempt += 1) {
    const known = log ? await backend.readState(origin) : undefined;
    const decision = decideAddCheckpoint(request, log, known);
    if (!decision.ok) return refusal(decision, origin);
    if (decision.advances && !(await backend.swapState(origin, known, decision.next, request.signedCheckpoint))) continue;
    const timestamp = Math.floor(backend.now().getTime() / 1000);
    const lines = cosignatureLines(decision.text, await backend.signers(), timestamp);
    return { status: 200, contentType: "text/plain; charset=utf-8", body: lines, origin, treeSize: decision.checkpoint.size };
  }
  throw new Error(`witness state of ${origin} kept moving under ${MAX_SWAP_ATTEMPTS} attempts`);
}
