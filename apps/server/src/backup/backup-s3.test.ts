import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "@koperasi/db";
import { loadConfig } from "../config";
import { booksSummary } from "../testing/books-summary";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { restoreCommand, runBackup } from "./backup-command";
import { s3Client, s3Store } from "./s3-store";

// Backups to an S3-compatible server on loopback (s3rver), through the AWS
// SDK's S3 client with path-style addressing: upload, retention over the
// bucket's prefix, and a restore straight from the s3:// address.

const root = mkdtempSync(join(tmpdir(), "kp-backup-s3-"));
let server: S3rver;
let t: TestApp;
let env: Record<string, string>;

beforeAll(async () => {
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: join(root, "s3"), configureBuckets: [{ name: "cadangan" }] });
  const { port } = await server.run();
  env = { S3_ENDPOINT: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", BACKUP_KEY: randomBytes(32).toString("base64url") };
  t = await createTestApp();
  const { userId } = await createUser(t.ctx);
  await createKoperasi(t.ctx, userId);
});
afterAll(async () => {
  await t?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

it("uploads the backup, applies the retention to the prefix, and restores from the s3:// address", async () => {
  const client = s3Client(env);
  // Two older backups on one day: the retention keeps the later one; an unrelated object stays.
  for (const key of ["koperasi/koperasi-20250101T010000Z.kpbak", "koperasi/koperasi-20250101T020000Z.kpbak", "koperasi/catatan.txt"]) {
    await client.send(new PutObjectCommand({ Bucket: "cadangan", Key: key, Body: "lama" }));
  }
  const lines: string[] = [];
  const written = await runBackup(t.ctx, "s3://cadangan/koperasi", { out: (line) => lines.push(line), err: () => {} }, env);
  expect(written.path).toMatch(/^s3:\/\/cadangan\/koperasi\/koperasi-\d{8}T\d{6}Z\.kpbak$/);
  expect(lines).toEqual(["Dihapus menurut retensi: koperasi-20250101T010000Z.kpbak"]);
  const names = await s3Store(client, { bucket: "cadangan", prefix: "koperasi/" }).list();
  expect(names).toEqual(["catatan.txt", "koperasi-20250101T020000Z.kpbak", written.path.split("/").pop()].sort());
  const runs = await t.ctx.database.platform((trx) => trx.selectFrom("backup_run").select(["status", "location", "file_name"]).execute());
  expect(runs).toEqual([{ status: "succeeded", location: "s3://cadangan/koperasi", file_name: written.path.split("/").pop() }]);

  const restored = join(root, "restored");
  const out: string[] = [];
  const code = await restoreCommand(loadConfig({ DATA_DIR: join(root, "operator") }), { file: written.path, to: restored }, { out: (line) => out.push(line), err: (line) => out.push(line) }, () => new Date(), env);
  expect(code, out.join("\n")).toBe(0);
  const copy = await openDatabase({ dataDir: join(restored, "pglite"), migrate: false });
  try {
    expect(await booksSummary(copy)).toEqual(await booksSummary(t.ctx.database));
  } finally {
    await copy.close();
  }
}, 60_000);
