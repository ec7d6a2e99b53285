import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Member } from "../../../api/types";
import { useMembers } from "../../members/hooks/useMembers";
import { useAppContext } from "../../shell/hooks/useAppContext";

const memberLabel = (member: Pick<Member, "memberNumber" | "fullName">) => `${member.memberNumber} · ${member.fullName}`;

/** An active member found by number or name as it is typed (the members list API searches). */
export function MemberPicker({ value, onChange, error }: { value: Member | null; onChange: (member: Member | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const [search, setSearch] = useState("");
  const typed = value && search === memberLabel(value) ? "" : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const found = useMembers(koperasiId, { q: q || undefined, page: 1, pageSize: 20 });
  // Only active members can hold office; the server refuses the rest anyway.
  const items = (found.data?.items ?? []).filter((m) => m.status === "aktif");
  if (value && !items.some((m) => m.id === value.id)) items.unshift(value);

  return (
    <Select
      name="memberId"
      label={t("structure.member")}
      placeholder={t("structure.memberPlaceholder")}
      searchable
      clearable
      required
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={items.map((m) => ({ value: m.id, label: memberLabel(m) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(items.find((m) => m.id === id) ?? null)}
      nothingFoundMessage={found.isFetching ? t("common.loading") : t("structure.noMembers")}
      error={error}
      comboboxProps={{ withinPortal: true }}
      miw={240}
    />
  );
}
