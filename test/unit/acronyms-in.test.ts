import { describe, expect, it } from 'vitest';
import { acronymsIn } from '../../src/answer/extractive.js';
import type { PassageEvidence } from '../../src/retrieve/rerank.js';

/** A passage of paragraph `n` of article `id` with `text` (only what `acronymsIn` reads). */
const passage = (id: string, n: number, text: string) => ({ hit: { article: { id }, paragraphNumber: n }, paragraph: text }) as unknown as PassageEvidence;

describe('the acronyms the passages define', () => {
  const sao = 'Hội Bảo tồn Sao Mộc (HBSM) họp hôm qua.';
  const ken = 'Quỹ Khuyến học Ngàn Sao (QKNS) trao quà.';

  it('are read from the paragraph text each passage gives, also when a paragraph had another text before', () => {
    // The same paragraph of the same article with another text, as after a database moves to a newer generation.
    expect(acronymsIn([passage('bài-x', 1, sao)], 'HBSM làm gì?')).toEqual([{ acronym: 'HBSM', expansion: 'Hội Bảo tồn Sao Mộc' }]);
    expect(acronymsIn([passage('bài-x', 1, ken)], 'QKNS làm gì?')).toEqual([{ acronym: 'QKNS', expansion: 'Quỹ Khuyến học Ngàn Sao' }]);
    expect(acronymsIn([passage('bài-x', 1, sao)], 'HBSM làm gì?')).toEqual([{ acronym: 'HBSM', expansion: 'Hội Bảo tồn Sao Mộc' }]);
  });

  it('reads a text given by two passages once', () => {
    // Two windows of one paragraph, and the same text under another article.
    const got = acronymsIn([passage('bài-y', 2, sao), passage('bài-y', 2, sao), passage('bài-z', 5, `${sao}`)], 'HBSM là gì?');
    expect(got).toEqual([{ acronym: 'HBSM', expansion: 'Hội Bảo tồn Sao Mộc' }]);
  });
});
