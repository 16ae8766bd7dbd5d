// Fills resources/fonts/ with the caption fonts libass uses, copied from npm font packages that
// ship TTF (libass cannot read WOFF2), with each package's licence beside them. Run by
// `npm run build`, the render tests and the render benchmark; fonts are never committed.
// Usage: node scripts/fonts.mjs [--check]   (--check: exit 1 if a font is missing, copy nothing)
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'resources', 'fonts');
const require = createRequire(path.join(root, 'package.json'));

/** package → [files to copy (relative to the package), licence file]. */
const SOURCES = [
  // Latin, Cyrillic, Greek
  [
    '@expo-google-fonts/noto-sans',
    ['400Regular/NotoSans_400Regular.ttf', '700Bold/NotoSans_700Bold.ttf'],
    'LICENSE_FONT',
  ],
  [
    '@expo-google-fonts/noto-sans-arabic',
    ['400Regular/NotoSansArabic_400Regular.ttf', '700Bold/NotoSansArabic_700Bold.ttf'],
    'LICENSE_FONT',
  ],
  [
    '@embedpdf/fonts-hebrew',
    ['fonts/NotoSansHebrew-Regular.ttf', 'fonts/NotoSansHebrew-Bold.ttf'],
    'LICENSE',
  ],
  [
    '@expo-google-fonts/noto-sans-devanagari',
    ['400Regular/NotoSansDevanagari_400Regular.ttf', '700Bold/NotoSansDevanagari_700Bold.ttf'],
    'LICENSE_FONT',
  ],
  // Japanese kana and CJK ideographs
  [
    '@expo-google-fonts/noto-sans-jp',
    ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf'],
    'LICENSE_FONT',
  ],
  // Monochrome emoji (libass draws outlines, not colour bitmaps)
  [
    '@expo-google-fonts/noto-emoji',
    ['400Regular/NotoEmoji_400Regular.ttf', '700Bold/NotoEmoji_700Bold.ttf'],
    'LICENSE_FONT',
  ],
];

// Some packages' `exports` hide package.json from require.resolve: look in node_modules directly.
function packageDir(name) {
  const direct = path.join(root, 'node_modules', name);
  if (existsSync(path.join(direct, 'package.json'))) return direct;
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/**
 * libass 0.17.1 (Debian 12) takes a font's first Windows Unicode cmap, the BMP-only (3,1) one,
 * so emoji above U+FFFF are "not found" although the font's full (3,10) table has them. Point
 * the (3,1) record at the full table: same glyphs, reachable by every libass version.
 */
function preferFullUnicodeCmap(file) {
  const font = readFileSync(file);
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (font.toString('latin1', record, record + 4) !== 'cmap') continue;
    const cmap = font.readUInt32BE(record + 8);
    const count = font.readUInt16BE(cmap + 2);
    const offsets = new Map();
    for (let j = 0; j < count; j++) {
      const at = cmap + 4 + 8 * j;
      offsets.set(`${font.readUInt16BE(at)},${font.readUInt16BE(at + 2)}`, at);
    }
    const bmp = offsets.get('3,1');
    const full = offsets.get('3,10');
    if (bmp === undefined || full === undefined) return;
    if (font.readUInt32BE(bmp + 4) === font.readUInt32BE(full + 4)) return;
    font.writeUInt32BE(font.readUInt32BE(full + 4), bmp + 4);
    writeFileSync(file, font);
  }
}

const check = process.argv.includes('--check');
let missing = 0;
let copied = 0;
mkdirSync(path.join(out, 'licenses'), { recursive: true });
for (const [pkg, files, licence] of SOURCES) {
  const dir = packageDir(pkg);
  if (!dir) {
    process.stderr.write(`fonts: ${pkg} is not installed (npm ci installs it)\n`);
    missing++;
    continue;
  }
  const pairs = [
    ...files.map((f) => [path.join(dir, f), path.join(out, path.basename(f))]),
    [
      path.join(dir, licence),
      path.join(out, 'licenses', `${pkg.replace('/', '__').replace('@', '')}.txt`),
    ],
  ];
  for (const [from, to] of pairs) {
    const fresh = existsSync(to) && statSync(to).size === statSync(from).size;
    // Idempotent, and also fixes copies made before the patch existed.
    if (fresh && !check && /Emoji.*\.ttf$/.test(to)) preferFullUnicodeCmap(to);
    if (fresh) continue;
    if (check) {
      process.stderr.write(`fonts: missing ${path.relative(root, to)}\n`);
      missing++;
      continue;
    }
    copyFileSync(from, to);
    if (/Emoji.*\.ttf$/.test(to)) preferFullUnicodeCmap(to);
    copied++;
  }
}
if (!check && copied > 0)
  process.stdout.write(`fonts: copied ${copied} files into resources/fonts\n`);
process.exit(missing > 0 ? 1 : 0);
