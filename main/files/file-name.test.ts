import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './file-name';

describe('sanitizeFileName', () => {
  it.each([
    ['clip.mp4', 'clip.mp4'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\video.mov', 'video.mov'],
    ['a<b>c:d"e|f?g*h.png', 'a_b_c_d_e_f_g_h.png'],
    ['bad\u0000name\u001f.txt', 'bad_name_.txt'],
    ['  .hidden. ', 'hidden'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['', 'file'],
    ['..', 'file'],
    ['résumé 日本語.mp4', 'résumé 日本語.mp4'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps very long names at 200 bytes and keeps the extension', () => {
    const name = sanitizeFileName(`${'あ'.repeat(300)}.mp4`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith('.mp4')).toBe(true);
  });
});
