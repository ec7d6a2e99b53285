import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import { limitKey } from "./limit-counter";

// Guessing a password is slowed per account, whatever address the guesses
// come from: after a few failures each attempt must wait longer, then the
// account is locked for a while. The same holds for an address no account
// has, so the answers never tell whether it exists. Every attempt is counted
// as a failure before the password is checked (and forgotten when it proves
// right), so a burst of parallel guesses cannot all slip in before the first
// is recorded.

/** Failures allowed without any wait. */
export const FREE_FAILURES = 4;
/** From this many failures on, the account is locked for LOCK_MS at a time. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MS = 15 * 60 * 1000;
const FIRST_DELAY_MS = 30 * 1000;
/** Failures older than this are forgotten. */
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** How long the next attempt must wait after this many failures. */
export function waitAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  if (failures >= LOCK_AFTER_FAILURES) return LOCK_MS;
  return FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1);
}

/** "45 detik", "2 menit": how long, in words a person reads at a glance. */
export function waitInWords(ms: number): { id: string; en: string } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return { id: `${seconds} detik`, en: `${seconds} seconds` };
  const minutes = Math.ceil(seconds / 60);
  return { id: `${minutes} menit`, en: `${minutes} minutes` };
}

/** 429 with the wait in the message; `retryAfterSeconds` lets the route send Retry-After. */
export class SignInThrottled extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    locked: boolean,
  ) {
    const wait = waitInWords(retryAfterSeconds * 1000);
    super(
      429,
      locked ? "account_locked" : "sign_in_delayed",
      locked
        ? `Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${wait.id}, atau atur ulang kata sandi.`
        : `Terlalu banyak percobaan masuk yang gagal. Demi keamanan, tunggu ${wait.id} lalu coba lagi.`,
      locked
        ? `This account is locked for a while after too many failed sign-ins. Try again in ${wait.en}, or reset the password.`
        : `Too many failed sign-ins. For your security, wait ${wait.en} and try again.`,
    );
  }
}

/** The account an attempt names (a normalised email address or phone number), as a key that reveals neither. */
export function signInAccountKey(ctx: AppContext, account: string): string {
  return limitKey(ctx.secrets.tokenPepper, `sign-in:${account}`);
}

/**
 * Counts an attempt on the account before its password is checked; throws
 * SignInThrottled when the account must still wait. Returns what the wait
 * will be should this attempt fail.
 */
export async function beginSignInAttempt(ctx: AppContext, account: string): Promise<{ waitIfWrongMs: number }> {
  const key = signInAccountKey(ctx, account);
  const now = ctx.now();
  return ctx.database.platform(async (trx) => {
    await trx
      .insertInto("sign_in_failure")
      .values({ account_key: key, failures: 0, last_failure_at: now, blocked_until: null })
      .onConflict((oc) => oc.column("account_key").doNothing())
      .execute();
    const row = await trx.selectFrom("sign_in_failure").selectAll().where("account_key", "=", key).forUpdate().executeTakeFirstOrThrow();
    const blockedMs = row.blocked_until ? new Date(row.blocked_until).getTime() - now.getTime() : 0;
    if (blockedMs > 0) throw new SignInThrottled(Math.ceil(blockedMs / 1000), row.failures >= LOCK_AFTER_FAILURES);
    const forgotten = now.getTime() - new Date(row.last_failure_at).getTime() > FAILURE_MEMORY_MS;
    const failures = (forgotten ? 0 : row.failures) + 1;
    const waitIfWrongMs = waitAfterFailures(failures);
    await trx
      .updateTable("sign_in_failure")
      .set({ failures, last_failure_at: now, blocked_until: waitIfWrongMs > 0 ? new Date(now.getTime() + waitIfWrongMs) : null })
      .where("account_key", "=", key)
      .execute();
    return { waitIfWrongMs };
  });
}

/** The password proved right: the account's failures are forgotten. */
export async function signInSucceeded(ctx: AppContext, account: string): Promise<void> {
  const key = signInAccountKey(ctx, account);
  await ctx.database.platform((trx) => trx.deleteFrom("sign_in_failure").where("account_key", "=", key).execute());
}

/** The refusal of a wrong password, telling the person when a wait now applies. */
export function wrongPassword(waitIfWrongMs: number): AppError {
  if (waitIfWrongMs === 0) return new AppError(401, "invalid_credentials", "Email atau kata sandi salah.", "Wrong email or password.");
  const wait = waitInWords(waitIfWrongMs);
  const locked = waitIfWrongMs >= LOCK_MS;
  return new AppError(
    401,
    "invalid_credentials",
    locked
      ? `Email atau kata sandi salah. Akun ini dikunci sementara; coba lagi dalam ${wait.id}, atau atur ulang kata sandi.`
      : `Email atau kata sandi salah. Demi keamanan, percobaan berikutnya baru dapat dilakukan dalam ${wait.id}.`,
    locked
      ? `Wrong email or password. This account is locked for a while; try again in ${wait.en}, or reset the password.`
      : `Wrong email or password. For your security, the next attempt is possible in ${wait.en}.`,
  );
}
