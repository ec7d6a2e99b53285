import { Alert, List } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/problem";

/** What went wrong, in the server's words (its `detail`), or ours when the server could not be reached. */
export function ErrorAlert({ error, title, showFieldErrors = false }: { error: unknown; title?: string; showFieldErrors?: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = errorMessage(error, t("errors.unexpected"));
  const fields = showFieldErrors && isApiError(error) ? Object.entries(error.fieldErrors) : [];
  return (
    <Alert color="red" variant="light" title={title ?? t("errors.title")} role="alert">
      {detail}
      {fields.length > 0 && (
        <List size="sm" mt="xs">
          {fields.map(([field, message]) => (
            <List.Item key={field}>{message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export function errorMessage(error: unknown, fallback: string): string {
  if (isApiError(error)) return error.detail || fallback;
  return fallback;
}
