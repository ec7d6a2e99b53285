import { Group, Pagination, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { MemberAccountItem } from "../api/ledger";
import { useMemberAccounts } from "../hooks/useLedger";
import { Money, PageHeading, Section } from "./LedgerParts";

const PAGE_SIZE = 20;

/** A list of member accounts with balances, each opening its statement. */
export function MemberAccountList({ accounts, showMember }: { accounts: readonly MemberAccountItem[]; showMember: boolean }) {
  const { t } = useTranslation();
  const path = useAppPath();
  return (
    <Stack gap={0} role="list" data-testid="member-accounts">
      {accounts.map((account, i) => (
        // The link is named by what it shows (account, number, balance), as a screen reader reads it.
        <div role="listitem" key={account.id}>
          <UnstyledButton
            component={Link}
            to={path(`rekening/${account.id}`)}
            py="xs"
            px={4}
            style={{ display: "block", borderTop: i > 0 ? "1px solid var(--mantine-color-gray-3)" : undefined }}
            data-testid="member-account"
          >
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {account.accountName}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {showMember ? `${account.memberNumber} · ${account.memberName}` : account.memberNumber}
                  {account.status === "closed" ? ` · ${t("ledger.chart.closed")}` : ""}
                </Text>
              </div>
              <Money value={account.balance} fw={700} />
            </Group>
          </UnstyledButton>
        </div>
      ))}
    </Stack>
  );
}

/** Rekening: staff find any member's account; an anggota sees her own. */
export function MemberAccountsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const staff = can("savings.view");
  const title = staff ? t("ledger.accounts.staffTitle") : t("ledger.accounts.myTitle");
  useDocumentTitle(title);
  const { koperasiId } = useAppContext();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const accounts = useMemberAccounts(koperasiId, { q: q || undefined, page, pageSize: PAGE_SIZE });
  const data = accounts.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack>
      <PageHeading title={title} />
      {staff && (
        <TextInput
          type="search"
          name="q"
          label={t("ledger.accounts.search")}
          placeholder={t("members.searchPlaceholder")}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
        />
      )}
      <ErrorAlert error={accounts.error} />
      <Section>
        {!data && <Text c="dimmed">{t("common.loading")}</Text>}
        {data && data.items.length === 0 && (
          <Text c="dimmed" size="sm">
            {staff ? t("ledger.accounts.none") : t("ledger.accounts.noneOwn")}
          </Text>
        )}
        {data && <MemberAccountList accounts={data.items} showMember={staff} />}
      </Section>
      {data && totalPages > 1 && <Pagination value={page} onChange={setPage} total={totalPages} size="sm" aria-label={t("common.pagination")} />}
    </Stack>
  );
}
