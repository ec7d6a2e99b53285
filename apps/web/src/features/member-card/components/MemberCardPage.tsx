import { Anchor, Button, Group, Image, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { readableTextColor } from "../../../theme/palette";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { ownCardPdfUrl, personalDataUrl } from "../api/member-card";
import { useOwnCard } from "../hooks/useMemberCard";
import { keepCard, keptCard, keptCardOf, type KeptCard } from "../offline-card";
import { CardQr } from "./CardQr";

type Shown = "app" | "printed";

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The card's face: the cooperative's colour and name on top, the member below. */
function CardFace({ card, logo, children }: { card: KeptCard; logo?: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  // The cooperative's own colour, with whichever ink reads on it (a whitelabel colour may be light).
  const ink = /^#[0-9a-f]{6}$/i.test(card.primaryColor) ? readableTextColor(card.primaryColor) : "#ffffff";
  return (
    <Paper withBorder radius="lg" style={{ overflow: "hidden", maxWidth: 420 }} data-testid="member-card">
      <Group gap="sm" p="sm" wrap="nowrap" style={{ background: card.primaryColor, color: ink }}>
        {logo && <Image src={logo} alt="" w={36} h={36} radius="sm" bg="white" />}
        <div style={{ minWidth: 0 }}>
          <Text fw={700} lineClamp={1}>
            {card.koperasiName}
          </Text>
          <Text size="xs" tt="uppercase" style={{ letterSpacing: 1 }}>
            {t("memberCard.cardLabel")}
          </Text>
        </div>
      </Group>
      <Stack gap={4} p="sm" align="center">
        <Text fw={700} size="lg" ta="center" data-testid="member-card-name">
          {card.fullName}
        </Text>
        <Text size="sm" c="dimmed">
          {t("memberCard.memberNumber")}: <b data-testid="member-card-number">{card.memberNumber}</b>
        </Text>
        {children}
        <Text size="xs" c="dimmed">
          {t("memberCard.serial")}: <span data-testid="member-card-serial">{card.serial}</span>
        </Text>
      </Stack>
    </Paper>
  );
}

/** Kartu anggota: the member shows this at the counter; the QR renews itself, the printed card's QR works offline. */
export function MemberCardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("memberCard.title"));
  const { koperasiId, session } = useAppContext();
  const card = useOwnCard(koperasiId);
  const [shown, setShown] = useState<Shown>("app");
  const now = useNow(1000);

  useEffect(() => {
    if (card.data) keepCard(window.localStorage, koperasiId, session.user.id, keptCardOf(card.data));
  }, [card.data, koperasiId, session.user.id]);

  const kept = card.data ? keptCardOf(card.data) : keptCard(window.localStorage, koperasiId, session.user.id);
  const expiresAt = card.data ? Date.parse(card.data.rotating.expiresAt) : 0;
  const appCodeValid = card.data !== undefined && expiresAt > now;
  // Without a valid app code (offline, or the refresh failed), the printed card's QR still works.
  const showing: Shown = appCodeValid ? shown : "printed";
  const secondsLeft = Math.max(0, Math.round((expiresAt - now) / 1000));

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t("memberCard.title")}
      </Title>
      {!kept && card.isPending && <Text c="dimmed">{t("common.loading")}</Text>}
      {!kept && card.error && <ErrorAlert error={card.error} />}
      {kept && (
        <>
          {appCodeValid && (
            <SegmentedControl
              value={shown}
              onChange={(value) => setShown(value as Shown)}
              data={[
                { value: "app", label: t("memberCard.appQr") },
                { value: "printed", label: t("memberCard.printedQr") },
              ]}
              maw={420}
              data-testid="member-card-switch"
            />
          )}
          <CardFace card={kept} logo={card.data?.koperasi.logoUrl ?? card.data?.koperasi.iconUrl}>
            {showing === "app" && card.data ? (
              <>
                <CardQr svg={card.data.rotating.qrSvg} code={card.data.rotating.code} label={t("memberCard.appQrAlt")} testId="member-card-qr" />
                <Text size="xs" c={secondsLeft > 30 ? "teal.9" : "red.9"} ta="center" data-testid="member-card-validity">
                  {t("memberCard.validFor", { seconds: secondsLeft })}
                </Text>
              </>
            ) : (
              <>
                <CardQr svg={kept.qrSvg} label={t("memberCard.printedQrAlt")} testId="member-card-printed-qr" />
                {!appCodeValid && (
                  <Text size="xs" c="dimmed" ta="center" data-testid="member-card-offline">
                    {t("memberCard.offlineShown")}
                  </Text>
                )}
              </>
            )}
          </CardFace>
          <Text size="sm" c="dimmed" maw={420}>
            {t("memberCard.howTo")}
          </Text>
        </>
      )}
      <Group gap="sm">
        <Button component="a" href={ownCardPdfUrl(koperasiId)} variant="light" data-testid="member-card-pdf">
          {t("memberCard.downloadPdf")}
        </Button>
      </Group>
      <Paper withBorder p="sm" radius="md" maw={560}>
        <Title order={2} size="h5" mb={4}>
          {t("memberCard.personalDataTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t("memberCard.personalDataHint")}
        </Text>
        <Group gap="md">
          <Anchor href={personalDataUrl(koperasiId, "pdf")} data-testid="personal-data-pdf">
            {t("memberCard.personalDataPdf")}
          </Anchor>
          <Anchor href={personalDataUrl(koperasiId, "json")} data-testid="personal-data-json">
            {t("memberCard.personalDataJson")}
          </Anchor>
        </Group>
      </Paper>
    </Stack>
  );
}
