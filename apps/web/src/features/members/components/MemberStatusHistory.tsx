import { Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useStatusHistory } from "../hooks/useMembers";
import { MemberStatusBadge } from "./MemberStatusBadge";
import { WideTable } from "../../../components/WideTable";

/** Every status the member has had, each with the day it took effect and why. */
export function MemberStatusHistory({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const history = useStatusHistory(koperasiId, memberId);
  return (
    <Paper withBorder p="md" data-testid="member-status-history">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("registry.statusHistory")}
        </Title>
        <ErrorAlert error={history.error} />
        {history.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("registry.noStatusHistory")}
          </Text>
        )}
        {history.data && history.data.items.length > 0 && (
          <WideTable label={t("registry.statusHistory")} minWidth={300}>
            <Table fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("registry.effectiveOn")}</Table.Th>
                  <Table.Th>{t("members.status")}</Table.Th>
                  <Table.Th>{t("registry.reason")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.items.map((change) => (
                  <Table.Tr key={change.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(change.effectiveOn, language)}</Table.Td>
                    <Table.Td>
                      <MemberStatusBadge status={change.toStatus} />
                    </Table.Td>
                    <Table.Td>{change.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </Stack>
    </Paper>
  );
}
