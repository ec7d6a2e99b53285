import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The resume token lets the browser that started a registration continue it
// (X-Resume-Token). 32 random bytes; only an HMAC with the pepper is stored,
// so the table alone cannot be used to take over a registration.

export function newResumeToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashResumeToken(pepper: string, token: string): string {
  return createHmac("sha256", pepper).update(`registration-resume:${token}`).digest("hex");
}

export function resumeTokenMatches(pepper: string, token: string, storedHash: string): boolean {
  const given = Buffer.from(hashResumeToken(pepper, token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
