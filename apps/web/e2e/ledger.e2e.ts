import { expect, it } from "vitest";
import { demoApp, openFromMenu, WAIT } from "./demo-app";
import { withScreenshotOnFailure } from "./support";
import { DEMO_SLUG, memberAccountWithMovement } from "./ledger-support";

// The ledger in Chromium on a 360 px phone screen, against the real server
// with the demo cooperative:
// - staff: the bendahara writes a balanced manual journal, the ketua approves
//   it (maker–checker), and the neraca saldo shows it balanced;
// - a member opens a transaction on her account, taps "Verifikasi", and the
//   browser verifies its receipt against the log's public keys.

const demo = demoApp();

it("staff: a balanced manual journal, approved by a second person, shows in the neraca saldo", async () => {
  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("ledger-staff", page, async () => {
    // The bendahara writes the entry (maker).
    await demo.signIn(page, demo.logins.bendahara);
    await openFromMenu(page, "nav-journals");
    await page.getByRole("link", { name: "Buat jurnal umum" }).click();
    await page.getByLabel(/^Keterangan/).fill("Penerimaan hibah pemerintah desa");
    await page.getByLabel("Akun baris 1").selectOption({ label: "1-1100 Kas" });
    await page.getByLabel("Debit baris 1").fill("5000000");
    await page.getByLabel("Akun baris 2").selectOption({ label: "3-3100 Hibah" });
    await page.getByLabel("Kredit baris 2").fill("4000000");
    await expect.poll(() => page.getByTestId("journal-balance").innerText(), WAIT).toMatch(/Selisih Rp1\.000\.000/i);
    await page.getByLabel("Kredit baris 2").fill("5000000");
    await expect.poll(() => page.getByTestId("journal-balance").innerText(), WAIT).toMatch(/Seimbang/i);
    await page.getByRole("button", { name: "Kirim untuk disetujui" }).click();
    await page.getByTestId("journal-created").waitFor();

    // The ketua approves it (checker).
    await demo.signIn(page, demo.logins.admin);
    await openFromMenu(page, "nav-journals");
    await page.getByTestId("journal-row").filter({ hasText: "Penerimaan hibah pemerintah desa" }).click();
    await page.getByRole("button", { name: "Setujui dan posting" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), WAIT).toMatch(/^JU\/\d{4}\/\d{6}$/);

    // The neraca saldo carries it, debits equal credits.
    await openFromMenu(page, "nav-trial-balance");
    const table = page.getByTestId("trial-balance");
    const hibah = table.getByRole("row").filter({ hasText: "Hibah" });
    await expect.poll(() => hibah.innerText(), WAIT).toContain("Rp5.000.000");
    const debit = await page.getByTestId("trial-balance-debit").innerText();
    expect(debit).toMatch(/^Rp[\d.]+$/);
    expect(await page.getByTestId("trial-balance-credit").innerText()).toBe(debit);
    expect(await page.getByTestId("trial-balance-status").innerText()).toMatch(/Seimbang/i);
  });
}, 120_000);

it("member: opens a transaction on her account, taps Verifikasi, and the browser verifies its receipt", async () => {
  // The demo carries sample postings, so a funded account to move money from always exists.
  const account = await memberAccountWithMovement(demo.api, demo.logins);
  const koperasiId = await demo.api.koperasiId();
  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("ledger-member", page, async () => {
    await demo.signIn(page, demo.logins.anggota);
    // Her accounts and balances are on the home page.
    const card = page.getByTestId("home-my-accounts");
    await card.getByTestId("member-account").filter({ hasText: account.accountName }).first().click();
    await page.getByTestId("statement").waitFor();
    await page.getByTestId("statement-row").last().click();
    await page.getByTestId("transaction").waitFor();
    const voucher = await page.getByTestId("transaction-voucher").innerText();

    // A receipt exists once a checkpoint covers the entry (about a second); until then she is told to wait.
    const result = page.getByTestId("verify-result");
    const verify = async () => {
      const button = page.getByRole("button", { name: "Verifikasi" });
      await Promise.all([page.waitForResponse((r) => r.url().includes("/receipt")), button.click()]);
      await expect.poll(() => button.isEnabled(), WAIT).toBe(true);
      await result.waitFor();
      return result.getAttribute("data-result");
    };
    for (let attempt = 0; attempt < 15 && (await verify()) === "not_ready"; attempt++) await page.waitForTimeout(1000);
    expect(await result.getAttribute("data-result"), await result.innerText()).toBe("verified");
    // Plain words first; the proof's terms behind "Detail teknis".
    expect(await result.innerText()).toContain("Terverifikasi");
    expect(await result.innerText()).toContain("Transaksi ini tercatat di log publik koperasi dan tidak dapat diubah diam-diam.");
    expect(await result.innerText()).not.toContain("ukuran pohon");
    await result.getByText("Detail teknis").click();
    const text = await result.innerText();
    expect(text).toMatch(new RegExp(`${voucher.replace(/\//g, "\\/")} tercatat di log transparansi pada ukuran pohon \\d+`));
    expect(text).toContain("ditandatangani koperasi");
    // The log's keys are now pinned in this browser for the cooperative …
    const pinned = await page.evaluate((id) => localStorage.getItem(`koperasi.tlog.pin.${id}`), koperasiId);
    expect(JSON.parse(pinned ?? "null")).toMatchObject({ origin: expect.stringContaining(`/k/${DEMO_SLUG}`), logKey: expect.any(String) });
    // … and the next verification holds the log to them.
    expect(await verify()).toBe("verified");
    await result.getByText("Detail teknis").click();
    expect(await result.innerText()).toContain("tersimpan di perangkat ini sejak pemeriksaan pertama");

    // A log key other than the pinned one is refused, whatever the server says.
    await page.evaluate((id) => {
      const key = `koperasi.tlog.pin.${id}`;
      const pin = JSON.parse(localStorage.getItem(key) ?? "{}");
      localStorage.setItem(key, JSON.stringify({ ...pin, logKey: "contoh.id/k/lain+00000000+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=" }));
    }, koperasiId);
    expect(await verify()).toBe("log_key_changed");
    expect(await result.innerText()).toContain("Kunci log koperasi berbeda");
  });
}, 120_000);
