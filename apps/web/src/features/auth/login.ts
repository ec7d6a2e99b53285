import type { FieldErrors } from "../../api/problem";

// Pure pieces of signing in, kept apart from the form so they can be tested without a DOM.

/** People invited by SMS sign in with their phone number; everyone else with the email address. */
export function loginBody(identifier: string, password: string): { email: string; password: string } | { phone: string; password: string } {
  const value = identifier.trim();
  return value.includes("@") || !/^[+0-9 ()-]+$/.test(value) ? { email: value, password } : { phone: value, password };
}

/** The form has one field for email or phone; messages about either belong to it. */
export function moveToIdentifier(errors: FieldErrors): FieldErrors {
  const { email, phone, ...rest } = errors;
  const message = email ?? phone;
  return message ? { ...rest, identifier: message } : rest;
}

/** Only same-site paths are followed after signing in (no open redirect through ?next=). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null;
}
