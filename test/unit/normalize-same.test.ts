import { describe, expect, it } from 'vitest';
import { fold, isSettled, nfc, stripMarks } from '../../src/text/normalize.js';
import { random } from '../support/random.js';

/**
 * `stripMarks` and `nfc` map characters through a table and skip work the text does not need;
 * these check them against plain definitions (each precomposed Latin letter as its NFD base
 * letter, đ/Đ as d/D, combining marks dropped; the three replacements always made) on random
 * text of the characters that matter.
 */
function referenceStrip(text: string): string {
  let out = '';
  // Text is put in NFC only when it has combining marks (a text without any is left as it is).
  for (const ch of /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text) {
    const c = ch.codePointAt(0) as number;
    if (c === 0x111) out += 'd';
    else if (c === 0x110) out += 'D';
    else if (c >= 0x300 && c <= 0x36f) continue;
    else if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length === 1 ? base : ch;
    } else out += ch;
  }
  return out;
}

function referenceNfc(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

const POOL = [
  ..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ0123456789.,“”–-’'\t\n\r",
  '\u0300',
  '\u0301',
  '\u0303',
  '\u0309',
  '\u0323',
  '\u036f',
  '\u00a0',
  '\u00ad',
  '\u00c0',
  '\u024f',
  '\u1e00',
  '\u1eff',
  '\u1f00',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u200f',
  '\u2010',
  '\u2029',
  '\u202a',
  '\u202f',
  '\u205f',
  '\u2060',
  '\u2065',
  '\u2069',
  '\u206a',
  '\u3000',
  '\ufeff',
  '\u0000',
  '\u0008',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u009f',
  '\ud800',
  '\udc00',
  '😀',
  'ﬁ',
];

describe('stripMarks and nfc', () => {
  it('give what the plain definitions give, short and long texts alike', () => {
    const rnd = random(3);
    for (let round = 0; round < 3000; round++) {
      const length = round % 10 === 0 ? 200 + Math.floor(rnd() * 3000) : Math.floor(rnd() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += POOL[Math.floor(rnd() * POOL.length)];
      expect(stripMarks(text)).toBe(referenceStrip(text));
      expect(fold(text)).toBe(referenceStrip(text.toLowerCase()));
      expect(nfc(text)).toBe(referenceNfc(text));
    }
  });

  it('keep text that needs nothing done as it is', () => {
    expect(stripMarks('plain ascii text')).toBe('plain ascii text');
    expect(nfc('Hà Nội “mới”')).toBe('Hà Nội “mới”');
    expect(stripMarks('Đường Hồ Chí Minh')).toBe('Duong Ho Chi Minh');
  });

  it('leave settled text as it is: every settled character is NFC alone and beside any other settled one', () => {
    const settled: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSettled(String.fromCharCode(c))) settled.push(String.fromCharCode(c));
    // Tab, line breaks, printable ASCII, Latin-1 and Latin Extended-A/B, Vietnamese, common punctuation.
    expect(settled.length).toBeGreaterThan(650);
    for (const ch of ['a', 'Đ', 'ệ', 'ư', '“', '–', '…', '•', '\n']) expect(settled).toContain(ch);
    for (const ch of ['\u00a0', '\u00ad', 'İ', '\u0301', '\u200b', '\u2028', '\u205f', 'ά', 'й', '\ud83d', '\u0000', '\u007f'])
      expect(settled).not.toContain(ch);
    for (const c of settled) {
      expect(referenceNfc(c)).toBe(c);
      expect(c.toLowerCase()).toHaveLength(1);
      expect(fold(c)).toHaveLength(1);
      expect(/\u0130|[\u0300-\u036f]/.test(c)).toBe(false);
      // A starter (no combining class): nothing is reordered across it.
      expect(/\p{M}/u.test(c)).toBe(false);
    }
    // Between starters, composition joins only neighbours: no pair composes, so no longer text of them does either.
    let pairs = 0;
    for (const a of settled) {
      for (const b of settled) {
        if ((a + b).normalize('NFC') !== a + b) throw new Error(`${a}${b} composes`);
        pairs++;
      }
    }
    expect(pairs).toBe(settled.length ** 2);
  });

  it('tell settled text from text with anything else in it', () => {
    expect(isSettled('')).toBe(true);
    expect(isSettled('Bệnh viện Bạch Mai – “Hà Nội”…\n')).toBe(true);
    expect(isSettled('Hà Nội\u00a0mới')).toBe(false);
    expect(isSettled('He\u0301')).toBe(false);
    expect(isSettled('Москва')).toBe(false);
    expect(nfc('Hà Nội\u00a0mới')).toBe('Hà Nội mới');
  });
});
