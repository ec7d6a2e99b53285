import { Alert, Anchor, Button, List, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { isBusinessDate } from "@koperasi/domain";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext, useAppPath } from "../../shell/hooks/useAppContext";
import { useStatement } from "../hooks/useLedger";
import { useVerifyTransaction, type VerifyResult } from "../hooks/useVerify";
import { memberAccountSide } from "../member-side";
import { Money, PageHeading, Section } from "./LedgerParts";

/**
 * One transaction on a member's account, found again in the statement for
 * its date (so the page survives a reload), and the "Verifikasi" button that
 * checks its receipt in this browser.
 */
export function TransactionPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { memberAccountId = "", entryId = "" } = useParams();
  const [params] = useSearchParams();
  const date = params.get("tanggal") ?? "";
  const { koperasiId, membership } = useAppContext();
  const path = useAppPath();
  const timeZone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const validDate = isBusinessDate(date);
  const statement = useStatement(koperasiId, validDate ? memberAccountId : "", { from: date, to: date, page: 1, pageSize: 500 });
  const item = statement.data?.items.find((i) => i.entryId === entryId);
  const account = statement.data?.memberAccount;
  const verify = useVerifyTransaction(membership.slug);
  useDocumentTitle(item?.voucherNo ?? t("ledger.transaction.title"));

  const side = account ? memberAccountSide(account.accountCode) : "credit";
  const effect = item ? (side === "debit" ? item.debit - item.credit : item.credit - item.debit) : 0;

  return (
    <Stack>
      <Anchor component={Link} to={path(`rekening/${memberAccountId}`)} size="sm">
        ← {t("ledger.statement.title")}
      </Anchor>
      <PageHeading title={t("ledger.transaction.title")} subtitle={account ? `${account.accountName} · ${account.memberNumber}` : undefined} />
      {!validDate && (
        <Alert color="red" variant="light">
          {t("ledger.transaction.notFound")}
        </Alert>
      )}
      <ErrorAlert error={statement.error} />
      {validDate && statement.data && !item && (
        <Alert color="red" variant="light">
          {t("ledger.transaction.notFound")}
        </Alert>
      )}
      {validDate && !statement.data && !statement.error && <Text c="dimmed">{t("common.loading")}</Text>}
      {item && (
        <>
          <Section testId="transaction">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {item.description}
              </Text>
              <Money value={effect} signed fw={800} size="xl" c={effect >= 0 ? "green.8" : "red.8"} data-testid="transaction-amount" />
              <Table variant="vertical" fz="sm" verticalSpacing={4} mt="xs">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w="45%">{t("ledger.businessDate")}</Table.Th>
                    <Table.Td>{formatDate(item.businessDate, language)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t("ledger.voucherNo")}</Table.Th>
                    <Table.Td ff="monospace" data-testid="transaction-voucher">
                      {item.voucherNo}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t("ledger.postedAt")}</Table.Th>
                    <Table.Td>{formatDateTime(item.postedAt, timeZone, language)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t("ledger.transaction.balanceAfter")}</Table.Th>
                    <Table.Td>
                      <Money value={item.balance} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          </Section>
          <Section title={t("ledger.verify.title")} testId="verify">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("ledger.verify.explain")}
              </Text>
              <Button
                onClick={() =>
                  verify.mutate({
                    koperasiId,
                    entryId: item.entryId,
                    voucherNo: item.voucherNo,
                    businessDate: item.businessDate,
                    memberAccountId,
                    debit: item.debit,
                    credit: item.credit,
                  })
                }
                loading={verify.isPending}
              >
                {t("ledger.verify.button")}
              </Button>
              <ErrorAlert error={verify.error} />
              {verify.data && <VerifyResultView result={verify.data} />}
            </Stack>
          </Section>
        </>
      )}
    </Stack>
  );
}

function VerifyResultView({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    const witnessed =
      result.witnesses.length > 0 ? t("ledger.verify.witnessedBy", { witnesses: result.witnesses.join(", ") }) : t("ledger.verify.noWitness");
    return (
      <Alert color="green" variant="light" title={t("ledger.verify.verifiedTitle")} role="status" data-testid="verify-result" data-result="verified">
        <Stack gap={6}>
          <Text size="sm">{t("ledger.verify.plain")}</Text>
          {/* The proof's terms (log size, checkpoint, keys) for whoever wants to check them. */}
          <details data-testid="verify-detail">
            <Text component="summary" size="sm" style={{ cursor: "pointer" }}>
              {t("ledger.verify.technicalDetail")}
            </Text>
            <Stack gap={6} mt={6}>
              <Text size="sm">{t("ledger.verify.verified", { size: result.treeSize, position: result.index + 1, voucher: result.voucherNo })}</Text>
              <Text size="sm">{witnessed}</Text>
              <Text size="xs" c="dimmed">
                {result.firstUse ? t("ledger.verify.firstUse") : t("ledger.verify.pinnedKeys")}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {t("ledger.verify.origin", { origin: result.origin })}
              </Text>
            </Stack>
          </details>
        </Stack>
      </Alert>
    );
  }
  if (result.reason === "not_ready") {
    return (
      <Alert color="yellow" variant="light" title={t("ledger.verify.notReadyTitle")} role="status" data-testid="verify-result" data-result="not_ready">
        {t("ledger.verify.notReady")}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={t("ledger.verify.failedTitle")} role="alert" data-testid="verify-result" data-result={result.reason}>
      <Stack gap={6}>
        <Text size="sm">{t(`ledger.verify.failure.${result.reason}`)}</Text>
        <List size="xs" c="dimmed">
          <List.Item style={{ overflowWrap: "anywhere" }}>{result.detail}</List.Item>
        </List>
      </Stack>
    </Alert>
  );
}
