import { Badge, Button, Checkbox, Group, Paper, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PRIVACY_REQUEST_KINDS, type PrivacyRequestKind } from "@koperasi/domain";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useCreatePrivacyRequest, useMyPrivacyRequests, usePrivacyNotice, useRecordConsent } from "../hooks/usePrivacy";

/** A member's privacy: the notice and her choices, her requests and their answers. */
export function PrivacyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("privacy.title"));
  const { koperasiId } = useAppContext();
  return (
    <Stack maw={720}>
      <Title order={1} size="h3">
        {t("privacy.title")}
      </Title>
      <NoticeAndConsents koperasiId={koperasiId} />
      <MyRequests koperasiId={koperasiId} />
    </Stack>
  );
}

function NoticeAndConsents({ koperasiId }: { koperasiId: string }) {
  const { t } = useTranslation();
  const notice = usePrivacyNotice(koperasiId);
  const record = useRecordConsent(koperasiId);
  if (!notice.data) return <ErrorAlert error={notice.error} />;
  const current = (purpose: string) => notice.data.consents.find((c) => c.purpose === purpose && c.noticeVersion === notice.data.version);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("privacy.noticeVersion", { version: notice.data.version })}
        </Text>
        {notice.data.text.split("\n\n").map((paragraph) => (
          <Text key={paragraph} size="sm">
            {paragraph}
          </Text>
        ))}
        <ErrorAlert error={record.error} />
        {notice.data.purposes.map((p) => {
          const choice = current(p.purpose);
          return (
            <Checkbox
              key={p.purpose}
              data-testid={`consent-${p.purpose}`}
              label={p.label}
              checked={choice?.given ?? false}
              disabled={record.isPending || (p.required && choice?.given === true)}
              onChange={(event) => record.mutate({ purpose: p.purpose, given: event.currentTarget.checked, noticeVersion: notice.data.version })}
            />
          );
        })}
      </Stack>
    </Paper>
  );
}

function MyRequests({ koperasiId }: { koperasiId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const profile = useProfile(koperasiId);
  const timeZone = profile.data?.timeZone ?? "Asia/Jakarta";
  const requests = useMyPrivacyRequests(koperasiId);
  const create = useCreatePrivacyRequest(koperasiId);
  const [kind, setKind] = useState<PrivacyRequestKind>("akses");
  const [details, setDetails] = useState("");
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t("privacy.requestsTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("privacy.requestsIntro")}
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ kind, details }, { onSuccess: () => setDetails("") });
          }}
        >
          <Stack gap="xs">
            <Select
              label={t("privacy.kind")}
              data={PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.kinds.${k}`) }))}
              value={kind}
              onChange={(value) => value && setKind(value as PrivacyRequestKind)}
              allowDeselect={false}
              data-testid="privacy-kind"
            />
            <Textarea label={t("privacy.details")} value={details} onChange={(e) => setDetails(e.currentTarget.value)} autosize minRows={2} maxLength={2000} data-testid="privacy-details" />
            <ErrorAlert error={create.error} showFieldErrors />
            <Group>
              <Button type="submit" loading={create.isPending} data-testid="privacy-submit">
                {t("privacy.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
        <ErrorAlert error={requests.error} />
        {requests.data?.map((r) => (
          <Paper key={r.id} withBorder p="sm" data-testid="privacy-request">
            <Group justify="space-between" gap="xs">
              <Text fw={600} size="sm">
                {t(`privacy.kinds.${r.kind}`)}
              </Text>
              <Badge color={r.status === "selesai" ? "green" : r.status === "ditolak" ? "red" : r.overdue ? "orange" : "blue"}>{t(`privacy.statuses.${r.status}`)}</Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t("privacy.receivedDue", { received: formatDateTime(r.receivedAt, timeZone, language), due: formatDateTime(r.dueAt, timeZone, language) })}
            </Text>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {r.details}
            </Text>
            {r.answer && (
              <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
                <b>{t("privacy.answer")}:</b> {r.answer}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
