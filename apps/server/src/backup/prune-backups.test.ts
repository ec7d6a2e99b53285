import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { pruneBackups } from "./backup-command";

const dir = mkdtempSync(join(tmpdir(), "kp-prune-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("deletes the backups the retention does not keep and day-old leftovers of cut backups, nothing else", async () => {
  const names = [
    "koperasi-20261208T010000Z.kpbak",
    "koperasi-20261208T020000Z.kpbak",
    "koperasi-20261208T030000Z.kpbak",
    "koperasi-20261207T030000Z.kpbak",
    ".koperasi-20261206T030000Z.kpbak.4242.partial",
    ".koperasi-20261208T040000Z.kpbak.4243.partial",
    ".pg_dump.4242.1765000000000.partial",
    "catatan-operator.txt",
  ];
  for (const name of names) writeFileSync(join(dir, name), "x");
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);
  utimesSync(join(dir, names[4]!), twoDaysAgo, twoDaysAgo);
  utimesSync(join(dir, names[6]!), twoDaysAgo, twoDaysAgo);

  const removed = await pruneBackups(dir);
  expect(removed).toEqual(["koperasi-20261208T010000Z.kpbak", "koperasi-20261208T020000Z.kpbak"]);
  expect(readdirSync(dir).sort()).toEqual(
    [".koperasi-20261208T040000Z.kpbak.4243.partial", "catatan-operator.txt", "koperasi-20261207T030000Z.kpbak", "koperasi-20261208T030000Z.kpbak"].sort(),
  );
});
