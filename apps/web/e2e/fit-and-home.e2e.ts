import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG, type DemoRole } from "./ledger-support";
import { withScreenshotOnFailure } from "./support";

// Every page of every role on a 360 × 740 phone, against the real server and
// its demo cooperative, in one browser: nothing reaches past the screen or
// spills out of its own box, and no badge is cut short. A wide statement may
// scroll, but only inside a container of its own with a name (role="region"
// and a label). Then the member's home: her total and her accounts on the
// first screen, without scrolling.

const PHONE = { width: 360, height: 740 };
const demo = demoApp(PHONE);

interface Misfit {
  what: string;
  element: string;
  text: string;
}

/** Measures each visible element: past the viewport, overflowing its own box, a badge cut short, a scroller without a name. */
function misfits(page: Page): Promise<Misfit[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const out: { what: string; element: string; text: string }[] = [];
    const describe = (el: Element) => {
      const id = el.getAttribute("data-testid");
      const cls = typeof el.className === "string" ? el.className.split(" ").find((c) => c.startsWith("mantine-")) : undefined;
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${cls ? `.${cls}` : ""}`;
    };
    const insideNamedScroller = (el: Element) => {
      for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        if ((overflowX === "auto" || overflowX === "scroll") && parent.closest("[role=region][aria-label], [role=region][aria-labelledby]")) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const box = el.getBoundingClientRect();
      // Off-canvas (the closed menu) or empty: nothing a person sees.
      if (box.width === 0 || box.height === 0 || box.right <= 0) continue;
      if (insideNamedScroller(el)) continue;
      // Screen-reader text is clipped to a pixel on purpose.
      if (el.closest(".mantine-VisuallyHidden-root")) continue;
      const text = (el.textContent ?? "").trim().slice(0, 60);
      if (box.right > viewport + 1) out.push({ what: "past the screen", element: describe(el), text });
      const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        const named = el.closest("[role=region][aria-label], [role=region][aria-labelledby]");
        // A textarea or input scrolls its own text; Mantine's ScrollArea scrolls the menu.
        const field = ["input", "textarea", "select"].includes(el.tagName.toLowerCase());
        // Without text (a switch's track and thumb), nothing can be cut from reading.
        if (!field && text !== "" && !(scrolls && named) && !el.closest(".mantine-ScrollArea-root")) out.push({ what: scrolls ? "scrolls without a name" : "spills out of its box", element: describe(el), text });
      }
    }
    for (const label of Array.from(document.querySelectorAll(".mantine-Badge-label"))) {
      if (label.scrollWidth > label.clientWidth + 1) out.push({ what: "badge cut short", element: "badge", text: (label.textContent ?? "").trim() });
    }
    return out;
  });
}

/** Counts the app's requests in flight, so a page is measured once its data is in (quicker than waiting for network idle). */
function countRequests(): void {
  const w = window as unknown as { __inflight: number };
  w.__inflight = 0;
  const original = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    w.__inflight += 1;
    try {
      return await original(...args);
    } finally {
      w.__inflight -= 1;
    }
  };
}

/** Opens a path inside the running app (its router follows the history), without reloading it. */
async function open(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
  await settle(page);
}

async function settle(page: Page): Promise<void> {
  // No request in flight and no loader (a lazy page, a query) for two frames in a row.
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const quiet = () => (window as unknown as { __inflight: number }).__inflight === 0 && !document.querySelector(".mantine-Loader-root");
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(quiet() && (window as unknown as { __inflight: number }).__inflight === 0)));
      }),
    undefined,
    { timeout: 15_000, polling: 50 },
  );
}

/** The app's links the signed-in person can open (the menu's and each list's first item), from her home. */
async function appLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href]"))
      .map((a) => new URL(a.href).pathname)
      .filter((path) => path.includes("/app")),
  );
}

const FOLLOW_FIRST = [/\/anggota\/[0-9a-f-]{36}$/, /\/rekening\/[0-9a-f-]{36}$/, /\/rekening\/[0-9a-f-]{36}\/transaksi\/[0-9a-f-]{36}$/, /\/buku-besar\/akun\/[0-9a-f-]{36}$/, /\/buku-besar\/jurnal\/[0-9a-f-]{36}$/];

/** Visits each page the role reaches from its menu, and one detail page of each kind it lists; returns what does not fit. */
async function visitAll(page: Page, start: string): Promise<{ found: Record<string, Misfit[]>; visited: string[] }> {
  const seen = new Set<string>();
  const queue = [start];
  const found: Record<string, Misfit[]> = {};
  const detailKinds = new Set<RegExp>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    await open(page, path);
    const problems = await misfits(page);
    if (problems.length > 0) found[path] = problems;
    for (const link of await appLinks(page)) {
      if (seen.has(link) || queue.includes(link)) continue;
      const kind = FOLLOW_FIRST.find((pattern) => pattern.test(link));
      if (kind) {
        if (detailKinds.has(kind)) continue;
        detailKinds.add(kind);
        queue.push(link);
      } else if (!/[0-9a-f-]{36}/.test(link) && !link.endsWith("/keluar")) queue.push(link);
    }
  }
  return { found, visited: [...seen] };
}

it("every page of every role fits a 360 px phone: nothing past the screen or out of its box, no badge cut short", async () => {
  const page = await demo.browser.context.newPage();
  await page.addInitScript(countRequests);
  const all: Record<string, Record<string, Misfit[]>> = {};
  const visits: Partial<Record<DemoRole, number>> = {};
  try {
    for (const role of ["admin", "bendahara", "pengawas", "kasir", "anggota"] as DemoRole[]) {
      await demo.signIn(page, demo.logins[role]);
      const { found, visited } = await visitAll(page, `/k/${DEMO_SLUG}/app`);
      visits[role] = visited.length;
      if (Object.keys(found).length > 0) all[role] = found;
    }
    // The operator signs in on the platform's page and works in the console.
    await demo.browser.context.clearCookies();
    await page.goto(`${demo.server.url}/masuk`);
    await page.getByLabel(/^Email/).first().fill(demo.logins.operator.email);
    await page.getByLabel(/^Kata sandi/).first().fill(demo.logins.operator.password);
    await page.getByRole("button", { name: "Masuk" }).last().click();
    await page.waitForURL(/\/(operator|app)/, WAIT);
    for (const path of ["/operator", "/operator/penyaringan"]) {
      await page.goto(`${demo.server.url}${path}`);
      await settle(page);
      const problems = await misfits(page);
      if (problems.length > 0) all.operator = { ...all.operator, [path]: problems };
    }
  } finally {
    await page.close();
  }
  expect(all).toEqual({});
  // Each role's menu and a detail page of each kind it lists: the admin (also ketua) reaches the most.
  expect(visits.admin).toBeGreaterThanOrEqual(18);
  expect(visits.bendahara).toBeGreaterThanOrEqual(15);
  expect(visits.pengawas).toBeGreaterThanOrEqual(12);
  expect(visits.kasir).toBeGreaterThanOrEqual(8);
  expect(visits.anggota).toBeGreaterThanOrEqual(7);
}, 600_000);

it("the member's first screen shows her total savings and each account's balance", async () => {
  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("member-home", page, async () => {
    await demo.signIn(page, demo.logins.anggota);
    const total = page.getByTestId("home-total-savings");
    await total.waitFor(WAIT);
    expect(await total.innerText()).toMatch(/^Rp[\d.]+$/);
    const accounts = page.getByTestId("home-my-accounts").getByTestId("member-account");
    await expect.poll(() => accounts.count(), WAIT).toBe(3);
    // All of it above the fold of a 740 px screen, with nothing scrolled.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const box of [await total.boundingBox(), await accounts.last().boundingBox()]) {
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    }
    // The total is the sum of the accounts she sees.
    const amounts = await accounts.allInnerTexts();
    const rupiah = (text: string) => Number((/Rp([\d.]+)/.exec(text)?.[1] ?? "").replaceAll(".", ""));
    expect(amounts.map(rupiah).reduce((a, b) => a + b, 0)).toBe(rupiah(await total.innerText()));
    // Her record is one tap away.
    await page.getByTestId("home-profile-link").click();
    await page.getByTestId("home-my-membership").getByTestId("member-fields").waitFor(WAIT);
  });
}, 120_000);

it("the bendahara's home shows the cash, savings and loans, what waits, and twelve months as a chart with its figures one tap away", async () => {
  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("bendahara-home", page, async () => {
    await demo.signIn(page, demo.logins.bendahara);
    const books = page.getByTestId("home-books");
    await books.getByTestId("home-months-chart").locator("svg").first().waitFor(WAIT);
    expect(await books.getByTestId("home-books-savings").innerText()).toMatch(/^Rp[\d.]+$/);
    expect(await books.getByTestId("home-books-loans").innerText()).toBe("Rp0");
    // The demo's journal waiting for the ketua.
    expect(await page.getByTestId("home-waiting-journals").innerText()).toMatch(/^1 jurnal/);
    await books.getByTestId("home-months-toggle").click();
    await expect.poll(() => books.getByTestId("home-month-figures").getByRole("listitem").count(), WAIT).toBe(12);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
}, 120_000);
