import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, startServer, withScreenshotOnFailure, type RunningServer, type TestBrowser } from "./support";

// The content security policy is enforced by the browser, so it is proven in
// one: the app and the API docs open under their policies with no violation
// (launchBrowser fails the file on any), and a script the page did not ship
// is refused and seen.

let server: RunningServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("opens the app under its policy, and refuses an injected inline script", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("csp-app", page, async () => {
    const response = await page.goto(`${server.url}/k/sejahtera-bersama`);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await page.getByRole("button", { name: "Masuk" }).last().waitFor();
    expect(browser.cspViolations).toEqual([]);

    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => browser.cspViolations.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(browser.cspViolations.join("\n")).toMatch(/script-src/);
    // Seen and refused as it should be; the others in this file must not add any.
    browser.cspViolations.length = 0;
  });
  await page.close();
});

it("shows the API documentation under its own policy without a violation", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("csp-docs", page, async () => {
    const response = await page.goto(`${server.url}/api/docs/`);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.locator(".swagger-ui .info .title").waitFor({ timeout: 30_000 });
    await page.locator(".opblock").first().waitFor({ timeout: 30_000 });
    expect(browser.cspViolations).toEqual([]);
  });
  await page.close();
});
