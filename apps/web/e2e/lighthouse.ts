// Lighthouse (mobile, simulated throttling) on the login page and the
// member's home, against the built app on a fresh server with the demo
// cooperative, in Debian's Chromium (CHROME_PATH, else /usr/bin/chromium)
// with the browser tests' flags. Prints each page's scores; the latest run
// is reported in docs/performance.md. Build first: `npm run build:web`.
// Run: npm run lighthouse
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { DEMO_SLUG, DemoApi, demoLogins } from "./ledger-support";
import { CHROMIUM_FLAGS, startServer } from "./support";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

const server = await startServer();
const chrome = await launch({ chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", chromeFlags: CHROMIUM_FLAGS });
try {
  const member = await new DemoApi(server).login(demoLogins(server.dataDir).anggota);
  const pages: { name: string; url: string; headers: Record<string, string> }[] = [
    { name: "login page", url: `${server.url}/k/${DEMO_SLUG}`, headers: {} },
    { name: "member home", url: `${server.url}/k/${DEMO_SLUG}/app`, headers: { Cookie: member } },
  ];
  for (const page of pages) {
    const result = await lighthouse(page.url, { port: chrome.port, logLevel: "error", onlyCategories: [...CATEGORIES], extraHeaders: page.headers });
    if (!result) throw new Error(`no Lighthouse result for ${page.url}`);
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) console.log(`${page.name}: Lighthouse could not measure it: ${runtimeError.code} ${runtimeError.message}`);
    const scores = CATEGORIES.map((id) => `${id} ${Math.round((categories[id]?.score ?? 0) * 100)}`).join(", ");
    const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]
      .map((id) => `${audits[id]?.title ?? id} ${audits[id]?.displayValue ?? "?"}`)
      .join(", ");
    console.log(`${page.name}: ${scores}\n  ${metrics}`);
    const failing = Object.values(audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === "binary");
    for (const audit of failing) console.log(`  not passed: ${audit.id} (${audit.title})`);
  }
} finally {
  chrome.kill();
  await server.stop();
}
