import { signIn } from "../lib/app-server";
import type { BenchSettings } from "../lib/options";
import { databaseNameOf, runGenerator, startSeededServer, type TransferTarget } from "./cooperative";

// Transfers spread over several cooperatives in one database, served by one
// server: beside the one-cooperative transfer scenario, it shows what the
// posting path costs when no two concurrent postings share a voucher counter
// (docs/adr/0005-voucher-numbers.md). Each cooperative is made by the data
// generator with its own seed and at most three months of history (a
// transfer's cost does not depend on the history's length, docs/
// performance.md); only transfers are measured.

const SPREAD_MONTHS = 3;

export interface SpreadTransfers extends TransferTarget {
  close(): Promise<void>;
}

export function prepareSpreadTransfers(
  cooperatives: number,
  members: number,
  settings: BenchSettings,
  options: { databaseUrl: string; log: (line: string) => void },
): Promise<SpreadTransfers> {
  const label = `pg.spread${cooperatives}.m${members}`;
  const months = Math.min(SPREAD_MONTHS, settings.seed.months);
  return startSeededServer(
    label,
    options,
    async (dataDir) => {
      const seeded = [];
      for (let i = 0; i < cooperatives; i++) {
        options.log(`${label}: koperasi generate --members ${members} --months ${months} (cooperative ${i + 1} of ${cooperatives})`);
        seeded.push(await runGenerator(members, settings, dataDir, options.databaseUrl, `bench-spread-${i}`, months));
      }
      return seeded;
    },
    async (server, seeded) => {
      const targets: TransferTarget["cooperatives"] = [];
      for (const s of seeded) {
        const cookie = await signIn(server.url, s.bendahara);
        targets.push({ reader: { url: server.url, koperasiId: s.koperasiId, cookie }, memberAccountIds: s.members.map((m) => m.memberAccountId) });
      }
      return { label, server, databaseName: databaseNameOf(options.databaseUrl), cooperatives: targets };
    },
  );
}
