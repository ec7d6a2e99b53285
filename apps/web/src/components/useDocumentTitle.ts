import { useEffect } from "react";

export function useDocumentTitle(title: string | null | undefined, suffix = "Koperasi Pintar"): void {
  useEffect(() => {
    document.title = title ? `${title} · ${suffix}` : suffix;
  }, [title, suffix]);
}
