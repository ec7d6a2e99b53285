import { extractText, getDocumentProxy } from "unpdf";

/** What a PDF says, page by page, as a reader's text extraction sees it — for tests that check a document's content. */
export async function pdfPages(bytes: Uint8Array): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const document = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(document, { mergePages: false });
  const { info } = await document.getMetadata();
  return { pages: text, info: info as Record<string, unknown> };
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).pages.join("\n");
}
