import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_SLUG, DemoApi, demoLogins, type DemoRole, type Login } from "./ledger-support";
import { latestCode, launchBrowser, startServer, type RunningServer } from "./support";

// A member changes her own phone number in Chromium on a 360 px phone,
// against the real server and the demo cooperative: she asks for a code to
// the new number, her old number stays until she enters it, a wrong code is
// refused on the code field, and the right one puts the new number on her
// home card.

const WAIT = { timeout: 20_000, interval: 100 };
const NEW_PHONE = "0813-2468-1357";
const NEW_PHONE_E164 = "+6281324681357";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let logins: Record<DemoRole, Login>;
let operatorCookie: string;

beforeAll(async () => {
  server = await startServer();
  const api = new DemoApi(server);
  logins = demoLogins(server.dataDir);
  // The embedded default holds outgoing SMS in the outbox, which the platform operator reads.
  const [, email, password] = readFileSync(join(server.dataDir, "demo-logins.txt"), "utf8").match(/Operator platform\s+(\S+)\s+(\S+)/) ?? [];
  operatorCookie = await api.login({ email: email!, password: password! });
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

it("the member changes her phone with a code sent to the new number and sees it on her card", async () => {
  const page = await browser.context.newPage();
  try {
    await signIn(page, logins.anggota);
    const card = page.getByTestId("home-my-membership");
    await card.getByTestId("member-fields").waitFor();
    const before = await card.getByTestId("member-fields").innerText();
    expect(before).not.toContain(NEW_PHONE_E164);

    await card.getByTestId("home-contact-change").click();
    const form = card.getByTestId("contact-change-form");
    // Phone is the default choice.
    await form.getByTestId("contact-change-value").fill("12");
    await form.getByTestId("contact-change-send").click();
    const value = form.getByTestId("contact-change-value");
    await expect.poll(() => value.getAttribute("aria-invalid"), WAIT).toBe("true");

    await value.fill(NEW_PHONE);
    await form.getByTestId("contact-change-send").click();
    await expect.poll(() => form.getByTestId("contact-change-sent").innerText(), WAIT).toContain("+62813****357");

    // Not hers yet.
    expect(await card.getByTestId("member-fields").innerText()).not.toContain(NEW_PHONE_E164);

    await expect.poll(() => latestCode(server, operatorCookie, NEW_PHONE_E164).catch(() => ""), WAIT).toMatch(/^\d{6}$/);
    const code = await latestCode(server, operatorCookie, NEW_PHONE_E164);

    const codeField = form.getByTestId("contact-change-code");
    await codeField.fill(code === "000000" ? "111111" : "000000");
    await form.getByTestId("contact-change-confirm").click();
    await expect.poll(() => codeField.getAttribute("aria-invalid"), WAIT).toBe("true");

    await codeField.fill(code);
    await form.getByTestId("contact-change-confirm").click();
    await card.getByTestId("contact-change-done").waitFor(WAIT);
    await expect.poll(() => card.getByTestId("member-fields").innerText(), WAIT).toContain(NEW_PHONE_E164);

    // Fits the phone's width: nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await page.close();
  }
});
