import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CreateInvitation } from "@koperasi/contracts";
import { STANDARD_POSITIONS } from "@koperasi/domain";
import { isApiError } from "../../../api/problem";
import type { Invitation } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDateTime } from "../../../lib/format";
import { positionLabel, roleLabel } from "../../../lib/labels";
import { useFormState, withoutEmpty } from "../../../lib/useFormState";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useCreateInvitation, useInvitations, useRevokeInvitation } from "../hooks/useUsers";
import { WideTable } from "../../../components/WideTable";

/** Invitations go to pengurus, pengawas, kasir and anggota; the first admin came with the registration. */
const INVITABLE_ROLES = ["pengurus", "pengawas", "kasir", "anggota"] as const;

export function InvitationsSection() {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const invitations = useInvitations(koperasiId, true);
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t("invitations.title")}
        </Title>
        <InviteForm />
        <ErrorAlert error={invitations.error} />
        {invitations.data && <InvitationTable invitations={invitations.data} />}
      </Stack>
    </Paper>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const create = useCreateInvitation(koperasiId);
  const form = useFormState({ name: "", email: "", phone: "", role: "anggota", position: "" });
  const [sent, setSent] = useState<Invitation | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const values = form.values.role === "pengurus" ? form.values : { ...form.values, position: "" };
    const body = form.validate(CreateInvitation, withoutEmpty(values));
    if (!body) return;
    create.mutate(body, {
      onSuccess: (invitation) => {
        setSent(invitation);
        form.reset();
      },
      onError: (error) => {
        if (isApiError(error)) form.setErrors(error.fieldErrors);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("invitations.formLabel")}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t("invitations.intro")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput {...form.text("name")} label={t("invitations.name")} required />
          <TextInput {...form.text("email")} label={t("fields.email")} type="email" />
          <TextInput {...form.text("phone")} label={t("fields.phone")} type="tel" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect {...form.text("role")} label={t("invitations.role")} data={INVITABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r, language) }))} />
          {form.values.role === "pengurus" && (
            <NativeSelect
              {...form.text("position")}
              label={t("invitations.position")}
              data={[{ value: "", label: t("invitations.noPosition") }, ...STANDARD_POSITIONS.map((p) => ({ value: p, label: positionLabel(p, language) }))]}
            />
          )}
        </SimpleGrid>
        <ErrorAlert error={create.error} />
        {sent && (
          <Alert color="green" variant="light" role="status">
            {t("invitations.sent", { name: sent.name, to: sent.email ?? sent.phone ?? "" })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("invitations.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InvitationTable({ invitations }: { invitations: readonly Invitation[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const profile = useProfile(koperasiId);
  const revoke = useRevokeInvitation(koperasiId);
  const zone = profile.data?.timeZone ?? "Asia/Jakarta";
  if (invitations.length === 0) return <Text c="dimmed">{t("invitations.empty")}</Text>;
  return (
    <>
      <ErrorAlert error={revoke.error} />
      <WideTable label={t("invitations.title")} minWidth={640}>
        <Table striped data-testid="invitations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("invitations.name")}</Table.Th>
              <Table.Th>{t("invitations.role")}</Table.Th>
              <Table.Th>{t("invitations.status")}</Table.Th>
              <Table.Th>{t("invitations.expiresAt")}</Table.Th>
              <Table.Th aria-label={t("common.actions")} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.map((inv) => (
              <Table.Tr key={inv.id}>
                <Table.Td>
                  {inv.name}
                  <Text size="xs" c="dimmed">
                    {[inv.email, inv.phone].filter(Boolean).join(" · ")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {roleLabel(inv.role, language)}
                  {inv.position && (
                    <Text size="xs" c="dimmed">
                      {positionLabel(inv.position, language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={inv.status === "pending" ? "blue" : inv.status === "accepted" ? "green" : "gray"}>
                    {t(`invitations.statusValue.${inv.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(inv.expiresAt, zone, language)}</Table.Td>
                <Table.Td>
                  {inv.status === "pending" && (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      loading={revoke.isPending && revoke.variables === inv.id}
                      onClick={() => {
                        if (window.confirm(t("invitations.revokeConfirm", { name: inv.name }))) revoke.mutate(inv.id);
                      }}
                      aria-label={t("invitations.revokeFor", { name: inv.name })}
                    >
                      {t("invitations.revoke")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </>
  );
}
