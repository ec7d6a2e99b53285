import { ICON_SIZES } from "./icons";

// Each cooperative installs as its own app: its manifest's `id` and `scope`
// are its own path, so a person in two cooperatives gets two icons on the
// home screen, each opening its own login page.

export const SHORT_NAME_MAX = 12;

const LEADING_GENERIC = /^(?:koperasi|kop\.?|primkop|ksp|ksu|kspps)\s+/i;

export interface ManifestSource {
  slug: string;
  name: string;
  primaryColor: string;
}

export interface ManifestIcon {
  src: string;
  sizes: string;
  type: "image/png";
  purpose: "any" | "maskable";
}

export interface WebManifest {
  id: string;
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: "standalone";
  lang: "id";
  dir: "ltr";
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
}

/** At most 12 characters, as launchers truncate beyond that: whole words where possible. */
export function shortNameOf(name: string): string {
  const full = name.trim().replace(/\s+/g, " ");
  if (Array.from(full).length <= SHORT_NAME_MAX) return full;
  const rest = full.replace(LEADING_GENERIC, "");
  if (Array.from(rest).length <= SHORT_NAME_MAX) return rest;
  let short = "";
  for (const word of rest.split(" ")) {
    const next = short ? `${short} ${word}` : word;
    if (Array.from(next).length > SHORT_NAME_MAX) break;
    short = next;
  }
  return short || Array.from(rest).slice(0, SHORT_NAME_MAX).join("").trimEnd();
}

export function appPath(slug: string): string {
  return `/k/${slug}/`;
}

export function iconUrl(slug: string, size: number): string {
  return `/api/v1/public/koperasi/${slug}/icon-${size}.png`;
}

export function webManifest(source: ManifestSource): WebManifest {
  const path = appPath(source.slug);
  const icons: ManifestIcon[] = [];
  for (const purpose of ["any", "maskable"] as const) {
    for (const size of ICON_SIZES) icons.push({ src: iconUrl(source.slug, size), sizes: `${size}x${size}`, type: "image/png", purpose });
  }
  return {
    id: path,
    name: source.name,
    short_name: shortNameOf(source.name),
    start_url: path,
    scope: path,
    display: "standalone",
    lang: "id",
    dir: "ltr",
    theme_color: source.primaryColor,
    background_color: source.primaryColor,
    icons,
  };
}
