import { describe, expect, it } from "vitest";
import { brandedEmailHtml } from "./branded-email";

const brand = { name: "Koperasi <Maju> & Jaya", primaryColor: "#aa3300", logoUrl: "https://contoh.id/api/v1/public/koperasi/maju/logo", loginUrl: "https://contoh.id/k/maju/" };

describe("brandedEmailHtml", () => {
  it("carries the cooperative's name, colour and logo, escaped", () => {
    const html = brandedEmailHtml(brand, "Undangan", "Halo,\n\nBuka https://contoh.id/undangan/abc.def");
    expect(html).toContain("Koperasi &lt;Maju&gt; &amp; Jaya");
    expect(html).not.toContain("<Maju>");
    expect(html).toContain("background:#aa3300");
    expect(html).toContain('<img src="https://contoh.id/api/v1/public/koperasi/maju/logo"');
    expect(html).toContain('<a href="https://contoh.id/undangan/abc.def"');
  });

  it("never lets the text inject markup, and falls back to the default colour for a bad one", () => {
    const html = brandedEmailHtml({ ...brand, primaryColor: "red;background:url(x)", logoUrl: null }, "S", '<script>alert(1)</script> "x"');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("background:#0b7a53");
    expect(html).not.toContain("<img");
  });
});
