import { expect, it } from "vitest";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";

// The member book in Chromium on a 360 px phone, against the real server and
// the demo cooperative: the admin adds a member whose birth date contradicts
// her NIK, sees the refusal on the birth date field, fixes it, and finds her
// by the start of her name and, exactly, by her NIK; the demo member opens
// her home and sees her own record.

const demo = demoApp();

// Sidoarjo (35.15.02), a woman (day + 40) born 5 July 1990, sequence 0001.
const NIK = "3515024507900001";
const NAME = "Wulandari Prameswari";

it("staff add a member, see the NIK/birth-date contradiction on the field, fix it, and find her by name and by NIK", async () => {
  const page = await demo.browser.context.newPage();
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  try {
    await demo.signIn(page, demo.logins.admin);
    await page.goto(`${demo.server.url}/k/${DEMO_SLUG}/app/anggota`);
    await page.getByTestId("add-member-open").click();
    const form = page.getByTestId("add-member-form");
    await form.locator('input[name="fullName"]').fill(NAME);
    await form.locator('input[name="nik"]').fill(NIK);
    // The date picker's own text box (typed as DD/MM/YYYY; ISO is read too).
    const birthDate = form.getByRole("textbox", { name: /^Tanggal lahir/ });
    await birthDate.fill("06/07/1990");
    await form.locator('textarea[name="address"]').fill("Jl. Melati 3, Sidoarjo");
    await form.getByRole("button", { name: "Tambah anggota" }).click();

    await expect.poll(() => birthDate.getAttribute("aria-invalid"), WAIT).toBe("true");
    const describedBy = (await birthDate.getAttribute("aria-describedby")) ?? "";
    const fieldError = page.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("error")) ?? describedBy}"]`);
    expect(await fieldError.innerText()).toContain("Tanggal lahir tidak sesuai dengan NIK");
    expect(await form.locator('input[name="nik"]').getAttribute("aria-invalid")).toBe("true");

    await birthDate.fill("05/07/1990");
    // Typing opens the calendar; Escape closes it, as on a phone's keyboard.
    await birthDate.press("Escape");
    expect(await birthDate.getAttribute("aria-invalid")).not.toBe("true");
    await form.getByRole("button", { name: "Tambah anggota" }).click();
    await expect.poll(() => form.getByRole("status").innerText(), WAIT).toContain(`${NAME} ditambahkan`);

    // By the start of a word of her name, as one types.
    await page.locator('input[name="q"]').fill("Pramesw");
    const table = page.getByTestId("members-table");
    await expect.poll(() => table.innerText(), WAIT).toContain(NAME);
    await expect.poll(() => table.locator("tbody tr").count(), WAIT).toBe(1);

    // Exactly by NIK: another name in the box would not match, so clear it first.
    await page.locator('input[name="q"]').fill("");
    await page.getByTestId("exact-lookup").fill(NIK);
    await page.getByTestId("exact-lookup-submit").click();
    await page.getByText("Menampilkan hasil pencarian tepat.").waitFor();
    await expect.poll(() => table.locator("tbody tr").count(), WAIT).toBe(1);
    expect(await table.innerText()).toContain(NAME);
    // The NIK never went into a URL.
    expect(urls.filter((url) => url.includes(NIK))).toEqual([]);

    // Her record: the NIK in the clear for the register's keeper, and the birth date as fixed.
    await table.getByRole("link", { name: NAME }).click();
    await expect.poll(() => page.getByTestId("member-name").innerText(), WAIT).toBe(NAME);
    const fields = await page.getByTestId("member-fields").innerText();
    expect(fields).toContain(NIK);
    expect(fields).toMatch(/5 Jul(i)? 1990/);
  } finally {
    await page.close();
  }
});

it("the member opens her home and sees her own record", async () => {
  const page = await demo.browser.context.newPage();
  try {
    await demo.signIn(page, demo.logins.anggota);
    // Her record is one tap from her home, below her savings.
    await page.getByTestId("home-profile-link").click();
    const card = page.getByTestId("home-my-membership");
    await card.getByTestId("member-fields").waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/Nomor anggota/);
    expect(text).toMatch(/aktif/i);
    expect(await card.getByTestId("home-export-pdf").getAttribute("href")).toMatch(/\/members\/me\/export\?format=pdf$/);
    await card.getByTestId("home-card-link").waitFor();
  } finally {
    await page.close();
  }
});
