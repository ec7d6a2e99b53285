import { Badge, Button, Group, PinInput, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { OtpCode } from "@koperasi/contracts";
import type { RegistrationState } from "../../../api/types";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { resendRegistrationCode, verifyRegistration, type ResumeHandle } from "../api/registration";

const RESEND_COOLDOWN_SECONDS = 60;

/** One channel's six-digit code: enter it (it is checked as soon as six digits are in), or ask for a new one. */
export function CodeVerifier({
  handle,
  channel,
  destination,
  verified,
  onVerified,
}: {
  handle: ResumeHandle;
  channel: "email" | "phone";
  destination: string;
  verified: boolean;
  onVerified: (state: RegistrationState) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [cooldown, setCooldown] = useState(0);
  const [resent, setResent] = useState(false);
  const label = channel === "email" ? t("registration.emailCode") : t("registration.phoneCode");
  const inputId = `code-${channel}`;

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const verify = useMutation({
    mutationFn: (value: string) => verifyRegistration(handle, { channel, code: value }),
    onSuccess: (state) => {
      setCode("");
      onVerified(state);
    },
    onError: () => setCode(""),
  });
  const resend = useMutation({
    mutationFn: () => resendRegistrationCode(handle, channel),
    onSuccess: () => {
      setResent(true);
      setCooldown(RESEND_COOLDOWN_SECONDS);
    },
  });

  const submit = (value: string) => {
    if (verify.isPending) return;
    const parsed = OtpCode.safeParse(value);
    if (!parsed.success) {
      setLocalError(parsed.error.issues[0]?.message ?? t("errors.unexpected"));
      return;
    }
    setLocalError(null);
    verify.mutate(parsed.data);
  };

  return (
    <Stack gap="xs" data-testid={`verify-${channel}`}>
      <Group justify="space-between" wrap="wrap">
        <Text component="label" htmlFor={`${inputId}-1`} fw={600}>
          {label}
        </Text>
        {verified && <Badge color="green">{t("registration.verified")}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {channel === "email" ? t("registration.emailSentTo", { destination }) : t("registration.phoneSentTo", { destination })}
      </Text>
      {!verified && (
        <>
          <PinInput
            id={inputId}
            name={`${channel}Code`}
            length={6}
            type="number"
            oneTimeCode
            value={code}
            onChange={(value) => {
              setCode(value);
              setLocalError(null);
            }}
            onComplete={submit}
            error={Boolean(localError || verify.error)}
            disabled={verify.isPending}
            ariaLabel={label}
            getInputProps={(index) => ({ "aria-label": index === 0 ? label : t("registration.codeDigit", { label, n: index + 1 }) })}
          />
          {localError && (
            <Text size="sm" c="red" role="alert">
              {localError}
            </Text>
          )}
          <ErrorAlert error={verify.error} />
          {/* Asked again too soon: not a fault, the answer says when she can ask again. */}
          <ErrorAlert
            error={resend.error}
            title={isApiError(resend.error) && resend.error.code === "code_rate_limited" ? t("registration.resendTooSoonTitle") : undefined}
          />
          {resent && !resend.error && (
            <Text size="sm" c="green">
              {t("registration.codeResent")}
            </Text>
          )}
          <Group>
            <Button onClick={() => submit(code)} loading={verify.isPending} size="sm">
              {t("registration.verify")}
            </Button>
            <Button variant="subtle" size="sm" onClick={() => resend.mutate()} loading={resend.isPending} disabled={cooldown > 0}>
              {cooldown > 0 ? t("registration.resendIn", { seconds: cooldown }) : t("common.resend")}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
