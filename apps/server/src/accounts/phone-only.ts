import { randomUUID } from "node:crypto";

// better-auth needs an email for every login; a person invited by phone may
// have none. Such a login gets an address under a reserved, non-routable
// domain (RFC 2606 `.invalid`): it is never shown, never mailed, and cannot
// be used to reset a password.

export const PHONE_ONLY_EMAIL_DOMAIN = "telepon.koperasi-pintar.invalid";

export function phoneOnlyEmail(): string {
  return `${randomUUID()}@${PHONE_ONLY_EMAIL_DOMAIN}`;
}

export function isPhoneOnlyEmail(email: string): boolean {
  return email.toLowerCase().endsWith(`@${PHONE_ONLY_EMAIL_DOMAIN}`) || email.toLowerCase().endsWith(".invalid");
}

/** The address to show: empty for a phone-only login. */
export function visibleEmail(email: string): string {
  return isPhoneOnlyEmail(email) ? "" : email;
}
