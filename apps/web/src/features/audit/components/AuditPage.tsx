import { Group, Pagination, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useAudit } from "../hooks/useAudit";
import { AuditTable } from "./AuditTable";

const PAGE_SIZE = 25;

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("audit.title"));
  const { koperasiId } = useAppContext();
  const profile = useProfile(koperasiId);
  const [page, setPage] = useState(1);
  const audit = useAudit(koperasiId, { page, pageSize: PAGE_SIZE });
  const totalPages = audit.data ? Math.max(1, Math.ceil(audit.data.total / audit.data.pageSize)) : 1;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("audit.title")}
      </Title>
      <Text c="dimmed" size="sm">
        {t("audit.intro")}
      </Text>
      <ErrorAlert error={audit.error} />
      <Paper withBorder p="sm">
        {audit.data ? (
          <AuditTable entries={audit.data.items} timeZone={profile.data?.timeZone ?? "Asia/Jakarta"} />
        ) : (
          <Text c="dimmed">{t("common.loading")}</Text>
        )}
      </Paper>
      {audit.data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t("common.totalRows", { total: audit.data.total })}
          </Text>
          <Pagination value={page} onChange={setPage} total={totalPages} size="sm" aria-label={t("common.pagination")} />
        </Group>
      )}
    </Stack>
  );
}
