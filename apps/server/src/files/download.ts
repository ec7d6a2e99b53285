// How a stored file goes back out. An uploaded file is someone's data, never
// a page of this site: it is always a download (Content-Disposition:
// attachment), and every API answer carries a sandboxing content security
// policy (http/security-headers.ts), so even a file a browser is led to open
// directly runs nothing.

/** `attachment` with the file's own name, written so any name (spaces, non-ASCII) survives. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
