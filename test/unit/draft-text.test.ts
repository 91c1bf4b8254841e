import { describe, expect, it } from 'vitest';
import { draftText } from '../../src/answer/draft.js';

describe('the draft of a streaming answer', () => {
  it('leaves out the model markers, whole or cut off, and the no-answer token', () => {
    expect(draftText('Ông Metzger [3]. Việt Nam [1, 2]')).toBe('Ông Metzger. Việt Nam');
    expect(draftText('Ông Metzger [1')).toBe('Ông Metzger');
    expect(draftText('Ông Metzger [')).toBe('Ông Metzger');
    expect(draftText('Một [1; 2] hai [3];')).toBe('Một hai;');
    expect(draftText('[[NO_ANS')).toBe('');
    expect(draftText('[[NO_ANSWER]]')).toBe('');
    expect(draftText('  …  ')).toBe('');
  });

  it('keeps other brackets and ordinary text (a bracketed number reads as a marker)', () => {
    expect(draftText('Năm [2024] và [a]')).toBe('Năm và [a]');
    expect(draftText('Tổng Thư ký IEC là ông Philippe Metzger')).toBe('Tổng Thư ký IEC là ông Philippe Metzger');
  });
});
