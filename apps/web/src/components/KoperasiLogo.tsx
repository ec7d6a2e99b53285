import { Avatar, Image } from "@mantine/core";

/** The cooperative's logo, or its initials on its colour when it has none. */
export function KoperasiLogo({ name, logoUrl, size = 40, color }: { name: string; logoUrl: string | null | undefined; size?: number; color?: string }) {
  if (logoUrl) return <Image src={logoUrl} alt={name} h={size} w={size} fit="contain" radius="sm" />;
  return (
    <Avatar size={size} radius="sm" color={color ?? "brand"} variant="filled" aria-hidden>
      {initials(name)}
    </Avatar>
  );
}

export function initials(name: string): string {
  const words = name
    .replace(/^koperasi\s+/i, "")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return (words.slice(0, 2).map((w) => w[0]?.toUpperCase() ?? "").join("") || "K").slice(0, 2);
}
