import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_SLUG, DemoApi, demoLogins, type DemoRole, type Login } from "./ledger-support";
import { latestCode, launchBrowser, startServer, type RunningServer } from "./support";

// Joining in Chromium on a 360 px phone, against the real server and the
// demo cooperative: a person applies on the public form with the code from
// her e-mail; the ketua approves her in the applications queue; she is then
// an active member with her savings accounts open.

const WAIT = { timeout: 20_000, interval: 100 };

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let logins: Record<DemoRole, Login>;
let api: DemoApi;
let operatorCookie: string;

beforeAll(async () => {
  server = await startServer();
  api = new DemoApi(server);
  logins = demoLogins(server.dataDir);
  const [, email, password] = readFileSync(join(server.dataDir, "demo-logins.txt"), "utf8").match(/Operator platform\s+(\S+)\s+(\S+)/) ?? [];
  operatorCookie = await api.login({ email: email!, password: password! });
  browser = await launchBrowser({ width: 360, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("a person applies on the public form, the ketua approves her, and she is an active member with her accounts open", async () => {
  const name = "Ratna Kusumawati Lestari";
  const email = `ratna.${Date.now()}@contoh.id`;
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.url}/k/${DEMO_SLUG}/daftar-anggota`);
    await page.getByRole("heading", { level: 1, name: "Daftar menjadi anggota" }).waitFor();
    await page.getByLabel(/^Nama lengkap/).fill(name);
    await page.getByLabel(/^Nomor HP/).fill("0812-7777-1234");
    await page.getByLabel(/^Email/).fill(email);
    await page.getByRole("button", { name: "Kirim kode verifikasi" }).click();
    await expect.poll(() => latestCode(server, operatorCookie, email).catch(() => ""), WAIT).toMatch(/^\d{6}$/);
    await page.getByLabel(/^Kode verifikasi/).fill(await latestCode(server, operatorCookie, email));
    await page.getByRole("button", { name: "Ajukan permohonan" }).click();
    await expect.poll(() => page.getByRole("status").innerText().catch(() => ""), WAIT).toContain("Permohonan Anda sudah diterima");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The ketua (the demo admin) approves her in the queue.
    await browser.context.clearCookies();
    await page.goto(`${server.url}/k/${DEMO_SLUG}`);
    await page.getByLabel(/^Email/).first().fill(logins.admin.email);
    await page.getByLabel(/^Kata sandi/).first().fill(logins.admin.password);
    await page.getByRole("button", { name: "Masuk" }).last().click();
    await page.getByText(/Selamat datang/).waitFor();
    await page.goto(`${server.url}/k/${DEMO_SLUG}/app/permohonan-anggota`);
    await page.getByRole("heading", { level: 1, name: "Permohonan anggota" }).waitFor();
    await page.getByRole("button", { name: `Setujui ${name}` }).click();
    await expect.poll(() => page.getByRole("button", { name: `Setujui ${name}` }).count(), WAIT).toBe(0);
  } finally {
    await page.close();
  }

  // She is aktif, with simpanan pokok, wajib and sukarela open.
  const cookie = await api.login(logins.admin);
  const koperasiId = await api.koperasiId();
  const found = await api.post<{ items: { id: string; fullName: string; status: string }[] }>(cookie, `/koperasi/${koperasiId}/members/search`, { q: "Ratna Kusumawati", page: 1, pageSize: 10 });
  const member = found.items.find((m) => m.fullName === name);
  expect(member?.status).toBe("aktif");
  const accounts = await api.get<{ items: { accountCode: string; balance: number }[] }>(cookie, `/koperasi/${koperasiId}/member-accounts?memberId=${member!.id}`);
  expect(accounts.items.map((a) => [a.accountCode, a.balance]).sort()).toEqual([
    ["2-1100", 0],
    ["3-1100", 0],
    ["3-1200", 0],
  ]);
}, 180_000);
