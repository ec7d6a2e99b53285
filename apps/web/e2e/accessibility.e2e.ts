import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";
import { withScreenshotOnFailure } from "./support";

// Every page a visitor can open without signing in, and the member's own
// pages once signed in, checked by axe-core in Chromium: each control has a
// name a screen reader can say (in Bahasa Indonesia), text meets WCAG AA
// contrast, and the public pages log no error to the console.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The rules this file holds every page to. */
const RULES = [
  "button-name",
  "link-name",
  "label",
  "aria-input-field-name",
  "aria-toggle-field-name",
  "aria-allowed-role",
  "label-content-name-mismatch",
  "select-name",
  "input-button-name",
  "color-contrast",
  "html-has-lang",
  "document-title",
];

const PUBLIC_PAGES = ["/", "/masuk", "/lupa-sandi", "/daftar", "/simulasi-pinjaman", `/k/${DEMO_SLUG}`, `/k/${DEMO_SLUG}/daftar-anggota`];

const app = demoApp();

interface Violation {
  id: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** axe-core's findings on the page as it is now, for the rules above. Run through the DevTools protocol, so the page's script policy does not apply. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "rule", values: rules }, resultTypes: ["violations"] });
    return result.violations;
  }, RULES);
  return found.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.html.slice(0, 160)} — ${node.failureSummary ?? ""}`));
}

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

it("public pages: every control named, AA contrast, no console error", async () => {
  await app.browser.context.clearCookies();
  const page = await app.browser.context.newPage();
  const errors = collectConsoleErrors(page);
  await withScreenshotOnFailure("a11y-public", page, async () => {
    for (const path of PUBLIC_PAGES) {
      await page.goto(`${app.server.url}${path}`);
      await page.locator("main, [data-testid], form, h1").first().waitFor(WAIT);
      await page.waitForLoadState("networkidle");
      expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
    }
    // The password field's eye button, in the interface's language.
    await page.goto(`${app.server.url}/k/${DEMO_SLUG}`);
    await page.getByRole("button", { name: "Tampilkan atau sembunyikan kata sandi" }).first().waitFor(WAIT);
    expect(errors).toEqual([]);
  });
  await page.close();
});

it("the member's pages: every control named, AA contrast", async () => {
  const page = await app.browser.context.newPage();
  await withScreenshotOnFailure("a11y-member", page, async () => {
    await app.signIn(page, app.logins.anggota);
    for (const path of ["", "/rekening", "/kartu", "/keamanan"]) {
      await page.goto(`${app.server.url}/k/${DEMO_SLUG}/app${path}`);
      await page.locator("main").first().waitFor(WAIT);
      await page.waitForLoadState("networkidle");
      expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
    }
  });
  await page.close();
});
