import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { queryKeys } from "../../../api/keys";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { endSession, fetchSessions } from "../../auth/api/auth";

/** Her signed-in devices, each ended with one tap; ending this one signs her out here. */
export function SessionsCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: queryKeys.sessions, queryFn: fetchSessions });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.session }),
  });
  // Times in the platform's default zone: a person's devices are not the cooperative's.
  const when = (iso: string) => formatDateTime(iso, "Asia/Jakarta", language);
  return (
    <Paper withBorder p="md" component="section" aria-label={t("security.sessionsTitle")}>
      <Stack>
        <Title order={2} size="h4">
          {t("security.sessionsTitle")}
        </Title>
        <Text size="sm">{t("security.sessionsIntro")}</Text>
        <ErrorAlert error={sessions.error ?? end.error} />
        <Stack gap="sm" data-testid="sessions">
          {(sessions.data ?? []).map((s) => {
            const device = s.userAgent ?? t("security.unknownDevice");
            return (
              <Group key={s.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid="session-row">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                      {device}
                    </Text>
                    {s.current && <Badge color="green">{t("security.thisDevice")}</Badge>}
                  </Group>
                  {s.ipAddress && (
                    <Text size="xs" c="dimmed">
                      {t("security.sessionFrom", { ip: s.ipAddress })}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t("security.sessionTimes", { created: when(s.createdAt), seen: when(s.lastSeenAt) })}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  // A long device name takes the room; the button keeps its own.
                  style={{ flexShrink: 0 }}
                  aria-label={t("security.endSessionFor", { device })}
                  loading={end.isPending && end.variables === s.id}
                  onClick={() => end.mutate(s.id)}
                >
                  {t("security.endSession")}
                </Button>
              </Group>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}
