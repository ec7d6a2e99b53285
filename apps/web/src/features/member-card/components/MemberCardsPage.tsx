import { Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useMember } from "../../members/hooks/useMembers";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";
import { memberCardPdfUrl, type Card } from "../api/member-card";
import { useIssueMemberCard, useMemberCards, useRevokeMemberCard } from "../hooks/useMemberCard";

function RevokeForm({ card, memberId }: { card: Card; memberId: string }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const revoke = useRevokeMemberCard(koperasiId, memberId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <Button variant="light" color="red" onClick={() => setOpen(true)} data-testid="card-revoke-open">
        {t("memberCards.revoke")}
      </Button>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        revoke.mutate({ cardId: card.id, reason: reason.trim() }, { onSuccess: () => setOpen(false) });
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t("memberCards.reason")}
          placeholder={t("memberCards.reasonPlaceholder")}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          required
          minLength={3}
          maxLength={200}
          data-testid="card-revoke-reason"
        />
        <Text size="xs" c="dimmed">
          {t("memberCards.revokeHint")}
        </Text>
        <ErrorAlert error={revoke.error} showFieldErrors />
        <Group gap="xs">
          <Button type="submit" color="red" loading={revoke.isPending} data-testid="card-revoke-confirm">
            {t("memberCards.revokeConfirm")}
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A member's cards for the counter and the office: print the card in use, replace a lost one, see the old ones. */
export function MemberCardsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { memberId = "" } = useParams();
  const { koperasiId } = useAppContext();
  const can = useCan();
  const member = useMember(koperasiId, memberId);
  const cards = useMemberCards(koperasiId, memberId);
  const issue = useIssueMemberCard(koperasiId, memberId);
  useDocumentTitle(t("memberCards.title"));
  const zone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const active = cards.data?.items.find((card) => card.revokedAt === null);
  const old = cards.data?.items.filter((card) => card.revokedAt !== null) ?? [];

  return (
    <Stack gap="md" maw={560}>
      <div>
        <Title order={1} size="h2">
          {t("memberCards.title")}
        </Title>
        {member.data && (
          <Text c="dimmed" data-testid="member-cards-member">
            {member.data.fullName} · {member.data.memberNumber}
          </Text>
        )}
      </div>
      <ErrorAlert error={cards.error ?? member.error} />
      {cards.data && !active && (
        <Paper withBorder p="md" radius="md">
          <Text mb="sm">{t("memberCards.none")}</Text>
          <Button onClick={() => issue.mutate()} loading={issue.isPending} data-testid="card-issue">
            {t("memberCards.issue")}
          </Button>
          <ErrorAlert error={issue.error} />
        </Paper>
      )}
      {active && (
        <Paper withBorder p="md" radius="md" data-testid="card-active">
          <Group justify="space-between" mb="xs">
            <Text fw={700} ff="monospace" data-testid="card-active-serial">
              {active.serial}
            </Text>
            <Badge color="green" variant="light">
              {t("memberCards.inUse")}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mb="sm">
            {t("memberCards.issuedAt", { when: formatDateTime(active.issuedAt, zone, language) })}
          </Text>
          <Stack gap="xs">
            <Button component="a" href={memberCardPdfUrl(koperasiId, memberId)} variant="light" data-testid="card-print">
              {t("memberCards.print")}
            </Button>
            {can("members.card_revoke") && <RevokeForm card={active} memberId={memberId} />}
          </Stack>
        </Paper>
      )}
      {old.length > 0 && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t("memberCards.history")}
          </Title>
          <Stack gap="xs" data-testid="card-history">
            {old.map((card) => (
              <div key={card.id}>
                <Text size="sm" ff="monospace">
                  {card.serial}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("memberCards.revokedAt", { when: formatDateTime(card.revokedAt ?? "", zone, language), reason: card.revokeReason ?? "" })}
                </Text>
              </div>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
