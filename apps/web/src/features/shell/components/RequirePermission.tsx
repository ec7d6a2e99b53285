import { Alert } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Action } from "@koperasi/domain";
import { useCan } from "../hooks/useAppContext";

/** Hides a page the role may not use; the server refuses it anyway. */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Action[]; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!anyOf.some(can)) {
    return (
      <Alert color="red" variant="light" title={t("errors.forbiddenTitle")}>
        {t("errors.forbidden")}
      </Alert>
    );
  }
  return <>{children}</>;
}
