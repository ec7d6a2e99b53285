import { expect, it } from "vitest";
import { demoApp, openFromMenu, WAIT } from "./demo-app";
import { withScreenshotOnFailure } from "./support";

// The member card in Chromium on a 360 px phone, against the real server and
// the demo cooperative: the member opens her card and sees a QR that renews
// itself; the kasir's "Pindai kartu" page resolves that code (pasted, as a
// handheld scanner would type it — headless Chromium has no camera) to her,
// and refuses a forged one with a clear message.

const demo = demoApp();

it("the member shows her card's QR; the kasir resolves it to her, refuses a forged one, and replaces her lost printed card", async () => {
  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("member-card", page, async () => {
    await demo.signIn(page, demo.logins.anggota);
    await openFromMenu(page, "nav-member-card");
    const qr = page.getByTestId("member-card-qr");
    await qr.waitFor();
    // A drawn QR image, with the signed rotating code behind it.
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), WAIT).toBe(true);
    const code = (await qr.getAttribute("data-code")) ?? "";
    expect(code).toMatch(/^KP1\.[A-Za-z0-9_-]{60,}$/);
    await expect.poll(() => page.getByTestId("member-card-validity").innerText(), WAIT).toMatch(/Berlaku \d+ detik lagi/);
    const name = (await page.getByTestId("member-card-name").innerText()).trim();
    const number = (await page.getByTestId("member-card-number").innerText()).trim();
    const serial = (await page.getByTestId("member-card-serial").innerText()).trim();
    expect(serial).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(name.length).toBeGreaterThan(1);
    // The printed card's QR is there too (and kept for offline use).
    await page.getByText("QR kartu cetak").click();
    await page.getByTestId("member-card-printed-qr").waitFor();

    await demo.signIn(page, demo.logins.kasir);
    await openFromMenu(page, "nav-scan-card");
    await page.getByTestId("scan-code-input").fill(code);
    await page.getByTestId("scan-submit").click();
    await expect.poll(() => page.getByTestId("scan-result-name").innerText(), WAIT).toBe(name);
    expect(await page.getByTestId("scan-result-number").innerText()).toBe(number);
    expect(await page.getByTestId("scan-result-status").innerText()).toMatch(/Aktif/i);

    // One character changed: refused, in Bahasa Indonesia.
    await page.getByRole("button", { name: "Pindai berikutnya" }).click();
    const forged = code.slice(0, -6) + (code.at(-6) === "A" ? "B" : "A") + code.slice(-5);
    await page.getByTestId("scan-code-input").fill(forged);
    await page.getByTestId("scan-submit").click();
    await page.getByRole("alert").filter({ hasText: "Kode kartu tidak sah" }).waitFor(WAIT);

    // She reports her printed card lost: the kasir revokes it, a replacement is issued, the old card is refused.
    await page.getByTestId("scan-code-input").fill(code);
    await page.getByTestId("scan-submit").click();
    await page.getByTestId("scan-result-cards").click();
    await expect.poll(() => page.getByTestId("card-active-serial").innerText(), WAIT).toBe(serial);
    await page.getByTestId("card-revoke-open").click();
    await page.getByTestId("card-revoke-reason").fill("Kartu hilang di pasar");
    await page.getByTestId("card-revoke-confirm").click();
    await expect.poll(() => page.getByTestId("card-history").innerText(), WAIT).toContain(serial);
    const replacement = (await page.getByTestId("card-active-serial").innerText()).trim();
    expect(replacement).not.toBe(serial);
    await page.goBack();
    await page.getByTestId("scan-code-input").fill(serial.toLowerCase());
    await page.getByTestId("scan-submit").click();
    await page.getByRole("alert").filter({ hasText: "Kartu ini sudah dicabut" }).waitFor(WAIT);
  });
});

it("opened again without a connection, the app still shows the member's printed card QR", async () => {
  const page = await demo.browser.context.newPage();
  try {
    await withScreenshotOnFailure("member-card-offline", page, async () => {
      await demo.signIn(page, demo.logins.anggota);
      await openFromMenu(page, "nav-member-card");
      await page.getByTestId("member-card-qr").waitFor();
      const name = (await page.getByTestId("member-card-name").innerText()).trim();
      await demo.browser.context.setOffline(true);
      await page.reload();
      await page.getByTestId("offline-notice").waitFor(WAIT);
      await expect.poll(() => page.getByTestId("offline-member-card-name").innerText(), WAIT).toBe(name);
      await page.getByTestId("offline-member-card-qr").waitFor();
    });
  } finally {
    await demo.browser.context.setOffline(false);
  }
});
