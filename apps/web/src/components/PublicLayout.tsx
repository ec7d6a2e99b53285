import { Anchor, Box, Container, Group, Image, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { LanguageSwitch } from "./LanguageSwitch";
import { OfflineNotice } from "./OfflineNotice";

/** Pages outside the app: the platform's name, the language switch, and the content in a narrow column. */
export function PublicLayout({
  children,
  size = "xs",
  brand,
  offlineNoticeInContent = false,
}: {
  children: ReactNode;
  size?: "xs" | "sm" | "md";
  brand?: ReactNode;
  /** The page shows its own offline notice. */
  offlineNoticeInContent?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Box component="header" px="md" py="sm" bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Group justify="space-between" wrap="nowrap" maw={960} mx="auto" gap="sm">
          <Box style={{ minWidth: 0, flex: 1 }}>
            {brand ?? (
              <Anchor component={Link} to="/" underline="never" c="inherit">
                <Group gap="xs" wrap="nowrap">
                  <Image src="/favicon.svg" alt="" w={28} h={28} />
                  <Text fw={700}>{t("app.name")}</Text>
                </Group>
              </Anchor>
            )}
          </Box>
          <Box style={{ flex: "none" }}>
            <LanguageSwitch />
          </Box>
        </Group>
      </Box>
      <Container component="main" size={size} py="xl" px="md">
        {!offlineNoticeInContent && <OfflineNotice mb="md" />}
        {children}
      </Container>
    </Box>
  );
}
