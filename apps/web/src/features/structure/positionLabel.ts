import { PENGAWAS_POSITION_LABELS, type PengawasPosition } from "@koperasi/domain";
import type { Language } from "../../i18n";
import { positionLabel as pengurusPositionLabel } from "../../lib/labels";

const isPengawasPosition = (position: string): position is PengawasPosition => Object.hasOwn(PENGAWAS_POSITION_LABELS, position);

/** Any post in the structure: the pengawas' two, then pengurus positions as the app names them everywhere. */
export function positionLabel(position: string, language: Language): string {
  return isPengawasPosition(position) ? PENGAWAS_POSITION_LABELS[position][language] : pengurusPositionLabel(position, language);
}
