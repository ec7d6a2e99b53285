import { afterAll, beforeAll } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_SLUG, DemoApi, demoLogins, type DemoRole, type Login } from "./ledger-support";
import { launchBrowser, startServer, type RunningServer } from "./support";

// What every browser test file starts from: the real server with its demo
// cooperative in a fresh DATA_DIR, Chromium on a phone-sized screen, the demo
// logins, and the two moves each test repeats — signing in on the
// cooperative's own page, and opening a page from the menu.

/** The machine may be busy: give each awaited change time. */
export const WAIT = { timeout: 20_000, interval: 100 };

export interface DemoApp {
  server: RunningServer;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  api: DemoApi;
  logins: Record<DemoRole, Login>;
  /** Signs in on the cooperative's page (any earlier session dropped) and waits for the home page. */
  signIn(page: Page, who: Login): Promise<void>;
}

/** Starts the server and the browser before the file's tests and stops them after; the fields are set once `beforeAll` has run. */
export function demoApp(viewport: { width: number; height: number } = { width: 360, height: 800 }): DemoApp {
  const app = {
    async signIn(page: Page, who: Login) {
      await app.browser.context.clearCookies();
      await page.goto(`${app.server.url}/k/${DEMO_SLUG}`);
      await page.getByLabel(/^Email/).first().fill(who.email);
      await page.getByLabel(/^Kata sandi/).first().fill(who.password);
      await page.getByRole("button", { name: "Masuk" }).last().click();
      await page.getByText(/Selamat datang/).waitFor();
    },
  } as DemoApp;
  beforeAll(async () => {
    app.server = await startServer();
    app.api = new DemoApi(app.server);
    app.logins = demoLogins(app.server.dataDir);
    app.browser = await launchBrowser(viewport);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

/** On a phone the menu sits behind the burger. */
export async function openFromMenu(page: Page, testId: string): Promise<void> {
  await page.getByRole("button", { name: "Buka menu" }).click();
  await page.getByTestId(testId).click();
}
