import type { OwnCard } from "./api/member-card";

// The printed card's QR never expires (until the card is revoked), so the app
// keeps the last one it saw and shows it when there is no signal — a member
// at the counter of a village cooperative is often offline. Only what the
// card itself shows is kept: no NIK, no balances.

export interface KeptCard {
  readonly koperasiName: string;
  readonly primaryColor: string;
  readonly memberNumber: string;
  readonly fullName: string;
  readonly serial: string;
  readonly qrSvg: string;
}

const PREFIX = "koperasi-pintar:kartu:";
const key = (koperasiId: string, userId: string) => `${PREFIX}${koperasiId}:${userId}`;

export function keptCardOf(card: OwnCard): KeptCard {
  return {
    koperasiName: card.koperasi.name,
    primaryColor: card.koperasi.primaryColor,
    memberNumber: card.member.memberNumber,
    fullName: card.member.fullName,
    serial: card.card.serial,
    qrSvg: card.card.qrSvg,
  };
}

export function keepCard(storage: Storage, koperasiId: string, userId: string, card: KeptCard): void {
  try {
    storage.setItem(key(koperasiId, userId), JSON.stringify(card));
  } catch {
    // A full or disabled storage only loses the offline copy.
  }
}

export function keptCard(storage: Storage, koperasiId: string, userId: string): KeptCard | null {
  return readKept(storage, key(koperasiId, userId));
}

/**
 * Every card kept on this phone — what the app can show when it starts
 * without a connection and so cannot ask who is signed in.
 */
export function keptCards(storage: Storage): KeptCard[] {
  const cards: KeptCard[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const name = storage.key(i);
    const card = name?.startsWith(PREFIX) ? readKept(storage, name) : null;
    if (card) cards.push(card);
  }
  return cards;
}

/** Signing out leaves no card behind: on a shared phone the next person must not be able to show it. */
export function forgetKeptCards(storage: Storage): void {
  try {
    const names: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const name = storage.key(i);
      if (name?.startsWith(PREFIX)) names.push(name);
    }
    names.forEach((name) => storage.removeItem(name));
  } catch {
    // Nothing kept, or no storage: nothing to forget.
  }
}

function readKept(storage: Storage, name: string): KeptCard | null {
  try {
    const raw = storage.getItem(name);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<KeptCard>;
    const fields: (keyof KeptCard)[] = ["koperasiName", "primaryColor", "memberNumber", "fullName", "serial", "qrSvg"];
    return fields.every((field) => typeof value[field] === "string") ? (value as KeptCard) : null;
  } catch {
    return null;
  }
}

/** An SVG drawn by our server, as an image source: shown through <img>, so nothing in it can run. */
export function svgImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
