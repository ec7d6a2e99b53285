import type { UponSanitizeAttributeHook, UponSanitizeElementHook } from "isomorphic-dompurify";

// An uploaded SVG logo is a document, not a picture: it can carry scripts,
// event handlers, links and references that make a browser fetch something
// else. What is stored is the sanitised text, never the upload, so the logo
// is harmless wherever it is shown (an <img>, a new tab, a PDF renderer).

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG document at the start of the text: optional XML prolog, comments and doctype, then <svg. */
const LOOKS_LIKE_SVG = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+svg[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>/]/i;

/** Embedded raster images are not external references; anything else that is not `#fragment` is. */
const EMBEDDED_RASTER = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

const LINK_ATTRIBUTES = new Set(["href", "xlink:href", "src"]);

/** True when the text is an SVG document (before sanitising). */
export function looksLikeSvg(text: string): boolean {
  return LOOKS_LIKE_SVG.test(text);
}

/** CSS with external references removed: `@import` rules dropped, `url(...)` kept only for `#fragment`s. */
export function stripExternalCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, "")
    .replace(/url\(\s*(['"]?)\s*(?!#)[^)]*\)/gi, "none")
    .replace(/expression\s*\(/gi, "(");
}

/**
 * Returns the sanitised SVG markup, or null when nothing usable is left (the
 * upload was not an SVG document with an <svg> root).
 */
export async function sanitizeSvg(text: string): Promise<string | null> {
  if (!looksLikeSvg(text)) return null;
  // Loaded on first use: it brings a whole DOM (jsdom), a third of the server's start-up.
  const { default: DOMPurify } = await import("isomorphic-dompurify");

  const onElement: UponSanitizeElementHook = (node, data) => {
    if (data.tagName === "style" && node.textContent) node.textContent = stripExternalCss(node.textContent);
  };
  const onAttribute: UponSanitizeAttributeHook = (node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue.trim();
    if (LINK_ATTRIBUTES.has(name)) {
      const isImage = node.nodeName.toLowerCase() === "image";
      if (!value.startsWith("#") && !(isImage && EMBEDDED_RASTER.test(value))) data.keepAttr = false;
      return;
    }
    if (name === "style") {
      data.attrValue = stripExternalCss(data.attrValue);
      return;
    }
    if (/url\(/i.test(value) && !/^url\(\s*['"]?#[^)]*\)$/i.test(value)) data.keepAttr = false;
  };

  // Hooks are added and removed around one synchronous call, so no other
  // sanitising elsewhere in the process ever runs with them.
  DOMPurify.addHook("uponSanitizeElement", onElement);
  DOMPurify.addHook("uponSanitizeAttribute", onAttribute);
  let clean: string;
  try {
    clean = DOMPurify.sanitize(text, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ["script", "foreignObject", "iframe", "embed", "object", "audio", "video", "animate", "animateMotion", "animateTransform", "set"],
      FORBID_ATTR: ["onload", "onerror", "onclick", "onbegin", "onend", "onrepeat"],
      ALLOW_DATA_ATTR: false,
      ALLOW_UNKNOWN_PROTOCOLS: false,
      KEEP_CONTENT: false,
    });
  } finally {
    DOMPurify.removeHook("uponSanitizeAttribute", onAttribute);
    DOMPurify.removeHook("uponSanitizeElement", onElement);
  }

  const trimmed = clean.trim();
  if (!/^<svg[\s>]/i.test(trimmed) || !/<\/svg>$/i.test(trimmed)) return null;
  // One root: whatever sat beside the <svg> (HTML around it) is not a logo.
  if (!singleRoot(trimmed)) return null;
  // A standalone SVG file needs its namespace (inline SVG in HTML does not).
  const withNs = /^<svg[^>]*\sxmlns\s*=/i.test(trimmed) ? trimmed : trimmed.replace(/^<svg/i, `<svg xmlns="${SVG_NS}"`);
  const withXlink =
    /xlink:/i.test(withNs) && !/^<svg[^>]*\sxmlns:xlink\s*=/i.test(withNs)
      ? withNs.replace(/^<svg/i, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"')
      : withNs;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withXlink}\n`;
}

/** Nested <svg> elements are fine; two sibling roots are not. */
function singleRoot(markup: string): boolean {
  let depth = 0;
  const tags = markup.matchAll(/<(\/?)svg\b[^>]*?(\/?)>/gi);
  let first = true;
  for (const tag of tags) {
    if (tag[1] === "/") depth -= 1;
    else if (tag[2] !== "/") {
      if (depth === 0 && !first) return false;
      depth += 1;
    } else if (depth === 0 && !first) return false;
    first = false;
  }
  return depth === 0 && markup.trimEnd().toLowerCase().endsWith("</svg>");
}
