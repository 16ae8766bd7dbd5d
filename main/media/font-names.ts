/**
 * Reads a TrueType/OpenType font's family name from its `name` table, which is also how libass
 * (captions) and pango (text on assets) find it: a font is only useful if we know the name they
 * match. Anything that is not a well-formed TTF/OTF is refused with a message saying why.
 */
import { AppError } from '../../shared/errors';

export interface FontNames {
  /** Name ID 1: the family libass and fontconfig match ("Bungee"). */
  family: string;
  /** Name ID 2: "Regular", "Bold"… */
  subfamily: string;
  format: 'ttf' | 'otf';
}

const FAMILY = 1;
const SUBFAMILY = 2;

function bad(name: string, why: string): AppError {
  return new AppError(
    'VALIDATION',
    `${name} is not a usable font: ${why}. Import a TrueType (.ttf) or OpenType (.otf) font file.`,
  );
}

function decode(bytes: Buffer, platform: number): string {
  if (platform === 1) return bytes.toString('latin1');
  // Unicode and Windows names are UTF-16BE.
  const swapped = Buffer.from(bytes);
  if (swapped.length % 2 === 1) return '';
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** The names of a TTF/OTF font; VALIDATION naming the file and the problem otherwise. */
export function readFontNames(font: Buffer, name: string): FontNames {
  if (font.length < 12) throw bad(name, 'the file is too short');
  const tag = font.toString('latin1', 0, 4);
  const format =
    tag === 'OTTO' ? 'otf' : tag === '\x00\x01\x00\x00' || tag === 'true' ? 'ttf' : null;
  if (format === null) {
    const what =
      tag === 'wOFF' || tag === 'wOF2'
        ? 'it is a WOFF web font'
        : tag === 'ttcf'
          ? 'it is a font collection (.ttc)'
          : 'it does not start with a TrueType/OpenType header';
    throw bad(name, what);
  }
  const numTables = font.readUInt16BE(4);
  if (numTables === 0 || 12 + numTables * 16 > font.length)
    throw bad(name, 'its table directory is damaged');
  let nameOffset = -1;
  let nameLength = 0;
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    if (font.toString('latin1', at, at + 4) === 'name') {
      nameOffset = font.readUInt32BE(at + 8);
      nameLength = font.readUInt32BE(at + 12);
    }
  }
  if (nameOffset < 0) throw bad(name, 'it has no name table');
  if (nameOffset + nameLength > font.length || nameLength < 6)
    throw bad(name, 'its name table is damaged');
  const table = font.subarray(nameOffset, nameOffset + nameLength);
  const count = table.readUInt16BE(2);
  const storage = table.readUInt16BE(4);
  if (6 + count * 12 > table.length) throw bad(name, 'its name table is damaged');
  // Best first: Windows English (US), any Windows, Unicode, Mac Roman.
  const rank = (platform: number, language: number) =>
    platform === 3 && language === 0x409 ? 0 : platform === 3 ? 1 : platform === 0 ? 2 : 3;
  const found = new Map<number, { rank: number; text: string }>();
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    const platform = table.readUInt16BE(at);
    const language = table.readUInt16BE(at + 4);
    const id = table.readUInt16BE(at + 6);
    const length = table.readUInt16BE(at + 8);
    const offset = storage + table.readUInt16BE(at + 10);
    if ((id !== FAMILY && id !== SUBFAMILY) || platform > 3 || platform === 2) continue;
    if (offset + length > table.length) continue;
    const text = decode(table.subarray(offset, offset + length), platform).trim();
    const r = rank(platform, language);
    const known = found.get(id);
    if (text !== '' && (!known || r < known.rank)) found.set(id, { rank: r, text });
  }
  const family = found.get(FAMILY)?.text;
  if (!family) throw bad(name, 'it has no family name');
  // ASS style lines are comma-separated; pango markup parses its own syntax.
  if (/[,\\{}<>&"]/.test(family) || family.length > 100)
    throw bad(name, `its family name "${family.slice(0, 100)}" has characters captions cannot use`);
  return { family, subfamily: found.get(SUBFAMILY)?.text ?? 'Regular', format };
}
