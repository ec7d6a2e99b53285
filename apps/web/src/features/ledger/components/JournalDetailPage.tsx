import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { JournalEntryData } from "../api/ledger";
import { useApproveJournal, useJournal, useRejectJournal, useReverseJournal } from "../hooks/useLedger";
import { JournalStatusBadge, Money, PageHeading, Section } from "./LedgerParts";
import { sourceKey } from "./JournalsPage";
import { WideTable } from "../../../components/WideTable";

/** One journal entry with its lines; the checker approves or rejects it here, the bendahara asks for a correction. */
export function JournalDetailPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { entryId = "" } = useParams();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const timeZone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const journal = useJournal(koperasiId, entryId);
  const entry = journal.data;
  useDocumentTitle(entry?.voucherNo ?? t("ledger.journal.title"));

  return (
    <Stack>
      <Anchor component={Link} to={path("buku-besar/jurnal")} size="sm">
        ← {t("ledger.journals.title")}
      </Anchor>
      <PageHeading title={entry?.voucherNo ?? t("ledger.journal.title")} subtitle={entry?.description} action={entry && <JournalStatusBadge status={entry.status} />} />
      <ErrorAlert error={journal.error} />
      {!entry && !journal.error && <Text c="dimmed">{t("common.loading")}</Text>}
      {entry && (
        <>
          <Section>
            <Table variant="vertical" fz="sm" verticalSpacing={4}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w="40%">{t("ledger.businessDate")}</Table.Th>
                  <Table.Td>{formatDate(entry.businessDate, language)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t("ledger.voucherNo")}</Table.Th>
                  <Table.Td ff="monospace">{entry.voucherNo ?? t("ledger.noVoucherYet")}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t("ledger.sourceLabel")}</Table.Th>
                  <Table.Td>{t(`ledger.source.${sourceKey(entry.source)}`)}</Table.Td>
                </Table.Tr>
                {entry.postedAt && (
                  <Table.Tr>
                    <Table.Th>{t("ledger.postedAt")}</Table.Th>
                    <Table.Td>{formatDateTime(entry.postedAt, timeZone, language)}</Table.Td>
                  </Table.Tr>
                )}
                {entry.reversesEntryId && (
                  <Table.Tr>
                    <Table.Th>{t("ledger.journal.reverses")}</Table.Th>
                    <Table.Td>
                      <Anchor component={Link} to={path(`buku-besar/jurnal/${entry.reversesEntryId}`)} size="sm">
                        {t("ledger.journal.original")}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Section>
          <JournalLines entry={entry} />
          {entry.status === "pending" && <PendingActions entry={entry} />}
          {entry.status === "posted" && <ReverseAction entry={entry} />}
        </>
      )}
    </Stack>
  );
}

function JournalLines({ entry }: { entry: JournalEntryData }) {
  const { t } = useTranslation();
  return (
    <Section title={t("ledger.journal.lines")} testId="journal-lines">
      <WideTable label={t("ledger.journal.lines")} minWidth={320}>
        <Table fz="sm" verticalSpacing={6} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("ledger.account")}</Table.Th>
              <Table.Th ta="right">{t("ledger.debit")}</Table.Th>
              <Table.Th ta="right">{t("ledger.credit")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {line.accountCode}
                  </Text>
                  <Text size="sm">{line.accountName}</Text>
                  {line.memberAccountId && (
                    <Text size="xs" c="dimmed">
                      {t("ledger.journal.memberLine")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{line.debit > 0 && <Money value={line.debit} size="sm" />}</Table.Td>
                <Table.Td ta="right">{line.credit > 0 && <Money value={line.credit} size="sm" />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t("ledger.total")}</Table.Th>
              <Table.Th ta="right">
                <Money value={entry.totalDebit} size="sm" fw={700} />
              </Table.Th>
              <Table.Th ta="right">
                <Money value={entry.totalCredit} size="sm" fw={700} />
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </WideTable>
    </Section>
  );
}

function PendingActions({ entry }: { entry: JournalEntryData }) {
  const { t } = useTranslation();
  const { koperasiId, session } = useAppContext();
  const can = useCan();
  const approve = useApproveJournal(koperasiId);
  const reject = useRejectJournal(koperasiId);
  const [reason, setReason] = useState("");
  if (!can("journal.approve")) {
    return (
      <Alert variant="light" color="yellow">
        {t("ledger.journal.waiting")}
      </Alert>
    );
  }
  // Maker–checker: the server refuses the maker's approval; say so before she tries.
  const ownEntry = entry.createdBy === session.user.id;
  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    reject.mutate({ entryId: entry.id, reason });
  };
  return (
    <Section title={t("ledger.journal.decide")} testId="journal-decision">
      <Stack gap="sm">
        {ownEntry && (
          <Alert variant="light" color="yellow">
            {t("ledger.journal.ownEntry")}
          </Alert>
        )}
        <Button onClick={() => approve.mutate(entry.id)} loading={approve.isPending} disabled={ownEntry || reject.isPending} color="green">
          {t("ledger.journal.approve")}
        </Button>
        <ErrorAlert error={approve.error} />
        <form onSubmit={submitReject} noValidate>
          <Stack gap="xs">
            <TextInput name="reason" label={t("ledger.journal.rejectReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} />
            <Group justify="flex-end">
              <Button type="submit" variant="light" color="red" loading={reject.isPending} disabled={approve.isPending}>
                {t("ledger.journal.reject")}
              </Button>
            </Group>
          </Stack>
        </form>
        <ErrorAlert error={reject.error} />
      </Stack>
    </Section>
  );
}

function ReverseAction({ entry }: { entry: JournalEntryData }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const can = useCan();
  const reverse = useReverseJournal(koperasiId);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (!can("journal.post_manual")) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError(t("ledger.journal.reverseReasonShort"));
      return;
    }
    setError(null);
    reverse.mutate({ entryId: entry.id, reason });
  };
  return (
    <Section title={t("ledger.journal.reverseTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t("ledger.journal.reverseHelp")}
          </Text>
          <TextInput name="reverseReason" label={t("ledger.journal.reverseReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} maxLength={300} required />
          <ErrorAlert error={reverse.error} />
          {reverse.data && (
            <Alert color="green" variant="light" role="status">
              {t("ledger.journal.reverseCreated")}{" "}
              <Anchor component={Link} to={path(`buku-besar/jurnal/${reverse.data.id}`)}>
                {t("ledger.journal.openReversal")}
              </Anchor>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={reverse.isPending} disabled={Boolean(reverse.data)}>
              {t("ledger.journal.reverse")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
