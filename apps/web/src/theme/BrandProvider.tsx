import { MantineProvider, type CSSVariablesResolver } from "@mantine/core";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PLATFORM_COLOR, normalizeHex } from "./palette";
import { buildTheme, DIMMED_TEXT, type ControlLabels } from "./theme";

// Whitelabel: whichever page has a cooperative in view (its login page, the
// app shell of the active cooperative) lends the whole UI its colour, and the
// browser's theme-color follows, so the installed app's title bar matches.

interface BrandContextValue {
  setBrandColor: (colour: string | null) => void;
}

const BrandContext = createContext<BrandContextValue>({ setBrandColor: () => undefined });

export function BrandProvider({ children }: { children: ReactNode }) {
  const [colour, setColour] = useState<string | null>(null);
  const { t, i18n } = useTranslation();
  const labels = useMemo<ControlLabels>(
    () => ({
      passwordVisibility: t("common.passwordVisibility"),
      pageControl: {
        first: t("common.pageControl.first"),
        previous: t("common.pageControl.previous"),
        next: t("common.pageControl.next"),
        last: t("common.pageControl.last"),
      },
      pageNumber: (page) => t("common.pageNumber", { page }),
    }),
    // The labels follow the interface's language.
    [t, i18n.resolvedLanguage],
  );
  const theme = useMemo(() => buildTheme(colour, labels), [colour, labels]);
  const value = useMemo<BrandContextValue>(() => ({ setBrandColor: (next) => setColour(next ? normalizeHex(next) : null) }), []);

  useEffect(() => {
    setMetaThemeColor(colour ?? PLATFORM_COLOR);
  }, [colour]);

  return (
    <BrandContext.Provider value={value}>
      <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={readableDimmedText}>
        {children}
      </MantineProvider>
    </BrandContext.Provider>
  );
}

const readableDimmedText: CSSVariablesResolver = () => ({ variables: {}, light: { "--mantine-color-dimmed": DIMMED_TEXT }, dark: {} });

/** Lends the UI a cooperative's colour while the calling component is mounted. */
export function useBrandColor(colour: string | null | undefined): void {
  const { setBrandColor } = useContext(BrandContext);
  useEffect(() => {
    if (!colour) return;
    setBrandColor(colour);
    return () => setBrandColor(null);
  }, [colour, setBrandColor]);
}

function setMetaThemeColor(colour: string): void {
  let meta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (!meta) {
    meta = document.createElement("meta");
    meta.name = "theme-color";
    document.head.appendChild(meta);
  }
  meta.content = colour;
}
