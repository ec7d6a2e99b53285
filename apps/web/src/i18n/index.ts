import i18next from "i18next";
import { initReactI18next } from "react-i18next";
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

const initialLanguage = storedLanguage();

void i18n.use(initReactI18next).init({
  // Bahasa Indonesia is in the first download; English loads when chosen.
  resources: { id: { translation: id } },
  lng: initialLanguage,
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

let english: Promise<void> | undefined;

function catalogueOf(language: Language): Promise<void> {
  if (language === "id") return Promise.resolve();
  english ??= import("./en").then(({ en }) => {
    i18n.addResourceBundle("en", "translation", en);
  });
  return english;
}

/** Resolves once the catalogue of the language chosen on an earlier visit is loaded (the first render waits for it). */
export const languageReady: Promise<void> = catalogueOf(initialLanguage);

/** Switches the interface's language (loading its catalogue first) and remembers the choice on this device. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this visit only
  }
  await catalogueOf(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "id";
}
