// Draws the platform's app icons (PNG) into apps/web/public with nothing but
// Node: a signed-distance "K" on the platform green, anti-aliased by 4×4
// supersampling, written by a minimal PNG encoder (zlib + CRC-32).
// Run: node apps/web/scripts/icons.mjs
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BRAND = [0x1d, 0x7a, 0x5a];
const WHITE = [0xff, 0xff, 0xff];
const publicDir = fileURLToPath(new URL("../public/", import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function roundedSquareInside(x, y, radius) {
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  return Math.hypot(qx, qy) <= radius;
}

/** The glyph, in unit coordinates around the centre, scaled by `scale`. */
function glyph(x, y, scale) {
  const u = (x - 0.5) / scale + 0.5;
  const v = (y - 0.5) / scale + 0.5;
  const stroke = 0.06;
  const ring = Math.abs(Math.hypot(u - 0.5, v - 0.5) - 0.36) <= 0.035;
  const k =
    segmentDistance(u, v, 0.38, 0.3, 0.38, 0.7) <= stroke ||
    segmentDistance(u, v, 0.4, 0.52, 0.63, 0.3) <= stroke ||
    segmentDistance(u, v, 0.47, 0.47, 0.65, 0.7) <= stroke;
  return ring || k;
}

function draw(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const inside = maskable || roundedSquareInside(x, y, 0.2);
          if (!inside) continue;
          bg++;
          if (glyph(x, y, maskable ? 0.72 : 0.9)) fg++;
        }
      }
      const total = samples * samples;
      const i = (py * size + px) * 4;
      const fgShare = bg === 0 ? 0 : fg / bg;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BRAND[c] * (1 - fgShare) + WHITE[c] * fgShare);
      rgba[i + 3] = Math.round((bg / total) * 255);
    }
  }
  return encodePng(size, rgba);
}

const outputs = [
  ["icon-192.png", 192, { maskable: false }],
  ["icon-512.png", 512, { maskable: false }],
  ["icon-maskable-512.png", 512, { maskable: true }],
  ["apple-touch-icon.png", 180, { maskable: true }],
];
for (const [name, size, options] of outputs) {
  writeFileSync(publicDir + name, draw(size, options));
  console.log(`wrote public/${name}`);
}
