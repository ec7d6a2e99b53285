import { Button, Group, Pagination, SegmentedControl, Stack, Text, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { JournalHeader, JournalStatus } from "../api/ledger";
import { useJournals } from "../hooks/useLedger";
import { JournalStatusBadge, PageHeading, Section } from "./LedgerParts";

const PAGE_SIZE = 20;
type Filter = JournalStatus | "all";

/** Jurnal: entries by status; pending ones wait for a second person (maker–checker). */
export function JournalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("ledger.journals.title"));
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const can = useCan();
  // The checker's work first: what waits for approval.
  const [filter, setFilter] = useState<Filter>("pending");
  const [page, setPage] = useState(1);
  const journals = useJournals(koperasiId, { status: filter === "all" ? undefined : filter, page, pageSize: PAGE_SIZE });
  const data = journals.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack>
      <PageHeading
        title={t("ledger.journals.title")}
        action={
          can("journal.post_manual") ? (
            <Button component={Link} to={path("buku-besar/jurnal/baru")} size="sm">
              {t("ledger.journals.new")}
            </Button>
          ) : undefined
        }
      />
      <SegmentedControl
        fullWidth
        size="xs"
        value={filter}
        onChange={(value) => {
          setFilter(value as Filter);
          setPage(1);
        }}
        data={[
          { value: "pending", label: t("ledger.journals.pending") },
          { value: "posted", label: t("ledger.journals.posted") },
          { value: "rejected", label: t("ledger.journals.rejected") },
          { value: "all", label: t("ledger.journals.all") },
        ]}
        aria-label={t("ledger.journals.filter")}
      />
      <ErrorAlert error={journals.error} />
      <Section testId="journal-list">
        {!data && <Text c="dimmed">{t("common.loading")}</Text>}
        {data && data.items.length === 0 && (
          <Text c="dimmed" size="sm">
            {filter === "pending" ? t("ledger.journals.nonePending") : t("ledger.journals.none")}
          </Text>
        )}
        <Stack gap={0} role="list">
          {data?.items.map((entry, i) => <JournalRow key={entry.id} entry={entry} first={i === 0} />)}
        </Stack>
      </Section>
      {data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t("common.totalRows", { total: data.total })}
          </Text>
          {totalPages > 1 && <Pagination value={page} onChange={setPage} total={totalPages} size="sm" aria-label={t("common.pagination")} />}
        </Group>
      )}
    </Stack>
  );
}

function JournalRow({ entry, first }: { entry: JournalHeader; first: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const path = useAppPath();
  return (
    <UnstyledButton
      component={Link}
      to={path(`buku-besar/jurnal/${entry.id}`)}
      role="listitem"
      py="xs"
      px={4}
      style={{ display: "block", borderTop: first ? undefined : "1px solid var(--mantine-color-gray-3)" }}
      data-testid="journal-row"
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} lineClamp={2}>
            {entry.description}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(entry.businessDate, language)} · {entry.voucherNo ?? t("ledger.noVoucherYet")} · {t(`ledger.source.${sourceKey(entry.source)}`)}
          </Text>
        </div>
        <JournalStatusBadge status={entry.status} />
      </Group>
    </UnstyledButton>
  );
}

const SOURCES = ["manual", "reversal", "transfer", "opening_balance", "year_end_close", "deposit", "withdrawal"] as const;
type SourceKey = (typeof SOURCES)[number] | "other";

/** The command that made an entry, as an i18n key (commands added later read "Lainnya" until named here). */
export function sourceKey(source: string): SourceKey {
  return (SOURCES as readonly string[]).includes(source) ? (source as SourceKey) : "other";
}
