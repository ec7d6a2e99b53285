import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { backupFileName, backupTakenAt, fileEntries, openBackupFile, writeBackupFile, type BackupManifest } from "./backup-archive";
import { BackupError } from "./backup-error";

const root = mkdtempSync(join(tmpdir(), "kp-backup-archive-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const key = randomBytes(32);
const manifest = (createdAt: string): BackupManifest => ({ format: 1, kind: "pglite", createdAt, migrations: ["20261128000100_identity.sql"], files: 2 });
// Larger than several chunks, and not a multiple of the chunk size.
const database = randomBytes(3 * 64 * 1024 + 123);

async function sample(createdAt = "2026-12-08T02:47:00.000Z") {
  const files = join(root, "files-src");
  rmSync(files, { recursive: true, force: true });
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(files, "logo"), { recursive: true });
  writeFileSync(join(files, "logo", "a.png"), "gambar");
  writeFileSync(join(files, "dokumen.pdf"), "%PDF-1.7 isi");
  const entries = [{ name: "database/pglite.tar", size: database.length, body: () => Readable.from([database]) }, ...(await fileEntries(files))];
  return writeBackupFile({ dir: join(root, "out"), key, manifest: manifest(createdAt), entries });
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe("a backup file", () => {
  it("opens with its key into the database, the files and the manifest, and its name tells when it was taken", async () => {
    const written = await sample();
    expect(written.path.endsWith("koperasi-20261208T024700Z.kpbak")).toBe(true);
    expect(backupTakenAt("koperasi-20261208T024700Z.kpbak")?.toISOString()).toBe("2026-12-08T02:47:00.000Z");
    expect(readFileSync(written.path).length).toBe(written.size);
    const opened = await openBackupFile(written.path, key, join(root, "staging"));
    expect(opened.manifest).toEqual(manifest("2026-12-08T02:47:00.000Z"));
    expect(readFileSync(join(opened.dir, "database/pglite.tar")).equals(database)).toBe(true);
    expect(readFileSync(join(opened.dir, "files/logo/a.png"), "utf8")).toBe("gambar");
    expect(readFileSync(join(opened.dir, "files/dokumen.pdf"), "utf8")).toBe("%PDF-1.7 isi");
    // Nothing in the clear: the database bytes do not appear in the file.
    expect(readFileSync(written.path).includes(database.subarray(0, 64))).toBe(false);
    expect(readdirSync(join(root, "out")).filter((name) => name.includes("partial"))).toEqual([]);
  });

  it("refuses the wrong key, naming the key it needs", async () => {
    const written = await sample("2026-12-08T03:00:00.000Z");
    const error = await refusal(openBackupFile(written.path, randomBytes(32), join(root, "staging-wrong")));
    expect(error.code).toBe("wrong_key");
    expect(error.message).toMatch(/^Kunci salah/);
  });

  it("refuses a flipped byte, a file cut short (also on a chunk boundary) and a foreign file, and leaves no staging behind", async () => {
    const written = await sample("2026-12-08T04:00:00.000Z");
    const bytes = readFileSync(written.path);
    const firstChunk = 16 + 4 + bytes.readUInt32BE(16);
    const cases: [string, Buffer, BackupError["code"]][] = [
      ["flipped", Buffer.from(bytes.map((b, i) => (i === bytes.length - 5000 ? b ^ 1 : b))), "corrupt"],
      ["cut", bytes.subarray(0, Math.floor(bytes.length / 2)), "corrupt"],
      ["cut-on-chunk", bytes.subarray(0, firstChunk + 4 + 64 * 1024 + 16), "corrupt"],
      ["header-edited", Buffer.from(bytes.toString("latin1").replace('"kind":"pglite"', '"kind":"postgres"'), "latin1"), "corrupt"],
      ["foreign", Buffer.from("PGDMP\u0001\u000e\u0000 not ours"), "foreign"],
      ["empty", Buffer.alloc(0), "corrupt"],
    ];
    for (const [name, content, code] of cases) {
      const file = join(root, `${name}.kpbak`);
      writeFileSync(file, content);
      const staging = join(root, `staging-${name}`);
      const error = await refusal(openBackupFile(file, key, staging));
      expect([name, error.code]).toEqual([name, code]);
      expect(() => readdirSync(staging)).toThrow();
    }
  });

  it("cut short half-way, leaves the previous backup intact and nothing under a backup's name", async () => {
    const previous = await sample("2026-12-07T02:47:00.000Z");
    const intact = readFileSync(previous.path);
    const failing = new Readable({
      read() {
        this.push(randomBytes(256 * 1024));
        this.destroy(new Error("disk dicabut"));
      },
    });
    const attempt = writeBackupFile({
      dir: join(root, "out"),
      key,
      manifest: manifest("2026-12-08T05:00:00.000Z"),
      entries: [{ name: "database/pglite.tar", size: 10 * 1024 * 1024, body: () => failing }],
    });
    await expect(attempt).rejects.toThrow();
    const names = readdirSync(join(root, "out"));
    expect(names.filter((name) => name.includes("T0500"))).toEqual([]);
    expect(readFileSync(previous.path).equals(intact)).toBe(true);
    expect((await openBackupFile(previous.path, key, join(root, "staging-previous"))).manifest.createdAt).toBe("2026-12-07T02:47:00.000Z");
  });

  it("names only complete backups", () => {
    expect(backupTakenAt(`.${backupFileName(new Date("2026-12-08T02:47:00Z"))}.123.partial`)).toBeUndefined();
    expect(backupTakenAt("catatan.txt")).toBeUndefined();
  });
});
