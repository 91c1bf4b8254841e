import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../src/text/remember.js';
import { glossaryMatches } from '../../src/text/glossary.js';
import { questionAlternatives } from '../../src/text/synonyms.js';

describe('rememberRecent', () => {
  it('computes a text once while it is among the last ones used, and again once forgotten', () => {
    const calls: string[] = [];
    const upper = rememberRecent(2, (t) => {
      calls.push(t);
      return { text: t.toUpperCase() };
    });
    const first = upper('a');
    expect(upper('a')).toBe(first); // read again: 'a' is now the more recently used of the two
    upper('b');
    upper('c'); // three texts, room for two: 'b', used least recently, is forgotten
    expect(upper('a')).toBe(first);
    expect(upper('b').text).toBe('B');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
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
