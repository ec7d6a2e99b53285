import { Alert, Anchor, Badge, Button, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { MEMBER_STATUS_VALUES, MEMBER_TYPE_VALUES } from "@koperasi/contracts";
import type { Member } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { MemberQuery } from "../api/members";
import { useMembers } from "../hooks/useMembers";
import { exactLookupOf, type ExactLookup } from "../member-form";
import { AddMemberForm } from "./AddMemberForm";
import { MemberStatusBadge } from "./MemberStatusBadge";

const PAGE_SIZE = 20;

type StatusFilter = MemberQuery["status"];
type TypeFilter = MemberQuery["memberType"];

export function MembersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("members.title"));
  const { koperasiId } = useAppContext();
  const can = useCan();
  const path = useAppPath();
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<StatusFilter>();
  const [memberType, setMemberType] = useState<TypeFilter>();
  const [exact, setExact] = useState<ExactLookup | null>(null);
  const [page, setPage] = useState(1);
  // An exact NIK/phone lookup replaces the name search; both go in the request body.
  const query: MemberQuery = exact ? { ...exact, page, pageSize: PAGE_SIZE } : { q: q || undefined, status, memberType, page, pageSize: PAGE_SIZE };
  const members = useMembers(koperasiId, query);
  const totalPages = members.data ? Math.max(1, Math.ceil(members.data.total / members.data.pageSize)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("members.title")}
        </Title>
        {can("members.create") && !adding && (
          <Button onClick={() => setAdding(true)} data-testid="add-member-open">
            {t("members.add")}
          </Button>
        )}
      </Group>
      <Group gap="md">
        <Anchor component={Link} to={path("permohonan-anggota")} size="sm">
          {t("membership.queue.title")}
        </Anchor>
        {can("members.create") && (
          <Anchor component={Link} to={path("anggota/impor")} size="sm">
            {t("nav.memberImport")}
          </Anchor>
        )}
      </Group>
      {adding && <AddMemberForm onClose={() => setAdding(false)} />}
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <TextInput
            name="q"
            type="search"
            label={t("members.search")}
            placeholder={t("members.searchPlaceholder")}
            value={search}
            disabled={exact !== null}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setPage(1);
            }}
          />
          <SimpleGrid cols={{ base: 2 }} spacing="sm">
            <Select
              label={t("members.status")}
              placeholder={t("registry.allStatuses")}
              value={status ?? null}
              onChange={(value) => {
                setStatus((value ?? undefined) as StatusFilter);
                setPage(1);
              }}
              data={MEMBER_STATUS_VALUES.map((value) => ({ value, label: t(`memberStatus.${value}`) }))}
              clearable
              disabled={exact !== null}
              data-testid="filter-status"
            />
            <Select
              label={t("registry.memberType")}
              placeholder={t("registry.allTypes")}
              value={memberType ?? null}
              onChange={(value) => {
                setMemberType((value ?? undefined) as TypeFilter);
                setPage(1);
              }}
              data={MEMBER_TYPE_VALUES.map((value) => ({ value, label: t(`registry.memberTypes.${value}`) }))}
              clearable
              disabled={exact !== null}
              data-testid="filter-type"
            />
          </SimpleGrid>
          <ExactLookupForm
            active={exact !== null}
            onLookup={(lookup) => {
              setExact(lookup);
              setPage(1);
            }}
          />
        </Stack>
      </Paper>
      <ErrorAlert error={members.error} />
      <Paper withBorder p="sm">
        {members.data ? <MemberTable members={members.data.items} /> : <Text c="dimmed">{t("common.loading")}</Text>}
      </Paper>
      {members.data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t("common.totalRows", { total: members.data.total })}
          </Text>
          <Pagination value={page} onChange={setPage} total={totalPages} size="sm" aria-label={t("common.pagination")} />
        </Group>
      )}
    </Stack>
  );
}

/** NIK or phone, looked up exactly on submit (not as one types): the value goes only into a POST body. */
function ExactLookupForm({ active, onLookup }: { active: boolean; onLookup: (lookup: ExactLookup | null) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lookup = exactLookupOf(input);
    if (!lookup) {
      setError(t("registry.lookupInvalid"));
      return;
    }
    setError(undefined);
    onLookup(lookup);
  };
  return (
    <form onSubmit={submit} aria-label={t("registry.lookupTitle")} autoComplete="off">
      <Stack gap={6}>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            name="exact"
            label={t("registry.lookupLabel")}
            description={t("registry.lookupHint")}
            inputMode="numeric"
            autoComplete="off"
            value={input}
            error={error}
            onChange={(event) => setInput(event.currentTarget.value)}
            style={{ flex: 1 }}
            data-testid="exact-lookup"
          />
          <Button type="submit" variant="light" data-testid="exact-lookup-submit">
            {t("registry.lookupButton")}
          </Button>
        </Group>
        {active && (
          <Alert variant="light" p="xs" role="status">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t("registry.lookupActive")}</Text>
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => {
                  setInput("");
                  onLookup(null);
                }}
              >
                {t("registry.lookupClear")}
              </Button>
            </Group>
          </Alert>
        )}
      </Stack>
    </form>
  );
}

/** Two columns that fit a 360 px phone: the name with its number and phone beneath, and the status. */
function MemberTable({ members }: { members: readonly Member[] }) {
  const { t } = useTranslation();
  const path = useAppPath();
  if (members.length === 0) return <Text c="dimmed">{t("members.empty")}</Text>;
  return (
    <Table striped highlightOnHover data-testid="members-table" fz="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            {t("members.fullName")} · {t("members.number")} · {t("registry.phone")}
          </Table.Th>
          <Table.Th w={96}>{t("members.status")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((m) => (
          <Table.Tr key={m.id}>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              <Anchor component={Link} to={path(`anggota/${m.id}`)} size="sm" fw={600}>
                {m.fullName}
              </Anchor>
              {m.memberType === "badan_hukum" && (
                <Badge ml={6} size="xs" variant="outline" miw="max-content">
                  {t("registry.memberTypes.badan_hukum")}
                </Badge>
              )}
              <Group gap={4} wrap="wrap" c="dimmed" fz="xs">
                <Text span ff="monospace" fz="xs" style={{ whiteSpace: "nowrap" }} data-testid="member-number">
                  {m.memberNumber}
                </Text>
                <span aria-hidden>·</span>
                <Text span ff="monospace" fz="xs" style={{ whiteSpace: "nowrap" }} data-testid="member-phone">
                  {m.phoneMasked ?? t("registry.notRecorded")}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <MemberStatusBadge status={m.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
