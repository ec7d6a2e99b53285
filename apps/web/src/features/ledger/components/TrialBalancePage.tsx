import { Alert, Anchor, Badge, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import { useTrialBalance } from "../hooks/useLedger";
import { Money, PageHeading, Section } from "./LedgerParts";
import { DateField } from "../../../components/DateField";
import { WideTable } from "../../../components/WideTable";

/** Neraca saldo: every account's balance on a date, in its debit or credit column; the columns must agree. */
export function TrialBalancePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("ledger.trialBalance.title"));
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const can = useCan();
  const [asOf, setAsOf] = useState("");
  const [showZero, setShowZero] = useState(false);
  const balance = useTrialBalance(koperasiId, asOf);
  const data = balance.data;
  const rows = (data?.rows ?? []).filter((row) => showZero || row.debit !== 0 || row.credit !== 0);
  const balanced = data ? data.totalDebit === data.totalCredit : true;

  return (
    <Stack>
      <PageHeading title={t("ledger.trialBalance.title")} subtitle={data ? t("ledger.trialBalance.asOf", { date: formatDate(data.asOf, language) }) : undefined} />
      <Group align="flex-end" gap="md">
        <DateField name="asOf" label={t("ledger.trialBalance.date")} value={asOf} onChange={setAsOf} w={180} />
        <Checkbox label={t("ledger.trialBalance.showZero")} checked={showZero} onChange={(e) => setShowZero(e.currentTarget.checked)} mb={8} />
      </Group>
      <ErrorAlert error={balance.error} />
      {data && !balanced && (
        <Alert color="red" variant="light" role="alert">
          {t("ledger.trialBalance.unbalanced")}
        </Alert>
      )}
      <Section testId="trial-balance">
        {!data ? (
          <Text c="dimmed">{t("common.loading")}</Text>
        ) : (
          <WideTable label={t("ledger.trialBalance.title")} minWidth={280}>
            <Table verticalSpacing={6} horizontalSpacing={4} fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("ledger.account")}</Table.Th>
                  <Table.Th ta="right">{t("ledger.debit")}</Table.Th>
                  <Table.Th ta="right">{t("ledger.credit")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={3}>
                      <Text c="dimmed" size="sm">
                        {t("ledger.trialBalance.empty")}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {rows.map((row) => (
                  <Table.Tr key={row.accountId}>
                    <Table.Td>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {row.code}
                      </Text>
                      {can("journal.view") ? (
                        <Anchor component={Link} to={path(`buku-besar/akun/${row.accountId}`)} size="sm">
                          {row.name}
                        </Anchor>
                      ) : (
                        <Text size="sm">{row.name}</Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{row.debit !== 0 && <Money value={row.debit} size="sm" />}</Table.Td>
                    <Table.Td ta="right">{row.credit !== 0 && <Money value={row.credit} size="sm" />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>
                    <Group gap={6}>
                      {t("ledger.total")}
                      <Badge color={balanced ? "green" : "red"} variant="light" miw="max-content" style={{ flexShrink: 0 }} data-testid="trial-balance-status">
                        {balanced ? t("ledger.balanced") : t("ledger.notBalanced")}
                      </Badge>
                    </Group>
                  </Table.Th>
                  <Table.Th ta="right" data-testid="trial-balance-debit">
                    <Money value={data.totalDebit} size="sm" fw={700} />
                  </Table.Th>
                  <Table.Th ta="right" data-testid="trial-balance-credit">
                    <Money value={data.totalCredit} size="sm" fw={700} />
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </WideTable>
        )}
      </Section>
    </Stack>
  );
}
