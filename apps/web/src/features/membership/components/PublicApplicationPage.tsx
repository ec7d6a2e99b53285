import { Alert, Button, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useSession } from "../../auth/hooks/useSession";
import { useKoperasiScope } from "../../koperasi/components/KoperasiScope";
import { requestApplicationCode, submitPublicApplication } from "../api/membership";

/**
 * /k/<slug>/daftar-anggota: a person applies to join, on her phone, proving
 * her e-mail address with a code — or, signed in, on her login as it is.
 */
export function PublicApplicationPage() {
  const { t } = useTranslation();
  const koperasi = useKoperasiScope();
  const session = useSession();
  const signedInEmail = session.data?.user.email ?? null;
  useDocumentTitle(t("membership.apply.title"));
  const [fullName, setFullName] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const sendCode = useMutation({ mutationFn: () => requestApplicationCode(koperasi!.slug, email) });
  const submit = useMutation({
    mutationFn: () =>
      submitPublicApplication(koperasi!.slug, {
        fullName,
        ...(signedInEmail === null ? { email, code } : {}),
        ...(phone ? { phone } : {}),
        ...(address ? { address } : {}),
      }),
  });
  if (!koperasi) return <FullPageLoader />;

  if (submit.data) {
    return (
      <Stack p="md" maw={480} mx="auto">
        <Title order={1} size="h3">
          {t("membership.apply.title")}
        </Title>
        <Alert color="green" role="status">
          {t("membership.apply.done", { name: koperasi.name })}
        </Alert>
      </Stack>
    );
  }

  const onSend = (event: FormEvent) => {
    event.preventDefault();
    sendCode.mutate();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  return (
    <Stack p="md" maw={480} mx="auto">
      <Title order={1} size="h3">
        {t("membership.apply.title")}
      </Title>
      <Text c="dimmed">{t("membership.apply.intro", { name: koperasi.name })}</Text>
      <Paper withBorder p="md">
        <form onSubmit={sendCode.isSuccess || signedInEmail !== null ? onSubmit : onSend}>
          <Stack>
            <TextInput label={t("membership.fields.fullName")} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} required autoComplete="name" />
            <TextInput label={t("membership.fields.phone")} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} type="tel" autoComplete="tel" />
            <TextInput label={t("membership.fields.address")} value={address} onChange={(e) => setAddress(e.currentTarget.value)} autoComplete="street-address" />
            {signedInEmail === null ? (
              <TextInput label={t("membership.fields.email")} value={email} onChange={(e) => setEmail(e.currentTarget.value)} type="email" required autoComplete="email" />
            ) : (
              <Text size="sm">{t("membership.apply.asUser", { email: signedInEmail })}</Text>
            )}
            {sendCode.isSuccess && (
              <>
                <Text size="sm">{t("membership.apply.codeSent", { email })}</Text>
                <TextInput label={t("membership.apply.code")} value={code} onChange={(e) => setCode(e.currentTarget.value)} inputMode="numeric" maxLength={6} required />
              </>
            )}
            <ErrorAlert error={sendCode.error ?? submit.error} showFieldErrors />
            {sendCode.isSuccess || signedInEmail !== null ? (
              <Button type="submit" loading={submit.isPending}>
                {t("membership.apply.submit")}
              </Button>
            ) : (
              <Button type="submit" loading={sendCode.isPending}>
                {t("membership.apply.sendCode")}
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
