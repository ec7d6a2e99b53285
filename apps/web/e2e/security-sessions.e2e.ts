import { expect, it } from "vitest";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";
import { sidewaysOverflow, withScreenshotOnFailure } from "./support";

// A person's signed-in devices on the security page, on a 360 px phone:
// she sees this browser and another device, ends the other one, and that
// device is signed out at once.

const demo = demoApp();

it("lists her sessions and ends another device's", async () => {
  const page = await demo.browser.context.newPage();
  await withScreenshotOnFailure("security-sessions", page, async () => {
    await demo.signIn(page, demo.logins.kasir);
    // Another device: a sign-in over the API (its user agent is Node's).
    const otherDevice = await demo.api.login(demo.logins.kasir);
    const sessionOf = (cookie: string) => fetch(`${demo.server.url}/api/v1/auth/session`, { headers: { cookie } }).then((r) => r.status);
    expect(await sessionOf(otherDevice)).toBe(200);

    await page.goto(`${demo.server.url}/k/${DEMO_SLUG}/app/keamanan`);
    const rows = page.getByTestId("session-row");
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(2);
    const thisDevice = rows.filter({ hasText: "Perangkat ini" });
    await expect.poll(() => thisDevice.count(), WAIT).toBe(1);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    const before = await rows.count();
    await rows.filter({ hasNotText: "Perangkat ini" }).first().getByRole("button", { name: /^Akhiri sesi/ }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(before - 1);
    await expect.poll(() => thisDevice.count(), WAIT).toBe(1);
    // Ended elsewhere means signed out there (the newest other session was the API's: sessions are listed by last use).
    await expect.poll(() => sessionOf(otherDevice), WAIT).toBe(401);
  });
}, 180_000);
