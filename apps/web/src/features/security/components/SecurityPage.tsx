import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DisableTwoFactor, EnableTwoFactor, VerifyTwoFactor } from "@koperasi/contracts";
import { queryKeys } from "../../../api/keys";
import { isApiError } from "../../../api/problem";
import type { TwoFactorSetup } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useFormState } from "../../../lib/useFormState";
import { SessionsCard } from "./SessionsCard";
import { disableTwoFactor, enableTwoFactor, verifyTwoFactor } from "../../auth/api/auth";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { groupSecret, totpSecret } from "../totp";
import { QrCode } from "./QrCode";

/** Keamanan: TOTP two-factor with backup codes. Admin and pengurus may be obliged to set it up first. */
export function SecurityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("security.title"));
  const { session } = useAppContext();
  const [justEnabled, setJustEnabled] = useState(false);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("security.title")}
      </Title>
      <Group gap="xs">
        <Text>{t("security.status")}</Text>
        <Badge color={session.user.twoFactorEnabled ? "green" : "gray"} data-testid="two-factor-status">
          {session.user.twoFactorEnabled ? t("security.on") : t("security.off")}
        </Badge>
      </Group>
      {justEnabled && (
        <Alert color="green" variant="light" role="status">
          {t("security.enabled")}
        </Alert>
      )}
      {session.user.twoFactorEnabled ? <DisableForm /> : <EnableFlow onEnabled={() => setJustEnabled(true)} />}
      <SessionsCard />
    </Stack>
  );
}

function EnableFlow({ onEnabled }: { onEnabled: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const passwordForm = useFormState({ password: "" });
  const codeForm = useFormState({ code: "" });

  const enable = useMutation({
    mutationFn: enableTwoFactor,
    onSuccess: setSetup,
    onError: (error) => {
      if (isApiError(error)) passwordForm.setErrors(error.fieldErrors);
    },
  });
  const verify = useMutation({
    mutationFn: verifyTwoFactor,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
      onEnabled();
    },
    onError: (error) => {
      if (isApiError(error)) codeForm.setErrors(error.fieldErrors);
    },
  });

  if (!setup) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      const body = passwordForm.validate(EnableTwoFactor, passwordForm.values);
      if (body) enable.mutate(body.password);
    };
    return (
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("security.enableTitle")}>
        <Stack>
          <Title order={2} size="h4">
            {t("security.enableTitle")}
          </Title>
          <Text size="sm">{t("security.enableIntro")}</Text>
          <PasswordInput {...passwordForm.text("password")} label={t("security.confirmPassword")} autoComplete="current-password" required />
          <ErrorAlert error={enable.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={enable.isPending}>
              {t("security.enable")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  const secret = totpSecret(setup.totpUri);
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    const body = codeForm.validate(VerifyTwoFactor, codeForm.values);
    if (body) verify.mutate(body.code);
  };

  return (
    <Stack>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            {t("security.scanTitle")}
          </Title>
          <Text size="sm">{t("security.scanIntro")}</Text>
          <Group align="flex-start" wrap="wrap">
            <QrCode value={setup.totpUri} size={196} label={t("security.qrLabel")} />
            <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
              <Anchor href={setup.totpUri} size="sm">
                {t("security.openInApp")}
              </Anchor>
              {secret && (
                <>
                  <Text size="sm">{t("security.manualEntry")}</Text>
                  <Code block data-testid="totp-secret" fz="md" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                    {groupSecret(secret)}
                  </Code>
                </>
              )}
              <Text size="xs" c="dimmed">
                {t("security.uri")}
              </Text>
              <Code block style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }} data-testid="totp-uri">
                {setup.totpUri}
              </Code>
            </Stack>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            {t("security.backupTitle")}
          </Title>
          <Text size="sm">{t("security.backupIntro")}</Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="backup-codes">
            {setup.backupCodes.map((code) => (
              <Code key={code} fz="md" ta="center">
                {code}
              </Code>
            ))}
          </SimpleGrid>
          <Group>
            <CopyButton value={setup.backupCodes.join("\n")}>
              {({ copied, copy }) => (
                <Button variant="light" size="xs" onClick={copy}>
                  {copied ? t("common.copied") : t("security.copyBackup")}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="form" onSubmit={submitCode} noValidate aria-label={t("security.verifyTitle")}>
        <Stack>
          <Title order={2} size="h4">
            {t("security.verifyTitle")}
          </Title>
          <TextInput
            {...codeForm.text("code")}
            label={t("security.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
          />
          <ErrorAlert error={verify.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={verify.isPending}>
              {t("security.verify")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function DisableForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState({ password: "", code: "" });
  const disable = useMutation({
    mutationFn: disableTwoFactor,
    onSuccess: () => {
      form.reset();
      return queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
    onError: (error) => {
      if (isApiError(error)) form.setErrors(error.fieldErrors);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(DisableTwoFactor, { ...form.values, kind: /^\d{6}$/.test(form.values.code.trim()) ? "totp" : "backup" });
    if (body) disable.mutate(body);
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("security.disableTitle")}>
      <Stack>
        <Title order={2} size="h4">
          {t("security.disableTitle")}
        </Title>
        <Text size="sm">{t("security.disableIntro")}</Text>
        <PasswordInput {...form.text("password")} label={t("security.confirmPassword")} autoComplete="current-password" required />
        <TextInput {...form.text("code")} label={t("security.freshCode")} description={t("security.freshCodeHint")} autoComplete="one-time-code" required />
        <ErrorAlert error={disable.error} />
        <Group justify="flex-end">
          <Button type="submit" color="red" variant="light" loading={disable.isPending}>
            {t("security.disable")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
