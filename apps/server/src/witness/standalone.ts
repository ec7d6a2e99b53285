import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import {
  encodeSignerKey,
  encodeVerifierKey,
  generateSignerKey,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
  type WitnessedLog,
} from "@koperasi/tlog";
import { acquireDataDirLock } from "../data-dir-lock";
import { installProblemHandlers } from "../http/problem";
import { addCheckpoint, type WitnessBackend } from "./add-checkpoint";
import { FileWitnessState } from "./file-state";
import { acceptRawBodies, rawBody, sendWitnessAnswer } from "./http";

// `koperasi witness`: a witness anyone can run away from the deployment — a
// federation of cooperatives, a dinas koperasi, an auditor (docs/witness.md).
// Its own key and its own state in its own directory, no database, and the
// same add-checkpoint handler as the deployment's co-tenant witnesses.
//
//   <dir>/witness.key   its signer key (C2SP PRIVATE+KEY+…), made on first start, 0600
//   <dir>/logs.txt      the logs it witnesses, if --config is not given
//   <dir>/state/        what it last cosigned, one file per log
//   <dir>/evidence/     validly signed checkpoints it refused as inconsistent
//   <dir>/witness.lock  one process per directory

export interface StandaloneWitnessOptions {
  readonly dir: string;
  /** Key name on first start (later it must match the stored key, or be left out). */
  readonly name?: string | undefined;
  readonly logs: readonly WitnessedLog[];
  readonly host: string;
  readonly port: number;
  readonly logger?: boolean | { level: string };
  readonly now?: () => Date;
}

export interface RunningWitness {
  readonly url: string;
  readonly key: VerifierKey;
  readonly verifierKey: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export const DEFAULT_WITNESS_PORT = 3100;

/** A default key name from the host name: no spaces or "+" (signed-note key names forbid them). */
export function defaultWitnessName(): string {
  const host = hostname().toLowerCase().replace(/[^a-z0-9.-]/g, "-") || "localhost";
  return `${host}/saksi`;
}

/** The witness's key: read from <dir>/witness.key, or made there (owner-only) on first start. */
export function loadOrCreateWitnessKey(dir: string, name?: string): { key: SignerKey; created: boolean } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, "witness.key");
  if (existsSync(path)) {
    const key = parseSignerKey(readFileSync(path, "utf8").trim());
    if (key.type !== "cosignature/v1") throw new Error(`${path} bukan kunci cosignature/v1.`);
    if (name !== undefined && name !== key.name) {
      throw new Error(`Kunci di ${path} bernama ${key.name}, bukan ${name}. Nama saksi tidak dapat diganti; pakai direktori lain untuk kunci baru.`);
    }
    return { key, created: false };
  }
  const keyName = name ?? defaultWitnessName();
  if (!isValidKeyName(keyName)) throw new Error(`Nama saksi tidak sah: ${JSON.stringify(keyName)} (tanpa spasi dan tanda +).`);
  const key = generateSignerKey(keyName, "cosignature/v1");
  writeFileSync(path, `${encodeSignerKey(key)}\n`, { mode: 0o600, flag: "wx" });
  return { key, created: true };
}

/**
 * The logs to witness, one per line: "<vkey>" (the origin is the key's
 * name, as for this project's cooperatives) or "<origin> <vkey>". Blank
 * lines and lines starting with # are skipped; several lines with one
 * origin give that log several trusted keys (a key rotation).
 */
export function parseWitnessedLogs(text: string, source = "konfigurasi"): WitnessedLog[] {
  const byOrigin = new Map<string, VerifierKey[]>();
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parts = line.split(/\s+/);
    if (parts.length > 2) throw new Error(`${source} baris ${i + 1}: tulis "<vkey>" atau "<origin> <vkey>".`);
    let key: VerifierKey;
    try {
      key = parseVerifierKey(parts[parts.length - 1] ?? "");
    } catch (error) {
      throw new Error(`${source} baris ${i + 1}: kunci verifikasi tidak sah (${(error as Error).message}).`);
    }
    const origin = parts.length === 2 ? (parts[0] ?? "") : key.name;
    byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), key]);
  });
  return [...byOrigin].map(([origin, keys]) => ({ origin, keys }));
}

function saveEvidence(dir: string, body: Uint8Array, now: Date): void {
  const evidence = join(dir, "evidence");
  mkdirSync(evidence, { recursive: true, mode: 0o700 });
  const digest = createHash("sha256").update(body).digest("hex").slice(0, 16);
  writeFileSync(join(evidence, `${now.toISOString().replace(/[:.]/g, "-")}-${digest}.txt`), body, { mode: 0o600 });
}

/** Starts the standalone witness; resolves once it listens. */
export async function startStandaloneWitness(options: StandaloneWitnessOptions): Promise<RunningWitness> {
  const release = acquireDataDirLock(options.dir);
  try {
    const { key } = loadOrCreateWitnessKey(options.dir, options.name);
    const now = options.now ?? (() => new Date());
    const state = new FileWitnessState(join(options.dir, "state"));
    const logs = new Map(options.logs.map((log) => [log.origin, log]));
    const backend: WitnessBackend = {
      logFor: async (origin) => logs.get(origin),
      readState: (origin) => state.read(origin),
      swapState: (origin, expected, next, signed) => state.swap(origin, expected, next, signed, now()),
      signers: async () => [key],
      now,
    };
    const verifierKey = encodeVerifierKey(key);

    const app = Fastify({ logger: options.logger ?? { level: "info" }, bodyLimit: 64 * 1024 });
    installProblemHandlers(app);
    app.get("/", () => ({ name: key.name, verifierKey, logs: [...logs.keys()].sort() }));
    await app.register(async (scope) => {
      acceptRawBodies(scope);
      scope.post("/add-checkpoint", async (request, reply) => {
        const body = rawBody(request);
        const answer = await addCheckpoint(backend, body);
        if ("refusal" in answer && (answer.refusal === "root-conflict" || answer.refusal === "invalid-proof")) {
          saveEvidence(options.dir, body, now());
        }
        return sendWitnessAnswer(request, reply, answer);
      });
    });
    const address = await app.listen({ host: options.host, port: options.port });
    return {
      url: address,
      key,
      verifierKey,
      app,
      close: async () => {
        await app.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
