import { Badge, Group, NativeSelect, Pagination, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { accountTypeLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext, useAppPath } from "../../shell/hooks/useAppContext";
import type { GlAccountItem } from "../api/ledger";
import { useGeneralLedger, useGlAccounts } from "../hooks/useLedger";
import { BalanceLine, PageHeading, PeriodFilter, Section, StatementList, type Period } from "./LedgerParts";

const PAGE_SIZE = 50;

/** Account choices grouped by type, headings left out (they take no postings). */
export function accountOptions(accounts: readonly GlAccountItem[], language: "id" | "en", accept: (a: GlAccountItem) => boolean = () => true) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const account of [...accounts].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (account.isGroup || !accept(account)) continue;
    const group = accountTypeLabel(account.type, language);
    const items = groups.get(group) ?? [];
    items.push({ value: account.id, label: `${account.code} ${account.name}` });
    groups.set(group, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

/** Buku besar: one account's posted lines with the running balance on its normal side. */
export function GeneralLedgerPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { accountId = "" } = useParams();
  const navigate = useNavigate();
  const path = useAppPath();
  const { koperasiId } = useAppContext();
  const timeZone = useProfile(koperasiId).data?.timeZone ?? "Asia/Jakarta";
  const accounts = useGlAccounts(koperasiId);
  const [period, setPeriod] = useState<Period>({ from: "", to: "" });
  const [page, setPage] = useState(1);
  const ledger = useGeneralLedger(koperasiId, accountId, { from: period.from || undefined, to: period.to || undefined, page, pageSize: PAGE_SIZE });
  const account = ledger.data?.account ?? accounts.data?.find((a) => a.id === accountId);
  useDocumentTitle(account ? `${t("ledger.generalLedger.title")} ${account.code}` : t("ledger.generalLedger.title"));
  const data = ledger.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack>
      <PageHeading
        title={t("ledger.generalLedger.title")}
        subtitle={account ? `${account.code} ${account.name}` : undefined}
      />
      <NativeSelect
        name="account"
        label={t("ledger.account")}
        value={accountId}
        onChange={(e) => {
          setPage(1);
          navigate(path(`buku-besar/akun/${e.currentTarget.value}`));
        }}
        data={[{ value: "", label: t("common.choose"), disabled: true }, ...accountOptions(accounts.data ?? [], language)]}
      />
      {account && (
        <Group gap={6}>
          <Badge variant="light">{accountTypeLabel(account.type, language)}</Badge>
          <Badge variant="outline" color="gray">
            {t("ledger.normalSide", { side: account.normalBalance === "debit" ? t("ledger.debit") : t("ledger.credit") })}
          </Badge>
          {account.isControl && (
            <Badge variant="light" color="grape">
              {t("ledger.chart.control")}
            </Badge>
          )}
        </Group>
      )}
      <PeriodFilter
        value={period}
        onChange={(next) => {
          setPeriod(next);
          setPage(1);
        }}
      />
      <ErrorAlert error={ledger.error} />
      {data && account && (
        <Section testId="general-ledger">
          <Stack gap="xs">
            <BalanceLine label={t("ledger.openingBalance")} value={data.openingBalance} testId="opening-balance" />
            <StatementList items={data.items} normalBalance={account.normalBalance} mode="ledger" timeZone={timeZone} />
            <BalanceLine label={t("ledger.closingBalance")} value={data.closingBalance} testId="closing-balance" />
          </Stack>
        </Section>
      )}
      {!data && !ledger.error && <Text c="dimmed">{t("common.loading")}</Text>}
      {data && totalPages > 1 && <Pagination value={page} onChange={setPage} total={totalPages} size="sm" aria-label={t("common.pagination")} />}
    </Stack>
  );
}
