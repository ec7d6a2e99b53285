import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { demoApp } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";

// Importing members in Chromium against the real server and the demo
// cooperative: the admin uploads a small .xlsx, reads the dry run (a phone
// number whose 0 Excel dropped is flagged as a warning), imports, watches
// the progress bar finish, and finds the new members in the list.

const demo = demoApp({ width: 1280, height: 900 });

const WAIT = { timeout: 30_000, interval: 200 };

async function memberSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Anggota");
  sheet.addRow(["Nomor Anggota", "Nama Lengkap", "Nomor HP", "Tanggal Masuk", "Status"]);
  sheet.addRow(["IMP-E2E-01", "Rahayu Imporwati", 81399887766, new Date(Date.UTC(2019, 4, 20)), "aktif"]);
  sheet.addRow(["IMP-E2E-02", "Sutrisno Imporjo", "081399887767", "01/02/2020", "aktif"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

it("the admin uploads an .xlsx, sees the dry run, imports it and finds the members in the list", async () => {
  const page = await demo.browser.context.newPage();
  try {
    await demo.signIn(page, demo.logins.admin);

    await page.goto(`${demo.server.url}/k/${DEMO_SLUG}/app/anggota/impor`);
    await page.getByTestId("template-xlsx").waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: "anggota.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await memberSheet() });
    await page.getByTestId("import-check").click();
    await expect.poll(() => page.getByTestId("import-summary").innerText(), WAIT).toContain("2 baris dibaca: 2 siap diimpor, 0 masalah, 1 peringatan");
    expect(await page.getByTestId("import-problem").first().innerText()).toMatch(/2\s+C\s+Peringatan\s+Angka 0 di depan nomor HP hilang/i);

    await page.getByTestId("import-confirm").click();
    await page.getByTestId("import-done").waitFor(WAIT);
    expect(await page.getByTestId("import-progress").innerText()).toContain("2 dari 2 anggota tersimpan");

    await page.getByRole("link", { name: "Lihat daftar anggota" }).click();
    await page.getByPlaceholder("Nama atau nomor anggota").first().fill("Imporwati");
    await expect.poll(() => page.getByText("Rahayu Imporwati").count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("IMP-E2E-01").count(), WAIT).toBeGreaterThan(0);
  } finally {
    await page.close();
  }
});
