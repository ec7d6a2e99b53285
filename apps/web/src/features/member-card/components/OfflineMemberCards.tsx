import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { keptCards } from "../offline-card";
import { CardQr } from "./CardQr";

/**
 * The printed card's QR for an app opened without a connection: who is
 * signed in cannot be asked, but a card shown here earlier still works at
 * the counter (the kasir's scan checks it against the card book).
 */
export function OfflineMemberCards() {
  const { t } = useTranslation();
  const cards = typeof window === "undefined" ? [] : keptCards(window.localStorage);
  if (cards.length === 0) return null;
  return (
    <Stack gap="md" mt="md" data-testid="offline-member-cards">
      <Text size="sm">{t("memberCard.offlineStart")}</Text>
      {cards.map((card) => (
        <Stack key={`${card.koperasiName}-${card.serial}`} gap={4} align="center" p="sm" style={{ border: `2px solid ${card.primaryColor}`, borderRadius: 12 }}>
          <Text fw={700}>{card.koperasiName}</Text>
          <Text fw={700} size="lg" data-testid="offline-member-card-name">
            {card.fullName}
          </Text>
          <Text size="sm" c="dimmed">
            {t("memberCard.memberNumber")}: {card.memberNumber}
          </Text>
          <CardQr svg={card.qrSvg} label={t("memberCard.printedQrAlt")} testId="offline-member-card-qr" />
          <Text size="xs" c="dimmed">
            {t("memberCard.serial")}: {card.serial}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
