import { Divider, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router-dom";
import type { ModuleState } from "../../../api/types";
import { moduleName } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext, useAppPath, useCan } from "../hooks/useAppContext";

interface Item {
  to: string;
  label: string;
  testId?: string;
}

/** Only what the active role may use, and only switched-on modules. */
export function AppNav({ modules, onNavigate }: { modules: readonly ModuleState[]; onNavigate: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const can = useCan();
  const path = useAppPath();
  const { session } = useAppContext();
  const location = useLocation();

  const main: Item[] = [{ to: path(), label: t("nav.home") }];
  if (can("members.view")) main.push({ to: path("anggota"), label: t("nav.members") });
  if (can("members.create") || can("members.view")) main.push({ to: path("anggota/impor"), label: t("nav.memberImport"), testId: "nav-member-import" });
  if (can("members.card_self")) main.push({ to: path("kartu"), label: t("nav.memberCard"), testId: "nav-member-card" });
  if (can("savings.deposit") || can("savings.withdraw")) main.push({ to: path("loket"), label: t("nav.counter"), testId: "nav-counter" });
  if (can("members.card_resolve")) main.push({ to: path("pindai-kartu"), label: t("nav.scanCard"), testId: "nav-scan-card" });
  if (can("structure.view")) main.push({ to: path("struktur"), label: t("nav.structure"), testId: "nav-structure" });
  if (can("members.view") || can("members.enter_application")) main.push({ to: path("permohonan-anggota"), label: t("membership.queue.title"), testId: "nav-applications" });
  if (can("members.review_screening")) main.push({ to: path("penyaringan"), label: t("membership.screening.title"), testId: "nav-screening" });
  if (can("users.manage_roles") || can("users.invite") || can("users.approve_role_grant")) main.push({ to: path("pengguna"), label: t("nav.users"), testId: "nav-users" });
  if (can("koperasi.view_audit")) main.push({ to: path("audit"), label: t("nav.audit") });
  if (can("savings.view_self")) main.push({ to: path("rekening"), label: t("nav.myAccounts"), testId: "nav-my-accounts" });
  if (can("privacy.rights_self")) main.push({ to: path("privasi"), label: t("nav.privacy"), testId: "nav-privacy" });
  if (can("privacy.manage_requests")) main.push({ to: path("permintaan-data"), label: t("nav.privacyRequests"), testId: "nav-privacy-requests" });
  if (can("privacy.manage_requests") || can("koperasi.view_audit")) main.push({ to: path("catatan-pemrosesan"), label: t("nav.processingRecord"), testId: "nav-processing-record" });

  // The books: what each role may open (the server refuses the rest anyway).
  const ledger: Item[] = [];
  if (can("journal.view") || can("ledger.manage_accounts")) ledger.push({ to: path("buku-besar/neraca-saldo"), label: t("nav.trialBalance"), testId: "nav-trial-balance" });
  if (can("journal.view")) ledger.push({ to: path("buku-besar/jurnal"), label: t("nav.journals"), testId: "nav-journals" });
  if (can("journal.view") || can("ledger.manage_accounts")) ledger.push({ to: path("buku-besar/akun"), label: t("nav.chartOfAccounts"), testId: "nav-chart" });
  if (can("ledger.transfer")) ledger.push({ to: path("buku-besar/pemindahbukuan"), label: t("nav.transfer"), testId: "nav-transfer" });
  if (can("ledger.manage_accounts")) ledger.push({ to: path("buku-besar/saldo-awal"), label: t("nav.openingBalance"), testId: "nav-opening-balance" });
  if (can("savings.manage_products")) ledger.push({ to: path("simpanan/produk"), label: t("nav.savingsProducts"), testId: "nav-savings-products" });
  if (can("savings.view")) ledger.push({ to: path("rekening"), label: t("nav.memberAccounts"), testId: "nav-member-accounts" });

  const moduleItems: Item[] = modules
    .filter((m) => m.enabled)
    .map((m) => ({ to: path(`modul/${m.id}`), label: moduleName(m.id, language), testId: `nav-module-${m.id}` }));

  const settings: Item[] = [];
  if (can("koperasi.update_profile")) settings.push({ to: path("pengaturan/profil"), label: t("nav.profile") });
  if (can("koperasi.manage_modules")) settings.push({ to: path("pengaturan/modul"), label: t("nav.modules") });
  settings.push({ to: path("keamanan"), label: t("nav.security") });

  const render = (items: Item[]) =>
    items.map((item) => (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        active={location.pathname === item.to || (item.to !== path() && location.pathname.startsWith(`${item.to}/`))}
        onClick={onNavigate}
        data-testid={item.testId}
      />
    ));

  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap={2}>
        {render(main)}
        {ledger.length > 0 && (
          <>
            <Divider my="xs" />
            <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm" id="nav-ledger">
              {t("nav.ledgerGroup")}
            </Text>
            <Stack gap={2} aria-labelledby="nav-ledger" data-testid="nav-ledger">
              {render(ledger)}
            </Stack>
          </>
        )}
        {moduleItems.length > 0 && (
          <>
            <Divider my="xs" />
            <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm" id="nav-modules">
              {t("nav.modulesGroup")}
            </Text>
            <Stack gap={2} aria-labelledby="nav-modules" data-testid="nav-modules">
              {render(moduleItems)}
            </Stack>
          </>
        )}
        <Divider my="xs" />
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm">
          {t("nav.settingsGroup")}
        </Text>
        {render(settings)}
        {session.platformOperator && (
          <>
            <Divider my="xs" />
            <NavLink component={Link} to="/operator" label={t("nav.operator")} onClick={onNavigate} />
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
