import type { Language } from "../../i18n";

/** A rate the server sends as decimal text ("2.643") as people read it: "2,643%" in Indonesian, "2.643%" in English. */
export function formatRatePercent(text: string, language: Language): string {
  return `${language === "id" ? text.replace(".", ",") : text}%`;
}

/** What someone types as a rate ("1,5", " 1.5 ") as the decimal text the API takes ("1.5"). */
export function rateFromInput(text: string): string {
  return text.trim().replace(",", ".");
}
