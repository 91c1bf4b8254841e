/**
 * Questions whether the articles mention something, on the seed corpus: where they write it,
 * quoted with its citation, or a plain "not found"; never a verdict on "X có được nhắc đến".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Engine, createEngine, silentLogger } from '../../src/index.js';
import { isReadingLine } from '../../src/answer/verdict-answer.js';
import { CORPUS, tempDir } from '../support/corpus.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ config: { corpus: CORPUS, indexDir: tempDir() }, env: {}, logger: silentLogger });
});
afterAll(() => engine.close());

/** Each quote is verbatim in its paragraph and shown in the text with its marker. */
function quotesOf(a: Answer): string[] {
  for (const c of a.citations) {
    expect(c.paragraph).toContain(c.quote);
    expect(a.text).toContain(`${c.quote}`);
    expect(a.text).toContain(`[${c.marker}]`);
  }
  return a.citations.map((c) => c.quote);
}

describe('mention questions', () => {
  it('quotes the sentence that writes the phrase, typed with or without tone marks', async () => {
    for (const q of ['Tín chỉ carbon có được nhắc đến không?', 'tin chi carbon co duoc nhac den khong']) {
      const a = await engine.ask(q);
      expect(a.refused, a.text).toBe(false);
      expect(a.verdict).toBeUndefined();
      expect(a.citations[0]?.paragraphId).toBe('iec-thanh-vien-2024#p5');
      expect(quotesOf(a)[0]).toContain('tín chỉ carbon');
      const lead = a.text.split('\n')[0] ?? '';
      expect(lead).toMatch(/^Có\. Các bài viết đã lưu nhắc đến “(?:Tín chỉ carbon|tin chi carbon)”:$/u);
      // The line repeats the question's words: evaluations leave it out, as they do "Kiểm chứng nhận định: …".
      expect(isReadingLine(lead)).toBe(true);
      expect(isReadingLine(a.text.split('\n')[1] ?? '')).toBe(false);
    }
  });

  it('quotes each article that writes it once', async () => {
    const a = await engine.ask('Bài viết có nhắc đến Việt Nam không?');
    const articles = a.citations.map((c) => c.articleId);
    expect(new Set(articles)).toEqual(new Set(['do-luong-lmc-2023', 'iec-thanh-vien-2024']));
    expect(articles).toHaveLength(2);
    for (const quote of quotesOf(a)) expect(quote).toContain('Việt Nam');
  });

  it('a follow-up asking in which article lists it, citing the sentence that writes it', async () => {
    const first = await engine.ask('Tín chỉ carbon có được nhắc đến không?');
    const a = await engine.ask('Trong bài nào?', { history: [first] });
    expect(a.understood).toBe('Tín chỉ carbon có được nhắc đến trong bài nào?');
    expect(a.collection).toMatchObject({ kind: 'list', topic: 'Tín chỉ carbon', total: 1 });
    expect(a.citations[0]?.paragraphId).toBe('iec-thanh-vien-2024#p5');
    expect(quotesOf(a)[0]).toContain('tín chỉ carbon');
    // Asked as a list of the latest articles, an article is still shown by how it opens.
    const latest = await engine.ask('Tin mới nhất về IEC?');
    expect(latest.citations[0]?.paragraphId).toBe('iec-thanh-vien-2024#p1');
  });

  it('says plainly when no article writes it', async () => {
    const a = await engine.ask('Có nhắc tới ISO không?');
    expect(a).toMatchObject({ refused: true, reason: 'not-found', citations: [] });
    expect(a.text).toBe('Không tìm thấy “ISO” trong các bài viết đã lưu.');
  });

  it('says when only the words are there, not the phrase as typed', async () => {
    const a = await engine.ask('Hội nghị LMC lần thứ 4 có được nhắc đến không?');
    expect(a.refused).toBe(false);
    expect(a.text.split('\n')[0]).toBe('Các bài viết đã lưu không viết nguyên cụm “Hội nghị LMC lần thứ 4”, nhưng có câu chứa các từ của nó:');
    expect(quotesOf(a)[0]).toContain('Hội nghị chuyên đề LMC lần thứ 4');
  });

  it('reads an English question through the glossary, and is careful where it has no Vietnamese form', async () => {
    const credit = await engine.ask('Is carbon credit mentioned?');
    expect(credit.lang).toBe('en');
    expect(credit.text.split('\n')[0]).toBe('Yes. The stored articles mention “carbon credit” (quoted in Vietnamese):');
    expect(quotesOf(credit)[0]).toContain('tín chỉ carbon');
    const myanmar = await engine.ask('Do the articles mention Myanmar?');
    expect(myanmar.lang).toBe('en');
    expect(myanmar.text.split('\n')[0]).toBe('Yes. The stored articles mention “Myanmar” (quoted in Vietnamese):');
    expect(myanmar.citations[0]?.paragraphId).toBe('do-luong-lmc-2023#p1');
    // Through the glossary's Vietnamese names: "Bắc Kinh", "Lào", "Thái Lan", "tín chỉ carbon".
    for (const [q, phrase, written] of [
      ['Do the articles mention Beijing?', 'Beijing', 'Bắc Kinh'],
      ['Do the articles mention Laos?', 'Laos', 'Lào'],
      ['Do the articles mention Thailand?', 'Thailand', 'Thái Lan'],
      ['Do the articles mention carbon credit?', 'carbon credit', 'tín chỉ carbon'],
    ]) {
      const a = await engine.ask(q as string);
      expect(a.lang, q).toBe('en');
      expect(a.text.split('\n')[0], q).toBe(`Yes. The stored articles mention “${phrase}” (quoted in Vietnamese):`);
      expect(quotesOf(a)[0], q).toContain(written);
    }
    const iec = await engine.ask('Is the IEC mentioned?');
    expect(iec.text.split('\n')[0]).toBe('Yes. The stored articles mention “IEC” (quoted in Vietnamese):');
    expect(quotesOf(iec)[0]).toContain('IEC');
    const unknown = await engine.ask('Is the Olympic torch mentioned?');
    expect(unknown).toMatchObject({ refused: true, reason: 'not-found' });
    expect(unknown.text).toContain('which are in Vietnamese');
  });
});
