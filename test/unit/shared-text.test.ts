import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paragraphButtons } from '../../adapters/shared/buttons.js';
import { cleanText, hasWords, paragraphIdFrom, readCheckText, readQuestion, safeUrl, shown } from '../../adapters/shared/text.js';

describe('cleanText', () => {
  it('cleans any text to NFC without invisible or control characters, idempotently', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\u200b', '\u200f', '\u202e', '\u2066', '\ufeff', '\u0000', '\u0085', 'e\u0301', '\ud800', ' ', '\n'),
            fc.string({ unit: 'grapheme', maxLength: 3 }),
          ),
        }),
        (s) => {
          const c = cleanText(s);
          expect(c).toBe(c.normalize('NFC'));
          expect(c).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0000-\u001f\u007f-\u009f]/);
          expect(c).toBe(c.trim());
          expect(cleanText(c)).toBe(c);
        },
      ),
    );
    expect(cleanText('Tong\u200b thu ky\u202e  IEC\n la ai?')).toBe('Tong thu ky IEC la ai?');
    expect(cleanText('a\u000bb\u00a0c')).toBe('a b c');
  });

  it('knows a question from punctuation and marks alone', () => {
    expect(hasWords('Ai?')).toBe(true);
    expect(hasWords('2024')).toBe(true);
    expect(hasWords(cleanText('\u200b … ?! \u0007'))).toBe(false);
  });
});

describe('paragraph ids and echoes', () => {
  it('accepts only well-formed paragraph ids', () => {
    expect(paragraphIdFrom(' do-luong-lmc-2023#p3 ')).toBe('do-luong-lmc-2023#p3');
    expect(paragraphIdFrom('do-luong-lmc-2023#p3\u200b')).toBe('do-luong-lmc-2023#p3');
    for (const bad of ['../../etc/passwd', '/etc/passwd#p1', 'a#p0', 'A#p1', 'a b#p1', `${'a'.repeat(5000)}#p1`, 'a#p1#p2', '']) {
      expect(paragraphIdFrom(bad), bad).toBeNull();
    }
  });

  it('echoes at most 48 characters of what the user sent', () => {
    expect(shown('x'.repeat(5000))).toHaveLength(48);
    expect(shown(' ngắn\u200b ')).toBe('ngắn');
  });
});

describe('safeUrl', () => {
  it('passes absolute http(s) URLs only, and none over 2,048 characters', () => {
    expect(safeUrl('https://most.gov.vn/vn/tin-tuc/1.aspx')).toBe('https://most.gov.vn/vn/tin-tuc/1.aspx');
    expect(safeUrl('http://a.example/x y')).toBe('http://a.example/x%20y');
    for (const bad of [undefined, '', 'javascript:alert(1)', 'ftp://a.example/', '/relative', 'not a url', `https://a.example/${'x'.repeat(2040)}`]) {
      expect(safeUrl(bad), bad).toBeUndefined();
    }
  });
});

describe('paragraphButtons', () => {
  const buttons = paragraphButtons('p:', (data) => data.length <= 30);
  it('round-trips ids that fit, and nothing else', () => {
    expect(buttons.decode(buttons.encode('iec-thanh-vien-2024#p6'))).toBe('iec-thanh-vien-2024#p6');
    expect(buttons.encode('a-very-long-article-identifier#p1')).toBeNull();
    for (const bad of [undefined, 42, 'p:', 'x:iec#p1', 'p:iec#p1 ', 'p:iec#p1\u0000', 'p:../../etc/passwd', `p:${'a'.repeat(40)}#p1`]) {
      expect(buttons.decode(bad), String(bad)).toBeNull();
    }
  });
});

describe('readQuestion', () => {
  it('cleans, refuses empty text, and refuses or cuts text over the limit', () => {
    expect(readQuestion('  Ai là\u200b Tổng Thư ký IEC? ', 100)).toEqual({ kind: 'ok', text: 'Ai là Tổng Thư ký IEC?', cut: false });
    expect(readQuestion(' \u200b … ', 100)).toEqual({ kind: 'empty' });
    expect(readQuestion('IEC '.repeat(30), 100)).toEqual({ kind: 'too-long', text: 'IEC '.repeat(30).trim(), length: 119 });
    const cut = readQuestion('IEC '.repeat(30), 100, 'cut');
    expect(cut).toMatchObject({ kind: 'ok', cut: true });
    expect((cut as { text: string }).text).toHaveLength(100);
    // A cut never leaves half of a surrogate pair.
    expect(readQuestion(`${'a'.repeat(99)}😀`, 100, 'cut')).toEqual({ kind: 'ok', text: 'a'.repeat(99), cut: true });
  });
});

describe('readCheckText', () => {
  it('cleans each line and keeps the line breaks that end a post’s sentences', () => {
    expect(readCheckText(' TIN NÓNG\u200b \r\n\n  Hội nghị diễn ra tại Bắc Kinh \n#tin ', 100)).toEqual({
      kind: 'ok',
      text: 'TIN NÓNG\nHội nghị diễn ra tại Bắc Kinh\n#tin',
      cut: false,
    });
    expect(readCheckText(' \n\u200b\n ', 100)).toEqual({ kind: 'empty' });
    expect(readCheckText('a'.repeat(150), 100)).toMatchObject({ kind: 'too-long', length: 150 });
    expect(readCheckText('a'.repeat(150), 100, 'cut')).toMatchObject({ kind: 'ok', cut: true, text: 'a'.repeat(100) });
  });
});
