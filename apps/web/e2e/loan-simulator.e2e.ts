import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { WAIT } from "./demo-app";
import { launchBrowser, sidewaysOverflow, startServer, withScreenshotOnFailure, type RunningServer } from "./support";

// The public loan simulator in Chromium on a 360 px phone, against the real
// server, with nobody signed in: the worked examples of DOMAIN.md
// ("Pinjaman") as a newcomer sees them, refusals on their fields, and the
// page in English.

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 360, height: 800 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/** Picks a segment (Mantine's SegmentedControl is a radio group) and recalculates, waiting for the new figure. */
async function calculate(page: Page, expectedFirst: string): Promise<void> {
  await page.getByTestId("simulator-submit").click();
  await expect.poll(() => text(page, "simulator-first-installment"), WAIT).toBe(expectedFirst);
}

it("a newcomer opens the simulator from the front page and sees flat, anuitas and menurun as DOMAIN.md works them out", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("loan-simulator", page, async () => {
    await page.goto(server.url);
    await page.getByRole("link", { name: "Simulasi pinjaman" }).click();
    await page.waitForURL(/\/simulasi-pinjaman$/);
    await page.getByRole("heading", { name: "Simulasi pinjaman" }).waitFor();

    // Rp10.000.000, 12 months, 1,5% a month, flat: the form starts with the worked example.
    expect(await page.getByLabel(/^Pokok pinjaman/).inputValue()).toBe("Rp10.000.000");
    await calculate(page, "Rp983.333");
    expect(await text(page, "simulator-last-installment")).toBe("Rp983.337");
    expect(await text(page, "simulator-total-interest")).toBe("Rp1.800.000");
    expect(await text(page, "simulator-total-payment")).toBe("Rp11.800.000");
    expect(await text(page, "simulator-effective-monthly")).toBe("2,643%");
    expect(await text(page, "simulator-effective-annual")).toBe("31,72%");
    await expect.poll(() => page.getByTestId("simulator-row").count(), WAIT).toBe(12);
    expect(await page.getByTestId("simulator-row").first().innerText()).toMatch(/Bulan 1[\s\S]*Pokok Rp833\.333 · Bunga Rp150\.000[\s\S]*Rp983\.333[\s\S]*Sisa pokok Rp9\.166\.667/);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByText("Anuitas", { exact: true }).click();
    await calculate(page, "Rp916.800");
    expect(await text(page, "simulator-last-installment")).toBe("Rp916.799");
    expect(await text(page, "simulator-total-interest")).toBe("Rp1.001.599");
    expect(await text(page, "simulator-effective-monthly")).toBe("1,500%");

    await page.getByText("Menurun", { exact: true }).click();
    await calculate(page, "Rp983.333");
    await expect.poll(() => text(page, "simulator-total-interest"), WAIT).toBe("Rp975.000");
    expect(await page.getByTestId("simulator-row-installment").nth(1).innerText()).toBe("Rp970.833");
    expect(await text(page, "simulator-last-installment")).toBe("Rp845.837");

    // Rounded up to Rp1.000: 984.000 eleven times, the last settles the rest.
    await page.getByText("Flat", { exact: true }).click();
    await page.getByText("Rp1.000", { exact: true }).click();
    await calculate(page, "Rp984.000");
    expect(await text(page, "simulator-last-installment")).toBe("Rp976.000");
    expect(await text(page, "simulator-total-interest")).toBe("Rp1.800.000");
  });
});

it("refuses bad terms on their fields in Indonesian, and fits a 360 px phone with 240 rows", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("loan-simulator-refusals", page, async () => {
    await page.goto(`${server.url}/simulasi-pinjaman`);
    const tenor = page.getByLabel(/^Jangka waktu/);
    const rate = page.getByLabel(/^Bunga per bulan/);

    // Checked before sending, by the same contract the server holds.
    await tenor.fill("0");
    await rate.fill("satu setengah");
    await page.getByTestId("simulator-submit").click();
    await page.getByText("Jangka waktu minimal 1 bulan.").waitFor(WAIT);
    await page.getByText(/Bunga per bulan berupa angka desimal/).waitFor(WAIT);
    expect(await page.getByTestId("simulator-result").count()).toBe(0);

    // Refused by the server: Rp100.000 over 240 months rounded to Rp1.000 would be repaid before the last month.
    await page.getByLabel(/^Pokok pinjaman/).fill("100000");
    await tenor.fill("240");
    await rate.fill("1");
    await page.getByText("Rp1.000", { exact: true }).click();
    await page.getByTestId("simulator-submit").click();
    await page.getByRole("alert").filter({ hasText: "Pembulatan angsuran terlalu besar" }).waitFor(WAIT);
    expect(await text(page, "simulator-round-to-note")).toMatch(/Pilih pembulatan lebih kecil/);

    // In whole Rupiah the same loan is fine: 240 rows, and still no sideways scrolling.
    await page.getByText("Rupiah utuh", { exact: true }).click();
    await calculate(page, "Rp1.417");
    await expect.poll(() => page.getByTestId("simulator-row").count(), WAIT).toBe(240);
    expect(await text(page, "simulator-effective-monthly")).toBe("1,362%");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});

it("shows the page and the rates in English when asked", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("loan-simulator-english", page, async () => {
    await page.goto(`${server.url}/simulasi-pinjaman`);
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { name: "Loan simulator" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Calculate" }).click();
    await expect.poll(() => text(page, "simulator-effective-monthly"), WAIT).toBe("2.643%");
    expect(await text(page, "simulator-effective-annual")).toBe("31.72%");
    expect(await page.getByTestId("simulator-row").first().innerText()).toMatch(/Month 1/);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});
