import { expect, it } from "vitest";
import { demoApp, WAIT } from "./demo-app";
import { DEMO_SLUG } from "./ledger-support";
import { sidewaysOverflow } from "./support";

// A member's privacy in Chromium on a 360 px phone, against the real server
// and the demo cooperative: she reads the notice and agrees to news, asks for
// a copy of her data; the admin finds the request in the queue with its
// deadline and answers it, acknowledges the operator's breach-notice drill
// and opens the record of processing; she reads the answer.

const demo = demoApp();
const DETAILS = "Mohon kirimkan salinan seluruh data pribadi saya.";
const ANSWER = "Salinan data Anda dapat diunduh di Profil saya → Unduh data pribadi (PDF atau JSON).";

it("the member records her choice and asks about her data; the admin answers within the deadline; she reads the answer", async () => {
  const page = await demo.browser.context.newPage();
  const open = (path: string) => page.goto(`${demo.server.url}/k/${DEMO_SLUG}/app/${path}`);
  try {
    await demo.signIn(page, demo.logins.anggota);
    await open("privasi");
    await page.getByText(/pengendali data/).waitFor(WAIT);
    const news = page.getByRole("checkbox", { name: /berita dan penawaran/ });
    expect(await news.isChecked()).toBe(false);
    // Controlled by what the server recorded: ticked once the choice is stored.
    await news.click();
    await expect.poll(() => news.isChecked(), WAIT).toBe(true);
    // Kept: still ticked after a reload.
    await page.reload();
    await expect.poll(() => page.getByRole("checkbox", { name: /berita dan penawaran/ }).isChecked(), WAIT).toBe(true);

    await page.getByLabel("Jelaskan permintaan Anda").fill(DETAILS);
    await page.getByTestId("privacy-submit").click();
    const mine = page.getByTestId("privacy-request").first();
    await expect.poll(() => mine.innerText(), WAIT).toContain(DETAILS);
    expect(await mine.innerText()).toContain("Diterima");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await demo.signIn(page, demo.logins.admin);
    await open("permintaan-data");
    const queued = page.getByTestId("privacy-queue-item").filter({ hasText: DETAILS });
    await queued.waitFor(WAIT);
    expect(await queued.innerText()).toMatch(/batas jawaban/);
    await queued.getByLabel("Jawaban untuk anggota").fill(ANSWER);
    await queued.getByRole("button", { name: "Selesai" }).click();
    await expect.poll(() => page.getByTestId("privacy-queue-item").filter({ hasText: DETAILS }).count(), WAIT).toBe(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // The operator sends a practice breach notice; the admin finds it beside the requests and marks it received.
    const operatorCookie = await demo.api.login(demo.logins.operator);
    await demo.api.post(operatorCookie, `/platform/koperasi/${await demo.api.koperasiId()}/breach-drills`, {});
    await page.reload();
    const drill = page.getByTestId("breach-drill").first();
    await drill.waitFor(WAIT);
    expect(await drill.innerText()).toContain("LATIHAN");
    await drill.getByRole("button", { name: "Tandai diterima" }).click();
    await expect.poll(() => drill.innerText(), WAIT).toMatch(/Diterima .* jam setelah dikirim/);

    // The record of processing, made from what the cooperative has switched on.
    await open("catatan-pemrosesan");
    await expect.poll(() => page.getByTestId("processing-activity").count(), WAIT).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId("processing-activity").first().innerText()).toMatch(/Pasal 20/);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await demo.signIn(page, demo.logins.anggota);
    await open("privasi");
    const answered = page.getByTestId("privacy-request").filter({ hasText: DETAILS });
    await expect.poll(() => answered.innerText(), WAIT).toContain(ANSWER);
    expect(await answered.innerText()).toMatch(/selesai/i);
  } finally {
    await page.close();
  }
});
