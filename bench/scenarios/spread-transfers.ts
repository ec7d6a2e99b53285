import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signIn, startAppServer } from "../lib/app-server";
import type { BenchSettings } from "../lib/options";
import { databaseNameOf, runGenerator, type TransferTarget } from "./cooperative";

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

export async function prepareSpreadTransfers(
  cooperatives: number,
  members: number,
  settings: BenchSettings,
  options: { databaseUrl: string; log: (line: string) => void },
): Promise<SpreadTransfers> {
  const label = `pg.spread${cooperatives}.m${members}`;
  const dataDir = mkdtempSync(join(tmpdir(), "koperasi-bench-spread-"));
  try {
    const seeded = [];
    for (let i = 0; i < cooperatives; i++) {
      const months = Math.min(SPREAD_MONTHS, settings.seed.months);
      options.log(`${label}: koperasi generate --members ${members} --months ${months} (cooperative ${i + 1} of ${cooperatives})`);
      seeded.push(await runGenerator(members, settings, dataDir, options.databaseUrl, `bench-spread-${i}`, months));
    }
    options.log(`${label}: starting the server`);
    const server = await startAppServer({ databaseUrl: options.databaseUrl, dataDir });
    try {
      const targets: TransferTarget["cooperatives"] = [];
      for (const s of seeded) {
        const cookie = await signIn(server.url, s.bendahara);
        targets.push({ reader: { url: server.url, koperasiId: s.koperasiId, cookie }, memberAccountIds: s.members.map((m) => m.memberAccountId) });
      }
      return {
        label,
        server,
        databaseName: databaseNameOf(options.databaseUrl),
        cooperatives: targets,
        close: async () => {
          await server.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await server.stop();
      throw error;
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
