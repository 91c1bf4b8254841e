import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { updateIndex } from '../../src/store/update-index.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import type { SearchFilter } from '../../src/types.js';
import { article, syntheticCorpus, tempDir } from '../support/corpus.js';

const embedder = new HashEmbedder();
// A small efSearch so that a corpus of a few thousand passages has filters on every path:
// scored one by one (at most 4 × 64 passages), a small share (graph searched unfiltered for
// more neighbours) and a broad one (graph walked under the filter).
const hnsw = { m: 16, efConstruction: 100, efSearch: 64 };
const ARTICLES = 1000;
const K = 10;

/** The k live admitted passages nearest to `q`, by scoring every stored vector. */
function exactTopK(store: SegmentStore, q: Float32Array, k: number, admitted: Set<string>): Array<{ passage: number; score: number }> {
  const all: Array<{ passage: number; score: number }> = [];
  store.segments.forEach((seg, si) => {
    const vectors = seg.vectors();
    const d = q.length;
    for (let p = 0; p < seg.passageCount; p++) {
      if (store.isDeleted(si, p) || !admitted.has(seg.articles[seg.articleOfPassage(p)]!.id)) continue;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q[j]! * vectors[p * d + j]!;
      all.push({ passage: store.passageId(si, p), score: dot });
    }
  });
  return all.sort((a, b) => b.score - a.score).slice(0, k);
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `synthetic-${from + i}`);

describe('filtered vector search', () => {
  let corpus: string;
  let dir: string;
  let store: SegmentStore;
  // A passage of an article no filter below admits: its nearest neighbours lie outside them.
  let query: Float32Array;

  beforeAll(async () => {
    corpus = tempDir();
    syntheticCorpus(corpus, ARTICLES, 7);
    dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder, workers: 1, hnsw });
    store = SegmentStore.open(dir, embedder);
    const seg = store.segments[0]!;
    const p = seg.articlePassageStarts()[ARTICLES - 1]!;
    query = await embedder.embedQueryVector(seg.passageText(p));
  }, 120_000);

  const cases: Array<[string, string[], 'exact' | 'small' | 'broad']> = [
    ['one article (scored passage by passage)', ['synthetic-500'], 'exact'],
    ['a small share of the corpus (graph searched unfiltered, admitted neighbours kept)', ids(100, 200), 'small'],
    ['a broad share of the corpus (graph walked under the filter)', ids(0, 400), 'broad'],
  ];

  it.each(cases)('returns only admitted passages and finds the nearest of them: %s', async (_name, admittedIds, kind) => {
    const n = store.segments[0]!.passageCount;
    const admitted = new Set(admittedIds);
    const admittedPassages = store.segments[0]!.articles.filter((a) => admitted.has(a.id)).reduce((s, a) => s + a.passageCount, 0);
    // The cases reach the three paths they are named after.
    if (kind === 'exact') expect(admittedPassages).toBeLessThanOrEqual(4 * hnsw.efSearch);
    if (kind === 'small') expect([admittedPassages > 4 * hnsw.efSearch, admittedPassages < 0.2 * n]).toEqual([true, true]);
    if (kind === 'broad') expect(admittedPassages).toBeGreaterThanOrEqual(0.2 * n);

    const hits = await store.vectorSearch(query, K, { articleIds: admittedIds });
    const want = exactTopK(store, query, K, admitted);
    expect(hits).toHaveLength(Math.min(K, admittedPassages));
    for (const h of hits) expect(admitted.has(store.passage(h.passage).article.id)).toBe(true);
    // The nearest admitted passage is found, and (nearly) all of the exact top k.
    expect(hits[0]!.passage).toBe(want[0]!.passage);
    expect(hits[0]!.score).toBeCloseTo(want[0]!.score, 4);
    const found = hits.filter((h) => want.some((w) => w.passage === h.passage)).length;
    expect(found).toBeGreaterThanOrEqual(kind === 'exact' ? want.length : K - 1);
    // Scores descend.
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });

  it('matches the unfiltered search when the filter admits everything, and finds nothing for an empty filter', async () => {
    const unfiltered = await store.vectorSearch(query, K);
    const everything = await store.vectorSearch(query, K, { articleIds: ids(0, ARTICLES) });
    expect(everything.map((h) => h.passage)).toEqual(unfiltered.map((h) => h.passage));
    expect(await store.vectorSearch(query, K, { articleIds: ['no-such-article'] })).toEqual([]);
    expect(await store.vectorSearch(query, K, { sources: ['nobody'] })).toEqual([]);
  });

  it('admits for each filter what a store opened for it alone admits, filters asked in turn and again', async () => {
    const filters: SearchFilter[] = [
      { articleIds: ids(100, 200) },
      { articleIds: ['synthetic-500'] },
      { articleIds: ids(100, 200) },
      { articleIds: ids(0, 400) },
      { articleIds: ids(100, 200) },
    ];
    for (const filter of filters) {
      const fresh = SegmentStore.open(dir, embedder);
      expect(await store.vectorSearch(query, K, filter)).toEqual(await fresh.vectorSearch(query, K, filter));
      expect(await store.vectorSearch(query, K, filter)).toEqual(await fresh.vectorSearch(query, K, filter));
    }
  });

  it('never returns the passages of a replaced article, only its new ones', async () => {
    const before = await store.vectorSearch(query, K, { articleIds: ['synthetic-500'] });
    expect(before.length).toBeGreaterThan(0);
    // Replace synthetic-500 by an article whose text is the query passage itself.
    const seg = store.segments[0]!;
    const text = seg.passageText(seg.articlePassageStarts()[ARTICLES - 1]!);
    fs.writeFileSync(path.join(corpus, 'a500.md'), article('synthetic-500', 'Bài thay thế', [text, 'Đoạn thứ hai về đo lường tiêu chuẩn.']));
    await updateIndex({ indexDir: dir, corpus, embedder, workers: 1, hnsw });
    const after = SegmentStore.open(dir, embedder, store);
    expect(after.segments.length).toBeGreaterThan(1);
    for (const h of before) expect(after.isDeleted(0, h.passage)).toBe(true);
    const hits = await after.vectorSearch(query, K, { articleIds: ['synthetic-500'] });
    expect(hits.map((h) => after.passage(h.passage).article.id)).toEqual(['synthetic-500', 'synthetic-500']);
    for (const h of hits) expect(Math.floor(h.passage / 2 ** 32)).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeGreaterThan(0.9);
    // The small-share and broad paths skip the replaced passages too.
    for (const filter of [{ articleIds: ids(450, 550) }, { articleIds: ids(0, 600) }] satisfies SearchFilter[]) {
      const found = await after.vectorSearch(query, K, filter);
      expect(found).toHaveLength(K);
      expect(found[0]!.passage).toBe(hits[0]!.passage);
      for (const h of found) expect(after.isDeleted(Math.floor(h.passage / 2 ** 32), h.passage % 2 ** 32)).toBe(false);
    }
  });
});
