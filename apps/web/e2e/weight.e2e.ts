import { readFileSync } from "node:fs";
import { request } from "node:http";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";
import { withScreenshotOnFailure } from "./support";

// What a phone downloads the first time it opens the login page and the
// member's home: every script the page requests, as the network log lists
// it, weighed as the server sends it gzipped (a browser that accepts brotli
// gets less). The goal is 170 KiB for each (docs/performance.md); the limits
// below are the weights reached so far, lowered as pages get lighter, so a
// change that makes a first load heavier fails here.

const GOAL_KIB = 170;
// The member home rose to 323 KiB when it gained her totals and figures (the home endpoint and its cards).
// Both rose under 1 KiB more with the privacy, drill and backup texts: the Indonesian catalogue is one
// file in the first download; splitting it per feature (texts loading with their pages) would win it back.
const LIMIT_KIB = { login: 233, memberHome: 326 };

const app = demoApp();

/** Bytes of the body the server sends for a URL to a client that accepts only gzip. */
function gzippedBytes(url: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ bytes, encoding: res.headers["content-encoding"] }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Opens a URL as a first visit (no HTTP cache, no service worker) and returns the scripts it requested. */
async function scriptsOfFirstLoad(page: Page, url: string, ready: () => Promise<void>): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.setBypassServiceWorker", { bypass: true });
  const scripts = new Set<string>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.add(response.url());
  });
  await page.goto(url);
  await ready();
  await page.waitForLoadState("networkidle");
  return [...scripts];
}

async function weigh(scripts: string[]): Promise<number> {
  let total = 0;
  for (const url of scripts) {
    const { bytes, encoding } = await gzippedBytes(url);
    expect({ url, encoding }).toEqual({ url, encoding: "gzip" });
    total += bytes;
  }
  return total / 1024;
}

it("the login page's first load stays within its script weight", async () => {
  await app.browser.context.clearCookies();
  const page = await app.browser.context.newPage();
  await withScreenshotOnFailure("weight-login", page, async () => {
    const scripts = await scriptsOfFirstLoad(page, `${app.server.url}/k/${DEMO_SLUG}`, () =>
      page.getByRole("button", { name: "Masuk" }).last().waitFor(WAIT),
    );
    const kib = await weigh(scripts);
    console.log(`login page: ${scripts.length} scripts, ${kib.toFixed(1)} KiB gzipped (goal ${GOAL_KIB} KiB)`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(kib).toBeLessThanOrEqual(LIMIT_KIB.login);
  });
  await page.close();
});

it("the member home's first load stays within its script weight", async () => {
  const signIn = await app.browser.context.newPage();
  await app.signIn(signIn, app.logins.anggota);
  await signIn.close();
  const page = await app.browser.context.newPage();
  await withScreenshotOnFailure("weight-member-home", page, async () => {
    const scripts = await scriptsOfFirstLoad(page, `${app.server.url}/k/${DEMO_SLUG}/app`, () => page.getByText(/Selamat datang/).waitFor(WAIT));
    const kib = await weigh(scripts);
    console.log(`member home: ${scripts.length} scripts, ${kib.toFixed(1)} KiB gzipped (goal ${GOAL_KIB} KiB)`);
    expect(kib).toBeLessThanOrEqual(LIMIT_KIB.memberHome);
  });
  await page.close();
});

it("the service worker precaches the shell and the member's pages, not every page of every role", () => {
  const dist = new URL("../dist/", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL(".vite/manifest.json", dist), "utf8")) as Record<string, { file: string }>;
  const worker = readFileSync(new URL("sw.js", dist), "utf8");
  const precached = (source: string) => {
    const file = manifest[source]?.file;
    if (!file) throw new Error(`${source} is not in the build`);
    return worker.includes(`"${file}"`);
  };
  const pages = (sources: string[]) => Object.fromEntries(sources.map((source) => [source.split("/").pop(), precached(source)]));
  const member = [
    "src/main.tsx",
    "src/features/shell/components/AppLayout.tsx",
    "src/features/home/components/HomePage.tsx",
    "src/features/ledger/components/MemberAccountsPage.tsx",
    "src/features/ledger/components/StatementPage.tsx",
    "src/features/member-card/components/MemberCardPage.tsx",
  ];
  const staff = [
    "src/features/operator/components/OperatorPage.tsx",
    "src/features/users/components/UsersPage.tsx",
    "src/features/ledger/components/JournalsPage.tsx",
    "src/features/member-import/components/MemberImportPage.tsx",
  ];
  expect(pages(member)).toEqual(Object.fromEntries(member.map((source) => [source.split("/").pop(), true])));
  expect(pages(staff)).toEqual(Object.fromEntries(staff.map((source) => [source.split("/").pop(), false])));
});
