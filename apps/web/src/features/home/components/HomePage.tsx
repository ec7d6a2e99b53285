import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { KoperasiProfile, ModuleState } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { koperasiTypeLabel, moduleName, positionLabel, roleLabel, timeZoneLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { AuditTable } from "../../audit/components/AuditTable";
import { useAudit } from "../../audit/hooks/useAudit";
import { ContactChangeForm } from "../../contact-change/components/ContactChangeForm";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { MemberAccountList } from "../../ledger/components/MemberAccountsPage";
import { useMemberAccounts } from "../../ledger/hooks/useLedger";
import { personalDataUrl } from "../../member-card/api/member-card";
import { MemberFields } from "../../members/components/MemberFields";
import { MemberStatusBadge } from "../../members/components/MemberStatusBadge";
import { useMember, useMembers } from "../../members/hooks/useMembers";
import { useModules } from "../../modules/hooks/useModules";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";

/** What exists now, by role: the cooperative, its members, its modules, recent administrative actions, and — for a member — herself. */
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
      <ErrorAlert error={profile.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {membership.roles.includes("anggota") && <MyMembershipCard />}
        {can("savings.view_self") && <MyAccountsCard />}
        {profile.data && <ProfileCard profile={profile.data} />}
        {can("members.view") && <MembersCard />}
        <ModulesCard />
      </SimpleGrid>
      {can("koperasi.view_audit") && <RecentAuditCard timeZone={profile.data?.timeZone ?? "Asia/Jakarta"} />}
    </Stack>
  );
}

function HomeCard({ title, children, action, testId }: { title: string; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" radius="md" data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" fz="sm" verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="40%" bg="transparent">
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
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

/** An anggota's accounts with their balances; each opens its mutasi. */
function MyAccountsCard() {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const accounts = useMemberAccounts(koperasiId, { page: 1, pageSize: 20 });
  return (
    <HomeCard
      title={t("home.myAccounts")}
      testId="home-my-accounts"
      action={
        <Anchor component={Link} to={path("rekening")} size="sm">
          {t("home.viewMyAccounts")}
        </Anchor>
      }
    >
      <ErrorAlert error={accounts.error} />
      {accounts.data && accounts.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("home.noAccounts")}
        </Text>
      )}
      {accounts.data && <MemberAccountList accounts={accounts.data.items} showMember={false} />}
    </HomeCard>
  );
}

/** An anggota's own record: her registry data, status, card, and the download of everything kept about her. */
function MyMembershipCard() {
  const { t } = useTranslation();
  const { session, membership, koperasiId } = useAppContext();
  const can = useCan();
  const path = useAppPath();
  const member = useMember(koperasiId, membership.memberId);
  const profile = useProfile(koperasiId);
  const [changingContact, setChangingContact] = useState(false);
  const [contactChanged, setContactChanged] = useState(false);
  const openStatus = member.data?.status === "aktif" || member.data?.status === "calon";
  return (
    <HomeCard
      title={t("home.myMembership")}
      testId="home-my-membership"
      action={member.data ? <MemberStatusBadge status={member.data.status} /> : undefined}
    >
      <ErrorAlert error={member.error} />
      {member.data ? <MemberFields member={member.data} /> : <Rows rows={[[t("members.fullName"), session.user.name]]} />}
      {member.data?.sharedPhone && (
        <Text size="xs" c="dimmed" mt="xs">
          {t("registry.sharedPhone")}
        </Text>
      )}
      {!membership.memberId && (
        <Text size="sm" c="dimmed" mt="xs">
          {t("home.noMemberRecord")}
        </Text>
      )}
      {contactChanged && !changingContact && (
        <Text size="sm" c="teal" mt="xs" role="status" data-testid="contact-change-done">
          {t("contactChange.done")}
        </Text>
      )}
      {member.data && changingContact && (
        <ContactChangeForm
          koperasiId={koperasiId}
          memberId={member.data.id}
          timeZone={profile.data?.timeZone ?? "Asia/Jakarta"}
          onDone={() => setChangingContact(false)}
          onChanged={() => {
            setContactChanged(true);
            setChangingContact(false);
          }}
        />
      )}
      {member.data && (
        <Stack gap={6} mt="sm">
          {can("members.update_contact_self") && openStatus && !changingContact && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="left"
              onClick={() => {
                setContactChanged(false);
                setChangingContact(true);
              }}
              data-testid="home-contact-change"
            >
              {t("contactChange.open")}
            </Anchor>
          )}
          {can("members.card_self") && (
            <Anchor component={Link} to={path("kartu")} size="sm" data-testid="home-card-link">
              {t("myData.card")}
            </Anchor>
          )}
          {can("members.export_self") && (
            <div>
              <Text size="sm" fw={600}>
                {t("myData.download")}
              </Text>
              <Text size="xs" c="dimmed">
                {t("myData.downloadHint")}
              </Text>
              <Group gap="md">
                <Anchor href={personalDataUrl(koperasiId, "pdf")} size="sm" data-testid="home-export-pdf">
                  {t("myData.pdf")}
                </Anchor>
                <Anchor href={personalDataUrl(koperasiId, "json")} size="sm" data-testid="home-export-json">
                  {t("myData.json")}
                </Anchor>
              </Group>
            </div>
          )}
        </Stack>
      )}
    </HomeCard>
  );
}
