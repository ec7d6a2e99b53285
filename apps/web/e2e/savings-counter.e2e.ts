import { expect, it } from "vitest";
import { demoApp, openFromMenu, WAIT } from "./demo-app";
import { sidewaysOverflow, withScreenshotOnFailure } from "./support";

// The savings counter in Chromium on a 360 px phone, against the real server
// with the demo cooperative: the kasir finds a member's Simpanan Sukarela,
// types the amount, confirms it (read back in words) and gets the receipt —
// the account, two taps to post, one to print.

const demo = demoApp();

type Paged<T> = { items: T[] };
interface Account {
  id: string;
  memberNumber: string;
  memberName: string;
  accountName: string;
  balance: number;
  status: string;
}

it("kasir: a cash deposit at the counter, confirmed in words, with its receipt", async () => {
  const koperasiId = await demo.api.koperasiId();
  const kasir = await demo.api.login(demo.logins.kasir);
  const accounts = await demo.api.get<Paged<Account>>(kasir, `/koperasi/${koperasiId}/member-accounts?pageSize=100`);
  const account = accounts.items.find((a) => a.status === "open" && a.accountName === "Simpanan Sukarela");
  if (!account) throw new Error("the demo cooperative has no open Simpanan Sukarela account");

  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("savings-counter", page, async () => {
    await demo.signIn(page, demo.logins.kasir);
    await openFromMenu(page, "nav-counter");
    await page.getByRole("heading", { name: "Loket simpanan" }).waitFor();

    const picker = page.getByLabel("Rekening anggota").first();
    await picker.fill(account.memberNumber);
    await page.getByRole("option", { name: new RegExp(`${account.memberNumber}.*Simpanan Sukarela`) }).click(); // tap 1
    await expect.poll(() => page.getByTestId("counter-available").innerText(), WAIT).toMatch(/dapat ditarik Rp/);

    await page.getByLabel(/^Jumlah/).fill("1250000");
    await page.getByTestId("counter-next").click(); // tap 2
    const confirm = page.getByTestId("counter-confirm");
    await expect.poll(() => confirm.innerText(), WAIT).toContain("satu juta dua ratus lima puluh ribu rupiah");
    expect(await confirm.innerText()).toContain("Rp1.250.000");
    await page.getByTestId("counter-submit").click(); // tap 3

    const done = page.getByTestId("counter-done");
    await done.waitFor(WAIT);
    expect(await done.innerText()).toMatch(/Setoran Rp1\.250\.000 diposting, nomor bukti BKM\/\d{4}\/\d{6}/);
    expect(await done.innerText()).toContain(`Saldo sekarang Rp${String(account.balance + 1_250_000).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`);
    expect(await sidewaysOverflow(page)).toBe(0);

    // Tap 4: the receipt, a PDF on the cooperative's letterhead.
    const href = await page.getByTestId("counter-receipt").getAttribute("href");
    expect(href).toMatch(/\/savings\/receipts\/[0-9a-f-]+\/receipt\.pdf$/);
    const pdf = await page.request.get(`${demo.server.url}${href ?? ""}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  });
}, 120_000);
