import {
  ACCOUNT_TYPE_LABELS,
  KOPERASI_TYPE_LABELS,
  MODULES,
  POSITION_LABELS,
  ROLE_LABELS,
  TIME_ZONE_LABELS,
  TIME_ZONE_NAMES,
  isAccountType,
  isKoperasiType,
  isModuleId,
  isRole,
  isStandardPosition,
  isTimeZone,
} from "@koperasi/domain";
import type { Language } from "../i18n";

// Names of roles, positions, cooperative types, zones and modules come from
// @koperasi/domain in both languages, so the server, documents and UI agree.

export function roleLabel(role: string, language: Language): string {
  return isRole(role) ? ROLE_LABELS[role][language] : role;
}

/** Standard positions get their label; a cooperative's own ("Bendahara II") is shown as written. */
export function positionLabel(position: string, language: Language): string {
  return isStandardPosition(position) ? POSITION_LABELS[position][language] : position;
}

export function koperasiTypeLabel(type: string, language: Language): string {
  if (!isKoperasiType(type)) return type;
  const label = KOPERASI_TYPE_LABELS[type];
  const name = label[language];
  // "Koperasi Simpan Pinjam (KSP/USP)", but not "Koperasi Konsumen (Konsumen)".
  return name.toLowerCase().includes(label.short.toLowerCase()) ? name : `${name} (${label.short})`;
}

export function timeZoneLabel(zone: string, language: Language): string {
  return isTimeZone(zone) ? TIME_ZONE_NAMES[zone][language] : zone;
}

export function timeZoneShort(zone: string): string {
  return isTimeZone(zone) ? TIME_ZONE_LABELS[zone] : zone;
}

export function moduleName(module: string, language: Language): string {
  if (!isModuleId(module)) return module;
  return MODULES.find((m) => m.id === module)?.name[language] ?? module;
}

export function moduleDescription(module: string, language: Language): string {
  if (!isModuleId(module)) return "";
  return MODULES.find((m) => m.id === module)?.description[language] ?? "";
}

/** Aset, Liabilitas, … from the domain (the chart of accounts' own words). */
export function accountTypeLabel(type: string, language: Language): string {
  return isAccountType(type) ? ACCOUNT_TYPE_LABELS[type][language] : type;
}
