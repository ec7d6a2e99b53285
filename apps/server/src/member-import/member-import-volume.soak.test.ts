import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";

// PostgreSQL only: a cooperative's whole register at once — 10,000 members in
// one file, checked and imported in one transaction within a couple of
// minutes on a small server, the progress row moving while it runs. Part of
// `npm run soak`, not of CI: 12 s in one run on a two-core machine, over two
// minutes in others while the machine was shared, near half its timeout.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
const ROWS = 10_000;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
});
afterAll(async () => {
  await t?.close();
});

/** Distinct valid NIKs (Sidoarjo, men born 1960–1999) with their member numbers and phones. */
async function registerFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Anggota");
  sheet.addRow(["Nomor Anggota", "Nama Lengkap", "NIK", "Nomor HP", "Tanggal Masuk"]);
  for (let i = 0; i < ROWS; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, "0");
    const year = String(60 + (Math.floor(i / 336) % 40));
    const serial = String((i % 9000) + 1).padStart(4, "0");
    sheet.addRow([`LM-${String(i + 1).padStart(5, "0")}`, `Anggota Lama ${i + 1}`, `351514${day}${month}${year}${serial}`, `0812${String(10_000_000 + i)}`, "02/01/2020"]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

it(`imports ${ROWS} members in one go`, { timeout: 300_000 }, async () => {
  const form = multipartFile("file", "anggota.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", await registerFile());
  const started = Date.now();
  const res = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${admin.koperasiId}/member-import`, headers: { cookie: admin.cookie, ...form.headers }, payload: form.payload });
  expect(res.statusCode, res.body).toBe(202);
  const checked = Date.now();
  const seenProgress = new Set<number>();
  let job = res.json();
  while (job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = (await t.app.inject({ method: "GET", url: `/api/v1/koperasi/${admin.koperasiId}/member-import/${job.id}`, headers: { cookie: admin.cookie } })).json();
    if (job.status === "running") seenProgress.add(job.rowsDone);
  }
  const finished = Date.now();
  console.info(`member import: ${ROWS} rows checked in ${checked - started} ms, written in ${finished - checked} ms`);
  expect(job).toMatchObject({ status: "done", rowsDone: ROWS, rowsTotal: ROWS });
  expect([...seenProgress].some((done) => done > 0 && done < ROWS)).toBe(true);
  expect(finished - started).toBeLessThan(180_000);
  const count = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => trx.selectFrom("member").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow());
  expect(Number(count.n)).toBe(ROWS);
});
