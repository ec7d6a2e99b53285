import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";
import { pdfText } from "../testing/pdf-text";
import { commandFor } from "../command/test-command";
import type { CommandRunner } from "../members/command-runner";
import { keyringOf } from "../members/members";
import { dryRunImport, runImport } from "./import-job";

// Importing members from a spreadsheet through the routes: the dry run names
// every problem by row and column, the import is all or nothing, the same
// file is never imported twice, and the member book exports what is stored.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
const now = new Date("2026-03-10T03:00:00Z");

const HEADER = ["Nomor Anggota", "Nama Lengkap", "NIK", "Tanggal Lahir", "Jenis Kelamin", "Nomor HP", "Tanggal Masuk", "Status", "Alamat"];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Anggota");
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const base = () => `/api/v1/koperasi/${admin.koperasiId}`;
const upload = (path: string, bytes: Buffer, cookie = admin.cookie, name = "anggota.xlsx") => {
  const form = multipartFile("file", name, XLSX, bytes);
  return t.app.inject({ method: "POST", url: `${base()}${path}`, headers: { cookie, ...form.headers }, payload: form.payload });
};
const tenant = <T>(fn: Parameters<TestApp["ctx"]["database"]["tenant"]>[1] extends (trx: infer X) => Promise<unknown> ? (trx: X) => Promise<T> : never) =>
  t.ctx.database.tenant({ koperasiId: admin.koperasiId }, fn);
const memberCount = async () => Number((await tenant((trx) => trx.selectFrom("member").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow())).n);

