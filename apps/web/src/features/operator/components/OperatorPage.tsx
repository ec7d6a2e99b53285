import { Alert, Anchor, AppShell, Badge, Button, Code, Group, Modal, Paper, Stack, Tabs, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router-dom";
import type { OutboundMessage, PendingKoperasi } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDateTime } from "../../../lib/format";
import { koperasiTypeLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { useLogout, useSession } from "../../auth/hooks/useSession";
import { documentHref } from "../api/platform";
import { BackupsPanel } from "./BackupsPanel";
import { BreachDrillPanel } from "./BreachDrillPanel";
import { useLogFailures, useOutbox, usePendingRegistrations, useReviewRegistration } from "../hooks/usePlatform";

/** The platform operator's console: registrations waiting for review, and the outbox of e-mail and SMS. */
export function OperatorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("operator.title"));
  const session = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  if (session.isPending) return <FullPageLoader />;
  if (!session.data) return <Navigate to="/masuk?next=%2Foperator" replace />;

  return (
    <AppShell header={{ height: 56 }} padding={{ base: "sm", sm: "md" }}>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Text fw={700} lineClamp={1}>
            {t("operator.title")}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {session.data.platformOperator && (
              <Button component={Link} to="/operator/penyaringan" variant="subtle" size="xs">
                {t("membership.lists.title")}
              </Button>
            )}
            {session.data.memberships.length > 0 && (
              <Button component={Link} to="/app" variant="subtle" size="xs">
                {t("operator.toApp")}
              </Button>
            )}
            <LanguageSwitch />
            <Button variant="subtle" size="xs" onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/masuk") })}>
              {t("shell.logout")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {session.data.platformOperator && <LogFailures />}
        {session.data.platformOperator ? (
          <Tabs defaultValue="registrations" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="registrations">{t("operator.registrations")}</Tabs.Tab>
              <Tabs.Tab value="outbox">{t("operator.outbox")}</Tabs.Tab>
              <Tabs.Tab value="drill">{t("operator.drill")}</Tabs.Tab>
              <Tabs.Tab value="backups">{t("operator.backups")}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="registrations" pt="md">
              <Registrations />
            </Tabs.Panel>
            <Tabs.Panel value="outbox" pt="md">
              <Outbox />
            </Tabs.Panel>
            <Tabs.Panel value="drill" pt="md">
              <BreachDrillPanel />
            </Tabs.Panel>
            <Tabs.Panel value="backups" pt="md">
              <BackupsPanel />
            </Tabs.Panel>
          </Tabs>
        ) : (
          <Alert color="red" variant="light" title={t("errors.forbiddenTitle")}>
            {t("operator.notOperator")}
          </Alert>
        )}
      </AppShell.Main>
    </AppShell>
  );
}

