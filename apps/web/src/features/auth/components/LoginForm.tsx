import { Anchor, Button, Checkbox, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Login, LoginTwoFactor } from "@koperasi/contracts";
import { queryKeys } from "../../../api/keys";
import { isApiError } from "../../../api/problem";
import type { SessionInfo } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFormState } from "../../../lib/useFormState";
import { login, loginTwoFactor } from "../api/auth";
import { loginBody, moveToIdentifier } from "../login";

/** Email (or phone) + password, then — when the account has two-factor — an authenticator or backup code. */
export function LoginForm({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<"password" | "twoFactor">("password");
  const credentials = useFormState({ identifier: "", password: "" });
  const second = useFormState<{ code: string; useBackup: boolean }>({ code: "", useBackup: false });

  const finish = (session: SessionInfo) => {
    queryClient.setQueryData(queryKeys.session, session);
    onSignedIn(session);
  };

  const passwordStep = useMutation({
    mutationFn: login,
    onSuccess: (result) => {
      if (result.status === "ok") finish(result.session);
      else setStep("twoFactor");
    },
    onError: (error) => {
      if (isApiError(error)) credentials.setErrors(moveToIdentifier(error.fieldErrors));
    },
  });

  const codeStep = useMutation({
    mutationFn: loginTwoFactor,
    onSuccess: (result) => {
      if (result.status === "ok") finish(result.session);
    },
    onError: (error) => {
      if (isApiError(error)) second.setErrors(error.fieldErrors);
    },
  });

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    const body = credentials.validate(Login, loginBody(credentials.values.identifier, credentials.values.password));
    if (body) passwordStep.mutate(body);
    else credentials.setErrors((errors) => moveToIdentifier(errors));
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    const body = second.validate(LoginTwoFactor, { code: second.values.code, kind: second.values.useBackup ? "backup" : "totp" });
    if (body) codeStep.mutate(body);
  };

  if (step === "twoFactor") {
    return (
      <form onSubmit={submitCode} noValidate>
        <Stack>
          <Text size="sm">{second.values.useBackup ? t("login.backupHint") : t("login.totpHint")}</Text>
          <ErrorAlert error={codeStep.error} />
          <TextInput
            {...second.text("code")}
            label={second.values.useBackup ? t("login.backupCode") : t("login.totpCode")}
            autoComplete="one-time-code"
            inputMode={second.values.useBackup ? "text" : "numeric"}
            autoFocus
            required
          />
          <Checkbox
            name="useBackup"
            label={t("login.useBackup")}
            checked={second.values.useBackup}
            onChange={(event) => second.setValue("useBackup", event.currentTarget.checked)}
          />
          <Group justify="space-between">
            <Anchor component="button" type="button" size="sm" onClick={() => setStep("password")}>
              {t("common.back")}
            </Anchor>
            <Button type="submit" loading={codeStep.isPending}>
              {t("login.verify")}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={submitPassword} noValidate>
      <Stack>
        <ErrorAlert error={passwordStep.error} />
        <TextInput {...credentials.text("identifier")} label={t("login.identifier")} autoComplete="username" inputMode="email" required />
        <PasswordInput {...credentials.text("password")} label={t("fields.password")} autoComplete="current-password" required />
        <Group justify="space-between">
          <Anchor component={Link} to="/lupa-sandi" size="sm">
            {t("login.forgot")}
          </Anchor>
          <Button type="submit" loading={passwordStep.isPending}>
            {t("login.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
