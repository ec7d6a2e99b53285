import { Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { KoperasiProfile, ModuleState } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { koperasiTypeLabel, moduleName, positionLabel, roleLabel, timeZoneLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { AuditTable } from "../../audit/components/AuditTable";
import { useAudit } from "../../audit/hooks/useAudit";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useMembers } from "../../members/hooks/useMembers";
import { useModules } from "../../modules/hooks/useModules";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import { useHome } from "../hooks/useHome";
import { HomeCard, Rows } from "./HomeCard";
import { BooksCard, CashCard, MySavingsCard, RecentCard, ReviewCard, SetupCard, WaitingCard } from "./HomeFigures";

/**
 * The day's starting point, by role (GET /home): a member's savings at the
 * top; the kasir's cash and last transactions; the books, twelve months and
 * what waits for approval for the pengurus; what needs review for the
 * pengawas; a new admin's first steps. Then the cooperative, its members,
 * its modules and recent administrative actions.
 */
export function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { session, membership, koperasiId } = useAppContext();
  const can = useCan();
  const profile = useProfile(koperasiId);
  useDocumentTitle(t("nav.home"), profile.data?.name);

  const roles = [
    ...membership.roles.map((role) => roleLabel(role, language)),
    ...membership.positions.map((position) => positionLabel(position, language)),
  ];

  const home = useHome(koperasiId);
  const figures = home.data;

  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t("home.welcome", { name: session.user.name })}
        </Title>
        <Group gap={6} mt={6}>
          {roles.map((role) => (
            <Badge key={role} variant="light">
              {role}
            </Badge>
          ))}
        </Group>
      </div>
      <ErrorAlert error={home.error ?? profile.error} />
      {figures?.mine && <MySavingsCard mine={figures.mine} asOf={figures.asOf} />}
      {figures?.setup && <SetupCard setup={figures.setup} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {figures?.waiting && <WaitingCard waiting={figures.waiting} />}
        {figures?.review && <ReviewCard review={figures.review} canAudit={can("koperasi.view_audit")} />}
        {figures?.cash && !figures.books && <CashCard cash={figures.cash} />}
        {figures?.recent && !figures.books && <RecentCard recent={figures.recent} canOpen={can("journal.view")} />}
      </SimpleGrid>
      {figures?.books && <BooksCard books={figures.books} cash={figures.cash?.balance} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {figures?.books && figures.cash && <CashCard cash={figures.cash} />}
        {figures?.books && figures.recent && <RecentCard recent={figures.recent} canOpen={can("journal.view")} />}
        {profile.data && !figures?.mine && <ProfileCard profile={profile.data} />}
        {can("members.view") && <MembersCard />}
        <ModulesCard />
      </SimpleGrid>
      {can("koperasi.view_audit") && <RecentAuditCard timeZone={profile.data?.timeZone ?? "Asia/Jakarta"} />}
    </Stack>
  );
}

function ProfileCard({ profile }: { profile: KoperasiProfile }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const can = useCan();
  const path = useAppPath();
  const ownUrl = `${window.location.origin}/k/${profile.slug}`;
  const rows: [string, ReactNode][] = [
    [t("fields.koperasiType"), koperasiTypeLabel(profile.type, language)],
    [t("home.status"), <Badge key="s" color={profile.status === "approved" ? "green" : "yellow"}>{t(`status.${profile.status}`)}</Badge>],
    [t("fields.address"), [profile.address, profile.city, profile.province, profile.postalCode].filter(Boolean).join(", ")],
    [t("fields.timeZone"), timeZoneLabel(profile.timeZone, language)],
  ];
  if (profile.nomorIndukKoperasi) rows.push([t("fields.nomorIndukKoperasi"), profile.nomorIndukKoperasi]);
  if (profile.nomorBadanHukum) rows.push([t("fields.nomorBadanHukum"), profile.nomorBadanHukum]);
  if (profile.nib) rows.push([t("fields.nib"), profile.nib]);
  rows.push([
    t("home.ownPage"),
    <Anchor key="u" href={`/k/${profile.slug}`} size="sm">
      {ownUrl}
    </Anchor>,
  ]);
  return (
    <HomeCard
      title={profile.name}
      testId="home-profile"
      action={
        can("koperasi.update_profile") ? (
          <Anchor component={Link} to={path("pengaturan/profil")} size="sm">
            {t("common.edit")}
          </Anchor>
        ) : undefined
      }
    >
      <Rows rows={rows} />
    </HomeCard>
  );
}

function MembersCard() {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const members = useMembers(koperasiId, { page: 1, pageSize: 1 });
  return (
    <HomeCard
      title={t("home.members")}
      testId="home-members"
      action={
        <Anchor component={Link} to={path("anggota")} size="sm">
          {t("home.viewMembers")}
        </Anchor>
      }
    >
      <ErrorAlert error={members.error} />
      {members.data && (
        <Stack gap={2}>
          <Text fz={36} fw={700} lh={1.1} data-testid="member-count">
            {new Intl.NumberFormat("id-ID").format(members.data.total)}
          </Text>
          <Text size="sm" c="dimmed">
            {t("home.memberCount")}
          </Text>
        </Stack>
      )}
    </HomeCard>
  );
}

function ModulesCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const can = useCan();
  const path = useAppPath();
  const modules = useModules(koperasiId);
  // Whoever runs the modules sees every switch; everyone else sees what is on, as links.
  const manager = can("koperasi.manage_modules");
  const shown = (modules.data ?? []).filter((m) => manager || m.enabled);
  return (
    <HomeCard
      title={t("home.modules")}
      testId="home-modules"
      action={
        manager ? (
          <Anchor component={Link} to={path("pengaturan/modul")} size="sm">
            {t("home.manageModules")}
          </Anchor>
        ) : undefined
      }
    >
      <ErrorAlert error={modules.error} />
      {modules.data && shown.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("home.noModules")}
        </Text>
      )}
      <Stack gap={6}>
        {shown.map((m: ModuleState) => (
          <Group key={m.id} gap="xs" justify="space-between" wrap="nowrap">
            {m.enabled ? (
              <Anchor component={Link} to={path(`modul/${m.id}`)} size="sm">
                {moduleName(m.id, language)}
              </Anchor>
            ) : (
              <Text size="sm">{moduleName(m.id, language)}</Text>
            )}
            <Badge color={m.enabled ? "green" : "gray"} variant="light">
              {m.enabled ? t("modules.on") : t("modules.off")}
            </Badge>
          </Group>
        ))}
      </Stack>
    </HomeCard>
  );
}

function RecentAuditCard({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const audit = useAudit(koperasiId, { page: 1, pageSize: 5 });
  return (
    <HomeCard
      title={t("home.recentAudit")}
      testId="home-audit"
      action={
        <Anchor component={Link} to={path("audit")} size="sm">
          {t("home.viewAudit")}
        </Anchor>
      }
    >
      <ErrorAlert error={audit.error} />
      {audit.data && <AuditTable entries={audit.data.items} timeZone={timeZone} compact />}
    </HomeCard>
  );
}

