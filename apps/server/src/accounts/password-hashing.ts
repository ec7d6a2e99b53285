import { hashPassword, verifyPassword } from "better-auth/crypto";

/**
 * better-auth's own scrypt hashing, reached through this one object by
 * better-auth and by sign-in alike: an attempt on an account that does not
 * exist computes a hash too, so it costs what a wrong password costs and its
 * answer time tells nothing. (Tests watch this object to prove it.)
 */
export const passwordHashing = {
  hash: (password: string): Promise<string> => hashPassword(password),
  verify: (input: { hash: string; password: string }): Promise<boolean> => verifyPassword(input),
};
