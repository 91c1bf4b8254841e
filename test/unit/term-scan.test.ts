import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermSink, scanTerms } from '../../src/text/term-scan.js';
import { foldedHash, markedHash } from '../../src/text/term-hashes.js';
import { terms } from '../../src/text/tokenize.js';
import { SHARED_DATA } from '../support/corpus.js';

/** What the index stored before the one-pass scanner: terms() hashed term by term. */
function reference(text: string): { marked: number[]; folded: number[] } {
  const t = terms(text);
  return { marked: t.marked.map(markedHash), folded: t.folded.map(foldedHash) };
}

function scanned(text: string, sink = new TermSink()): { marked: number[]; folded: number[] } {
  sink.reset();
  scanTerms(text, sink);
  return { marked: Array.from(sink.marked.subarray(0, sink.length)), folded: Array.from(sink.folded.subarray(0, sink.length)) };
}

// Characters that exercise every rule: Vietnamese letters with and without marks, decomposed
// marks, digits, run separators, phrase breaks, spaces of several kinds, astral letters and
// emoji, lone surrogates, and upper case.
const ALPHABET = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁỐỰ',
  '0',
  '1',
  '9',
  '²',
  '½',
  'Ⅻ',
  '٣',
  '.',
  ',',
  "'",
  '’',
  '-',
  '!',
  '?',
  ';',
  ':',
  '…',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  '“',
  '”',
  '«',
  '»',
  '–',
  '—',
  '/',
  '%',
  '&',
  ' ',
  ' ',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '\u2009',
  '\u3000',
  '\u200b',
  '\u0301',
  '\u0323',
  '\u0300',
  '𝐀',
  '𠀀',
  '😀',
  '\ud800',
  'İ',
  'ß',
  'Σ',
];
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 80 }).map((cs) => cs.join(''));

describe('scanTerms', () => {
  it('gives the hashes of terms() on fixed examples', () => {
    for (const t of [
      'Hội nghị LMC lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.',
      'Lancang-Mekong; 1.000 tỷ đồng, 3,5%, ngày 5/6/2024… “Việt Nam” «IEC» h’mông e.g. covid-19 end.Next',
      'a - b -c d- e  . , ! x.,y ...z',
      'Uỷ ban tiêu chuẩn hoá, thuỷ điện Hoà Bình và sức khoẻ; quý vị hoàn thành.',
      '',
      '   ',
    ]) {
      expect(scanned(t)).toEqual(reference(t));
    }
  });

  it('gives the hashes of terms() on random text', () => {
    const sink = new TermSink();
    fc.assert(
      fc.property(textArb, (t) => {
        expect(scanned(t, sink)).toEqual(reference(t));
      }),
      { numRuns: 3000 },
    );
  });

  const real = `${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`;
  it.skipIf(!fs.existsSync(real))('gives the hashes of terms() on real articles (needs ../shared/data)', () => {
    const sink = new TermSink();
    const lines = fs.readFileSync(real, 'utf8').split('\n').filter(Boolean).slice(0, 150);
    for (const line of lines) {
      const r = JSON.parse(line) as { title: string; body: string };
      for (const p of [r.title, ...r.body.split('\n\n')]) expect(scanned(p, sink)).toEqual(reference(p));
    }
  });
});

describe('TermSink.append', () => {
  it('gives the hashes of scanning the earlier text again, whatever the sink held and whatever follows', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'á', 'đ', 'ư', 'ờ', ' ', '.', ',', '-', '(', '\n', '1', 'B', 'Ế'), maxLength: 80 });
    fc.assert(
      fc.property(text, text, (title, body) => {
        const first = new TermSink();
        scanTerms(title, first);
        const n = first.length;
        const again = new TermSink();
        scanTerms(title, again);
        scanTerms(body, again);
        const appended = new TermSink();
        // A sink grown and reset by other texts first, as a builder's is.
        scanTerms(`${body} ${body} ${title}`, appended);
        appended.reset();
        appended.append(first.marked, first.folded, n);
        scanTerms(body, appended);
        expect(Array.from(appended.marked.subarray(0, appended.length))).toEqual(Array.from(again.marked.subarray(0, again.length)));
        expect(Array.from(appended.folded.subarray(0, appended.length))).toEqual(Array.from(again.folded.subarray(0, again.length)));
      }),
      { numRuns: 300 },
    );
  });
});
