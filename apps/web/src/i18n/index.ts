import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { id } from "./id";

export type Language = "id" | "en";
export const LANGUAGES: readonly Language[] = ["id", "en"];
export const LANGUAGE_STORAGE_KEY = "koperasi.lang";

export function isLanguage(value: unknown): value is Language {
  return value === "id" || value === "en";
}

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : "id";
  } catch {
    return "id";
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "id",
  supportedLngs: ["id", "en"],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

function applyDocumentLanguage(language: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = language;
}
applyDocumentLanguage(i18n.language);
i18n.on("languageChanged", applyDocumentLanguage);

export function setLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this visit only
  }
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "id";
}
