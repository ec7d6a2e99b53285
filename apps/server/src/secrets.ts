import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadMemberKeyring, type MemberKeyring } from "./members/member-keys";

/** Keys the server needs. From the environment in production; generated into DATA_DIR on first embedded start. */
export interface Secrets {
  /** better-auth's secret: signs session cookies. */
  authSecret: string;
  /** Pepper for one-time codes and tokens stored as HMACs. */
  tokenPepper: string;
  /**
   * Input of the keys that seal each cooperative's transparency-log signing
   * keys (HKDF, see transparency/keys.ts). LOG_SEAL_KEY, else the token
   * pepper: a deployment that sets its two secrets needs no third one. Set
   * LOG_SEAL_KEY to the current pepper before rotating TOKEN_PEPPER, or the
   * sealed log keys can no longer be opened.
   */
  logSealKey: string;
  /** Keys sealing members' NIK, phone and KYC fields (members/member-keys.ts): MEMBER_DATA_KEY or generated. */
  memberDataKeys: MemberKeyring;
}

export function loadSecrets(dataDir: string, env: Record<string, string | undefined> = process.env): Secrets {
  const file = join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
  const tokenPepper = env.TOKEN_PEPPER ?? stored.tokenPepper ?? randomBytes(32).toString("base64url");
  const secrets: Secrets = {
    authSecret: env.AUTH_SECRET ?? stored.authSecret ?? randomBytes(32).toString("base64url"),
    tokenPepper,
    logSealKey: env.LOG_SEAL_KEY || tokenPepper,
    memberDataKeys: loadMemberKeyring(dataDir, env),
  };
  if (stored.authSecret !== secrets.authSecret || stored.tokenPepper !== secrets.tokenPepper) {
    if (!env.AUTH_SECRET || !env.TOKEN_PEPPER) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify({ authSecret: secrets.authSecret, tokenPepper: secrets.tokenPepper }, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  return secrets;
}
