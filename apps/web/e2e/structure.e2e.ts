import { expect, it } from "vitest";
import { demoApp, openFromMenu, WAIT } from "./demo-app";
import { sidewaysOverflow, withScreenshotOnFailure } from "./support";

// The organisation chart in Chromium on a 360 px phone, against the real
// server with the demo cooperative: the admin appoints the demo anggota as
// wakil ketua (the demo's pengurus in office leave that seat free); a
// pengurus term is money authority, so it waits until a second person
// approves (the pengawas, the demo having one admin) on the Pengguna page;
// then the chart shows her under the ketua, and her own login gains the
// pengurus' menu (the books) without anyone touching roles.

const demo = demoApp();

it("admin appoints a member as wakil ketua; the chart shows her and her login gains the pengurus' menu", async () => {
  // The demo anggota's own member record (she has a login).
  const memberCookie = await demo.api.login(demo.logins.anggota);
  const session = (await (await fetch(`${demo.server.url}/api/v1/auth/session`, { headers: { cookie: memberCookie } })).json()) as {
    user: { name: string };
  };
  const herName = session.user.name;
  const endOn = `${new Date().getFullYear() + 5}-12-31`;

  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("structure", page, async () => {
    await demo.signIn(page, demo.logins.admin);
    await openFromMenu(page, "nav-structure");
    await page.getByRole("heading", { level: 1, name: "Struktur organisasi" }).waitFor();

    const form = page.getByTestId("appoint-form");
    const memberBox = form.getByLabel(/^Anggota/);
    await memberBox.click();
    await memberBox.fill(herName.split(" ")[0] ?? herName);
    await page.getByRole("option", { name: new RegExp(herName) }).first().click();
    await form.getByLabel(/^Jabatan/).click();
    await page.getByRole("option", { name: "Wakil Ketua", exact: true }).click();
    await form.getByLabel(/^Berakhir/).fill(endOn);
    await form.getByLabel(/^Berakhir/).press("Escape");
    await form.getByRole("button", { name: "Angkat" }).click();
    await expect.poll(() => form.getByTestId("appointment-awaiting").innerText(), WAIT).toContain(`${herName} memberi wewenang keuangan`);

    // The second person: the pengawas approves it on the Pengguna page.
    await demo.signIn(page, demo.logins.pengawas);
    await openFromMenu(page, "nav-users");
    await page.getByRole("button", { name: `Setujui untuk ${herName}` }).click();
    await expect.poll(() => page.getByTestId("role-grant").first().getAttribute("data-status"), WAIT).toBe("approved");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await demo.signIn(page, demo.logins.admin);
    await openFromMenu(page, "nav-structure");

    // The chart: her card, under "Wakil Ketua".
    const herCard = page.getByTestId("chart-pengurus").getByTestId("org-card").filter({ hasText: herName });
    await expect.poll(() => herCard.innerText(), WAIT).toMatch(new RegExp(`Wakil Ketua[\\s\\S]*${herName}`, "i"));
    // Nothing overflows a 360 px screen.
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // The history keeps the term.
    await expect.poll(() => page.getByTestId("term-history").innerText(), WAIT).toContain(herName);

    // The Pengguna page marks what the term gives her apart from her stored roles, and says so in the role editor.
    await openFromMenu(page, "nav-users");
    const herRow = page.getByTestId("users-table").getByRole("row").filter({ hasText: herName });
    await expect.poll(() => herRow.getByTestId("term-grant-badge").allTextContents(), WAIT).toEqual(
      expect.arrayContaining([expect.stringContaining("Pengurus"), expect.stringContaining("Wakil Ketua")]),
    );
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // Her status reads whole: the narrow column does not cut its badge to "AK…".
    expect(await herRow.getByTestId("user-status").locator(".mantine-Badge-label").evaluate((label) => label.scrollWidth - label.clientWidth)).toBeLessThanOrEqual(0);
    await herRow.getByRole("button", { name: /Ubah/ }).click();
    await expect.poll(() => page.getByTestId("term-grants-note").innerText(), WAIT).toMatch(/Wakil Ketua/);
    await page.keyboard.press("Escape");

    // Her own login now carries the pengurus role: the books appear in her menu.
    await demo.signIn(page, demo.logins.anggota);
    await page.getByRole("button", { name: "Buka menu" }).click();
    await page.getByTestId("nav-journals").waitFor(WAIT);
    await page.getByTestId("nav-structure").click();
    await expect.poll(() => page.getByTestId("chart-pengurus").innerText(), WAIT).toContain(herName);
  });
}, 180_000);
