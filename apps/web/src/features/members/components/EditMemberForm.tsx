import { Alert, Button, Group, Paper, Stack, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { UpdateMember } from "@koperasi/contracts";
import { fieldErrorsFromIssues, type FieldErrors } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useAppContext } from "../../shell/hooks/useAppContext";
import type { MemberRecord } from "../api/members";
import { useUpdateMember } from "../hooks/useMembers";
import { formFromMember, memberFormErrors, withoutFieldErrors, toMemberChanges, type MemberFormValues } from "../member-form";
import { MemberFormFields } from "./MemberFormFields";

/** Staff correct a member's record; only the changed fields are sent, and the server's refusals land on them. */
export function EditMemberForm({ member, onDone }: { member: MemberRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const update = useUpdateMember(koperasiId, member.id);
  const [values, setValues] = useState<MemberFormValues>(() => formFromMember(member));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [unchanged, setUnchanged] = useState(false);

  const change = (field: keyof MemberFormValues, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setUnchanged(false);
    setErrors((current) => withoutFieldErrors(current, field));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = toMemberChanges(values, member);
    if (Object.keys(changes).length === 0) {
      setUnchanged(true);
      return;
    }
    const parsed = UpdateMember.safeParse(changes);
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    update.mutate(parsed.data, {
      onSuccess: onDone,
      onError: (error) => setErrors(memberFormErrors(error, t("registry.nikCheck"))),
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("registry.editTitle")} data-testid="edit-member-form">
      <Stack>
        <Title order={2} size="h4">
          {t("registry.editTitle")}
        </Title>
        <MemberFormFields values={values} errors={errors} onChange={change} identityMasked={!member.identityVisible} />
        <ErrorAlert error={update.error} />
        {unchanged && (
          <Alert variant="light" color="gray" role="status">
            {t("registry.nothingChanged")}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
