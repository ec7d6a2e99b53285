import { randomInt } from "node:crypto";

// The serial printed on a card, for people: ten characters of Crockford's
// base32 (no I, L, O or U, so nothing is misread), 50 random bits — enough
// that a typed-in serial cannot be guessed, short enough to read aloud.

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newCardSerial(): string {
  let text = "";
  for (let i = 0; i < 10; i += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/** A serial as someone typed it (any case, spaces, dashes, O for 0, I or L for 1), or undefined when it cannot be one. */
export function normaliseCardSerial(input: string): string | undefined {
  const text = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(text)) return undefined;
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}
