import { describe, expect, it } from 'vitest';
import { sameSpelling, spellings } from '../../src/check/tokens.js';

describe('sameSpelling', () => {
  it('writes a syllable of one consonant (or "qu") and "i" or "y" one way, tone kept', () => {
    expect(['kì', 'kỳ'].map(sameSpelling)).toEqual(['kì', 'kì']);
    expect(['lý', 'mỹ', 'tỷ', 'quý', 'sỹ', 'ky'].map(sameSpelling)).toEqual(['lí', 'mĩ', 'tỉ', 'quí', 'sĩ', 'ki']);
  });

  it('leaves other words as they are', () => {
    expect(['tay', 'huy', 'thy', 'vì', 'chỉ', 'ay', 'yêu'].map(sameSpelling)).toEqual(['tay', 'huy', 'thy', 'vì', 'chỉ', 'ay', 'yêu']);
  });

  it('gives both spellings, the word first', () => {
    expect(spellings('kì')).toEqual(['kì', 'kỳ']);
    expect(spellings('kỳ')).toEqual(['kỳ', 'kì']);
    expect(spellings('tay')).toEqual(['tay']);
  });
});
