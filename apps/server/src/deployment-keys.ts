import { createHmac } from "node:crypto";
import type { Database } from "@koperasi/db";
import type { Secrets } from "./secrets";

// One set of secrets for the server and every `koperasi` command. A process
// that opens the database compares its keys' fingerprints with the ones the
// deployment recorded and refuses to go on when they differ: started with
// other secrets (say, without TOKEN_PEPPER in its environment, so with keys
// generated into its own DATA_DIR), it would seal a new cooperative's log key
// or members' NIKs under keys the server cannot open.

export type KeyPurpose = "log_seal" | "token_pepper" | "member_data";

export interface KeyFingerprint {
  purpose: KeyPurpose;
  /** The member-data key's id; "" for single keys. */
  keyId: string;
  fingerprint: string;
}

const LABEL = "koperasi-pintar/key-fingerprint/v1";

/** A fingerprint that names a key without revealing anything about it. */
export function keyFingerprint(key: string | Buffer): string {
  return createHmac("sha256", key).update(LABEL).digest("hex").slice(0, 32);
}

export function fingerprintsOf(secrets: Secrets): { single: KeyFingerprint[]; memberData: KeyFingerprint[]; current: KeyFingerprint } {
  const memberData = secrets.memberDataKeys.keys.map((k) => ({ purpose: "member_data" as const, keyId: k.id, fingerprint: keyFingerprint(k.key) }));
  return {
    single: [
      { purpose: "log_seal", keyId: "", fingerprint: keyFingerprint(secrets.logSealKey) },
      { purpose: "token_pepper", keyId: "", fingerprint: keyFingerprint(secrets.tokenPepper) },
    ],
    memberData,
    current: memberData[0]!,
  };
}

const SETTING: Record<KeyPurpose, string> = {
  log_seal: "LOG_SEAL_KEY (atau TOKEN_PEPPER bila LOG_SEAL_KEY kosong)",
  token_pepper: "TOKEN_PEPPER",
  member_data: "MEMBER_DATA_KEY",
};

/**
 * What is wrong with this process's keys against the recorded ones, in
 * Indonesian, one line per key; empty when they agree. Rules: a single key
 * equals the recorded one; a member-data key whose id is recorded has the
 * recorded fingerprint; and once any member-data key is recorded, at least
 * one of ours is among them (a rotation adds a key beside the old ones).
 */
export function keyMismatches(recorded: readonly KeyFingerprint[], ours: ReturnType<typeof fingerprintsOf>): string[] {
  const problems: string[] = [];
  const at = (purpose: KeyPurpose, keyId: string) => recorded.find((r) => r.purpose === purpose && r.keyId === keyId);
  for (const key of ours.single) {
    const known = at(key.purpose, "");
    if (known && known.fingerprint !== key.fingerprint) problems.push(`${SETTING[key.purpose]} berbeda dari kunci yang dipakai deployment ini.`);
  }
  for (const key of ours.memberData) {
    const known = at("member_data", key.keyId);
    if (known && known.fingerprint !== key.fingerprint) problems.push(`${SETTING.member_data}: kunci "${key.keyId}" berbeda dari kunci ber-id sama yang dipakai deployment ini.`);
  }
  const recordedData = recorded.filter((r) => r.purpose === "member_data");
  if (recordedData.length > 0 && !ours.memberData.some((k) => recordedData.some((r) => r.keyId === k.keyId && r.fingerprint === k.fingerprint))) {
    problems.push(`${SETTING.member_data}: tidak satu pun kunci dikenal deployment ini (dikenal: ${recordedData.map((r) => r.keyId).join(", ")}).`);
  }
  return problems;
}

export class DeploymentKeyMismatch extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Kunci rahasia proses ini tidak cocok dengan deployment:\n- ${problems.join("\n- ")}\n` +
        "Jalankan server dan setiap perintah koperasi dengan rahasia yang sama (variabel lingkungan yang sama, atau DATA_DIR yang sama).",
    );
    this.name = "DeploymentKeyMismatch";
  }
}

async function readRecorded(database: Database): Promise<KeyFingerprint[]> {
  const rows = await database.platform((trx) => trx.selectFrom("deployment_key").select(["purpose", "key_id", "fingerprint"]).execute());
  return rows.map((r) => ({ purpose: r.purpose, keyId: r.key_id, fingerprint: r.fingerprint }));
}

/**
 * Compares, then records what is new (the single keys on a first start, the
 * current member-data key after a rotation), then compares again: of two
 * processes starting at once with different keys, the second to record
 * finds the first's keys and refuses.
 */
export async function checkDeploymentKeys(database: Database, secrets: Secrets): Promise<void> {
  const ours = fingerprintsOf(secrets);
  const before = await readRecorded(database);
  let problems = keyMismatches(before, ours);
  if (problems.length > 0) throw new DeploymentKeyMismatch(problems);
  const fresh = [...ours.single, ours.current].filter((k) => !before.some((r) => r.purpose === k.purpose && r.keyId === k.keyId));
  if (fresh.length === 0) return;
  await database.platform((trx) =>
    trx
      .insertInto("deployment_key")
      .values(fresh.map((k) => ({ purpose: k.purpose, key_id: k.keyId, fingerprint: k.fingerprint })))
      .onConflict((oc) => oc.columns(["purpose", "key_id"]).doNothing())
      .execute(),
  );
  problems = keyMismatches(await readRecorded(database), ours);
  if (problems.length > 0) throw new DeploymentKeyMismatch(problems);
}
