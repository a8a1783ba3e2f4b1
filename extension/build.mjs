// Builds the unpacked extension: dist/ for Chrome and Edge, or dist-firefox/ with --firefox.
import { build } from "esbuild";
import { deflateSync } from "node:zlib";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const firefox = process.argv.includes("--firefox");
const out = join(root, firefox ? "dist-firefox" : "dist");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "icons"), { recursive: true });

await build({
  entryPoints: {
    background: join(root, "src/background.ts"),
    content: join(root, "src/content/index.ts"),
    popup: join(root, "src/popup/popup.ts"),
    options: join(root, "src/options/options.ts"),
  },
  outdir: out,
  bundle: true,
  format: "iife",
  target: ["chrome116", "firefox128"],
  loader: { ".css": "text" },
  legalComments: "none",
  logLevel: "warning",
});

for (const page of ["popup/popup.html", "options/options.html", "popup/popup.css", "options/options.css"]) {
  copyFileSync(join(root, "src", page), join(out, page.split("/")[1]));
}
copyFileSync(join(root, "managed_schema.json"), join(out, "managed_schema.json"));

const manifest = JSON.parse(readFileSync(join(root, "static/manifest.json"), "utf8"));
manifest.version = pkg.version;
if (firefox) {
  // Firefox: event-page background, its own add-on id; no managed schema file and no Chrome key.
  manifest.background = { scripts: ["background.js"] };
  manifest.browser_specific_settings = { gecko: { id: "clearpost@clearpost.local", strict_min_version: "128.0" } };
  delete manifest.key;
  delete manifest.minimum_chrome_version;
  delete manifest.storage;
}
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2));

for (const size of [16, 32, 48, 128]) writeFileSync(join(out, "icons", `icon${size}.png`), iconPng(size));

/** The toolbar icon, drawn here so no binary is committed: a teal disc with a white check mark. */
function iconPng(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const radius = size / 2;
  // The check mark as two segments in a unit square.
  const segments = [[0.27, 0.52, 0.44, 0.69], [0.44, 0.69, 0.75, 0.34]];
  const stroke = 0.085;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const coverage = Math.max(0, Math.min(1, radius - Math.hypot(x - c, y - c)));
      if (coverage === 0) continue;
      const u = (x + 0.5) / size, v = (y + 0.5) / size;
      const onCheck = segments.some(([x1, y1, x2, y2]) => distanceToSegment(u, v, x1, y1, x2, y2) < stroke);
      const [r, g, b] = onCheck ? [255, 255, 255] : [17, 119, 116];
      rgba.set([r, g, b, Math.round(coverage * 255)], i);
    }
  }
  return encodePng(size, size, rgba);
}

function distanceToSegment(px, py, x1, y1, x2, y2) {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

function encodePng(width, height, rgba) {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
