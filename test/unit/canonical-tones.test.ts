import { describe, expect, it } from 'vitest';
import { canonicalTones, fold } from '../../src/text/normalize.js';
import { searchText } from '../../src/retrieve/coverage.js';
import { terms } from '../../src/text/tokenize.js';
import { tokenize } from '../../src/check/tokens.js';

describe('canonicalTones', () => {
  it('puts the tone mark of a syllable ending in "oa", "oe", "uy" on the first vowel, either style in', () => {
    for (const [styled, canonical] of [
      ['tiêu chuẩn hoá', 'tiêu chuẩn hóa'],
      ['hòa bình', 'hòa bình'],
      ['hoà bình', 'hòa bình'],
      ['uỷ ban', 'ủy ban'],
      ['thuỷ điện', 'thủy điện'],
      ['sức khoẻ', 'sức khỏe'],
      ['toà án', 'tòa án'],
      ['thoả thuận', 'thỏa thuận'],
      ['loè loẹt', 'lòe loẹt'],
    ])
      expect(canonicalTones(styled as string)).toBe(canonical);
  });

  it('leaves the syllables both styles write alike, and keeps the length', () => {
    for (const w of ['quý', 'quỹ', 'hoàn thành', 'khuyến khích', 'huỳnh', 'nguyễn', 'loại', 'ngoài', 'hoa', 'tuy nhiên']) expect(canonicalTones(w)).toBe(w);
    const text = 'ủy ban hoá học ở toà nhà, sức khoẻ và quý vị';
    expect(canonicalTones(text)).toHaveLength(text.length);
    expect(fold(canonicalTones(text))).toBe(fold(text));
  });

  it('makes the index terms, the look-up text and the claim tokens of either style the same', () => {
    expect(terms('Tiêu chuẩn hoá').marked).toEqual(terms('Tiêu chuẩn hóa').marked);
    expect(searchText('Uỷ ban Kỹ thuật').lower).toBe(searchText('Ủy ban Kỹ thuật').lower);
    expect(tokenize('Thuỷ điện Hoà Bình').map((t) => t.lower)).toEqual(['thủy', 'điện', 'hòa', 'bình']);
  });
});
