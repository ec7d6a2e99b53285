import { randomBytes } from "node:crypto";
import type autocannon from "autocannon";
import { prng } from "../lib/prng";

// The request cycles the HTTP scenarios repeat, as autocannon requests.
// Ids and cookies are filled in per request (setupRequest), so every cycle
// can be a different member, and every transfer carries its own
// Idempotency-Key, as a client retrying safely would send.

/** The bare route: one primary-key lookup of a random existing row. */
export function bareRouteRequests(rows: number): autocannon.Request[] {
  const random = prng(7);
  return [{ method: "GET", setupRequest: (request) => ({ ...request, path: `/pk/${1 + Math.floor(random() * rows)}` }) }];
}

export interface DashboardMember {
  cookie: string;
  memberId: string;
  memberAccountId: string;
}

interface DashboardContext {
  member?: DashboardMember;
}

/**
 * What a member's home screen loads, and the statement she opens from it:
 * her session (the cooperatives she belongs to), her member record, her
 * accounts with their balances, and her savings account's statement (this
 * year's lines) — four GETs with her session cookie. Each cycle is the next
 * member in turn.
 */
export function dashboardRequests(koperasiId: string, members: readonly DashboardMember[]): autocannon.Request[] {
  if (members.length === 0) throw new Error("the dashboard needs at least one member with a login");
  let next = 0;
  const memberOf = (context: object): DashboardMember => {
    const c = context as DashboardContext;
    return (c.member ??= members[next++ % members.length]!);
  };
  const get = (path: (m: DashboardMember) => string): autocannon.Request => ({
    method: "GET",
    setupRequest: (request, context) => {
      const member = memberOf(context);
      return { ...request, path: path(member), headers: { ...request.headers, cookie: member.cookie } };
    },
  });
  return dashboardPaths(koperasiId).map(get);
}

/** The paths of one dashboard cycle. */
export function dashboardPaths(koperasiId: string): ((m: DashboardMember) => string)[] {
  return [
    () => "/api/v1/auth/session",
    (m) => `/api/v1/koperasi/${koperasiId}/members/${m.memberId}`,
    () => `/api/v1/koperasi/${koperasiId}/member-accounts`,
    (m) => `/api/v1/koperasi/${koperasiId}/member-accounts/${m.memberAccountId}/statement`,
  ];
}

/**
 * Transfers between random pairs of members' savings accounts by the
 * bendahara, small amounts (Rp1.000 to Rp10.000, so balances do not run
 * out), each request with a fresh Idempotency-Key.
 */
export function transferRequests(koperasiId: string, cookie: string, memberAccountIds: readonly string[], seed: number): autocannon.Request[] {
  if (memberAccountIds.length < 2) throw new Error("transfers need at least two member accounts");
  const random = prng(seed);
  const run = randomBytes(6).toString("hex");
  let counter = 0;
  return [
    {
      method: "POST",
      path: `/api/v1/koperasi/${koperasiId}/transfers`,
      setupRequest: (request) => {
        const from = Math.floor(random() * memberAccountIds.length);
        const to = (from + 1 + Math.floor(random() * (memberAccountIds.length - 1))) % memberAccountIds.length;
        counter += 1;
        return {
          ...request,
          headers: { ...request.headers, cookie, "content-type": "application/json", "idempotency-key": `bench-${run}-${counter}` },
          body: JSON.stringify({ fromMemberAccountId: memberAccountIds[from], toMemberAccountId: memberAccountIds[to], amount: 1000 * (1 + Math.floor(random() * 10)) }),
        };
      },
    },
  ];
}

/**
 * Name prefixes staff type into the member search: the start of common given
 * and family names (the generator's), in lower case and without the rest of
 * the word, as a kasir types while the list narrows.
 */
export const REGISTRY_SEARCH_PREFIXES = ["sit", "bud", "dew", "agu", "sri", "wah", "nur", "put", "sant", "wij", "har", "sim", "eko", "rin", "yun", "les"] as const;

/**
 * The member registry as staff use it at the counter: a page of the list (a
 * random page of the first fifty, 20 rows), a search by name prefix, and one
 * member's record — three GETs with a staff session, cycling through members.
 */
export function registryRequests(koperasiId: string, cookie: string, memberIds: readonly string[], seed: number): autocannon.Request[] {
  if (memberIds.length === 0) throw new Error("the registry scenario needs at least one member");
  const random = prng(seed);
  const base = `/api/v1/koperasi/${koperasiId}/members`;
  const get = (path: () => string): autocannon.Request => ({
    method: "GET",
    setupRequest: (request) => ({ ...request, path: path(), headers: { ...request.headers, cookie } }),
  });
  return registryPaths(base).map((pathOf) => get(() => pathOf(random, memberIds)));
}

/** The paths of one registry cycle; `random` picks the page, the prefix and the member. */
export function registryPaths(base: string): ((random: () => number, memberIds: readonly string[]) => string)[] {
  const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return [
    (random) => `${base}?page=${1 + Math.floor(random() * 50)}&pageSize=20`,
    (random) => `${base}?q=${pick(random, REGISTRY_SEARCH_PREFIXES)}&pageSize=20`,
    (random, ids) => `${base}/${pick(random, ids)}`,
  ];
}
