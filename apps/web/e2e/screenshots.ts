// Regenerates the screenshots of the guides (docs/panduan/) from the real
// app: a fresh server with the demo cooperative, Chromium at a phone's size.
// Run with `npm run docs:screenshots` (every guide), or name guides:
// `npm run docs:screenshots -- buku-besar`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { DEMO_SLUG, DemoApi, demoLogins, manualJournal, memberAccountWithMovement, type Login } from "./ledger-support";
import { launchBrowser, startServer, type RunningServer } from "./support";

const OUT = fileURLToPath(new URL("../../../docs/panduan/img/", import.meta.url));

interface Guide {
  name: string;
  shoot: (page: Page, server: RunningServer, shot: (name: string) => Promise<void>) => Promise<void>;
}

async function signIn(page: Page, server: RunningServer, who: Login) {
  await page.context().clearCookies();
  await page.goto(`${server.url}/k/${DEMO_SLUG}`);
  await page.getByText("Koperasi Simpan Pinjam Sejahtera Bersama").first().waitFor();
  await page.getByLabel(/^Email/).first().fill(who.email);
  await page.getByLabel(/^Kata sandi/).first().fill(who.password);
  await page.getByRole("button", { name: "Masuk" }).last().click();
  await page.getByText(/Selamat datang/).waitFor();
}

/** memulai.md: registration, the front door, the admin's settings. */
const gettingStarted: Guide = {
  name: "memulai",
  async shoot(page, server, shot) {
    const logins = demoLogins(server.dataDir);
    await page.goto(server.url);
    await shot("01-beranda");
    await page.goto(`${server.url}/daftar`);
    await shot("02-daftar");
    await page.goto(`${server.url}/k/${DEMO_SLUG}`);
    await page.getByText("Koperasi Simpan Pinjam Sejahtera Bersama").first().waitFor();
    await shot("03-halaman-masuk-koperasi");
    await signIn(page, server, logins.admin);
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
  },
};

/** buku-besar.md: the books for staff, a member's accounts and Verifikasi. */
const ledger: Guide = {
  name: "buku-besar",
  async shoot(page, server, shot) {
    const api = new DemoApi(server);
    const logins = demoLogins(server.dataDir);
    const koperasiId = await api.koperasiId();
    const today = new Date().toISOString().slice(0, 10);
    await manualJournal(api, logins, { description: "Penerimaan hibah pemerintah desa", debit: "1-1100", credit: "3-3100", amount: 5_000_000, businessDate: today });
    await manualJournal(api, logins, { description: "Bayar listrik dan air kantor", debit: "5-2200", credit: "1-1100", amount: 350_000, businessDate: today });
    const pending = await manualJournal(
      api,
      logins,
      { description: "Pembelian alat tulis kantor", debit: "5-2200", credit: "1-1100", amount: 125_000, businessDate: today },
      { pending: true },
    );
    const app = `${server.url}/k/${DEMO_SLUG}/app`;

    await signIn(page, server, logins.admin);
    await page.goto(`${app}/buku-besar/neraca-saldo`);
    await page.getByTestId("trial-balance").getByText("Kas", { exact: true }).waitFor();
    await shot("11-neraca-saldo");
    const staff = await api.login(logins.admin);
    const accounts = await api.get<{ id: string; code: string }[]>(staff, `/koperasi/${koperasiId}/accounts`);
    await page.goto(`${app}/buku-besar/akun/${accounts.find((a) => a.code === "1-1100")?.id}`);
    await page.getByTestId("general-ledger").waitFor();
    await shot("12-buku-besar");
    await page.goto(`${app}/buku-besar/jurnal/${pending}`);
    await page.getByTestId("journal-decision").waitFor();
    await shot("14-persetujuan-jurnal");

    await signIn(page, server, logins.bendahara);
    await page.goto(`${app}/buku-besar/jurnal/baru`);
    await page.getByLabel(/^Keterangan/).fill("Bayar honor pengelola bulan ini");
    await page.getByLabel("Akun baris 1").selectOption({ label: "5-2100 Beban Personalia" });
    await page.getByLabel("Debit baris 1").fill("2500000");
    await page.getByLabel("Akun baris 2").selectOption({ label: "1-1100 Kas" });
    await page.getByLabel("Kredit baris 2").fill("2500000");
    await page.getByTestId("journal-balance").getByText("Seimbang").waitFor();
    await shot("13-jurnal-baru");

    const account = await memberAccountWithMovement(api, logins);
    await signIn(page, server, logins.anggota);
    await page.getByTestId("home-my-accounts").getByTestId("member-account").first().waitFor();
    await shot("15-beranda-anggota");
    await page.getByTestId("home-my-accounts").getByTestId("member-account").filter({ hasText: account.accountName }).first().click();
    await page.getByTestId("statement").waitFor();
    await shot("16-mutasi");
    await page.getByTestId("statement-row").last().click();
    await page.getByTestId("transaction").waitFor();
    const result = page.getByTestId("verify-result");
    for (let attempt = 0; attempt < 15; attempt++) {
      await Promise.all([page.waitForResponse((r) => r.url().includes("/receipt")), page.getByRole("button", { name: "Verifikasi" }).click()]);
      await result.waitFor();
      await page.waitForFunction(() => !document.querySelector(".mantine-Button-root[data-loading]"));
      if ((await result.getAttribute("data-result")) !== "not_ready") break;
      await page.waitForTimeout(1000);
    }
    await result.scrollIntoViewIfNeeded();
    await shot("17-verifikasi");
  },
};

const GUIDES = [gettingStarted, ledger];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !GUIDES.some((g) => g.name === name));
if (unknown.length > 0) throw new Error(`unknown guide ${unknown.join(", ")}; guides: ${GUIDES.map((g) => g.name).join(", ")}`);

const server = await startServer();
const browser = await launchBrowser({ width: 390, height: 844 });
try {
  const page = await browser.context.newPage();
  const shot = async (name: string) => {
    await page.waitForLoadState("networkidle");
    // Queries settle after the first paint: wait until nothing says it is loading.
    await page.waitForFunction(() => !document.body.innerText.includes("Memuat") && !document.querySelector(".mantine-Loader-root"));
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`docs/panduan/img/${name}.png`);
  };
  for (const guide of GUIDES) if (wanted.length === 0 || wanted.includes(guide.name)) await guide.shoot(page, server, shot);
} finally {
  await browser.close();
  await server.stop();
}
