import { expect, it } from "vitest";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";
import { latestCode, sidewaysOverflow } from "./support";

// Joining in Chromium on a 360 px phone, against the real server and the
// demo cooperative: a person applies on the public form with the code from
// her e-mail; the ketua approves her in the applications queue; she is then
// an active member with her savings accounts open.

const demo = demoApp();

it("a person applies on the public form, the ketua approves her, and she is an active member with her accounts open", async () => {
  // The embedded default keeps outgoing messages in the outbox, which the platform operator reads.
  const operatorCookie = await demo.api.login(demo.logins.operator);
  const name = "Ratna Kusumawati Lestari";
  const email = `ratna.${Date.now()}@contoh.id`;
  const page = await demo.browser.context.newPage();
  try {
    await page.goto(`${demo.server.url}/k/${DEMO_SLUG}/daftar-anggota`);
    await page.getByRole("heading", { level: 1, name: "Daftar menjadi anggota" }).waitFor();
    await page.getByLabel(/^Nama lengkap/).fill(name);
    await page.getByLabel(/^Nomor HP/).fill("0812-7777-1234");
    await page.getByLabel(/^Email/).fill(email);
    await page.getByRole("button", { name: "Kirim kode verifikasi" }).click();
    await expect.poll(() => latestCode(demo.server, operatorCookie, email).catch(() => ""), WAIT).toMatch(/^\d{6}$/);
    await page.getByLabel(/^Kode verifikasi/).fill(await latestCode(demo.server, operatorCookie, email));
    await page.getByRole("button", { name: "Ajukan permohonan" }).click();
    await expect.poll(() => page.getByRole("status").innerText().catch(() => ""), WAIT).toContain("Permohonan Anda sudah diterima");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // The ketua (the demo admin) approves her in the queue.
    await demo.signIn(page, demo.logins.admin);
    await page.goto(`${demo.server.url}/k/${DEMO_SLUG}/app/permohonan-anggota`);
    await page.getByRole("heading", { level: 1, name: "Permohonan anggota" }).waitFor();
    await page.getByRole("button", { name: `Setujui ${name}` }).click();
    await expect.poll(() => page.getByRole("button", { name: `Setujui ${name}` }).count(), WAIT).toBe(0);
  } finally {
    await page.close();
  }

  // She is aktif, with simpanan pokok, wajib and sukarela open.
  const cookie = await demo.api.login(demo.logins.admin);
  const koperasiId = await demo.api.koperasiId();
  const found = await demo.api.post<{ items: { id: string; fullName: string; status: string }[] }>(cookie, `/koperasi/${koperasiId}/members/search`, { q: "Ratna Kusumawati", page: 1, pageSize: 10 });
  const member = found.items.find((m) => m.fullName === name);
  expect(member?.status).toBe("aktif");
  const accounts = await demo.api.get<{ items: { accountCode: string; balance: number }[] }>(cookie, `/koperasi/${koperasiId}/member-accounts?memberId=${member!.id}`);
  expect(accounts.items.map((a) => [a.accountCode, a.balance]).sort()).toEqual([
    ["2-1100", 0],
    ["3-1100", 0],
    ["3-1200", 0],
  ]);
}, 180_000);
