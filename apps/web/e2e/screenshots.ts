// Regenerates the screenshots of the getting-started guide (docs/panduan/)
// from the real app: a fresh server with the demo cooperative, Chromium at a
// phone's size. Run with `npm run docs:screenshots`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, startServer } from "./support";

const OUT = fileURLToPath(new URL("../../../docs/panduan/img/", import.meta.url));

const server = await startServer();
const browser = await launchBrowser({ width: 390, height: 844 });
try {
  const logins = readFileSync(join(server.dataDir, "demo-logins.txt"), "utf8");
  const [, email, password] = logins.match(/Admin\s+(\S+)\s+(\S+)/) ?? [];
  if (!email || !password) throw new Error("no demo admin login");
  const page = await browser.context.newPage();
  const shot = async (name: string) => {
    await page.waitForLoadState("networkidle");
    // Queries settle after the first paint: wait until nothing says it is loading.
    await page.waitForFunction(() => !document.body.innerText.includes("Memuat") && !document.querySelector(".mantine-Loader-root"));
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`docs/panduan/img/${name}.png`);
  };

  await page.goto(server.url);
  await shot("01-beranda");
  await page.goto(`${server.url}/daftar`);
  await shot("02-daftar");
  await page.goto(`${server.url}/k/sejahtera-bersama`);
  await page.getByText("Koperasi Simpan Pinjam Sejahtera Bersama").first().waitFor();
  await shot("03-halaman-masuk-koperasi");
  await page.getByLabel(/^Email/).first().fill(email);
  await page.getByLabel(/^Kata sandi/).first().fill(password);
  await page.getByRole("button", { name: "Masuk" }).last().click();
  await page.getByText(/Selamat datang/).waitFor();
  await page.getByText("anggota terdaftar").waitFor();
  await shot("04-beranda-admin");
  for (const [path, name] of [
    ["/app/pengaturan/profil", "05-profil-koperasi"],
    ["/app/pengaturan/modul", "06-modul"],
    ["/app/anggota", "07-anggota"],
    ["/app/pengguna", "08-pengguna-undangan"],
    ["/app/keamanan", "09-keamanan"],
    ["/app/audit", "10-log-audit"],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await shot(name);
  }
} finally {
  await browser.close();
  await server.stop();
}