async function waitForJob(id: string) {
  for (let i = 0; i < 200; i += 1) {
    const res = await t.app.inject({ method: "GET", url: `${base()}/member-import/${id}`, headers: { cookie: admin.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    if (res.json().status !== "running") return res.json();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("import did not finish");
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  admin = await signedInAs(t.ctx, ["admin"]);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
  // Already in the book before the import.
  const joko = await t.app.inject({
    method: "POST",
    url: `${base()}/members`,
    headers: { cookie: admin.cookie },
    payload: { fullName: "Joko Widodo", nik: "3515142207850006", memberNumber: "K-0900", joinedOn: "2025-01-02" },
  });
  expect(joko.statusCode, joko.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe("the dry run", () => {
  it("lists every problem by row and column, and the import refuses the file with nothing saved", async () => {
    const bytes = await xlsx([
      /* 2 */ ["K-0001", "Budi Santoso", "3515140508680001", new Date(Date.UTC(1968, 7, 5)), "L", 81234567890, "02/01/2020", "aktif"],
      /* 3 */ ["K-0002", "Angka Nik", 3515144508680000, "", "P", "", "", ""],
      /* 4 */ ["K-0003", "Salah Lahir", "3515141111800007", "12/11/1980", "L", "", "", ""],
      /* 5 */ ["", "Anak Kecil", "3515140101150005", "", "", "", "", ""],
      /* 6 */ ["K-0004", "Budi Kembar", "3515140508680001", "", "", "", "", ""],
      /* 7 */ ["K-0005", "Status Aneh", "", "", "", "", "", "pindah"],
      /* 8 */ ["K-0006", "Tanggal Aneh", "", "31/02/1990", "", "", "", ""],
      /* 9 */ ["K-0007", "Joko Lagi", "3515142207850006", "", "", "", "", ""],
      /* 10 */ ["K-0900", "Nomor Terpakai", "", "", "", "", "", ""],
      /* 11 */ ["K-0008", "Nomor Rusak", "", "", "", "21234567", "", ""],
      /* 12 */ ["K-0001", "Nomor Ganda", "", "", "", "", "", ""],
    ]);
    const res = await upload("/member-import/dry-run", bytes);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const found = report.problems.map((p: { row: number; column: string | null; code: string; severity: string }) => `${p.row} ${p.column} ${p.code} ${p.severity}`);
    expect(found).toEqual([
      "2 F phone_leading_zero_restored warning",
      "3 C nik_number_cell error",
      "4 D nik_birth_date_mismatch error",
      "5 D under_age error",
      "6 C nik_duplicate_in_file error",
      "7 H status_unknown error",
      "8 D date_invalid error",
      "9 C nik_taken error",
      "10 A member_number_taken error",
      "11 F phone_invalid error",
      "12 A member_number_duplicate_in_file error",
    ]);
    expect(report).toMatchObject({ rowsTotal: 11, rowsReady: 1, errors: 10, warnings: 1 });
    expect(report.problems[1].text).toMatch(/^Baris 3, kolom C \(NIK\): NIK tersimpan sebagai angka/);
    expect(report.problems[0].text).toContain("dibaca sebagai 081234567890");

    const before = await memberCount();
    const refused = await upload("/member-import", bytes);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({ code: "import_has_problems" });
    expect(refused.json().errors[0].message).toMatch(/^Baris 3, kolom C \(NIK\)/);
    expect(await memberCount()).toBe(before);
  });

  it("refuses a NIK a CSV shows in scientific notation", async () => {
    const csv = Buffer.from("Nama Lengkap,NIK\r\nBudi,3.51514E+15\r\n");
    const res = await upload("/member-import/dry-run", csv, admin.cookie, "anggota.csv");
    expect(res.json().problems).toMatchObject([{ row: 2, column: "B", code: "nik_scientific", severity: "error" }]);
  });

  it("is for those who register members: a kasir is refused", async () => {
    const res = await upload("/member-import/dry-run", await xlsx([["", "Budi", "", "", "", "", "", ""]]), kasir.cookie);
    expect(res.statusCode).toBe(403);
  });

  it("answers an unreadable file with problem+json, not a 500", async () => {
    const res = await upload("/member-import/dry-run", Buffer.from("PK\u0003\u0004 bukan zip"));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "file_unreadable" });
  });
});

describe("importing", () => {
  let goodFile: Buffer;

  it("imports every row in the background, keeping the cooperative's member numbers, exactly as the form would store them", async () => {
    goodFile = await xlsx([
      ["K-0001", "Budi Santoso", "3515140508680001", new Date(Date.UTC(1968, 7, 5)), "L", 81234567890, "02/01/2020", "aktif", "Jl. Mawar 1, Sidoarjo"],
      ["K-0002", "Siti Aminah", "3515144508680002", "05/08/1968", "P", "081234567891", "2021-06-15", "aktif", "Jl. Melati 2"],
      ["", "Agus Salim", "3515141203900003", "", "", "", "", "calon", ""],
    ]);
    const res = await upload("/member-import", goodFile);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: "running", rowsTotal: 3, alreadySubmitted: false });
    const job = await waitForJob(res.json().id);
    expect(job).toMatchObject({ status: "done", rowsDone: 3, rowsTotal: 3, errorMessage: null });

    const list = await t.app.inject({ method: "GET", url: `${base()}/members?pageSize=50`, headers: { cookie: admin.cookie } });
    const byName = new Map(list.json().items.map((m: { fullName: string }) => [m.fullName, m]));
    expect(byName.get("Budi Santoso")).toMatchObject({ memberNumber: "K-0001", status: "aktif", joinedOn: "2020-01-02" });
    expect(byName.get("Siti Aminah")).toMatchObject({ memberNumber: "K-0002", joinedOn: "2021-06-15" });
    // No number given: the next from the cooperative's series, as the form does.
    expect(byName.get("Agus Salim")).toMatchObject({ memberNumber: expect.stringMatching(/^AGT-/), status: "calon", joinedOn: "2026-03-10" });

    const budiId = (byName.get("Budi Santoso") as { id: string }).id;
    const detail = await t.app.inject({ method: "GET", url: `${base()}/members/${budiId}`, headers: { cookie: admin.cookie } });
    expect(detail.json()).toMatchObject({ nik: "3515140508680001", phone: "+6281234567890", birthDate: "1968-08-05", gender: "male", address: "Jl. Mawar 1, Sidoarjo" });
    const history = await t.app.inject({ method: "GET", url: `${base()}/members/${budiId}/status-history`, headers: { cookie: admin.cookie } });
    expect(history.json().items).toMatchObject([{ fromStatus: null, toStatus: "aktif", effectiveOn: "2020-01-02" }]);
    const audit = await tenant((trx) => trx.selectFrom("audit_log").select(["action", "details"]).where("action", "=", "member.import").execute());
    expect(audit).toHaveLength(1);
  });

  it("does not import the same file twice", async () => {
    const before = await memberCount();
    const again = await upload("/member-import", goodFile);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: "done", alreadySubmitted: true });
    expect(await memberCount()).toBe(before);
  });

  it("runs again a file whose import a stopped server left running, once it is stale; a fresh one is left alone", async () => {
    const bytes = await xlsx([["K-0201", "Wati Terputus", "", "", "", "", "", "", ""]]);
    const sha = createHash("sha256").update(bytes).digest("hex");
    const jobId = "0190a000-0000-7000-8000-0000000000bb";
    await tenant((trx) =>
      trx
        .insertInto("member_import")
        .values({ koperasi_id: admin.koperasiId, id: jobId, file_sha256: sha, file_name: "x.xlsx", status: "running", rows_total: 1, created_at: new Date(now.getTime() - 30 * 60_000) })
        .execute(),
    );
    const fresh = await upload("/member-import", bytes);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ id: jobId, status: "running", alreadySubmitted: true });
    await t.db.superuser.query(`UPDATE member_import SET created_at = $1 WHERE id = $2`, [new Date(now.getTime() - 2 * 3600_000), jobId]);
    const rerun = await upload("/member-import", bytes);
    expect(rerun.statusCode, rerun.body).toBe(202);
    expect(rerun.json()).toMatchObject({ id: jobId, alreadySubmitted: false });
    expect(await waitForJob(jobId)).toMatchObject({ status: "done", rowsDone: 1 });
  });

  it("gives unnumbered rows the next free numbers, stepping over a number the same file keeps", async () => {
    const counter = await tenant((trx) => trx.selectFrom("tenant_sequence").select("last_value").where("id", "=", "member_number").executeTakeFirstOrThrow());
    const number = (n: number) => `AGT-${String(n).padStart(6, "0")}`;
    const last = Number(counter.last_value);
    const res = await upload("/member-import", await xlsx([[number(last + 1), "Yanti Bernomor", "", "", "", "", "", "", ""], ["", "Yusuf Tanpanomor", "", "", "", "", "", "", ""]]));
    expect(res.statusCode, res.body).toBe(202);
    expect(await waitForJob(res.json().id)).toMatchObject({ status: "done" });
    const rows = await tenant((trx) => trx.selectFrom("member").select(["full_name", "member_number"]).where("full_name", "in", ["Yanti Bernomor", "Yusuf Tanpanomor"]).orderBy("full_name").execute());
    expect(rows).toEqual([
      { full_name: "Yanti Bernomor", member_number: number(last + 1) },
      { full_name: "Yusuf Tanpanomor", member_number: number(last + 2) },
    ]);
  });

  it("saves nothing when one row fails during the import itself (the book changed after the check)", async () => {
    const bytes = await xlsx([
      ["K-0101", "Dewi Lestari", "3515145203900004", "", "", "", "", "", ""],
      ["K-0102", "Rudi Hartono", "", "", "", "", "", "", ""],
    ]);
    const who = { koperasiId: admin.koperasiId, userId: admin.userId, roles: ["admin" as const] };
    const run: CommandRunner = (work) => t.ctx.database.tenant(who, async (trx) => work(await commandFor(trx, who, { now: t.ctx.now() })));
    const dryRun = await run((cmd) => dryRunImport(cmd, keyringOf(t.ctx), bytes));
    expect(dryRun.problems).toEqual([]);
    // Between the check and the import, someone registers K-0102 by hand.
    const rudi = await t.app.inject({ method: "POST", url: `${base()}/members`, headers: { cookie: admin.cookie }, payload: { fullName: "Rudi Lain", memberNumber: "K-0102" } });
    expect(rudi.statusCode).toBe(201);
    const before = await memberCount();
    const jobId = "0190a000-0000-7000-8000-0000000000aa";
    await tenant((trx) =>
      trx.insertInto("member_import").values({ koperasi_id: admin.koperasiId, id: jobId, file_sha256: "d".repeat(64), file_name: "x.xlsx", status: "running", rows_total: 2 }).execute(),
    );
    await runImport(t.ctx, run, jobId, dryRun);
    const job = await waitForJob(jobId);
    expect(job.status).toBe("failed");
    expect(job.errorMessage).toContain("Nomor anggota K-0102 sudah dipakai.");
    expect(job.errorMessage).toContain("Tidak ada anggota yang tersimpan");
    // Dewi (the row before the failing one) is not in the book either.
    expect(await memberCount()).toBe(before);
  });
});

