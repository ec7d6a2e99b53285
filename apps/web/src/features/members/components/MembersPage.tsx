import { Alert, Badge, Button, Group, Pagination, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CreateMember } from "@koperasi/contracts";
import { isApiError } from "../../../api/problem";
import type { Member } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDate } from "../../../lib/format";
import { useFormState, withoutEmpty } from "../../../lib/useFormState";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";
import { useCreateMember, useMembers } from "../hooks/useMembers";

const PAGE_SIZE = 20;

export function MembersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("members.title"));
  const { koperasiId } = useAppContext();
  const can = useCan();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const members = useMembers(koperasiId, { q: q || undefined, page, pageSize: PAGE_SIZE });
  const totalPages = members.data ? Math.max(1, Math.ceil(members.data.total / members.data.pageSize)) : 1;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("members.title")}
      </Title>
      {can("members.create") && <AddMemberForm />}
      <TextInput
        name="q"
        type="search"
        label={t("members.search")}
        placeholder={t("members.searchPlaceholder")}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          setPage(1);
        }}
      />
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

function MemberTable({ members }: { members: readonly Member[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (members.length === 0) return <Text c="dimmed">{t("members.empty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped highlightOnHover data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("members.number")}</Table.Th>
            <Table.Th>{t("members.fullName")}</Table.Th>
            <Table.Th>{t("members.status")}</Table.Th>
            <Table.Th>{t("members.joinedOn")}</Table.Th>
            <Table.Th>{t("members.login")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td ff="monospace">{m.memberNumber}</Table.Td>
              <Table.Td>{m.fullName}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={m.status === "aktif" ? "green" : m.status === "calon" ? "blue" : "gray"}>
                  {t(`memberStatus.${m.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(m.joinedOn, language)}</Table.Td>
              <Table.Td>{m.hasLogin ? t("common.yes") : t("common.no")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddMemberForm() {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const create = useCreateMember(koperasiId);
  const form = useFormState({ fullName: "", joinedOn: "" });
  const [added, setAdded] = useState<Member | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const body = form.validate(CreateMember, withoutEmpty(form.values));
    if (!body) return;
    create.mutate(body, {
      onSuccess: (member) => {
        setAdded(member);
        form.reset();
      },
      onError: (error) => {
        if (isApiError(error)) form.setErrors(error.fieldErrors);
      },
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("members.addTitle")}>
      <Stack>
        <Title order={2} size="h4">
          {t("members.addTitle")}
        </Title>
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput {...form.text("fullName")} label={t("members.fullName")} required miw={220} />
          <TextInput {...form.text("joinedOn")} label={t("members.joinedOn")} type="date" description={t("members.joinedOnHint")} miw={180} />
        </Group>
        <ErrorAlert error={create.error} />
        {added && (
          <Alert color="green" variant="light" role="status">
            {t("members.added", { name: added.fullName, number: added.memberNumber })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("members.add")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
