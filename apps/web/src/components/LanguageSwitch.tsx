import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { setLanguage, isLanguage } from "../i18n";
import { useLanguage } from "../lib/useLanguage";

export function LanguageSwitch({ size = "xs" }: { size?: "xs" | "sm" }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t("language.label")}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) void setLanguage(value);
      }}
      data={[
        { value: "id", label: "ID" },
        { value: "en", label: "EN" },
      ]}
    />
  );
}
