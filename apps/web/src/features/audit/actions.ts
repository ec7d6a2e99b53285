import type { TFunction } from "i18next";
import { ACTION_INFO, isAction } from "@koperasi/domain";
import type { Language } from "../../i18n";
import { id, type Catalogue } from "../../i18n/id";

type AuditActionKey = keyof Catalogue["auditAction"];

function isAuditActionKey(key: string): key is AuditActionKey {
  return Object.hasOwn(id.auditAction, key);
}

/** What the server recorded, in words: the catalogue's name for it, else the permission's label, else the code itself. */
export function auditActionLabel(action: string, language: Language, t: TFunction): string {
  const key = action.replace(/\./g, "_");
  if (isAuditActionKey(key)) return t(`auditAction.${key}`);
  return isAction(action) ? ACTION_INFO[action].label[language] : action;
}
