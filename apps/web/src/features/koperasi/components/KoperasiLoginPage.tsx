import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { KoperasiLogo } from "../../../components/KoperasiLogo";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { LoginForm } from "../../auth/components/LoginForm";
import { useSession } from "../../auth/hooks/useSession";
import { useKoperasiScope } from "./KoperasiScope";

/** /k/<slug>: the cooperative's own front door, in its logo and colour. */
export function KoperasiLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const koperasi = useKoperasiScope();
  const session = useSession();
  useDocumentTitle(koperasi?.name ?? null, koperasi?.name ?? "Koperasi Pintar");

  if (!koperasi || session.isPending) return <FullPageLoader />;
  const appPath = `/k/${koperasi.slug}/app`;
  // Opening the installed app while signed in goes straight in.
  if (session.data?.memberships.some((m) => m.koperasiId === koperasi.id)) return <Navigate to={appPath} replace />;

  const brand = (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
      <KoperasiLogo name={koperasi.name} logoUrl={koperasi.logoUrl} size={36} />
      <Text fw={700} lineClamp={1}>
        {koperasi.name}
      </Text>
    </Group>
  );

  return (
    <PublicLayout brand={brand}>
      <Stack>
        <Paper withBorder p="lg" radius="md" style={{ borderTop: `4px solid ${koperasi.primaryColor}` }}>
          <Stack>
            <Stack align="center" gap="xs">
              <KoperasiLogo name={koperasi.name} logoUrl={koperasi.logoUrl} size={72} />
              <Title order={2} ta="center" data-testid="koperasi-name">
                {koperasi.name}
              </Title>
              {koperasi.status !== "approved" && <Badge color="yellow">{t(`status.${koperasi.status}`)}</Badge>}
            </Stack>
            {session.data && <Alert variant="light">{t("koperasiPage.notMember", { name: session.data.user.name })}</Alert>}
            <Text size="sm" c="dimmed" ta="center">
              {t("koperasiPage.loginIntro")}
            </Text>
            <LoginForm onSignedIn={() => navigate(appPath, { replace: true })} />
          </Stack>
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t("koperasiPage.poweredBy")}{" "}
          <Anchor component={Link} to="/" size="xs">
            {t("app.name")}
          </Anchor>
        </Text>
      </Stack>
    </PublicLayout>
  );
}
