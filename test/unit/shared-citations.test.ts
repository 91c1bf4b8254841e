import { describe, expect, it } from 'vitest';
import { articleDate, citedParagraphs } from '../../adapters/shared/citations.js';
import { type Citation, paragraphLabel } from '../../src/index.js';

describe('citations', () => {
  it('date an article as its reader writes dates, and say when the date is the event’s', () => {
    expect(articleDate({ date: '2023-08-29', dateKind: 'event' }, 'vi')).toBe('29/08/2023 (ngày sự kiện)');
    expect(articleDate({ date: '2024-06-05', dateKind: 'event' }, 'en')).toBe('5 Jun 2024 (event date)');
    expect(articleDate({ date: '2024-06-05', dateKind: 'published' }, 'en')).toBe('5 Jun 2024');
    expect(articleDate({ date: '', dateKind: 'published' }, 'vi')).toBe('');
    expect(paragraphLabel({ paragraphNumber: 3 }, 'vi')).toBe('đoạn 3');
    expect(paragraphLabel({ paragraphNumber: 3 }, 'en')).toBe('paragraph 3');
  });

  it('name a photo caption as one, and count only the body paragraphs', () => {
    // Eight body paragraphs, then captions from paragraph 9.
    expect(paragraphLabel({ paragraphNumber: 9, captionsFrom: 9 }, 'vi')).toBe('chú thích ảnh 1');
    expect(paragraphLabel({ paragraphNumber: 10, captionsFrom: 9, paragraphCount: 10 }, 'en')).toBe('photo caption 2');
    expect(paragraphLabel({ paragraphNumber: 8, captionsFrom: 9, paragraphCount: 10 }, 'vi')).toBe('đoạn 8/8');
    expect(paragraphLabel({ paragraphNumber: 2, paragraphCount: 5 }, 'en')).toBe('paragraph 2/5');
    const c = { marker: 1, paragraphId: 'a#p9', paragraphNumber: 9, captionsFrom: 9 } as Citation;
    expect(citedParagraphs([c])).toEqual([{ marker: 1, paragraphId: 'a#p9', paragraphNumber: 9, captionsFrom: 9 }]);
  });

  it('list each cited paragraph once, under its first marker', () => {
    const c = (marker: number, paragraphId: string) => ({ marker, paragraphId, paragraphNumber: Number(paragraphId.split('#p')[1]) }) as Citation;
    expect(citedParagraphs([c(1, 'a#p2'), c(2, 'b#p1'), c(3, 'a#p2')])).toEqual([
      { marker: 1, paragraphId: 'a#p2', paragraphNumber: 2 },
      { marker: 2, paragraphId: 'b#p1', paragraphNumber: 1 },
    ]);
  });
});
