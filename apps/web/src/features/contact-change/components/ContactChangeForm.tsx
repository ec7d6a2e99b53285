import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmContactChange, RequestContactChange } from "@koperasi/contracts";
import { fieldErrorsFromIssues, isApiError, type FieldErrors } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import type { ContactChannel, SentCode } from "../api/contact-change";
import { useConfirmContactChange, useRequestContactChange } from "../hooks/useContactChange";

/** The server's refusals that belong on a field land there, in its fuller words when it is more than a format error; anything else is shown above the buttons. */
function errorsOf(error: unknown): { fields: FieldErrors; general: unknown } {
  if (!isApiError(error)) return { fields: {}, general: error };
  const fields: FieldErrors = {};
  const say = (message: string) => (error.code === "invalid_input" ? message : error.detail || message);
  if (error.fieldErrors.value) fields.value = say(error.fieldErrors.value);
  if (error.fieldErrors.code) fields.code = say(error.fieldErrors.code);
  return { fields, general: Object.keys(fields).length > 0 ? null : error };
}

/**
 * A member changes her own phone or e-mail in two steps: the new value gets a
 * six-digit code, and only the code makes it hers. Narrow by design (one
 * column), for a phone held in one hand.
 */
export function ContactChangeForm({
  koperasiId,
  memberId,
  timeZone,
  onDone,
  onChanged,
}: {
  koperasiId: string;
  memberId: string;
  timeZone: string;
  /** Closed without a change. */
  onDone: () => void;
  /** The new value is on her record. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const send = useRequestContactChange(koperasiId);
  const confirm = useConfirmContactChange(koperasiId, memberId);
  const [channel, setChannel] = useState<ContactChannel>("phone");
  const [value, setValue] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<SentCode | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<unknown>(null);

  const fail = (error: unknown) => {
    const { fields, general: rest } = errorsOf(error);
    setErrors(fields);
    setGeneral(rest);
  };

  const submitValue = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const parsed = RequestContactChange.safeParse({ channel, value });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    send.mutate(parsed.data, {
      onSuccess: (result) => {
        setErrors({});
        setSent(result);
        setCode("");
      },
      onError: fail,
    });
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const parsed = ConfirmContactChange.safeParse({ channel, code });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    confirm.mutate(parsed.data, { onSuccess: onChanged, onError: fail });
  };

  const startOver = () => {
    setSent(null);
    setCode("");
    setErrors({});
    setGeneral(null);
  };

  return (
    <Paper withBorder p="sm" mt="sm" data-testid="contact-change-form" aria-label={t("contactChange.title")} role="group">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t("contactChange.title")}
        </Text>
        {sent === null ? (
          <form onSubmit={submitValue} noValidate>
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                {t("contactChange.intro")}
              </Text>
              <Text size="xs" fw={500} data-testid="contact-change-login-note">
                {t("contactChange.loginUnchanged")}
              </Text>
              <SegmentedControl
                fullWidth
                aria-label={t("contactChange.channel")}
                value={channel}
                onChange={(next) => {
                  setChannel(next as ContactChannel);
                  setErrors({});
                  setGeneral(null);
                }}
                data={[
                  { value: "phone", label: t("contactChange.phone") },
                  { value: "email", label: t("contactChange.email") },
                ]}
                data-testid="contact-change-channel"
              />
              <TextInput
                label={channel === "phone" ? t("contactChange.newPhone") : t("contactChange.newEmail")}
                placeholder={channel === "phone" ? t("contactChange.phonePlaceholder") : t("contactChange.emailPlaceholder")}
                type={channel === "phone" ? "tel" : "email"}
                inputMode={channel === "phone" ? "tel" : "email"}
                autoComplete={channel === "phone" ? "tel" : "email"}
                value={value}
                onChange={(event) => {
                  setValue(event.currentTarget.value);
                  setErrors({});
                }}
                error={errors.value}
                required
                data-testid="contact-change-value"
              />
              <ErrorAlert error={general} />
              <Group justify="flex-end" gap="xs">
                <Button variant="subtle" onClick={onDone}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" loading={send.isPending} data-testid="contact-change-send">
                  {t("contactChange.send")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <form onSubmit={submitCode} noValidate>
            <Stack gap="sm">
              <Alert variant="light" color="blue" role="status" data-testid="contact-change-sent">
                {t("contactChange.sentTo", { to: sent.sentTo, time: formatDateTime(sent.expiresAt, timeZone, language) })}
              </Alert>
              {sent.sharedPhone && (
                <Alert variant="light" color="yellow" data-testid="contact-change-shared-phone">
                  {t("registry.sharedPhone")}
                </Alert>
              )}
              <TextInput
                label={t("contactChange.code")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(event) => {
                  setCode(event.currentTarget.value.replace(/\D/g, ""));
                  setErrors({});
                }}
                error={errors.code}
                required
                data-testid="contact-change-code"
              />
              <ErrorAlert error={general} />
              <Group justify="space-between" gap="xs">
                <Button variant="subtle" size="compact-sm" onClick={startOver}>
                  {t("contactChange.changeValue")}
                </Button>
                <Button type="submit" loading={confirm.isPending} data-testid="contact-change-confirm">
                  {t("contactChange.confirm")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
