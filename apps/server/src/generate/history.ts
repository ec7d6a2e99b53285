import type { BusinessDate } from "@koperasi/domain";
import type { PostEntryCommand, PostEntryLine } from "../ledger/post-entry";
import type { Random, Seeded } from "./seeded";

// A cooperative's year at the counter, as the commands the posting path
// would receive, in the order it would receive them. Each member has three
// savings accounts (simpanan pokok, wajib, sukarela: DOMAIN.md). Members
// who joined before the history starts bring their balances in with an
// opening-balance entry (saldo awal) on the first day; members who join
// during it pay their simpanan pokok and first wajib on the day they join.
// Every month: most members pay their wajib, often with a sukarela top-up,
// on one slip (setoran, BKM); some withdraw from sukarela (BKK); a few
// transfer to another member (pemindahbukuan, TRF). Withdrawals and
// transfers are sized from the balance at that moment, so none is refused.
// Times are in WIB office hours, business dates never later than `now`.

export const WIB_OFFSET_HOURS = 7;
export const SIMPANAN_POKOK = 100_000;
const WAJIB_CLASSES = [25_000, 50_000, 50_000, 50_000, 100_000];
const TOP_UPS = [20_000, 50_000, 50_000, 100_000, 100_000, 150_000, 200_000, 250_000, 300_000, 500_000, 500_000, 750_000, 1_000_000, 2_000_000, 5_000_000];

export interface HistoryAccounts {
  kas: string;
  /** Control accounts. */
  pokok: string;
  wajib: string;
  sukarela: string;
}

export interface HistoryMember {
  index: number;
  memberNumber: string;
  /** YYYY-MM-DD. */
  joinedOn: BusinessDate;
  pokokAccountId: string;
  wajibAccountId: string;
  sukarelaAccountId: string;
  /** Simpanan wajib per month (member class). */
  wajibAmount: number;
}

export interface HistoryOptions {
  koperasiId: string;
  seeded: Seeded;
  accounts: HistoryAccounts;
  members: readonly HistoryMember[];
  /** The months, oldest first, as YYYY-MM. */
  months: readonly string[];
  /** Nothing is posted after this instant. */
  now: Date;
  /** Who keyed the slips in; null: the system (imported history). */
  createdBy: string | null;
}

/** The simpanan wajib class of a member (deterministic from the seed). */
export function wajibClassOf(random: Random): number {
  return random.pick(WAJIB_CLASSES);
}

interface Planned {
  at: number;
  member: HistoryMember;
  kind: "opening" | "join" | "deposit" | "withdrawal" | "transfer";
  /** Tie-break: the order in which events were planned. */
  order: number;
}

/**
 * The commands month by month (each month's list in posting order). Ids and
 * salts come from the seed, numbered in posting order across the history.
 */
