import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_SLUG, DemoApi, demoLogins, type DemoRole, type Login } from "./ledger-support";
import { launchBrowser, startServer, type RunningServer } from "./support";

// The organisation chart in Chromium on a 360 px phone, against the real
// server with the demo cooperative: the admin appoints the demo anggota as
// ketua from the members list; the chart shows her on top, and her own
// login gains the pengurus' menu (the books) without anyone touching roles.

const WAIT = { timeout: 20_000, interval: 100 };

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let logins: Record<DemoRole, Login>;
let api: DemoApi;

beforeAll(async () => {
  server = await startServer();
  api = new DemoApi(server);
  logins = demoLogins(server.dataDir);
  browser = await launchBrowser({ width: 360, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, who: Login) {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/k/${DEMO_SLUG}`);
  await page.getByLabel(/^Email/).first().fill(who.email);
  await page.getByLabel(/^Kata sandi/).first().fill(who.password);
  await page.getByRole("button", { name: "Masuk" }).last().click();
  await page.getByText(/Selamat datang/).waitFor();
}

async function openFromMenu(page: Page, testId: string) {
  await page.getByRole("button", { name: "Buka menu" }).click();
  await page.getByTestId(testId).click();
}

it("admin appoints a member as ketua; the chart shows her on top and her login gains the pengurus' menu", async () => {
  // The demo anggota's own member record (she has a login).
  const memberCookie = await api.login(logins.anggota);
  const session = (await (await fetch(`${server.url}/api/v1/auth/session`, { headers: { cookie: memberCookie } })).json()) as {
    user: { name: string };
  };
  const herName = session.user.name;
  const endOn = `${new Date().getFullYear() + 5}-12-31`;

  const page = await browser.context.newPage();
  try {
    await signIn(page, logins.admin);
    await openFromMenu(page, "nav-structure");
    await page.getByRole("heading", { level: 1, name: "Struktur organisasi" }).waitFor();

    const form = page.getByTestId("appoint-form");
    const memberBox = form.getByLabel(/^Anggota/);
    await memberBox.click();
    await memberBox.fill(herName.split(" ")[0] ?? herName);
    await page.getByRole("option", { name: new RegExp(herName) }).first().click();
    await form.getByLabel(/^Jabatan/).click();
    await page.getByRole("option", { name: "Ketua", exact: true }).click();
    await form.getByLabel(/^Berakhir/).fill(endOn);
    await form.getByRole("button", { name: "Angkat" }).click();
    await expect.poll(() => form.getByRole("status").innerText(), WAIT).toContain(`${herName} diangkat sebagai Ketua`);

    // The chart: she is the first card of the pengurus, under "Ketua".
    const firstCard = page.getByTestId("chart-pengurus").getByTestId("org-card").first();
    await expect.poll(() => firstCard.innerText(), WAIT).toMatch(new RegExp(`Ketua[\\s\\S]*${herName}`, "i"));
    // Nothing overflows a 360 px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The history keeps the term.
    await expect.poll(() => page.getByTestId("term-history").innerText(), WAIT).toContain(herName);

    // Her own login now carries the pengurus role: the books appear in her menu.
    await signIn(page, logins.anggota);
    await page.getByRole("button", { name: "Buka menu" }).click();
    await page.getByTestId("nav-journals").waitFor(WAIT);
    await page.getByTestId("nav-structure").click();
    await expect.poll(() => page.getByTestId("chart-pengurus").getByTestId("org-card").first().innerText(), WAIT).toContain(herName);
  } catch (error) {
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/structure-failure.png", fullPage: true });
    throw error;
  }
}, 180_000);
