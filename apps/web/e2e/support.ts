import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The real server (built web app, embedded PGlite) in a throwaway DATA_DIR on a free loopback port. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "koperasi-e2e-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(ROOT, "apps/server/src/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // A busy machine (CI runs everything on two cores) can take over a minute for the first start (the e2e hook timeout is 180 s).
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running behind a failed test.
      child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestBrowser {
  context: BrowserContext;
  /**
   * Every content-security-policy violation any page reported so far. `close`
   * fails the test file when one is left: the app must run under its policy
   * as it is, with no inline or remote script.
   */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile; Playwright never downloads a browser. */
export async function launchBrowser(options: { width?: number; height?: number; locale?: string } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "koperasi-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    locale: options.locale ?? "id-ID",
  });
  const cspViolations: string[] = [];
  // The page reports each refusal as an event; Chromium also writes it to the console.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text)) cspViolations.push(`${message.page()?.url() ?? "?"}: ${text}`);
  });
  return {
    context,
    cspViolations,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (cspViolations.length > 0) throw new Error(`content security policy violated:\n${cspViolations.join("\n")}`);
    },
  };
}

/** The newest one-time code the outbox holds for a recipient (the embedded default keeps mail there). */
export async function latestCode(server: RunningServer, cookie: string, recipient: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/platform/outbox`, { headers: { cookie } });
  if (!res.ok) throw new Error(`outbox: ${res.status} ${await res.text()}`);
  const messages = (await res.json()) as { recipient: string; body: string }[];
  // The code is the six digits just before "berlaku" (the cooperative's name may hold digits too).
  const pattern = /\b(\d{6})\D{0,20}berlaku/i;
  const message = messages.find((m) => m.recipient === recipient && pattern.test(m.body));
  const code = message?.body.match(pattern)?.[1];
  if (!code) throw new Error(`no code for ${recipient} in the outbox`);
  return code;
}

/** Runs a test's steps; when one fails, keeps a full-page screenshot under test-results/ for the person reading the CI log. */
export async function withScreenshotOnFailure(name: string, page: Page, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: `test-results/${name}-failure.png`, fullPage: true });
    throw error;
  }
}

/** How far the page reaches past the screen's width: above 0, the phone scrolls sideways. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
