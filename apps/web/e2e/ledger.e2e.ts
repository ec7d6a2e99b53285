import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, startServer, type RunningServer } from "./support";

// The ledger in Chromium on a phone-sized screen, against the real server
// with the demo cooperative:
// the bendahara writes a balanced manual journal, the ketua approves it
// (maker–checker), and the neraca saldo shows it balanced.

const SLUG = "sejahtera-bersama";
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const logins: Record<"admin" | "bendahara", { email: string; password: string }> = {} as never;

beforeAll(async () => {
  server = await startServer();
  const text = readFileSync(join(server.dataDir, "demo-logins.txt"), "utf8");
  const login = (label: RegExp) => {
    const [, email, password] = text.match(label) ?? [];
    if (!email || !password) throw new Error(`no demo login ${label}`);
    return { email, password };
  };
  logins.admin = login(/^Admin\s+(\S+)\s+(\S+)/m);
  logins.bendahara = login(/^Pengurus \(bendahara\)\s+(\S+)\s+(\S+)/m);
  browser = await launchBrowser({ width: 360, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, who: { email: string; password: string }) {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/k/${SLUG}`);
  await page.getByLabel(/^Email/).first().fill(who.email);
  await page.getByLabel(/^Kata sandi/).first().fill(who.password);
  await page.getByRole("button", { name: "Masuk" }).last().click();
  await page.getByText(/Selamat datang/).waitFor();
}

/** On a phone the menu sits behind the burger. */
async function openFromMenu(page: Page, testId: string) {
  await page.getByRole("button", { name: "Buka menu" }).click();
  await page.getByTestId(testId).click();
}

async function withScreenshotOnFailure(name: string, page: Page, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: `test-results/${name}-failure.png`, fullPage: true });
    throw error;
  }
}

it("staff: a balanced manual journal, approved by a second person, shows in the neraca saldo", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("ledger-staff", page, async () => {
    // The bendahara writes the entry (maker).
    await signIn(page, logins.bendahara);
    await openFromMenu(page, "nav-journals");
    await page.getByRole("link", { name: "Buat jurnal umum" }).click();
    await page.getByLabel(/^Keterangan/).fill("Penerimaan hibah pemerintah desa");
    await page.getByLabel("Akun baris 1").selectOption({ label: "1-1100 Kas" });
    await page.getByLabel("Debit baris 1").fill("5000000");
    await page.getByLabel("Akun baris 2").selectOption({ label: "3-3100 Hibah" });
    await page.getByLabel("Kredit baris 2").fill("4000000");
    await expect.poll(() => page.getByTestId("journal-balance").innerText()).toMatch(/Selisih Rp1\.000\.000/i);
    await page.getByLabel("Kredit baris 2").fill("5000000");
    await expect.poll(() => page.getByTestId("journal-balance").innerText()).toMatch(/Seimbang/i);
    await page.getByRole("button", { name: "Kirim untuk disetujui" }).click();
    await page.getByTestId("journal-created").waitFor();

    // The ketua approves it (checker).
    await signIn(page, logins.admin);
    await openFromMenu(page, "nav-journals");
    await page.getByTestId("journal-row").filter({ hasText: "Penerimaan hibah pemerintah desa" }).click();
    await page.getByRole("button", { name: "Setujui dan posting" }).click();
    await page.getByText("Diposting").first().waitFor();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^JU\/\d{4}\/000001$/);

    // The neraca saldo carries it, debits equal credits.
    await openFromMenu(page, "nav-trial-balance");
    const table = page.getByTestId("trial-balance");
    await table.getByText("Kas", { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId("trial-balance-debit").innerText()).toContain("Rp5.000.000");
    expect(await page.getByTestId("trial-balance-credit").innerText()).toContain("Rp5.000.000");
    expect(await page.getByTestId("trial-balance-status").innerText()).toMatch(/Seimbang/i);
    expect(await table.getByRole("row").filter({ hasText: "Hibah" }).innerText()).toContain("Rp5.000.000");
  });
}, 120_000);
