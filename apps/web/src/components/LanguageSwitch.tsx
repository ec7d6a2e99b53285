import { SegmentedControl, VisuallyHidden } from "@mantine/core";
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
      // Short on screen; a screen reader hears each language's name.
      data={(["id", "en"] as const).map((value) => ({
        value,
        label: (
          <>
            <span aria-hidden="true">{value.toUpperCase()}</span>
            <VisuallyHidden>{t(`language.${value}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
