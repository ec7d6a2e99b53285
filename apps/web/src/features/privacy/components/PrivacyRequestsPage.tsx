import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PrivacyRequest } from "@koperasi/contracts";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useAcknowledgeBreachDrill, useBreachDrills, useErasePersonalData, usePrivacyRequests, useUpdatePrivacyRequest } from "../hooks/usePrivacy";

/** The pengurus' queue of members' requests about their data, the most urgent first. */
export function PrivacyRequestsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("privacy.queueTitle"));
  const { koperasiId } = useAppContext();
  const [status, setStatus] = useState<"terbuka" | "semua">("terbuka");
  const requests = usePrivacyRequests(koperasiId, status);
  return (
    <Stack maw={800}>
      <Title order={1} size="h3">
        {t("privacy.queueTitle")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("privacy.queueIntro")}
      </Text>
      <SegmentedControl
        value={status}
        onChange={(value) => setStatus(value as "terbuka" | "semua")}
        data={[
          { value: "terbuka", label: t("privacy.open") },
          { value: "semua", label: t("privacy.all") },
        ]}
      />
      <ErrorAlert error={requests.error} />
      {requests.data && requests.data.length === 0 && <Text c="dimmed">{t("privacy.queueEmpty")}</Text>}
      {requests.data?.map((r) => <QueuedRequest key={r.id} koperasiId={koperasiId} request={r} />)}
      <BreachDrills koperasiId={koperasiId} />
    </Stack>
  );
}

/** Practice notices of a personal-data breach the platform sent: each acknowledged as soon as it is read. */
function BreachDrills({ koperasiId }: { koperasiId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const drills = useBreachDrills(koperasiId);
  const acknowledge = useAcknowledgeBreachDrill(koperasiId);
  if (!drills.data || drills.data.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        {t("privacy.drillsTitle")}
      </Title>
      <ErrorAlert error={acknowledge.error} />
      {drills.data.map((d) => (
        <Paper key={d.id} withBorder p="sm" data-testid="breach-drill">
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {d.title}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {d.body}
            </Text>
            <Text size="xs" c="dimmed">
              {d.acknowledgedAt
                ? t("privacy.drillAcknowledged", { at: formatDateTime(d.acknowledgedAt, timeZone, language), hours: d.hoursToAcknowledge ?? 0 })
                : t("privacy.drillDue", { due: formatDateTime(d.dueAt, timeZone, language) })}
            </Text>
            {!d.acknowledgedAt && (
              <Group>
                <Button size="xs" onClick={() => acknowledge.mutate(d.id)} loading={acknowledge.isPending}>
                  {t("privacy.drillAcknowledge")}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function QueuedRequest({ koperasiId, request }: { koperasiId: string; request: PrivacyRequest }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const update = useUpdatePrivacyRequest(koperasiId);
  const erase = useErasePersonalData(koperasiId);
  const [answer, setAnswer] = useState("");
  const open = request.status === "diterima" || request.status === "diproses";
  const send = (status: "diproses" | "selesai" | "ditolak") => update.mutate({ requestId: request.id, status, ...(answer.trim() ? { answer: answer.trim() } : {}) });
  return (
    <Paper withBorder p="sm" data-testid="privacy-queue-item">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text fw={600} size="sm">
            {t(`privacy.kinds.${request.kind}`)} · {request.member ? `${request.member.fullName} (${request.member.memberNumber})` : t("privacy.noMember")}
          </Text>
          <Badge color={request.overdue ? "red" : request.status === "selesai" ? "green" : "blue"}>{request.overdue ? t("privacy.overdue") : t(`privacy.statuses.${request.status}`)}</Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t("privacy.receivedDue", { received: formatDateTime(request.receivedAt, timeZone, language), due: formatDateTime(request.dueAt, timeZone, language) })}
        </Text>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {request.details}
        </Text>
        {request.answer && (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            <b>{t("privacy.answer")}:</b> {request.answer}
          </Text>
        )}
        {open && (
          <>
            <Textarea label={t("privacy.answerLabel")} description={t("privacy.answerHint")} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
            <ErrorAlert error={update.error ?? erase.error} showFieldErrors />
            <Group gap="xs">
              {request.status === "diterima" && (
                <Button variant="light" size="xs" onClick={() => send("diproses")} loading={update.isPending}>
                  {t("privacy.markInProgress")}
                </Button>
              )}
              {request.kind === "penghapusan" ? (
                <Button size="xs" color="green" onClick={() => erase.mutate(request.id)} loading={erase.isPending}>
                  {t("privacy.erase")}
                </Button>
              ) : (
                <Button size="xs" color="green" onClick={() => send("selesai")} loading={update.isPending}>
                  {t("privacy.markDone")}
                </Button>
              )}
              <Button size="xs" color="red" variant="light" onClick={() => send("ditolak")} loading={update.isPending}>
                {t("privacy.markRejected")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
