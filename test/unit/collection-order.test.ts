import { describe, expect, it } from 'vitest';
import { type ArticleInfo, type CollectionView, answerCollection, firstInOrder } from '../../src/dialogue/collection.js';
import { fold, hasMarks } from '../../src/text/normalize.js';
import { syllables } from '../../src/text/tokenize.js';
import { random } from '../support/random.js';

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

// Words that collate differently from their code units (marks, case, quotes, digits).
const WORDS = ['Đà Nẵng', 'da', 'Dạ', 'ăn', 'An', 'ấn', "'50", '17 năm', 'Ổn', 'ô', 'zoo', 'Ý', 'y', 'được', 'duoc', '“Hà Nội”', 'Hà', 'ha'];
const DATES = ['', '', '2024-01-02', '2024-01-10', '2023-12-31', '2024-1-2', '2024-01-02', '2019-05-05'];

function articles(rnd: () => number, n: number): ArticleInfo[] {
  return Array.from({ length: n }, (_, i) => ({
    articleId: `a${i}`,
    title: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(rnd, WORDS)).join(' '),
    date: pick(rnd, DATES),
    dateKind: 'published' as const,
    source: 'test',
    tags: [],
  }));
}

describe('firstInOrder', () => {
  it('gives what a stable sort puts first, ties in the order given', () => {
    const rnd = random(7);
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(rnd() * 60) }, (_, i) => ({ key: Math.floor(rnd() * 8), i }));
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const sorted = [...items].sort(compare);
      for (const n of [0, 1, 2, 5, 10, 100]) expect(firstInOrder(items, n, compare)).toEqual(sorted.slice(0, n));
    }
  });
});

describe('answerCollection order', () => {
  it('lists the articles a full sort by date and title (localeCompare) puts first', async () => {
    const rnd = random(11);
    for (let round = 0; round < 40; round++) {
      const all = articles(rnd, 1 + Math.floor(rnd() * 300));
      const view: CollectionView = {
        articles: async () => all,
        paragraphs: async (ids) => new Map(ids.map((id) => [id, [`Đoạn mở đầu của ${id}.`]])),
        candidates: async () => ({ ids: all.map((a) => a.articleId), complete: true }),
      };
      for (const kind of ['count', 'list', 'latest', 'earliest'] as const) {
        const newestFirst = kind !== 'earliest';
        const expected = [...all]
          .sort((x, y) => (newestFirst ? y.date.localeCompare(x.date) : x.date.localeCompare(y.date)) || x.title.localeCompare(y.title))
          .slice(0, kind === 'latest' || kind === 'earliest' ? 1 : 10)
          .map((a) => a.articleId);
        const got = await answerCollection({ question: { kind }, lang: 'vi', view });
        expect(got.collection.total).toBe(all.length);
        expect(got.collection.articles.map((a) => a.articleId)).toEqual(expected);
      }
    }
  });
});

/** More articles than a collection question reads whole (2,000), all of one day. */
function sameDay(n: number): ArticleInfo[] {
  return Array.from({ length: n }, (_, i) => ({
    articleId: `a${i}`,
    title: `Bài ${i}`,
    date: '2024-01-02',
    dateKind: 'published' as const,
    source: 'test',
    tags: [],
  }));
}

describe('answerCollection counts over a large collection', () => {
  const all = sameDay(2500);
  const viewWith = (complete: boolean): CollectionView => ({
    articles: async () => all,
    paragraphs: async (ids) => new Map(ids.map((id) => [id, [`Hợp tác đo lường trong ${id}.`]])),
    candidates: async () => ({ ids: all.slice(0, 150).map((a) => a.articleId), complete }),
  });

  it('says "at least" when the lexical candidates were cut at their limit', async () => {
    const got = await answerCollection({ question: { kind: 'count', topic: 'đo lường' }, lang: 'vi', view: viewWith(false) });
    expect(got.collection.total).toBe(150);
    expect(got.text).toContain('ít nhất 150');
  });

  it('gives the exact count when every matching passage was a candidate', async () => {
    const got = await answerCollection({ question: { kind: 'count', topic: 'đo lường' }, lang: 'vi', view: viewWith(true) });
    expect(got.collection.total).toBe(150);
    expect(got.text).not.toContain('ít nhất');
    expect(got.text).toContain('150 bài');
  });
});

describe('answerCollection topics', () => {
  /** The topic as consecutive syllables of the title, tags or text, compared as typed (folded when the topic has no marks). */
  function mentionsReference(a: ArticleInfo, body: readonly string[], topic: string): boolean {
    const marked = hasMarks(topic);
    const form = syllables(topic).syllables.map((w) => (marked ? w : fold(w)));
    const all = syllables([a.title, a.tags.join(' '), ...body].join('\n')).syllables.map((w) => (marked ? w : fold(w)));
    for (let i = 0; i + form.length <= all.length; i++) if (form.every((w, k) => all[i + k] === w)) return true;
    return false;
  }

  it('counts the articles that name the topic as a phrase, with or without marks, as splitting every text does', async () => {
    const rnd = random(23);
    const sentence = () => Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => pick(rnd, WORDS)).join(pick(rnd, [' ', ', ', '. ', ' - ', '  ']));
    for (let round = 0; round < 60; round++) {
      const all = articles(rnd, 1 + Math.floor(rnd() * 80));
      const bodies = new Map(all.map((a) => [a.articleId, Array.from({ length: Math.floor(rnd() * 3) }, sentence)]));
      const view: CollectionView = {
        articles: async () => all,
        paragraphs: async (ids) => new Map(ids.map((id) => [id, bodies.get(id) ?? []])),
        candidates: async () => ({ ids: all.map((a) => a.articleId), complete: true }),
      };
      for (let t = 0; t < 5; t++) {
        const topic = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () =>
          pick(
            rnd,
            WORDS.filter((w) => /^[\p{L} ]+$/u.test(w)),
          ),
        ).join(' ');
        const expected = all.filter((a) => mentionsReference(a, bodies.get(a.articleId) ?? [], topic)).length;
        const got = await answerCollection({ question: { kind: 'count', topic }, lang: 'vi', view });
        expect(got.collection.total, topic).toBe(expected);
      }
    }
  });
});

describe('answerCollection candidates over a large collection', () => {
  it("searches an English topic's Vietnamese terms from the glossary as well", async () => {
    const all = sameDay(2100);
    const asked: string[] = [];
    const view: CollectionView = {
      articles: async () => all,
      paragraphs: async (ids) => new Map(ids.map((id) => [id, ['Hợp tác đo lường quốc tế.']])),
      candidates: async (words) => {
        asked.push(words);
        return { ids: words.includes('đo lường') ? ['a1', 'a2'] : [], complete: true };
      },
    };
    const got = await answerCollection({ question: { kind: 'count', topic: 'metrology' }, lang: 'en', view });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('metrology');
    expect(got.collection.total).toBe(2);
  });
});
