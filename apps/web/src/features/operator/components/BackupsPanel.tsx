import { Alert, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatBytes, formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { fetchBackups } from "../api/platform";

/** A good backup older than this is the same alarm the monitoring rules raise. */
const STALE_SECONDS = 26 * 3600;

/** The deployment's backups: the last good one, its size and age, and the recent attempts with their errors. */
export function BackupsPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const backups = useQuery({ queryKey: ["platform", "backups"], queryFn: fetchBackups, refetchInterval: 60_000 });
  if (!backups.data) return <ErrorAlert error={backups.error} />;
  const { lastSucceeded, ageSeconds, recent } = backups.data;
  const stale = ageSeconds === null || ageSeconds > STALE_SECONDS;
  return (
    <Stack>
      {stale ? (
        <Alert color="red" variant="light" title={t("operator.backupStale")} data-testid="backup-stale">
          {lastSucceeded ? t("operator.backupLast", { at: formatDateTime(lastSucceeded.finishedAt, "Asia/Jakarta", language), size: formatBytes(lastSucceeded.sizeBytes ?? 0, language) }) : t("operator.backupNone")}
        </Alert>
      ) : (
        <Text size="sm" data-testid="backup-last">
          {t("operator.backupLast", { at: formatDateTime(lastSucceeded!.finishedAt, "Asia/Jakarta", language), size: formatBytes(lastSucceeded!.sizeBytes ?? 0, language) })}
        </Text>
      )}
      {recent.map((run) => (
        <Paper key={run.id} withBorder p="sm">
          <Group justify="space-between" gap="xs">
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {formatDateTime(run.finishedAt, "Asia/Jakarta", language)} · {run.location}
            </Text>
            <Badge color={run.status === "succeeded" ? "green" : "red"}>{run.status === "succeeded" ? formatBytes(run.sizeBytes ?? 0, language) : t("operator.backupFailed")}</Badge>
          </Group>
          {run.error && (
            <Text size="xs" c="red" style={{ overflowWrap: "anywhere" }}>
              {run.error}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
