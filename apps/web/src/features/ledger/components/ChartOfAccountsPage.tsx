import { Anchor, Badge, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { GlAccountItem } from "../api/ledger";
import { useGlAccounts } from "../hooks/useLedger";
import { PageHeading, Section } from "./LedgerParts";

/** Accounts in code order, each with its depth under its group heading. */
export function chartRows(accounts: readonly GlAccountItem[]): { account: GlAccountItem; depth: number }[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const depthOf = (account: GlAccountItem): number => {
    let depth = 0;
    let parent = account.parentId ? byId.get(account.parentId) : undefined;
    // Bounded: a broken parent chain cannot loop forever.
    while (parent && depth < 10) {
      depth += 1;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return depth;
  };
  return [...accounts].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((account) => ({ account, depth: depthOf(account) }));
}

/** Bagan akun: the cooperative's chart, with a way into each account's ledger. */
export function ChartOfAccountsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("ledger.chart.title"));
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const can = useCan();
  const accounts = useGlAccounts(koperasiId);
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const rows = chartRows(accounts.data ?? []).filter(({ account }) => !needle || account.code.includes(needle) || account.name.toLowerCase().includes(needle));

  return (
    <Stack>
      <PageHeading title={t("ledger.chart.title")} subtitle={t("ledger.chart.subtitle")} />
      <TextInput type="search" name="q" label={t("ledger.chart.search")} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      <ErrorAlert error={accounts.error} />
      <Section testId="chart-of-accounts">
        {!accounts.data && <Text c="dimmed">{t("common.loading")}</Text>}
        <Stack gap={0} role="list">
          {rows.map(({ account, depth }, i) => (
            <Group
              key={account.id}
              role="listitem"
              justify="space-between"
              wrap="nowrap"
              gap="xs"
              py={6}
              pl={needle ? 0 : depth * 14}
              style={i > 0 ? { borderTop: "1px solid var(--mantine-color-gray-2)" } : undefined}
            >
              <div style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" ff="monospace">
                  {account.code}
                </Text>
                {can("journal.view") && !account.isGroup ? (
                  <Anchor component={Link} to={path(`buku-besar/akun/${account.id}`)} size="sm" fw={500}>
                    {account.name}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={account.isGroup ? 700 : 500}>
                    {account.name}
                  </Text>
                )}
              </div>
              <Group gap={4} justify="flex-end" style={{ flex: "none", maxWidth: "50%" }}>
                {!account.isGroup && (
                  <Badge size="xs" variant="outline" color="gray">
                    {account.normalBalance === "debit" ? t("ledger.debit") : t("ledger.credit")}
                  </Badge>
                )}
                {account.isGroup && (
                  <Badge size="xs" variant="light" color="gray">
                    {t("ledger.chart.group")}
                  </Badge>
                )}
                {account.isControl && (
                  <Badge size="xs" variant="light" color="grape">
                    {t("ledger.chart.control")}
                  </Badge>
                )}
                {account.status === "closed" && (
                  <Badge size="xs" variant="light" color="red">
                    {t("ledger.chart.closed")}
                  </Badge>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}
