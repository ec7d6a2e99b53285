import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { PublicLayout } from "./PublicLayout";
import { useDocumentTitle } from "./useDocumentTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          {t("notFound.title")}
        </Title>
        <Text>{t("notFound.body")}</Text>
        <Button component={Link} to="/">
          {t("common.toHome")}
        </Button>
      </Stack>
    </PublicLayout>
  );
}
