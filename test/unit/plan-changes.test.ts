import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import { planChanges } from '../../src/store/plan-changes.js';

const article = (id: string, text: string): Article =>
  ({ id, title: id, date: '2024-06-05', dateKind: 'published', source: 's', lang: 'vi', tags: [], paragraphs: [text] }) as unknown as Article;

describe('planChanges', () => {
  it('sorts articles into added, changed and unchanged, and names the live entries each replaces, keeps or leaves unnamed', () => {
    const live = new Map([
      ['a', { hash: 'A1', n: 1 }],
      ['b', { hash: 'B1', n: 2 }],
      ['c', { hash: 'C1', n: 3 }],
      ['d', { hash: 'D1', n: 4 }],
    ]);
    const hashes = new Map([
      ['a', 'A1'],
      ['b', 'B2'],
    ]);
    const articles = [article('a', 'x'), article('b', 'y'), article('e', 'z')];
    // "c" is accounted for without being parsed (a record known unchanged); "d" is not named at all.
    const plan = planChanges(articles, live, (a) => hashes.get(a.id), new Set(['a', 'b', 'e', 'c']));
    expect(plan.toWrite.map((a) => a.id)).toEqual(['b', 'e']);
    expect([plan.added, plan.changed, plan.unchanged]).toEqual([1, 1, 1]);
    expect(plan.replaced.map((l) => l.n)).toEqual([2]);
    expect(plan.kept.map((l) => l.n)).toEqual([1]);
    expect(plan.unnamed.map((l) => l.n)).toEqual([4]);
  });
});
