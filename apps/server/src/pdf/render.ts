import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as PdfmakeModule from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";

// pdfmake is one object per process. It is configured here once: Roboto
// (shipped inside the pdfmake package, so every install has it) is read into
// pdfmake's in-memory file system and embedded, subset, in every document
// (pdfmake resolves fonts by name, not from bytes), and both
// access policies refuse everything — a document is built from data we hand
// it (images as data URLs, SVG as text), so a value that happens to look
// like a path or a URL (a member's name, an address) can never make the
// server read a local file or fetch from the network.

export const PDF_FONT = "Roboto";

const FONT_FILES = {
  normal: "Roboto-Regular.ttf",
  bold: "Roboto-Medium.ttf",
  italics: "Roboto-Italic.ttf",
  bolditalics: "Roboto-MediumItalic.ttf",
} as const;

/** pdfmake's in-memory file system (its typings leave it out). */
interface VirtualFiles {
  writeFileSync(name: string, content: Buffer): void;
}

type Pdfmake = typeof PdfmakeModule;
let configured: Promise<Pdfmake> | undefined;

/** pdfmake, loaded on first use (a start needs no PDF) and configured once. */
function configuredPdfmake(): Promise<Pdfmake> {
  configured ??= import("pdfmake").then(({ default: pdfmake }) => {
    configure(pdfmake);
    return pdfmake;
  });
  return configured;
}

function configure(pdfmake: Pdfmake): void {
  const fontDir = join(dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")), "fonts", "Roboto");
  const memory = (pdfmake as unknown as { virtualfs: VirtualFiles }).virtualfs;
  const family: Record<string, string> = {};
  for (const [style, file] of Object.entries(FONT_FILES)) {
    const name = `koperasi-fonts/${file}`;
    memory.writeFileSync(name, readFileSync(join(fontDir, file)));
    family[style] = name;
  }
  pdfmake.setFonts({ [PDF_FONT]: family });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
}

/** A finished PDF file from a pdfmake document definition, fonts embedded. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  const pdfmake = await configuredPdfmake();
  const document = pdfmake.createPdf({
    ...definition,
    defaultStyle: { font: PDF_FONT, fontSize: 10, ...definition.defaultStyle },
  });
  return document.getBuffer();
}
