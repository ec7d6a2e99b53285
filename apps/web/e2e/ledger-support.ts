import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningServer } from "./support";

// API helpers for the ledger's browser tests and the guide's screenshots:
// the demo logins, a session cookie, and a member account with a movement.

export const DEMO_SLUG = "sejahtera-bersama";

export interface Login {
  email: string;
  password: string;
}

export type DemoRole = "admin" | "bendahara" | "pengawas" | "kasir" | "anggota" | "operator";

const LABELS: Record<DemoRole, RegExp> = {
  admin: /^Admin\s+(\S+)\s+(\S+)/m,
  bendahara: /^Pengurus \(bendahara\)\s+(\S+)\s+(\S+)/m,
  pengawas: /^Pengawas\s+(\S+)\s+(\S+)/m,
  kasir: /^Kasir\s+(\S+)\s+(\S+)/m,
  anggota: /^Anggota\s+(\S+)\s+(\S+)/m,
  operator: /^Operator platform\s+(\S+)\s+(\S+)/m,
};

/** The demo logins the first start wrote into DATA_DIR. */
export function demoLogins(dataDir: string): Record<DemoRole, Login> {
  const text = readFileSync(join(dataDir, "demo-logins.txt"), "utf8");
  const read = (role: DemoRole): Login => {
    const [, email, password] = text.match(LABELS[role]) ?? [];
    if (!email || !password) throw new Error(`no demo login for ${role}`);
    return { email, password };
  };
  return {
    admin: read("admin"),
    bendahara: read("bendahara"),
    pengawas: read("pengawas"),
    kasir: read("kasir"),
    anggota: read("anggota"),
    operator: read("operator"),
  };
}

export class DemoApi {
  constructor(private readonly server: RunningServer) {}

  async login(who: Login): Promise<string> {
    const res = await fetch(`${this.server.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(who) });
    if (res.status !== 200) throw new Error(`login ${who.email}: ${res.status} ${await res.text()}`);
    return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }

  async get<T>(cookie: string, path: string): Promise<T> {
    const res = await fetch(`${this.server.url}/api/v1${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async post<T>(cookie: string, path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    const res = await fetch(`${this.server.url}/api/v1${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async koperasiId(): Promise<string> {
    const res = await fetch(`${this.server.url}/api/v1/public/koperasi/${DEMO_SLUG}`);
    return ((await res.json()) as { id: string }).id;
  }
}

export interface MemberAccount {
  id: string;
  memberId: string;
  memberName: string;
  accountId: string;
  accountName: string;
  balance: number;
  status: string;
}

type Paged<T> = { items: T[]; total: number };

/**
 * An account of the demo anggota with at least one movement this book year:
 * one of the demo's sample postings when there are some; otherwise a
 * transfer to her, made through the API by the bendahara from a funded
 * member account (opening her account under the same control account first).
 */
export async function memberAccountWithMovement(api: DemoApi, logins: Record<DemoRole, Login>): Promise<MemberAccount> {
  const base = `/koperasi/${await api.koperasiId()}`;
  const member = await api.login(logins.anggota);
  const own = await api.get<Paged<MemberAccount>>(member, `${base}/member-accounts`);
  for (const account of own.items) {
    const statement = await api.get<{ total: number }>(member, `${base}/member-accounts/${account.id}/statement`);
    if (statement.total > 0) return account;
  }
  const staff = await api.login(logins.bendahara);
  const all = await api.get<Paged<MemberAccount>>(staff, `${base}/member-accounts?pageSize=100`);
  const herName = own.items[0]?.memberName ?? "Sri Wahyuni";
  const source = all.items.find((a) => a.status === "open" && a.balance >= 25_000 && a.memberName !== herName);
  if (!source) throw new Error("the demo cooperative has no funded member account to transfer from");
  let target = all.items.find((a) => a.memberName === herName && a.accountId === source.accountId && a.status === "open");
  if (!target) {
    const members = await api.get<Paged<{ id: string }>>(staff, `${base}/members?q=${encodeURIComponent(herName)}`);
    const memberId = members.items[0]?.id;
    if (!memberId) throw new Error(`no member record for ${herName}`);
    target = await api.post<MemberAccount>(staff, `${base}/member-accounts`, { memberId, accountId: source.accountId });
  }
  await api.post(staff, `${base}/transfers`, { fromMemberAccountId: source.id, toMemberAccountId: target.id, amount: 25_000, description: "Titipan arisan" }, randomUUID());
  return target;
}

/** A manual journal by the bendahara; approved by the ketua (the demo admin) unless `pending`. Returns its id. */
export async function manualJournal(
  api: DemoApi,
  logins: Record<DemoRole, Login>,
  entry: { description: string; debit: string; credit: string; amount: number; businessDate: string },
  options: { pending?: boolean } = {},
): Promise<string> {
  const base = `/koperasi/${await api.koperasiId()}`;
  const maker = await api.login(logins.bendahara);
  const accounts = await api.get<{ id: string; code: string }[]>(maker, `${base}/accounts`);
  const id = (code: string) => accounts.find((a) => a.code === code)?.id;
  const created = await api.post<{ id: string }>(
    maker,
    `${base}/journals`,
    {
      businessDate: entry.businessDate,
      description: entry.description,
      lines: [
        { accountId: id(entry.debit), debit: entry.amount },
        { accountId: id(entry.credit), credit: entry.amount },
      ],
    },
    randomUUID(),
  );
  if (!options.pending) await api.post(await api.login(logins.admin), `${base}/journals/${created.id}/approve`, {}, randomUUID());
  return created.id;
}
