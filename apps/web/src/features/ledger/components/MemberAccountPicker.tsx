import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../../lib/format";
import { useAppContext } from "../../shell/hooks/useAppContext";
import type { MemberAccountItem } from "../api/ledger";
import { useMemberAccounts } from "../hooks/useLedger";

export function memberAccountLabel(account: MemberAccountItem): string {
  return `${account.memberNumber} · ${account.memberName} · ${account.accountName} (${formatMoney(account.balance)})`;
}

/** A member account found by member number or name as it is typed (the server searches; a cooperative may have thousands). */
export function MemberAccountPicker({
  label,
  name,
  value,
  onChange,
  error,
  exclude,
}: {
  label: string;
  name: string;
  value: MemberAccountItem | null;
  onChange: (account: MemberAccountItem | null) => void;
  error?: string;
  exclude?: string;
}) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const [search, setSearch] = useState("");
  // While an account is chosen the box shows its label; that is no search.
  const typed = value && search === memberAccountLabel(value) ? "" : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const found = useMemberAccounts(koperasiId, { q: q || undefined, page: 1, pageSize: 20 });
  const items = (found.data?.items ?? []).filter((a) => a.status === "open" && a.id !== exclude);
  if (value && !items.some((a) => a.id === value.id)) items.unshift(value);

  return (
    <Select
      name={name}
      label={label}
      placeholder={t("ledger.transfer.searchPlaceholder")}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched number or name; the label holds both, and the balance.
      filter={({ options }) => options}
      data={items.map((a) => ({ value: a.id, label: memberAccountLabel(a) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(items.find((a) => a.id === id) ?? null)}
      nothingFoundMessage={found.isFetching ? t("common.loading") : t("ledger.transfer.noAccounts")}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
