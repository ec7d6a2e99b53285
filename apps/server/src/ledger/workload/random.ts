import { randomInt } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

// Seeded randomness for workloads: the same seed gives every client the same
// sequence of choices, so a failing run can be replayed with SEED=<seed>.
// (Which request wins a race still depends on timing; the plan does not.)

export interface Random {
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** true with probability `p` (0..1). */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An independent stream (2^64 draws away), e.g. one per client. */
  fork(): Random;
}

export function seededRandom(seed: number): Random {
  return wrap(xoroshiro128plus(seed));
}

function wrap(generator: JumpableRandomGenerator): Random {
  const random: Random = {
    int: (min, max) => uniformInt(generator, min, max),
    chance: (p) => uniformInt(generator, 0, 999_999) < p * 1_000_000,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[uniformInt(generator, 0, items.length - 1)] as (typeof items)[number];
    },
    fork: () => {
      const child = generator.clone();
      generator.jump();
      return wrap(child);
    },
  };
  return random;
}

/** SEED from the environment when set (to replay a run), otherwise a fresh one. */
export function seedFrom(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SEED;
  if (raw === undefined || raw === "") return randomInt(0, 2 ** 31);
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`SEED harus bilangan bulat: ${raw}`);
  return seed;
}
