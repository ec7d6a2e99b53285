import { describe, expect, it } from "vitest";
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, LOGO_MAX_BYTES, LOGO_TYPES } from "@koperasi/contracts";
import { checkUpload, mediaTypeOf } from "./upload";

const documents = { types: DOCUMENT_TYPES, maxBytes: DOCUMENT_MAX_BYTES };
const logos = { types: LOGO_TYPES, maxBytes: LOGO_MAX_BYTES };

describe("checkUpload", () => {
  it("accepts documents of the allowed types up to 5 MB", () => {
    expect(checkUpload({ name: "akta.pdf", size: DOCUMENT_MAX_BYTES, type: "application/pdf" }, documents)).toBeNull();
    expect(checkUpload({ name: "sk.JPG", size: 1000, type: "image/jpeg" }, documents)).toBeNull();
    expect(checkUpload({ name: "sk.png", size: 1000, type: "image/png" }, documents)).toBeNull();
  });
  it("refuses oversized, empty and wrong-type files", () => {
    expect(checkUpload({ name: "akta.pdf", size: DOCUMENT_MAX_BYTES + 1, type: "application/pdf" }, documents)).toBe("too_large");
    expect(checkUpload({ name: "akta.pdf", size: 0, type: "application/pdf" }, documents)).toBe("empty");
    expect(checkUpload({ name: "akta.docx", size: 10, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }, documents)).toBe(
      "wrong_type",
    );
    expect(checkUpload({ name: "logo.jpg", size: 10, type: "image/jpeg" }, logos)).toBe("wrong_type");
    expect(checkUpload({ name: "logo.png", size: LOGO_MAX_BYTES + 1, type: "image/png" }, logos)).toBe("too_large");
  });
  it("falls back to the extension when the browser gives no type", () => {
    expect(mediaTypeOf({ name: "logo.SVG", size: 1, type: "" })).toBe("image/svg+xml");
    expect(checkUpload({ name: "logo.svg", size: 10, type: "" }, logos)).toBeNull();
    expect(mediaTypeOf({ name: "noextension", size: 1, type: "" })).toBe("");
  });
});