describe("exporting the member book", () => {
  it("streams an .xlsx on the letterhead with every member, NIK in full for the register's keepers and masked for a kasir", async () => {
    const read = async (cookie: string) => {
      const res = await t.app.inject({ method: "GET", url: `${base()}/member-book.xlsx`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
      return rows;
    };
    const rows = await read(admin.cookie);
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").select("name").where("id", "=", admin.koperasiId).executeTakeFirstOrThrow();
    expect(rows[0]).toEqual([koperasi.name]);
    const headerAt = rows.findIndex((r) => r[0] === "No.");
    expect(rows[headerAt]).toEqual(["No.", "Nomor Anggota", "Nama Lengkap", "NIK", "Alamat", "Tanggal Masuk", "Status", "Tanggal Keluar", "Alasan Keluar", "Tanda Tangan"]);
    const body = rows.slice(headerAt + 1);
    expect(body).toHaveLength(await memberCount());
    const budi = body.find((r) => r[1] === "K-0001")!;
    expect(budi.slice(0, 7)).toEqual([String(body.indexOf(budi) + 1), "K-0001", "Budi Santoso", "3515140508680001", "Jl. Mawar 1, Sidoarjo", "2 Januari 2020", "Aktif"]);
    const masked = (await read(kasir.cookie)).find((r) => r[1] === "K-0001")!;
    expect(masked[3]).toBe("3515********0001");
  });

  it("shows a member's exit date and reason", async () => {
    const list = await t.app.inject({ method: "GET", url: `${base()}/members?q=siti`, headers: { cookie: admin.cookie } });
    const sitiId = list.json().items[0].id;
    const exit = await t.app.inject({ method: "POST", url: `${base()}/members/${sitiId}/status`, headers: { cookie: admin.cookie }, payload: { status: "keluar", effectiveOn: "2026-02-01", reason: "Pindah domisili" } });
    expect(exit.statusCode, exit.body).toBe(201);
    const pdf = await t.app.inject({ method: "GET", url: `${base()}/member-book.pdf`, headers: { cookie: admin.cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain("Buku Daftar Anggota");
    expect(text).toContain("Siti Aminah");
    expect(text).toContain("Pindah domisili");
    expect(text).toContain("1 Februari 2026");
  });
});
