import { Alert, Anchor, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { CreateMember } from "@koperasi/contracts";
import { fieldErrorsFromIssues, type FieldErrors } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useAppContext, useAppPath } from "../../shell/hooks/useAppContext";
import type { MemberRecord } from "../api/members";
import { useCreateMember } from "../hooks/useMembers";
import { emptyMemberForm, memberFormErrors, withoutFieldErrors, toNewMember, type MemberFormValues } from "../member-form";
import { MemberFormFields } from "./MemberFormFields";
import { DateField } from "../../../components/DateField";

/** The whole registry record of a new member; the server's refusals land on the fields they concern. */
export function AddMemberForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const create = useCreateMember(koperasiId);
  const [values, setValues] = useState<MemberFormValues>(emptyMemberForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [added, setAdded] = useState<MemberRecord | null>(null);

  const change = (field: keyof MemberFormValues, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => withoutFieldErrors(current, field));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const parsed = CreateMember.safeParse(toNewMember(values));
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (member) => {
        setAdded(member);
        setValues({ ...emptyMemberForm, memberType: values.memberType });
        setErrors({});
      },
      onError: (error) => setErrors(memberFormErrors(error, t("registry.nikCheck"))),
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("members.addTitle")} data-testid="add-member-form">
      <Stack>
        <Title order={2} size="h4">
          {t("members.addTitle")}
        </Title>
        <SegmentedControl
          value={values.memberType}
          onChange={(value) => change("memberType", value)}
          data={[
            { value: "perorangan", label: t("registry.memberTypes.perorangan") },
            { value: "badan_hukum", label: t("registry.memberTypes.badan_hukum") },
          ]}
          fullWidth
          styles={{ label: { whiteSpace: "normal" } }}
          aria-label={t("registry.memberType")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            name="status"
            label={t("registry.initialStatus")}
            value={values.status}
            onChange={(value) => change("status", value ?? "aktif")}
            data={[
              { value: "aktif", label: t("memberStatus.aktif") },
              { value: "calon", label: t("memberStatus.calon") },
            ]}
            allowDeselect={false}
          />
          <DateField
            name="joinedOn"
            label={t("members.joinedOn")}
            description={t("members.joinedOnHint")}
            value={values.joinedOn}
            error={errors.joinedOn}
            onChange={(date) => change("joinedOn", date)}
          />
        </SimpleGrid>
        <MemberFormFields values={values} errors={errors} onChange={change} />
        <ErrorAlert error={create.error} />
        {added && (
          <Alert color="green" variant="light" role="status">
            <Text size="sm">{t("members.added", { name: added.fullName, number: added.memberNumber })}</Text>
            {added.sharedPhone && <Text size="sm">{t("registry.sharedPhone")}</Text>}
            <Anchor component={Link} to={path(`anggota/${added.id}`)} size="sm">
              {t("registry.open")}
            </Anchor>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("members.add")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
