import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { latestCode, launchBrowser, startServer, withScreenshotOnFailure, type RunningServer } from "./support";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let operatorCookie: string;

beforeAll(async () => {
  server = await startServer();
  // The embedded default prints its logins and keeps them in DATA_DIR; the operator reads codes from the outbox.
  const logins = readFileSync(join(server.dataDir, "demo-logins.txt"), "utf8");
  const [, email, password] = logins.match(/Operator platform\s+(\S+)\s+(\S+)/) ?? [];
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  operatorCookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A small valid PNG (solid colour), made here so the test needs no fixture file. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

async function typeCode(page: Page, label: string, code: string) {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.keyboard.type(code);
}

it("registers a cooperative, verifies it from the outbox, logs in, uploads a logo and switches a module off", async () => {
  const page = await browser.context.newPage();
  await withScreenshotOnFailure("registration", page, async () => {
    await registerAndCustomise(page);
  });
});

async function registerAndCustomise(page: Page) {
  const suffix = Date.now().toString().slice(-6);
  const email = `ketua${suffix}@contoh.id`;
  const phoneLocal = `08123${suffix}`;
  const password = "sawah hijau di lereng arjuno";

  await page.goto(server.url);
  await page.getByRole("link", { name: "Daftar Sekarang" }).first().click();

  // Step 1: the cooperative.
  await page.getByLabel("Nama koperasi").fill(`Koperasi Tani Makmur ${suffix}`);
  await page.getByLabel("Jenis koperasi").selectOption("ksp");
  await page.getByLabel("Nomor Induk Koperasi", { exact: true }).fill(`3507${suffix}01`);
  await page.getByLabel("Alamat").fill("Jl. Raya Lawang No. 5");
  await page.getByLabel("Kota/kabupaten").fill("Kabupaten Malang");
  await page.getByLabel("Provinsi").fill("Jawa Timur");
  await page.getByLabel("Kode pos").fill("65211");
  await page.getByRole("button", { name: "Lanjut" }).click();

  // Step 2: the first admin.
  await page.getByLabel("Nama lengkap").fill("Ibu Ketua Makmur");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Nomor HP").fill(phoneLocal);
  await page.getByLabel(/^Kata sandi/).first().fill(password);
  await page.getByRole("button", { name: "Daftar dan kirim kode" }).click();

  // Step 3: both codes, read from the outbox as the operator would.
  await expect.poll(() => latestCode(server, operatorCookie, email).catch(() => ""), { timeout: 15_000 }).toMatch(/^\d{6}$/);
  // A complete code submits itself.
  await typeCode(page, "Kode dari email", await latestCode(server, operatorCookie, email));
  await page.getByText("Terverifikasi").first().waitFor();
  await typeCode(page, "Kode dari SMS", await latestCode(server, operatorCookie, `+62${phoneLocal.slice(1)}`));
  await page.getByText("Terverifikasi").nth(1).waitFor();
  await page.getByRole("button", { name: "Lanjut" }).click();

  // Step 4: documents are optional. Step 5: submit.
  await page.getByRole("button", { name: "Lewati" }).click();
  await page.getByRole("button", { name: "Kirim pendaftaran" }).click();
  await page.getByText("Koperasi sudah aktif").waitFor();

  // Sign out and sign in again through the login page.
  await page.goto(`${server.url}/masuk`);
  const session = await page.evaluate(() => fetch("/api/v1/auth/session").then((r) => r.status));
  if (session === 200) await page.evaluate(() => fetch("/api/v1/auth/logout", { method: "POST" }));
  await page.goto(`${server.url}/masuk`);
  await page.getByLabel("Email atau nomor HP").fill(email);
  await page.getByLabel(/^Kata sandi/).first().fill(password);
  await page.getByRole("button", { name: "Masuk" }).last().click();
  await page.getByText("Selamat datang, Ibu Ketua Makmur").waitFor();

  // Whitelabel: upload a logo and see it in the shell.
  await page.goto(`${server.url}/app/pengaturan/profil`);
  // Mantine's FileInput is a button that opens the system file chooser.
  const chooser = page.waitForEvent("filechooser");
  await page.getByLabel("Berkas logo").click();
  await (await chooser).setFiles({ name: "logo.png", mimeType: "image/png", buffer: png(64, 64, [11, 122, 83]) });
  await page.getByRole("button", { name: "Unggah logo" }).click();
  await page.getByText("Logo baru tersimpan.").waitFor();
  await expect.poll(() => page.locator("header img").count()).toBeGreaterThan(0);

  // Modules: switch Berita on, see it in the menu, switch it off, see it gone.
  await page.goto(`${server.url}/app/pengaturan/modul`);
  const berita = page.getByLabel("Modul Berita");
  await berita.check({ force: true });
  await expect.poll(() => page.getByRole("navigation").getByText("Berita").count()).toBeGreaterThan(0);
  await berita.uncheck({ force: true });
  await expect.poll(() => page.getByRole("navigation").getByText("Berita").count()).toBe(0);
  const status = await page.evaluate(async () => {
    const s = (await (await fetch("/api/v1/auth/session")).json()) as { activeKoperasiId: string };
    return (await fetch(`/api/v1/koperasi/${s.activeKoperasiId}/modules/berita/status`)).status;
  });
  expect(status).toBe(403);
}

it("keeps the first step's answers when the browser closes, says when a new code may be asked for, and resumes where she left off", async () => {
  await browser.context.clearCookies();
  const suffix = (Date.now() + 7).toString().slice(-6);
  const email = `bendahara${suffix}@contoh.id`;
  const phoneLocal = `08124${suffix}`;
  let page = await browser.context.newPage();
  await withScreenshotOnFailure("registration-resume", page, async () => {
    await page.goto(`${server.url}/daftar`);
    await page.getByLabel("Nama koperasi").fill(`Koperasi Nelayan Bahari ${suffix}`);
    await page.getByLabel("Nomor Induk Koperasi", { exact: true }).fill(`3508${suffix}02`);
    await page.getByLabel("Alamat").fill("Jl. Pantai Sendang Biru No. 2");
    // The tab is closed before the second step: the answers are still there when she comes back.
    await page.close();
    page = await browser.context.newPage();
    await page.goto(`${server.url}/daftar`);
    await expect.poll(() => page.getByLabel("Nama koperasi").inputValue()).toBe(`Koperasi Nelayan Bahari ${suffix}`);
    expect(await page.getByLabel("Nomor Induk Koperasi", { exact: true }).inputValue()).toBe(`3508${suffix}02`);
    expect(await page.getByLabel("Alamat").inputValue()).toBe("Jl. Pantai Sendang Biru No. 2");
    await page.getByLabel("Jenis koperasi").selectOption("ksp");
    await page.getByLabel("Kota/kabupaten").fill("Kabupaten Malang");
    await page.getByLabel("Provinsi").fill("Jawa Timur");
    await page.getByRole("button", { name: "Lanjut" }).click();
    await page.getByLabel("Nama lengkap").fill("Bapak Bendahara Bahari");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Nomor HP").fill(phoneLocal);
    await page.getByLabel(/^Kata sandi/).first().fill("ombak biru di teluk sendang");
    await page.getByRole("button", { name: "Daftar dan kirim kode" }).click();

    // A new code right after the first: refused, and told when she may ask again.
    await page.getByTestId("verify-email").getByRole("button", { name: "Kirim ulang" }).click();
    const tooSoon = page.getByTestId("verify-email").getByRole("alert");
    await tooSoon.waitFor();
    expect(await tooSoon.innerText()).toContain("Kode baru belum dapat diminta");
    expect(await tooSoon.innerText()).toMatch(/Anda dapat meminta kode lagi dalam \d+ (detik|menit)/);
    expect(await tooSoon.innerText()).not.toContain("Terjadi kesalahan");

    await expect.poll(() => latestCode(server, operatorCookie, email).catch(() => ""), { timeout: 15_000 }).toMatch(/^\d{6}$/);
    await typeCode(page, "Kode dari email", await latestCode(server, operatorCookie, email));
    await page.getByText("Terverifikasi").first().waitFor();
    await typeCode(page, "Kode dari SMS", await latestCode(server, operatorCookie, `+62${phoneLocal.slice(1)}`));
    await page.getByText("Terverifikasi").nth(1).waitFor();
    await page.getByRole("button", { name: "Lanjut" }).click();
    await page.getByRole("button", { name: "Lewati" }).click();
    await page.getByRole("button", { name: "Kirim pendaftaran" }).waitFor();

    // Closed on the last step, reopened on the last step.
    await page.close();
    page = await browser.context.newPage();
    await page.goto(`${server.url}/daftar`);
    await page.getByRole("button", { name: "Kirim pendaftaran" }).waitFor();
  });
  await page.close();
});
