import { useEffect } from "react";

/**
 * Points `<link rel=…>` at `href` while the caller is mounted and restores it
 * afterwards. Used for the per-cooperative web manifest: Chrome reads the
 * manifest link when it decides what "Install app" installs.
 */
export function useHeadLink(rel: string, href: string | null, attributes: Record<string, string> = {}): void {
  const attributeKey = JSON.stringify(attributes);
  useEffect(() => {
    if (!href) return;
    const extra = JSON.parse(attributeKey) as Record<string, string>;
    let link = document.head.querySelector<HTMLLinkElement>(`link[rel="${rel}"]`);
    const created = !link;
    const previous = link?.getAttribute("href") ?? null;
    if (!link) {
      link = document.createElement("link");
      link.rel = rel;
      document.head.appendChild(link);
    }
    link.setAttribute("href", href);
    for (const [name, value] of Object.entries(extra)) link.setAttribute(name, value);
    const element = link;
    return () => {
      if (created) element.remove();
      else if (previous !== null) element.setAttribute("href", previous);
    };
  }, [rel, href, attributeKey]);
}
