import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { initialsIcon, initialsOf, logoIcon, textColorOn } from "./icons";
import { validateLogo } from "./logo";
import { shortNameOf, webManifest } from "./manifest";
import { looksLikeSvg, sanitizeSvg, stripExternalCss } from "./svg";

describe("sanitizeSvg", () => {
  const attack = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="a()">
  <style>@import url("https://x.example/a.css"); .c { fill: url(#g); stroke: url('https://x.example/s') }</style>
  <script>alert(1)</script>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#0b7a53"/></linearGradient></defs>
  <circle class="c" cx="5" cy="5" r="4" fill="url(#g)" onmouseover="b()" style="filter: url(https://x.example/f)"/>
  <rect width="1" height="1" filter="url(https://x.example/f#x)" mask="url(#g)"/>
  <image xlink:href="https://x.example/pixel.png" width="1" height="1"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <use href="https://x.example/sprite.svg#icon"/>
  <a href="javascript:alert(1)"><text>a</text></a>
  <a xlink:href="https://x.example"><text>b</text></a>
  <foreignObject><iframe src="https://x.example"></iframe></foreignObject>
  <set attributeName="href" to="javascript:alert(1)"/>
  <animate attributeName="href" values="javascript:alert(1)"/>
</svg>`;

  it("removes scripts, handlers, external references and foreign content, keeping the drawing", async () => {
    const clean = (await sanitizeSvg(attack)) ?? "";
    expect(clean).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(clean).toContain("<circle");
    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain('mask="url(#g)"');
    expect(clean).toContain(".c { fill: url(#g)");
    expect(clean).toContain("data:image/png;base64");
    for (const bad of [/<script/i, /\son\w+=/i, /javascript:/i, /x\.example/, /foreignObject/i, /<iframe/i, /<set/i, /<animate/i, /@import/i, /DOCTYPE/i]) {
      expect(clean).not.toMatch(bad);
    }
  });

  it("adds the SVG namespace a standalone file needs", async () => {
    expect(await sanitizeSvg('<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>')).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  });

  it("refuses what is not one SVG document", async () => {
    expect(looksLikeSvg("<html><svg></svg></html>")).toBe(false);
    expect(await sanitizeSvg("<html><svg></svg></html>")).toBeNull();
    expect(await sanitizeSvg("teks <svg></svg>")).toBeNull();
    expect(await sanitizeSvg("<svg></svg><svg></svg>")).toBeNull();
    expect(await sanitizeSvg('<?xml version="1.0"?><catalog/>')).toBeNull();
    expect(await sanitizeSvg('<svg><svg x="1"><rect/></svg></svg>')).toContain("<rect>");
  });

  it("strips external CSS references only", () => {
    expect(stripExternalCss("a{fill:url(#x)} b{fill:url( 'http://e/x' )} @import 'y.css';")).toBe("a{fill:url(#x)} b{fill:none} ");
  });
});

describe("validateLogo", () => {
  const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: "#102030" } }).png().toBuffer();

  it("re-encodes a PNG without its metadata or trailing bytes", async () => {
    const original = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#102030" } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: "rahasia" } } })
      .toBuffer();
    const withTrailer = Buffer.concat([original, Buffer.from("<script>alert(1)</script>")]);
    const logo = await validateLogo({ bytes: withTrailer, fileName: "logo.png" });
    expect(logo.contentType).toBe("image/png");
    expect(logo.bytes.includes(Buffer.from("<script>"))).toBe(false);
    expect(logo.bytes.includes(Buffer.from("rahasia"))).toBe(false);
  });

  it("goes by content when the name has no extension, by the name when it has one", async () => {
    expect((await validateLogo({ bytes: await png(4, 4), fileName: "logo" })).kind).toBe("png");
    expect((await validateLogo({ bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'), fileName: "logo", mimeType: "image/svg+xml" })).kind).toBe("svg");
    await expect(validateLogo({ bytes: await png(4, 4), fileName: "logo.gif" })).rejects.toMatchObject({ status: 415, code: "logo_type" });
    await expect(validateLogo({ bytes: Buffer.alloc(0), fileName: "logo.png" })).rejects.toMatchObject({ status: 400 });
  });

  it("refuses an SVG drawn on a canvas larger than 4096 px", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="5000" height="100"><rect width="10" height="10"/></svg>');
    await expect(validateLogo({ bytes: svg, fileName: "logo.svg" })).rejects.toMatchObject({ status: 400, code: "logo_dimensions" });
  });
});

describe("icons", () => {
  it("takes initials from the words that name the cooperative", () => {
    expect(initialsOf("Koperasi Sejahtera Makmur Bersama")).toBe("SM");
    expect(initialsOf("KSP Mitra Usaha")).toBe("MU");
    expect(initialsOf("Kopérasi Élang")).toBe("E");
    expect(initialsOf("Koperasi")).toBe("K");
    expect(initialsOf("   ")).toBe("K");
  });

  it("picks readable text for the primary colour", () => {
    expect(textColorOn("#0b7a53")).toBe("#ffffff");
    expect(textColorOn("#000000")).toBe("#ffffff");
    expect(textColorOn("#ffee58")).toBe("#1a1a1a");
    expect(textColorOn("#ffffff")).toBe("#1a1a1a");
  });

  it("draws square PNGs at the manifest sizes", async () => {
    for (const size of [192, 512] as const) {
      const icon = await initialsIcon("Koperasi <Maju> & \"Jaya\"", "#123456", size);
      expect(await sharp(icon).metadata()).toMatchObject({ format: "png", width: size, height: size });
    }
    const tall = await sharp({ create: { width: 10, height: 400, channels: 4, background: "#ff0000" } }).png().toBuffer();
    const icon = await logoIcon(tall, "png", 192);
    const meta = await sharp(icon).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([192, 192, false]);
  });
});

describe("web manifest", () => {
  it("shortens the name to at most 12 characters, by whole words where possible", () => {
    expect(shortNameOf("KSP Maju")).toBe("KSP Maju");
    expect(shortNameOf("Koperasi Sejahtera")).toBe("Sejahtera");
    expect(shortNameOf("Koperasi Maju Jaya Bersama")).toBe("Maju Jaya");
    expect(shortNameOf("Koperasi Simpanpinjamsejahtera")).toBe("Simpanpinjam");
    for (const name of ["Koperasi Konsumen Pegawai Negeri Sipil Kabupaten Malang", "Ab", "Koperasi Ünïcödé Sëjahtëra"]) {
      expect(Array.from(shortNameOf(name)).length).toBeLessThanOrEqual(12);
    }
  });

  it("scopes the app to the cooperative's own path", () => {
    const manifest = webManifest({ slug: "kop-maju", name: "Koperasi Maju", primaryColor: "#aa3311" });
    expect(manifest).toMatchObject({ id: "/k/kop-maju/", scope: "/k/kop-maju/", start_url: "/k/kop-maju/", display: "standalone", lang: "id", theme_color: "#aa3311" });
    expect(manifest.icons).toHaveLength(4);
    expect(new Set(manifest.icons.map((icon) => icon.purpose))).toEqual(new Set(["any", "maskable"]));
  });
});
