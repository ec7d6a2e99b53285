import { createHmac, randomBytes } from "node:crypto";
import { isUuid } from "@koperasi/domain";

// An invitation token is `<koperasiId>.<32 random bytes, base64url>`. The
// prefix says which cooperative to open (tenant data is read only inside
// that cooperative's transaction); only an HMAC of the whole token, keyed
// with the server's pepper, is stored, so a database leak yields no usable
// links.

export function newInvitationToken(koperasiId: string): string {
  return `${koperasiId}.${randomBytes(32).toString("base64url")}`;
}

export function hashInvitationToken(token: string, pepper: string): string {
  return createHmac("sha256", pepper).update(`invitation:${token}`).digest("base64url");
}

/** The cooperative a token belongs to, or null when it is not shaped like one of ours. */
export function koperasiIdOfToken(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || !isUuid(match[1])) return null;
  return match[1]!;
}
