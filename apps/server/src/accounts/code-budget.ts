import type { AppContext } from "../context";
import { RateLimitedError } from "../verification/codes";
import { createLimitCounter } from "./limit-counter";
import { waitInWords } from "./sign-in-throttle";

// How many one-time codes one recipient (an e-mail address or a phone number)
// may be sent, whoever asks and from wherever: a person's phone must not be
// flooded with SMS, nor the platform's SMS bill. Requests are counted per
// recipient whether or not an account has that address, so the answer is
// the same for both.

export const RECIPIENT_CODE_LIMITS = [
  { name: "minute", windowMs: 60 * 1000, max: 1 },
  { name: "hour", windowMs: 60 * 60 * 1000, max: 5 },
  { name: "day", windowMs: 24 * 60 * 60 * 1000, max: 10 },
] as const;

export type CodeRecipient = { channel: "email"; email: string } | { channel: "phone"; phoneNumber: string };

function recipientKey(recipient: CodeRecipient): string {
  return recipient.channel === "email" ? `email:${recipient.email}` : `phone:${recipient.phoneNumber}`;
}

/**
 * Counts one code for the recipient; throws 429 `code_rate_limited` with the
 * wait when any window is full. A refused request spends nothing, so a flood
 * of requests cannot use up a person's day.
 */
export async function takeCodeBudget(ctx: AppContext, purpose: string, recipient: CodeRecipient): Promise<void> {
  const counter = createLimitCounter(ctx.database, ctx.secrets.tokenPepper, () => ctx.now());
  const { taken, waitMs } = await counter.take(
    RECIPIENT_CODE_LIMITS.map((limit) => ({ key: `codes:${purpose}:${limit.name}:${recipientKey(recipient)}`, windowMs: limit.windowMs, max: limit.max })),
  );
  if (taken) return;
  const wait = waitInWords(waitMs);
  throw new RateLimitedError(
    Math.ceil(waitMs / 1000),
    `Terlalu banyak permintaan kode untuk alamat ini. Anda dapat meminta kode lagi dalam ${wait.id}.`,
    `Too many codes were asked for this address. You can ask for another in ${wait.en}.`,
  );
}
