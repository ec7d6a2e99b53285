import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { homePathFor, useSession } from "../hooks/useSession";
import { safeNext } from "../login";
import { LoginForm } from "./LoginForm";

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const session = useSession();
  useDocumentTitle(t("login.title"));

  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to={next ?? homePathFor(session.data)} replace />;

  return (
    <PublicLayout>
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Title order={2}>{t("login.title")}</Title>
          <LoginForm onSignedIn={(s) => navigate(next ?? homePathFor(s), { replace: true })} />
          <Text size="sm">
            {t("login.noAccount")}{" "}
            <Anchor component={Link} to="/daftar">
              {t("landing.register")}
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </PublicLayout>
  );
}
