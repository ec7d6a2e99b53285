import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { NewPassword } from "@koperasi/contracts";
import { queryKeys } from "../../../api/keys";
import { isApiError } from "../../../api/problem";
import type { SessionInfo } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { roleLabel } from "../../../lib/labels";
import { useFormState } from "../../../lib/useFormState";
import { useLanguage } from "../../../lib/useLanguage";
import { LoginForm } from "../../auth/components/LoginForm";
import { useSession } from "../../auth/hooks/useSession";
import { acceptInvitation, fetchInvitationPreview } from "../api/invitation";

/** /undangan/<token>: a new person sets a password; someone with a login signs in and accepts. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t("invitation.title"));
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const preview = useQuery({ queryKey: queryKeys.invitation(token), queryFn: () => fetchInvitationPreview(token), retry: false });
  const form = useFormState({ password: "" });

  const accept = useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (s: SessionInfo) => {
      queryClient.setQueryData(queryKeys.session, s);
      navigate(preview.data ? `/k/${preview.data.koperasiSlug}/app` : "/app", { replace: true });
    },
    onError: (error) => {
      if (isApiError(error)) form.setErrors(error.fieldErrors);
    },
  });

  if (preview.isPending || session.isPending) return <FullPageLoader />;

  const submitNew = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewPassword.safeParse(form.values.password);
    if (!parsed.success) {
      form.setErrors({ password: parsed.error.issues[0]?.message ?? t("errors.unexpected") });
      return;
    }
    accept.mutate({ token, password: parsed.data });
  };

  return (
    <PublicLayout>
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Title order={2}>{t("invitation.title")}</Title>
          {preview.isError ? (
            <ErrorAlert error={preview.error} title={t("invitation.invalid")} />
          ) : (
            preview.data && (
              <>
                <Text>
                  {t("invitation.intro", {
                    name: preview.data.name,
                    koperasi: preview.data.koperasiName,
                    role: roleLabel(preview.data.role, language),
                  })}
                </Text>
                <ErrorAlert error={accept.error} />
                {session.data ? (
                  <Stack>
                    <Alert variant="light">{t("invitation.signedInAs", { name: session.data.user.name, email: session.data.user.email })}</Alert>
                    <Button onClick={() => accept.mutate({ token })} loading={accept.isPending}>
                      {t("invitation.accept")}
                    </Button>
                  </Stack>
                ) : preview.data.existingAccount ? (
                  <Stack>
                    <Text size="sm">{t("invitation.signInFirst")}</Text>
                    <LoginForm onSignedIn={() => accept.mutate({ token })} />
                  </Stack>
                ) : (
                  <form onSubmit={submitNew} noValidate>
                    <Stack>
                      <PasswordInput
                        {...form.text("password")}
                        label={t("invitation.newPassword")}
                        description={t("fields.passwordHint")}
                        autoComplete="new-password"
                        required
                      />
                      <Button type="submit" loading={accept.isPending}>
                        {t("invitation.acceptAndCreate")}
                      </Button>
                    </Stack>
                  </form>
                )}
              </>
            )
          )}
        </Stack>
      </Paper>
    </PublicLayout>
  );
}
