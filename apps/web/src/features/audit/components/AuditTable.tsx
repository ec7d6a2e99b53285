import { Code, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../../api/types";
import { formatDateTime } from "../../../lib/format";
import { roleLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { auditActionLabel } from "../actions";

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/** Who did what, when and from where. */
export function AuditTable({ entries, timeZone, compact = false }: { entries: readonly AuditEntry[]; timeZone: string; compact?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (entries.length === 0) return <Text c="dimmed">{t("audit.empty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={compact ? 420 : 720}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("audit.at")}</Table.Th>
            <Table.Th>{t("audit.actor")}</Table.Th>
            <Table.Th>{t("audit.action")}</Table.Th>
            {!compact && <Table.Th>{t("audit.target")}</Table.Th>}
            {!compact && <Table.Th>{t("audit.details")}</Table.Th>}
            {!compact && <Table.Th>{t("audit.ip")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(entry.at, timeZone, language)}</Table.Td>
              <Table.Td>
                {entry.actorName ?? t("audit.system")}
                <Text size="xs" c="dimmed">
                  {roleLabel(entry.actorRole, language)}
                </Text>
              </Table.Td>
              <Table.Td>
                {auditActionLabel(entry.action, language, t)}
                {!compact && (
                  <Text size="xs" c="dimmed">
                    <Code>{entry.action}</Code>
                  </Text>
                )}
              </Table.Td>
              {!compact && <Table.Td>{entry.targetType ? `${entry.targetType}${entry.targetId ? ` · ${entry.targetId.slice(0, 8)}` : ""}` : "—"}</Table.Td>}
              {!compact && (
                <Table.Td style={{ maxWidth: 280, overflowWrap: "anywhere" }}>
                  <Text size="xs">{detailsText(entry.details) || "—"}</Text>
                </Table.Td>
              )}
              {!compact && <Table.Td>{entry.ip ?? "—"}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
