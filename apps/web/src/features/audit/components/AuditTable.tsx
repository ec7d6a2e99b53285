import { Code, Stack, Text } from "@mantine/core";
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

/** Who did what, when and from where: one row per entry, its details wrapping beneath, so it fits a phone. */
export function AuditTable({ entries, timeZone, compact = false }: { entries: readonly AuditEntry[]; timeZone: string; compact?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (entries.length === 0) return <Text c="dimmed">{t("audit.empty")}</Text>;
  return (
    <Stack gap={0} role="list" data-testid="audit-list">
      {entries.map((entry, i) => (
        <div
          key={entry.id}
          role="listitem"
          data-testid="audit-entry"
          style={{ borderTop: i > 0 ? "1px solid var(--mantine-color-gray-3)" : undefined, paddingBlock: 6, overflowWrap: "anywhere" }}
        >
          <Text size="sm" fw={600}>
            {auditActionLabel(entry.action, language, t)}
          </Text>
          <Text size="xs" c="dimmed">
            {entry.actorName ?? t("audit.system")} · {roleLabel(entry.actorRole, language)} · {formatDateTime(entry.at, timeZone, language)}
          </Text>
          {!compact && (
            <Text size="xs" c="dimmed">
              <Code>{entry.action}</Code>
              {entry.targetType ? ` · ${t("audit.target")}: ${entry.targetType}${entry.targetId ? ` · ${entry.targetId.slice(0, 8)}` : ""}` : ""}
              {entry.ip ? ` · ${t("audit.ip")}: ${entry.ip}` : ""}
            </Text>
          )}
          {!compact && detailsText(entry.details) && <Text size="xs">{detailsText(entry.details)}</Text>}
        </div>
      ))}
    </Stack>
  );
}
