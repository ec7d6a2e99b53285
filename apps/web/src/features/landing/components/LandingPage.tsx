import { Anchor, Button, Group, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useSession } from "../../auth/hooks/useSession";

export function LandingPage() {
  const { t } = useTranslation();
  const session = useSession();
  useDocumentTitle(null);
  const points = [t("landing.point1"), t("landing.point2"), t("landing.point3"), t("landing.point4")];
  return (
    <PublicLayout size="sm">
      <Stack gap="lg">
        <Title order={1}>{t("landing.title")}</Title>
        <Text size="lg">{t("landing.lead")}</Text>
        <List
          spacing="sm"
          icon={
            <ThemeIcon size={22} radius="xl" aria-hidden>
              ✓
            </ThemeIcon>
          }
        >
          {points.map((point) => (
            <List.Item key={point}>{point}</List.Item>
          ))}
        </List>
        <Group>
          <Button component={Link} to="/daftar" size="md">
            {t("landing.register")}
          </Button>
          {session.data ? (
            <Button component={Link} to="/app" size="md" variant="outline">
              {t("landing.openApp")}
            </Button>
          ) : (
            <Button component={Link} to="/masuk" size="md" variant="outline">
              {t("landing.login")}
            </Button>
          )}
        </Group>
        <Anchor component={Link} to="/simulasi-pinjaman">
          {t("landing.simulator")}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("landing.note")}
        </Text>
      </Stack>
    </PublicLayout>
  );
}
