import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/cli/render.js';
import { type Answer, formatDate } from '../../src/index.js';

describe('formatDate', () => {
  it('writes day/month/year in Vietnamese and the month as a word in English', () => {
    expect(formatDate('2023-08-29', 'vi')).toBe('29/08/2023');
    expect(formatDate('2024-06-05', 'vi')).toBe('05/06/2024');
    expect(formatDate('2024-06-05', 'en')).toBe('5 Jun 2024');
    expect(formatDate('2023-12-31', 'en')).toBe('31 Dec 2023');
  });

  it('returns anything that is not an ISO date as given', () => {
    for (const lang of ['vi', 'en'] as const) {
      expect(formatDate('', lang)).toBe('');
      expect(formatDate('not-a-date', lang)).toBe('not-a-date');
      expect(formatDate('2023-8-29', lang)).toBe('2023-8-29');
    }
  });
});

describe('the terminal rendering', () => {
  const answer = (lang: 'vi' | 'en', date: string): Answer => ({
    question: 'q',
    lang,
    text: 't [1]',
    citations: [
      { marker: 1, articleId: 'a', title: 'T', date, dateKind: 'published', source: 'S', paragraphId: 'a#p1', paragraphNumber: 1, quote: 't', paragraph: 't' },
    ],
    refused: false,
    closest: [],
    retrieved: [],
    mode: 'extractive',
    confidence: 1,
    timing: { retrieveMs: 0, totalMs: 0 },
  });

  it('dates citations in the answer language, and says when a date is unknown', () => {
    expect(renderAnswer(answer('vi', '2023-08-29'))).toContain('[1] T (29/08/2023) — đoạn 1, a#p1');
    expect(renderAnswer(answer('en', '2023-08-29'))).toContain('[1] T (29 Aug 2023) — paragraph 1, a#p1');
    expect(renderAnswer(answer('vi', ''))).toContain('[1] T (không rõ ngày)');
  });
});