function Registrations() {
  const { t } = useTranslation();
  const language = useLanguage();
  const pending = usePendingRegistrations();
  const review = useReviewRegistration();
  const [rejecting, setRejecting] = useState<PendingKoperasi | null>(null);
  const [note, setNote] = useState("");

  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t("operator.registrationsIntro")}
      </Text>
      <ErrorAlert error={pending.error} />
      <ErrorAlert error={review.error} />
      {pending.data && pending.data.length === 0 && <Text c="dimmed">{t("operator.noPending")}</Text>}
      {(pending.data ?? []).map((k) => (
        <Paper key={k.id} withBorder p="md" data-testid={`pending-${k.slug}`}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h4">
                {k.name}
              </Title>
              <Badge color="yellow">{t(`status.${k.status}`)}</Badge>
            </Group>
            <Text size="sm">{koperasiTypeLabel(k.type, language)}</Text>
            <Text size="sm">
              {t("fields.nomorIndukKoperasi")}: {k.nomorIndukKoperasi ?? "—"} · {t("fields.nomorBadanHukum")}: {k.nomorBadanHukum ?? "—"}
            </Text>
            <Text size="sm" c="dimmed">
              {t("operator.registeredAt", { at: formatDateTime(k.createdAt, "Asia/Jakarta", language) })}
            </Text>
            <Text size="sm">
              {t("registration.documents")}:{" "}
              {k.documents.length === 0
                ? t("registration.noDocuments")
                : k.documents.map((d, i) => (
                    <span key={d.id}>
                      {i > 0 && ", "}
                      <Anchor href={documentHref(k.id, d.id)} target="_blank" rel="noopener">
                        {d.fileName}
                      </Anchor>{" "}
                      ({d.kind === "akta" ? t("registration.akta") : d.kind === "sk_badan_hukum" ? t("registration.skBadanHukum") : d.kind})
                    </span>
                  ))}
            </Text>
            <Group>
              <Button
                color="green"
                onClick={() => review.mutate({ koperasiId: k.id, decision: "approve" })}
                loading={review.isPending && review.variables?.koperasiId === k.id && review.variables.decision === "approve"}
                aria-label={t("operator.approveFor", { name: k.name })}
              >
                {t("operator.approve")}
              </Button>
              <Button color="red" variant="light" onClick={() => setRejecting(k)} aria-label={t("operator.rejectFor", { name: k.name })}>
                {t("operator.reject")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t("operator.rejectTitle", { name: rejecting?.name ?? "" })}>
        <Stack>
          <Textarea name="note" label={t("operator.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={3} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRejecting(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={review.isPending}
              onClick={() => {
                if (!rejecting) return;
                review.mutate(
                  { koperasiId: rejecting.id, decision: "reject", note: note.trim() || undefined },
                  {
                    onSuccess: () => {
                      setRejecting(null);
                      setNote("");
                    },
                  },
                );
              }}
            >
              {t("operator.reject")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Shown only while some cooperative's log cannot be published: one alert, however often it is retried. */
function LogFailures() {
  const { t } = useTranslation();
  const language = useLanguage();
  const failures = useLogFailures();
  if (!failures.data || failures.data.length === 0) return null;
  return (
    <Alert color="red" variant="light" mb="md" title={t("operator.logFailuresTitle", { count: failures.data.length })} data-testid="log-failures">
      <Stack gap={4}>
        <Text size="sm">{t("operator.logFailuresIntro")}</Text>
        {failures.data.map((f) => (
          <Text key={f.koperasiId} size="sm" style={{ overflowWrap: "anywhere" }}>
            {t("operator.logFailureLine", { name: f.name, slug: f.slug, since: formatDateTime(f.since, "Asia/Jakarta", language), attempts: f.attempts, message: f.message })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const outbox = useOutbox();
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t("operator.outboxIntro")}
        </Text>
        <Button variant="light" size="xs" onClick={() => void outbox.refetch()} loading={outbox.isFetching}>
          {t("common.refresh")}
        </Button>
      </Group>
      <ErrorAlert error={outbox.error} />
      {outbox.data && outbox.data.length === 0 && <Text c="dimmed">{t("operator.outboxEmpty")}</Text>}
      {outbox.data && outbox.data.length > 0 && <OutboxTable messages={outbox.data} />}
    </Stack>
  );
}

/** One card per message: readable on a phone, the body (with its code) in full. */
function OutboxTable({ messages }: { messages: readonly OutboundMessage[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap="sm" data-testid="outbox-table">
      {messages.map((m) => (
        <Paper key={m.id} withBorder p="sm" data-testid="outbox-message">
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge variant="light" style={{ flex: "none" }}>
                  {m.channel === "email" ? t("operator.email") : t("operator.sms")}
                </Badge>
                <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }} aria-label={t("operator.recipient")}>
                  {m.recipient}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(m.createdAt, "Asia/Jakarta", language)} · {t(`operator.messageStatus.${m.status}`)}
              </Text>
            </Group>
            {m.subject && (
              <Text size="sm" fw={600}>
                {m.subject}
              </Text>
            )}
            <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {m.body}
            </Code>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
