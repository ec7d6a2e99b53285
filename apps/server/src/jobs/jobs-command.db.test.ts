import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import type { EndOfDayJob } from "./end-of-day-job";
import { runJobsCommand } from "./jobs-command";

// `koperasi jobs run` in-process: its exit codes and what it prints.

let t: TestApp;
let slug: string;
const now = () => new Date("2026-12-10T05:00:00.000Z");
const failing = { on: "" };

const registry: EndOfDayJob[] = [
  { name: "first", label: { id: "first", en: "first" }, run: async () => ({}) },
  {
    name: "second",
    label: { id: "second", en: "second" },
    run: async (cmd) => {
      if (cmd.today === failing.on) throw new Error("akun beban jasa simpanan tidak ada");
      return {};
    },
  },
];

beforeAll(async () => {
  t = await createTestApp({ now });
  const { userId } = await createUser(t.ctx);
  const { koperasiId } = await createKoperasi(t.ctx, userId);
  await t.db.superuser.query(`UPDATE koperasi SET created_at = '2026-12-05T01:00:00Z' WHERE id = $1`, [koperasiId]);
  slug = (await t.ctx.database.platform((trx) => trx.selectFrom("koperasi").select("slug").where("id", "=", koperasiId).executeTakeFirstOrThrow())).slug;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function jobs(args: { sub?: string; date?: string; koperasi?: string; job?: string }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runJobsCommand(t.ctx.database, { sub: "run", koperasi: slug, ...args }, { out: (line) => out.push(line), err: (line) => err.push(line) }, now, registry);
  return { code, out, err };
}

describe("koperasi jobs run", () => {
  it("refuses bad arguments, an unknown job or cooperative, a date ahead or before the cooperative: exit 2, nothing run", async () => {
    expect((await jobs({ sub: "start", date: "2026-12-06" })).code).toBe(2);
    expect((await jobs({ date: "2026-12-32" })).err[0]).toContain("Pemakaian: koperasi jobs run --date");
    expect(await jobs({ date: "2026-12-06", job: "bunga" })).toMatchObject({ code: 2, err: ['Pekerjaan "bunga" tidak dikenal. Yang ada: first, second.'] });
    expect((await jobs({ date: "2026-12-06", koperasi: "tidak-ada" })).code).toBe(2);
    const future = await jobs({ date: "2026-12-11" });
    expect(future.code).toBe(2);
    expect(future.err[0]).toContain("hari ini di sana 2026-12-10");
    expect((await jobs({ date: "2026-12-04" })).err[0]).toContain("baru ada sejak 2026-12-05");
    expect(await t.db.superuser.query(`SELECT job FROM job_run`)).toEqual([]);
  });

  it("exits 1 naming the first failure, then 0 once it passes; a day done is not run again", async () => {
    failing.on = "2026-12-06";
    const failed = await jobs({ date: "2026-12-07" });
    expect(failed.code).toBe(1);
    expect(failed.err.at(-1)).toBe(`Gagal pertama: ${slug}, pekerjaan second, tanggal 2026-12-06: akun beban jasa simpanan tidak ada`);

    failing.on = "";
    const passed = await jobs({ date: "2026-12-07" });
    expect(passed).toMatchObject({ code: 0, err: [] });
    expect(passed.out).toEqual([`${slug}: selesai sampai 2026-12-07 (3 dijalankan, 3 sudah selesai sebelumnya)`]);
    expect((await jobs({ date: "2026-12-07", job: "second" })).out).toEqual([`${slug}: selesai sampai 2026-12-07 (0 dijalankan, 3 sudah selesai sebelumnya)`]);
  });
});
