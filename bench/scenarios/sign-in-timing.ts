import { signIn } from "../lib/app-server";
import type { Recorder } from "../lib/figures";
import { median } from "../lib/stats";
import type { Login } from "./seed";

// What a timing attack could read: how much sooner (or later) a wrong
// password is refused for a registered email than for an unknown one, and a
// reset request is taken. Requests go one at a time, alternating known and
// unknown, so both see the same machine; each registered login gets one
// wrong password per run (far below the lockout) and signs in rightly after,
// which forgets it.

async function answerMs(url: string, path: string, body: Record<string, string>, expected: number): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== expected) throw new Error(`${path}: ${res.status}, expected ${expected}`);
  return ms;
}

export async function measureSignInTiming(url: string, label: string, logins: readonly Login[], rec: Recorder, round: number): Promise<void> {
  const known: number[] = [];
  const unknown: number[] = [];
  const forgotKnown: number[] = [];
  const forgotUnknown: number[] = [];
  const wrong = "bukan-kata-sandinya-sama-sekali";
  for (const [i, login] of logins.entries()) {
    // Which goes first alternates, so neither always follows the other.
    const pair: [() => Promise<void>, () => Promise<void>] = [
      async () => void known.push(await answerMs(url, "/api/v1/auth/login", { email: login.email, password: wrong }, 401)),
      async () => void unknown.push(await answerMs(url, "/api/v1/auth/login", { email: `belum-terdaftar-${round}-${i}@bench.invalid`, password: wrong }, 401)),
    ];
    for (const step of i % 2 === 0 ? pair : pair.reverse()) await step();
    // One code a minute per address: reset requests are measured in the first run only. The
    // code is sent after the answer; the pause lets that finish before the next request.
    if (round === 1) {
      forgotKnown.push(await answerMs(url, "/api/v1/auth/password/forgot", { identifier: login.email }, 202));
      await new Promise((resolve) => setTimeout(resolve, 200));
      forgotUnknown.push(await answerMs(url, "/api/v1/auth/password/forgot", { identifier: `belum-terdaftar-${i}@bench.invalid` }, 202));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  for (const login of logins) await signIn(url, login);
  const note = `${logins.length} registered and ${logins.length} unknown emails, one request at a time`;
  rec.record({ name: `${label}.sign_in.wrong_password.known.p50`, unit: "ms", better: "lower", note }, median(known));
  rec.record({ name: `${label}.sign_in.wrong_password.unknown.p50`, unit: "ms", better: "lower", note }, median(unknown));
  rec.record(
    { name: `${label}.sign_in.wrong_password.known_vs_unknown`, unit: "ms", better: "lower", note: `|median known − median unknown|; ${note}` },
    Math.abs(median(known) - median(unknown)),
  );
  if (forgotKnown.length > 0) {
    rec.record(
      { name: `${label}.password_forgot.known_vs_unknown`, unit: "ms", better: "lower", note: `|median known − median unknown|; ${note}` },
      Math.abs(median(forgotKnown) - median(forgotUnknown)),
    );
  }
}
