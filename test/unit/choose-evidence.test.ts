import { describe, expect, it } from 'vitest';
import { chooseEvidence } from '../../src/check/evidence.js';
import type { Retrieved } from '../../src/retrieve/retrieve.js';

const WISH =
  'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC; hỗ trợ Việt Nam trong quá trình xây dựng quy chuẩn.';
const REPORT = 'Bên cạnh đó, IEC tiếp tục hỗ trợ Việt Nam xây dựng các dự án.';

/** A retrieved passage covering the whole of paragraph `n` of one article. */
const hit = (n: number, paragraph: string) =>
  ({ article: { id: 'iec' }, paragraphNumber: n, start: 0, end: paragraph.length, paragraph, passage: n, score: 1 }) as unknown as Retrieved;

const claim = {
  marked: true,
  words: ['iec', 'từ', 'chối', 'hỗ', 'trợ', 'việt', 'nam'].map((key) => ({ key, weight: 1 })),
};

describe('chooseEvidence', () => {
  it('prefers, among sentences that cover as much of the claim, one that reports it to one that hopes for it', () => {
    const hits = [hit(1, WISH), hit(2, REPORT)];
    const chosen = chooseEvidence(hits, (h) => h.paragraph, claim);
    expect(chosen.pieces[0]?.text).toBe(REPORT);
    // Ranks still decide between sentences alike in that.
    const plain = chooseEvidence([hit(1, REPORT), hit(2, REPORT.replace('Bên cạnh đó', 'Ngoài ra'))], (h) => h.paragraph, claim);
    expect(plain.pieces[0]?.paragraph).toBe(REPORT);
  });

  it('keeps the better-covering sentence even when it is a wish', () => {
    const wider = { ...claim, words: [...claim.words, { key: 'mong', weight: 1 }, { key: 'muốn', weight: 1 }] };
    expect(chooseEvidence([hit(1, WISH), hit(2, REPORT)], (h) => h.paragraph, wider).pieces[0]?.paragraph).toBe(WISH);
  });

  it('finds a claim word in a sentence that writes it as one of its alternatives', () => {
    const held = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị LMC lần thứ 4 được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
    const other = 'Thứ trưởng tiếp Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    const words = (alternatives?: string[][]) => ({
      marked: true,
      words: [
        { key: 'lmc', weight: 1 },
        { key: 'diễn', weight: 4, ...(alternatives ? { alternatives } : {}) },
        { key: 'hà', weight: 2 },
        { key: 'nội', weight: 2 },
      ],
    });
    expect(chooseEvidence([hit(1, other), hit(2, held)], (h) => h.paragraph, words()).pieces[0]?.text).toBe(other);
    const chosen = chooseEvidence(
      [hit(1, other), hit(2, held)],
      (h) => h.paragraph,
      words([
        ['tổ', 'chức'],
        ['khai', 'mạc'],
      ]),
    );
    expect(chosen.pieces[0]?.text).toBe(held);
    expect(chosen.bestCoverage).toBeCloseTo(5 / 9);
  });

  it('weighs a word found as an alternative no more than the alternative weighs', () => {
    const held = 'Hội nghị LMC lần thứ 4 được tổ chức tại thành phố Bắc Kinh.';
    const meeting = 'Thứ trưởng tiếp Tổng Thư ký IEC tại buổi làm việc ngày 5/6/2024, tại Hà Nội.';
    // "Buổi làm việc với IEC diễn ra ở Đà Nẵng": "diễn ra", written nowhere, weighs most; "tổ chức" is common.
    const words = {
      marked: true,
      words: [
        { key: 'buổi', weight: 2 },
        { key: 'iec', weight: 0.75 },
        { key: 'diễn', weight: 3.6, alternatives: [['tổ', 'chức']], alternativeWeights: [0.75] },
        { key: 'đà', weight: 3.6 },
        { key: 'nẵng', weight: 3.6 },
      ],
    };
    const chosen = chooseEvidence([hit(1, held), hit(2, meeting)], (h) => h.paragraph, words);
    expect(chosen.pieces[0]?.text).toBe(meeting);
    // Found as an alternative weighing more than the word itself, the word's own weight counts.
    const rare = { ...words, words: words.words.map((w) => (w.key === 'diễn' ? { ...w, weight: 1, alternativeWeights: [5] } : w)) };
    expect(chooseEvidence([hit(1, held)], (h) => h.paragraph, rare).bestCoverage).toBeCloseTo(1 / (2 + 0.75 + 1 + 3.6 + 3.6));
  });
});
