/** The shared secret inside an otpauth:// URI, for people who type it into their authenticator app. */
export function totpSecret(uri: string): string | null {
  const match = /[?&]secret=([^&#]+)/i.exec(uri);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]).toUpperCase();
  } catch {
    return null;
  }
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to copy by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}
