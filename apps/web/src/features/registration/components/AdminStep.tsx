import { Alert, Button, Group, PasswordInput, Stack, TextInput } from "@mantine/core";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { useFormState } from "../../../lib/useFormState";
import type { AdminValues } from "./forms";

export type AdminForm = ReturnType<typeof useFormState<AdminValues>>;

/** Step 2: the first admin. Someone already signed in registers another cooperative under her own login. */
export function AdminStep({
  form,
  signedInAs,
  pending,
  onBack,
  onSubmit,
}: {
  form: AdminForm;
  signedInAs: string | null;
  pending: boolean;
  onBack: () => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("registration.steps.admin")}>
      <Stack>
        {signedInAs && <Alert variant="light">{t("registration.signedInAs", { name: signedInAs })}</Alert>}
        <TextInput {...form.text("name")} label={t("fields.fullName")} required autoComplete="name" />
        <TextInput
          {...form.text("email")}
          label={t("fields.email")}
          type="email"
          required
          autoComplete="email"
          description={signedInAs ? t("registration.emailOfAccount") : t("registration.emailHint")}
          readOnly={Boolean(signedInAs)}
        />
        <TextInput {...form.text("phone")} label={t("fields.phone")} type="tel" required autoComplete="tel" description={t("registration.phoneHint")} />
        {!signedInAs && (
          <PasswordInput {...form.text("password")} label={t("fields.password")} description={t("fields.passwordHint")} required autoComplete="new-password" />
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t("common.back")}
          </Button>
          <Button type="submit" loading={pending}>
            {t("registration.startSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
