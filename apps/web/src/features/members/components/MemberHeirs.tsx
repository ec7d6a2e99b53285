import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CreateMemberHeir, HEIR_RELATIONSHIP_VALUES, UpdateMemberHeir } from "@koperasi/contracts";
import { fieldErrorsFromIssues, isApiError, type FieldErrors } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useAppContext } from "../../shell/hooks/useAppContext";
import type { Heir } from "../api/members";
import { useAddHeir, useHeirs, useRemoveHeir, useUpdateHeir } from "../hooks/useMembers";

/** Shares are kept in basis points (10000 = 100%); people think in percent. */
const percentOf = (shareBp: number | null) => (shareBp === null ? "" : shareBp / 100);
const basisPointsOf = (percent: number | string) => (percent === "" ? undefined : Math.round(Number(percent) * 100));

export function MemberHeirs({ memberId, canEdit }: { memberId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const heirs = useHeirs(koperasiId, memberId);
  const [editing, setEditing] = useState<string | "new" | null>(null);

  return (
    <Paper withBorder p="md" data-testid="member-heirs">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t("registry.heirs")}
          </Title>
          {canEdit && editing === null && (
            <Button size="compact-sm" variant="light" onClick={() => setEditing("new")}>
              {t("registry.addHeir")}
            </Button>
          )}
        </Group>
        <ErrorAlert error={heirs.error} />
        {heirs.data?.items.length === 0 && editing !== "new" && (
          <Text size="sm" c="dimmed">
            {t("registry.noHeirs")}
          </Text>
        )}
        {heirs.data?.items.map((heir) =>
          editing === heir.id ? (
            <HeirForm key={heir.id} memberId={memberId} heir={heir} onDone={() => setEditing(null)} />
          ) : (
            <HeirRow key={heir.id} memberId={memberId} heir={heir} canEdit={canEdit && editing === null} onEdit={() => setEditing(heir.id)} />
          ),
        )}
        {editing === "new" && <HeirForm memberId={memberId} onDone={() => setEditing(null)} />}
      </Stack>
    </Paper>
  );
}

function HeirRow({ memberId, heir, canEdit, onEdit }: { memberId: string; heir: Heir; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const remove = useRemoveHeir(koperasiId, memberId);
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" data-testid="heir-row">
      <div>
        <Text size="sm" fw={600}>
          {heir.fullName}
        </Text>
        <Text size="xs" c="dimmed">
          {[t(`registry.relationships.${heir.relationship}`), heir.phone ?? heir.phoneMasked, heir.shareBp !== null ? `${heir.shareBp / 100}%` : null]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        <ErrorAlert error={remove.error} />
      </div>
      {canEdit && (
        <Group gap={4}>
          <Button size="compact-sm" variant="subtle" onClick={onEdit}>
            {t("common.edit")}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(t("registry.removeHeirConfirm", { name: heir.fullName }))) remove.mutate(heir.id);
            }}
          >
            {t("registry.removeHeir")}
          </Button>
        </Group>
      )}
    </Group>
  );
}

function HeirForm({ memberId, heir, onDone }: { memberId: string; heir?: Heir; onDone: () => void }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const add = useAddHeir(koperasiId, memberId);
  const update = useUpdateHeir(koperasiId, memberId);
  const [fullName, setFullName] = useState(heir?.fullName ?? "");
  const [relationship, setRelationship] = useState<string>(heir?.relationship ?? "");
  const [phone, setPhone] = useState(heir?.phone ?? "");
  const [share, setShare] = useState<number | string>(percentOf(heir?.shareBp ?? null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const pending = add.isPending || update.isPending;
  const onError = (error: unknown) => setErrors(isApiError(error) ? error.fieldErrors : {});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const shareBp = basisPointsOf(share);
    if (heir) {
      const parsed = UpdateMemberHeir.safeParse({
        fullName: fullName.trim(),
        relationship,
        // A heir shown masked keeps the stored phone unless a new one is typed.
        ...(phone.trim() ? { phone: phone.trim() } : heir.phone !== null ? { phone: null } : {}),
        shareBp: shareBp ?? null,
      });
      if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
      update.mutate({ heirId: heir.id, body: parsed.data }, { onSuccess: onDone, onError });
    } else {
      const parsed = CreateMemberHeir.safeParse({ fullName: fullName.trim(), relationship, phone: phone.trim() || undefined, shareBp });
      if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
      add.mutate(parsed.data, { onSuccess: onDone, onError });
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t("registry.addHeir")} data-testid="heir-form">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput label={t("registry.heirName")} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={errors.fullName} required />
          <Select
            label={t("registry.relationship")}
            value={relationship || null}
            onChange={(value) => setRelationship(value ?? "")}
            data={HEIR_RELATIONSHIP_VALUES.map((value) => ({ value, label: t(`registry.relationships.${value}`) }))}
            error={errors.relationship}
            required
          />
          <TextInput label={t("registry.fields.phone")} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.phone} />
          <NumberInput label={t("registry.sharePercent")} value={share} onChange={setShare} min={0.01} max={100} decimalScale={2} error={errors.shareBp} />
        </SimpleGrid>
        <ErrorAlert error={add.error ?? update.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="subtle" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
