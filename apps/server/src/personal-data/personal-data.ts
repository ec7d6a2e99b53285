import type { z } from "zod";
import type { MemberDetail, MemberHeir, MemberStatusChange } from "@koperasi/contracts";
import { ROLE_LABELS, type Role } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { listMemberAccounts } from "../ledger/member-accounts";
import { cardsOf } from "../member-card/cards";
import { ownMember } from "../member-card/member-cards";
import { memberFileUrl } from "../member-card/photo";
import { listHeirs } from "../members/member-heirs";
import { memberStatusHistory } from "../members/member-status";
import type { MemberKeyring } from "../members/member-keys";
import { readMemberDetail } from "../members/members";

// A member's right to her data (UU 27/2022 on personal data protection,
// art. 7 and 13): everything this cooperative holds about her, in one
// download — her login, her roles here, her member record with NIK, phone
// and mother's maiden name opened (they are hers), its status history, her
// heirs, links to her photo and KTP scan, her accounts and balances, her
// cards. Export is itself audited: a download of personal
// data is something she (or an investigator) may later want to see.

export interface PersonalData {
  readonly exportedAt: string;
  readonly koperasi: { readonly id: string; readonly name: string };
  readonly login: { readonly name: string; readonly email: string; readonly phone: string | null };
  readonly roles: readonly { readonly role: Role; readonly label: string }[];
  readonly member: Omit<z.infer<typeof MemberDetail>, "identityVisible" | "sharedPhone" | "hasLogin">;
  readonly statusHistory: readonly z.infer<typeof MemberStatusChange>[];
  readonly heirs: readonly z.infer<typeof MemberHeir>[];
  /** Links to the stored images (need her login to open). */
  readonly files: { readonly photo: string | null; readonly ktp: string | null };
  readonly accounts: readonly {
    readonly accountCode: string;
    readonly accountName: string;
    /** Whole Rupiah. */
    readonly balance: number;
    readonly status: "open" | "closed";
  }[];
  readonly cards: readonly {
    readonly serial: string;
    readonly issuedAt: string;
    readonly revokedAt: string | null;
    readonly revokeReason: string | null;
  }[];
}

/** Everything held about the signed-in member, audited as member.personal_data_export. */
export async function collectPersonalData(cmd: CommandContext, keyring: MemberKeyring, format: "json" | "pdf"): Promise<PersonalData> {
  const { trx, koperasiId, koperasi, actor } = cmd;
  const member = await ownMember(trx, koperasiId, actor.userId);
  const detail = await readMemberDetail(trx, keyring, koperasiId, member.id, { identityVisible: true, onlyUserId: actor.userId });
  if (!detail) throw new Error(`member ${member.id} vanished while its data was exported`);
  const { identityVisible: _identityVisible, sharedPhone: _sharedPhone, hasLogin: _hasLogin, ...record } = detail;
  const statusHistory = await memberStatusHistory(trx, koperasiId, member.id);
  const heirs = await listHeirs(trx, keyring, koperasiId, member.id, true);
  const accounts = await listMemberAccounts(trx, koperasiId, { memberId: member.id, page: 1, pageSize: 1000 });
  const cards = await cardsOf(trx, koperasiId, member.id);
  await cmd.audit({ action: "member.personal_data_export", targetType: "member", targetId: member.id, details: { format } });
  return {
    exportedAt: cmd.now.toISOString(),
    koperasi: { id: koperasi.id, name: koperasi.name },
    login: { name: actor.name, email: actor.email, phone: actor.phone },
    roles: actor.roles.map((role) => ({ role, label: ROLE_LABELS[role].id })),
    member: record,
    statusHistory,
    heirs,
    files: {
      photo: record.hasPhoto ? memberFileUrl(koperasiId, member.id, "photo") : null,
      ktp: record.hasKtp ? memberFileUrl(koperasiId, member.id, "ktp") : null,
    },
    accounts: accounts.items.map((account) => ({
      accountCode: account.accountCode,
      accountName: account.accountName,
      balance: Number(account.balance),
      status: account.status,
    })),
    // The cards' QR codes are left out: they are credentials, not data about her.
    cards: cards.map((card) => ({
      serial: card.serial,
      issuedAt: card.issued_at.toISOString(),
      revokedAt: card.revoked_at ? card.revoked_at.toISOString() : null,
      revokeReason: card.revoke_reason,
    })),
  };
}
