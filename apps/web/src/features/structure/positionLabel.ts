import { PENGAWAS_POSITION_LABELS, POSITION_LABELS, isStandardPosition, type PengawasPosition } from "@koperasi/domain";
import type { Language } from "../../i18n";

/** A position as people say it: the standard ones in the UI language, a cooperative's own ones as it named them. */
export function positionLabel(position: string, language: Language): string {
  if (isStandardPosition(position)) return POSITION_LABELS[position][language];
  if (position in PENGAWAS_POSITION_LABELS) return PENGAWAS_POSITION_LABELS[position as PengawasPosition][language];
  return position;
}
