import { Anchor, Pagination, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { API_BASE } from "../../../api/client";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext, useAppPath } from "../../shell/hooks/useAppContext";
import { useStatement } from "../hooks/useLedger";
import { memberAccountSide } from "../member-side";
import { BalanceLine, Money, PageHeading, PeriodFilter, Section, StatementList, type Period } from "./LedgerParts";

const PAGE_SIZE = 50;

/** Mutasi rekening: a member account's movements with the balance after each; tap one for its detail and "Verifikasi". */
export function StatementPage() {
  const { t } = useTranslation();
  const { memberAccountId = "" } = useParams();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const timeZone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const [period, setPeriod] = useState<Period>({ from: "", to: "" });
  const [page, setPage] = useState(1);
  const statement = useStatement(koperasiId, memberAccountId, { from: period.from || undefined, to: period.to || undefined, page, pageSize: PAGE_SIZE });
  const data = statement.data;
  const account = data?.memberAccount;
  useDocumentTitle(account ? `${t("ledger.statement.title")} ${account.accountName}` : t("ledger.statement.title"));
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack>
      <Anchor component={Link} to={path("rekening")} size="sm">
        ← {t("ledger.accounts.back")}
      </Anchor>
      <PageHeading title={account?.accountName ?? t("ledger.statement.title")} subtitle={account ? `${account.memberNumber} · ${account.memberName}` : undefined} />
      {account && (
        <Section testId="account-balance">
          <Text size="sm" c="dimmed">
            {t("ledger.statement.balanceNow")}
          </Text>
          <Money value={account.balance} fw={800} size="xl" />
        </Section>
      )}
      <PeriodFilter
        value={period}
        onChange={(next) => {
          setPeriod(next);
          setPage(1);
        }}
      />
      <Anchor href={statementPdfUrl(koperasiId, memberAccountId, period)} target="_blank" rel="noopener" size="sm" data-testid="statement-pdf">
        {t("ledger.statement.downloadPdf")}
      </Anchor>
      <ErrorAlert error={statement.error} />
      {!data && !statement.error && <Text c="dimmed">{t("common.loading")}</Text>}
      {data && (
        <Section title={t("ledger.statement.title")} testId="statement">
          <Stack gap="xs">
            <BalanceLine label={t("ledger.openingBalance")} value={data.openingBalance} />
            <StatementList
              items={data.items}
              normalBalance={account ? memberAccountSide(account.accountCode) : "credit"}
              mode="member"
              timeZone={timeZone}
              linkTo={(item) => path(`rekening/${memberAccountId}/transaksi/${item.entryId}?tanggal=${item.businessDate}`)}
            />
            <BalanceLine label={t("ledger.closingBalance")} value={data.closingBalance} />
          </Stack>
        </Section>
      )}
      {data && totalPages > 1 && <Pagination value={page} onChange={setPage} total={totalPages} size="sm" aria-label={t("common.pagination")} />}
    </Stack>
  );
}

/** The rekening koran of the period shown, as a PDF the browser downloads. */
function statementPdfUrl(koperasiId: string, memberAccountId: string, period: Period): string {
  const query = new URLSearchParams(Object.entries(period).filter(([, value]) => value !== "")).toString();
  const suffix = query ? `?${query}` : "";
  return `${API_BASE}/koperasi/${encodeURIComponent(koperasiId)}/member-accounts/${encodeURIComponent(memberAccountId)}/statement.pdf${suffix}`;
}