export function* historyCommands(options: HistoryOptions): Generator<PostEntryCommand[]> {
  const { seeded, accounts, members, koperasiId, createdBy } = options;
  const random = seeded.random("history");
  const sukarela = new Map<string, number>();
  const first = options.months[0];
  if (!first) return;
  const start = `${first}-01`;
  let entryIndex = 0;

  for (const month of options.months) {
    const planned: Planned[] = [];
    let order = 0;
    const plan = (member: HistoryMember, kind: Planned["kind"], at: number) => planned.push({ at, member, kind, order: order++ });
    for (const member of members) {
      if (month === first && member.joinedOn < start) {
        plan(member, "opening", instant(start, 7, member.index * 10));
      }
      if (member.joinedOn.slice(0, 7) === month && member.joinedOn >= start) {
        plan(member, "join", officeHours(random, member.joinedOn));
        continue;
      }
      if (member.joinedOn.slice(0, 7) > month) continue;
      if (random.chance(0.92)) plan(member, "deposit", officeHours(random, dayIn(random, month, 0.6)));
      if (random.chance(0.3)) plan(member, "withdrawal", officeHours(random, dayIn(random, month, 0)));
      if (random.chance(0.08)) plan(member, "transfer", officeHours(random, dayIn(random, month, 0)));
    }
    planned.sort((a, b) => a.at - b.at || a.order - b.order);

    const commands: PostEntryCommand[] = [];
    for (const event of planned) {
      if (event.at > options.now.getTime()) continue;
      const command = commandFor(event);
      if (!command) continue;
      const index = entryIndex++;
      commands.push({
        ...command,
        koperasiId,
        createdBy,
        postedAt: new Date(event.at),
        businessDate: businessDateOf(event.at),
        newId: () => seeded.uuidv7(event.at, "entry", index),
        salt: seeded.bytes("salt", index, 32),
      });
    }
    yield commands;
  }

  type Slip = Pick<PostEntryCommand, "source" | "description" | "lines">;

  function commandFor(event: Planned): Slip | undefined {
    const m = event.member;
    const balance = sukarela.get(m.sukarelaAccountId) ?? 0;
    const credit = (accountId: string, memberAccountId: string, amount: number): PostEntryLine => ({ accountId, memberAccountId, credit: amount });
    switch (event.kind) {
      case "opening": {
        const monthsIn = Math.min(120, monthsBetween(m.joinedOn, start));
        const wajib = m.wajibAmount * Math.max(1, monthsIn);
        // Log-uniform between Rp50.000 and Rp20.000.000: many small savers, a few large.
        const topUp = random.chance(0.3) ? 0 : Math.round(Math.exp(Math.log(50_000) + random.unit() * Math.log(400)) / 10_000) * 10_000;
        sukarela.set(m.sukarelaAccountId, balance + topUp);
        const lines = [credit(accounts.pokok, m.pokokAccountId, SIMPANAN_POKOK), credit(accounts.wajib, m.wajibAccountId, wajib)];
        if (topUp > 0) lines.push(credit(accounts.sukarela, m.sukarelaAccountId, topUp));
        return { source: "opening_balance", description: `Saldo awal simpanan ${m.memberNumber}`, lines: withCash("debit", lines) };
      }
      case "join": {
        const lines = [credit(accounts.pokok, m.pokokAccountId, SIMPANAN_POKOK), credit(accounts.wajib, m.wajibAccountId, m.wajibAmount)];
        return { source: "deposit", description: `Setoran simpanan pokok dan wajib anggota baru ${m.memberNumber}`, lines: withCash("debit", lines) };
      }
      case "deposit": {
        const lines = [credit(accounts.wajib, m.wajibAccountId, m.wajibAmount)];
        let what = "wajib";
        if (random.chance(0.45)) {
          const topUp = random.pick(TOP_UPS);
          sukarela.set(m.sukarelaAccountId, balance + topUp);
          lines.push(credit(accounts.sukarela, m.sukarelaAccountId, topUp));
          what = "wajib dan sukarela";
        }
        return { source: "deposit", description: `Setoran simpanan ${what} ${m.memberNumber}`, lines: withCash("debit", lines) };
      }
      case "withdrawal": {
        if (balance < 50_000) return undefined;
        const amount = Math.max(20_000, Math.floor((balance * (0.1 + random.unit() * 0.5)) / 10_000) * 10_000);
        if (amount > balance) return undefined;
        sukarela.set(m.sukarelaAccountId, balance - amount);
        const lines: PostEntryLine[] = [{ accountId: accounts.sukarela, memberAccountId: m.sukarelaAccountId, debit: amount }];
        return { source: "withdrawal", description: `Penarikan simpanan sukarela ${m.memberNumber}`, lines: withCash("credit", lines) };
      }
      case "transfer": {
        const to = members[random.int(0, members.length - 1)];
        if (!to || to === m || to.joinedOn >= businessDateOf(event.at) || balance < 20_000) return undefined;
        const amount = Math.max(10_000, Math.floor((balance * (0.05 + random.unit() * 0.25)) / 5_000) * 5_000);
        if (amount > balance) return undefined;
        sukarela.set(m.sukarelaAccountId, balance - amount);
        sukarela.set(to.sukarelaAccountId, (sukarela.get(to.sukarelaAccountId) ?? 0) + amount);
        return {
          source: "transfer",
          // As transferBetweenMembers describes it.
          description: `Pemindahbukuan dari ${m.memberNumber} ke ${to.memberNumber}`,
          lines: [
            { accountId: accounts.sukarela, memberAccountId: m.sukarelaAccountId, debit: amount },
            { accountId: accounts.sukarela, memberAccountId: to.sukarelaAccountId, credit: amount },
          ],
        };
      }
    }
  }

  /** Kas takes the other side: first for a deposit (money in), last for a withdrawal. */
  function withCash(side: "debit" | "credit", lines: PostEntryLine[]): PostEntryLine[] {
    const total = lines.reduce((sum, line) => sum + (line.credit ?? 0) + (line.debit ?? 0), 0);
    return side === "debit" ? [{ accountId: accounts.kas, debit: total }, ...lines] : [...lines, { accountId: accounts.kas, credit: total }];
  }
}

/** The first `count` months ending with `end` (YYYY-MM), oldest first. */
export function monthsEndingWith(end: string, count: number): string[] {
  const [y, m] = end.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The business date (WIB) of an instant. */
export function businessDateOf(ms: number): BusinessDate {
  return new Date(ms + WIB_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/** An instant on a business date at `hour` WIB, plus `ms`. */
export function instant(date: BusinessDate, hour: number, ms = 0): number {
  return Date.parse(`${date}T00:00:00.000Z`) + (hour - WIB_OFFSET_HOURS) * 3_600_000 + ms;
}

function officeHours(random: Random, date: BusinessDate): number {
  return instant(date, 8, random.int(0, 8 * 3_600_000 - 1));
}

/** A day of the month, not a Sunday; with `earlyBias`, more often in its first half (payday deposits). */
function dayIn(random: Random, month: string, earlyBias: number): BusinessDate {
  const [y, m] = month.split("-").map(Number);
  const days = new Date(Date.UTC(y ?? 0, m ?? 1, 0)).getUTCDate();
  let day = random.chance(earlyBias) ? random.int(1, 15) : random.int(1, days);
  if (new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, day)).getUTCDay() === 0) day = day < days ? day + 1 : day - 1;
  return `${month}-${String(day).padStart(2, "0")}`;
}

function monthsBetween(from: BusinessDate, to: BusinessDate): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}
