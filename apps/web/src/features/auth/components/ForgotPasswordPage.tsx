import { Alert, Anchor, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ForgotPassword, ResetPassword } from "@koperasi/contracts";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useFormState } from "../../../lib/useFormState";
import { forgotPassword, resetPassword } from "../api/auth";

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("forgot.title"));
  const [step, setStep] = useState<"identifier" | "reset" | "done">("identifier");
  const form = useFormState({ identifier: "", code: "", newPassword: "" });

  const request = useMutation({
    mutationFn: forgotPassword,
    onSuccess: () => setStep("reset"),
    onError: (error) => {
      if (isApiError(error)) form.setErrors(error.fieldErrors);
    },
  });
  const reset = useMutation({
    mutationFn: resetPassword,
    onSuccess: () => setStep("done"),
    onError: (error) => {
      if (isApiError(error)) form.setErrors(error.fieldErrors);
    },
  });

  const submitIdentifier = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(ForgotPassword, { identifier: form.values.identifier });
    if (body) request.mutate(body.identifier);
  };
  const submitReset = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(ResetPassword, form.values);
    if (body) reset.mutate(body);
  };

  return (
    <PublicLayout>
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Title order={2}>{t("forgot.title")}</Title>
          {step === "identifier" && (
            <form onSubmit={submitIdentifier} noValidate>
              <Stack>
                <Text size="sm">{t("forgot.intro")}</Text>
                <ErrorAlert error={request.error} />
                <TextInput {...form.text("identifier")} label={t("forgot.identifier")} autoComplete="username" required />
                <Group justify="space-between">
                  <Anchor component={Link} to="/masuk" size="sm">
                    {t("forgot.backToLogin")}
                  </Anchor>
                  <Button type="submit" loading={request.isPending}>
                    {t("forgot.sendCode")}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          {step === "reset" && (
            <form onSubmit={submitReset} noValidate>
              <Stack>
                <Alert variant="light">{t("forgot.codeSent", { identifier: form.values.identifier })}</Alert>
                <ErrorAlert error={reset.error} />
                <TextInput
                  {...form.text("code")}
                  label={t("forgot.code")}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                />
                <PasswordInput
                  {...form.text("newPassword")}
                  label={t("forgot.newPassword")}
                  description={t("fields.passwordHint")}
                  autoComplete="new-password"
                  required
                />
                <Group justify="space-between">
                  <Anchor component="button" type="button" size="sm" onClick={() => request.mutate(form.values.identifier)}>
                    {t("common.resend")}
                  </Anchor>
                  <Button type="submit" loading={reset.isPending}>
                    {t("forgot.submit")}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          {step === "done" && (
            <Stack>
              <Alert color="green" variant="light">
                {t("forgot.done")}
              </Alert>
              <Button component={Link} to="/masuk">
                {t("landing.login")}
              </Button>
            </Stack>
          )}
        </Stack>
      </Paper>
    </PublicLayout>
  );
}
