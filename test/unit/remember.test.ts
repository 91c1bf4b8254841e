import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../src/text/remember.js';
import { glossaryMatches } from '../../src/text/glossary.js';
import { questionAlternatives } from '../../src/text/synonyms.js';

describe('rememberRecent', () => {
  it('computes a text once while it is among the last ones asked, and again once forgotten', () => {
    const calls: string[] = [];
    const upper = rememberRecent(2, (t) => {
      calls.push(t);
      return { text: t.toUpperCase() };
    });
    const first = upper('a');
    expect(upper('a')).toBe(first);
    upper('b');
    upper('c'); // 'a' is the oldest of three: forgotten
    expect(upper('b').text).toBe('B');
    expect(upper('a')).not.toBe(first);
    expect(upper('a')).toEqual(first);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('remembers an undefined result as a result', () => {
    let n = 0;
    const nothing = rememberRecent(4, () => {
      n++;
      return undefined;
    });
    nothing('x');
    nothing('x');
    expect(n).toBe(1);
  });
});

describe('remembered question readers', () => {
  it('give the same answer asked again as asked first, whatever came between', () => {
    const question = 'Who signed the memorandum with the deputy science minister?';
    const first = glossaryMatches(question);
    const copy = { terms: [...first.terms], words: [...first.words] };
    for (let i = 0; i < 100; i++) glossaryMatches(`question number ${i} about the minister`);
    const again = glossaryMatches(question);
    expect({ terms: [...again.terms], words: [...again.words] }).toEqual(copy);
    expect(copy.terms).toContain('Thứ trưởng');
  });

  it('keep the marked and folded readings of one text apart', () => {
    const marked = questionAlternatives('Hội nghị diễn ra ở đâu?', true);
    const folded = questionAlternatives('Hội nghị diễn ra ở đâu?', false);
    expect(marked.get('diễn ra')).toBeDefined();
    expect(folded.get('dien ra')).toBeDefined();
    expect(marked.get('dien ra')).toBeUndefined();
  });
});
