import { Alert, AppShell, Avatar, Box, Burger, Button, Group, Menu, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import type { Membership } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { KoperasiLogo, initials } from "../../../components/KoperasiLogo";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { OfflineNotice } from "../../../components/OfflineNotice";
import { PublicLayout } from "../../../components/PublicLayout";
import { useBrandColor } from "../../../theme/BrandProvider";
import { PLATFORM_COLOR, readableTextColor, normalizeHex } from "../../../theme/palette";
import { activeMembership, useLogout, useSession, useSwitchKoperasi } from "../../auth/hooks/useSession";
import { useKoperasiScope } from "../../koperasi/components/KoperasiScope";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useModules } from "../../modules/hooks/useModules";
import { AppContext, appPath, useAppContext } from "../hooks/useAppContext";
import { AppNav } from "./AppNav";
import { KoperasiSwitcher } from "./KoperasiSwitcher";

/**
 * The signed-in app. Works out which cooperative is active (inside
 * /k/<slug>/app, that cooperative; else the session's), makes the session
 * agree with it, and dresses the shell in that cooperative's name, logo and
 * colour.
 */
export function AppLayout() {
  const session = useSession().data;
  const scope = useKoperasiScope();
  const switcher = useSwitchKoperasi();
  const base = scope ? `/k/${scope.slug}/app` : "/app";

  let target: Membership | null = null;
  if (session) {
    target = scope ? (session.memberships.find((m) => m.koperasiId === scope.id) ?? null) : (activeMembership(session) ?? session.memberships[0] ?? null);
  }
  const needsSwitch = Boolean(session && target && session.activeKoperasiId !== target.koperasiId);
  const { mutate: switchTo, isPending: switching, isError: switchFailed } = switcher;
  useEffect(() => {
    if (needsSwitch && target && !switching && !switchFailed) switchTo(target.koperasiId);
  }, [needsSwitch, target, switching, switchFailed, switchTo]);

  if (!session) return <FullPageLoader />;
  if (!target) return <NoKoperasi scoped={Boolean(scope)} operator={session.platformOperator} />;
  if (switcher.isError) {
    return (
      <PublicLayout>
        <ErrorAlert error={switcher.error} />
      </PublicLayout>
    );
  }
  if (needsSwitch) return <FullPageLoader />;

  return (
    <AppContext.Provider value={{ session, membership: target, koperasiId: target.koperasiId, base }}>
      <Shell inScope={Boolean(scope)} />
    </AppContext.Provider>
  );
}

function Shell({ inScope }: { inScope: boolean }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const ctx = useAppContext();
  const profile = useProfile(ctx.koperasiId);
  const modules = useModules(ctx.koperasiId);
  const logout = useLogout();

  const colour = normalizeHex(profile.data?.primaryColor ?? "") ?? PLATFORM_COLOR;
  useBrandColor(profile.data?.primaryColor);
  const headerText = readableTextColor(colour);
  const name = profile.data?.name ?? ctx.membership.name;
  const status = profile.data?.status ?? ctx.membership.status;

  const securityPath = appPath(ctx.base, "keamanan");
  if (ctx.session.mfaSetupRequired && location.pathname !== securityPath) return <Navigate to={securityPath} replace />;

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => navigate(inScope ? `/k/${ctx.membership.slug}` : "/masuk", { replace: true }),
    });

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }} padding={{ base: "sm", sm: "md" }}>
      <AppShell.Header style={{ background: colour, color: headerText, borderBottom: "none" }}>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" color={headerText} aria-label={t("shell.menu")} />
            <Box
              component={Link}
              to={ctx.base}
              style={{ display: "flex", alignItems: "center", gap: 8, color: "inherit", textDecoration: "none", minWidth: 0 }}
            >
              <Box bg="white" p={2} style={{ borderRadius: 6, lineHeight: 0, flex: "none" }}>
                <KoperasiLogo name={name} logoUrl={profile.data?.logoUrl} size={32} />
              </Box>
              <Text fw={700} lineClamp={1} data-testid="shell-koperasi-name">
                {name}
              </Text>
            </Box>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <UserMenu name={ctx.session.user.name} onSignOut={signOut} securityPath={securityPath} operator={ctx.session.platformOperator} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.label")}>
        <Stack h="100%" gap="sm">
          <KoperasiSwitcher inScope={inScope} />
          <AppNav modules={modules.data ?? []} onNavigate={close} />
          <Box hiddenFrom="sm">
            <LanguageSwitch size="sm" />
          </Box>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md" maw={1100}>
          <OfflineNotice />
          <StatusBanner status={status} />
          {ctx.session.mfaSetupRequired && (
            <Alert color="orange" variant="light" title={t("security.requiredTitle")}>
              {t("security.required")}
            </Alert>
          )}
          <Outlet />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}

function UserMenu({ name, onSignOut, securityPath, operator }: { name: string; onSignOut: () => void; securityPath: string; operator: boolean }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("shell.account", { name })} style={{ color: "inherit" }}>
          <Group gap={6} wrap="nowrap">
            {/* Her initials are a picture of the name the button is labelled with. */}
            <Avatar size={32} radius="xl" color="dark" variant="white" aria-hidden="true">
              {initials(name)}
            </Avatar>
            <Text size="sm" visibleFrom="md" lineClamp={1} maw={160}>
              {name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{name}</Menu.Label>
        <Menu.Item component={Link} to={securityPath}>
          {t("nav.security")}
        </Menu.Item>
        {operator && (
          <Menu.Item component={Link} to="/operator">
            {t("nav.operator")}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" onClick={onSignOut}>
          {t("shell.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function StatusBanner({ status }: { status: Membership["status"] }) {
  const { t } = useTranslation();
  if (status === "approved") return null;
  const colour = status === "pending" ? "yellow" : "red";
  return (
    <Alert color={colour} variant="light" title={t(`status.${status}`)} data-testid="koperasi-status-banner">
      {t(`shell.statusBanner.${status}`)}
    </Alert>
  );
}

function NoKoperasi({ scoped, operator }: { scoped: boolean; operator: boolean }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <PublicLayout>
      <Stack>
        <Alert variant="light" title={scoped ? t("shell.notMemberTitle") : t("shell.noKoperasiTitle")}>
          {scoped ? t("shell.notMember") : t("shell.noKoperasi")}
        </Alert>
        <Group>
          {operator && (
            <Button component={Link} to="/operator">
              {t("nav.operator")}
            </Button>
          )}
          <Button component={Link} to="/daftar" variant="light">
            {t("landing.register")}
          </Button>
          {scoped && (
            <Button component={Link} to="/app" variant="light">
              {t("shell.toPlatformApp")}
            </Button>
          )}
          <Button variant="subtle" onClick={() => logout.mutate()} loading={logout.isPending}>
            {t("shell.logout")}
          </Button>
        </Group>
      </Stack>
    </PublicLayout>
  );
}
