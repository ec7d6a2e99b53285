import { expect, it } from "vitest";
import { demoApp, WAIT } from "./demo-app";
import { latestCode, sidewaysOverflow } from "./support";

// A member changes her own phone number in Chromium on a 360 px phone,
// against the real server and the demo cooperative: she asks for a code to
// the new number, her old number stays until she enters it, a wrong code is
// refused on the code field, and the right one puts the new number on her
// home card.

const demo = demoApp();

const NEW_PHONE = "0813-2468-1357";
const NEW_PHONE_E164 = "+6281324681357";

it("the member changes her phone with a code sent to the new number and sees it on her card", async () => {
  // The embedded default keeps outgoing messages in the outbox, which the platform operator reads.
  const operatorCookie = await demo.api.login(demo.logins.operator);
  const page = await demo.browser.context.newPage();
  try {
    await demo.signIn(page, demo.logins.anggota);
    // Her record is one tap from her home, below her savings.
    await page.getByTestId("home-profile-link").click();
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

    await expect.poll(() => latestCode(demo.server, operatorCookie, NEW_PHONE_E164).catch(() => ""), WAIT).toMatch(/^\d{6}$/);
    const code = await latestCode(demo.server, operatorCookie, NEW_PHONE_E164);

    const codeField = form.getByTestId("contact-change-code");
    await codeField.fill(code === "000000" ? "111111" : "000000");
    await form.getByTestId("contact-change-confirm").click();
    await expect.poll(() => codeField.getAttribute("aria-invalid"), WAIT).toBe("true");

    await codeField.fill(code);
    await form.getByTestId("contact-change-confirm").click();
    await card.getByTestId("contact-change-done").waitFor(WAIT);
    await expect.poll(() => card.getByTestId("member-fields").innerText(), WAIT).toContain(NEW_PHONE_E164);

    // Fits the phone's width: nothing scrolls sideways.
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  } finally {
    await page.close();
  }
});
