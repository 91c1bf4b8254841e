import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../src/answer/extractive.js';
import { retrievalQuery } from '../../src/answer/question-type.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { restoreMarks } from '../../src/retrieve/restore-marks.js';
import { DEFAULT_QUERY_WEIGHTS } from '../../src/retrieve/query-terms.js';
import { CORPUS_FUSION, retrieve } from '../../src/retrieve/retrieve.js';
import type { SegmentStore } from '../../src/store/segment-store.js';
import { markedHash } from '../../src/text/term-hashes.js';
import { CORPUS } from '../support/corpus.js';
import { openEvalStore } from '../support/eval-store.js';

describe('a question typed without marks, looked for by its restored spellings too', () => {
  let store: SegmentStore;
  let embedder: Embedder;
  beforeAll(async () => {
    ({ store, embedder } = await openEvalStore(CORPUS));
  });
  afterAll(() => embedder?.close());

  const question = 'thu truong le xuan dinh lam viec voi to chuc nao';

  it('sends the restored marked words to BM25 beside the folded ones, and finds the article that holds them', async () => {
    const restored = await restoreMarks(store, question);
    expect(restored.startsWith('thứ trưởng lê xuân định làm việc với')).toBe(true);
    const plain = await retrieve(store, embedder, retrievalQuery(question), { k: 10, fusion: CORPUS_FUSION });
    const withRestored = await retrieve(store, embedder, retrievalQuery(question), { k: 10, fusion: CORPUS_FUSION, restored: retrievalQuery(restored) });
    const marked = withRestored.terms.find((t) => t.hash === markedHash('trưởng'));
    expect(marked?.weight).toBe(DEFAULT_QUERY_WEIGHTS.restored);
    expect(plain.terms.some((t) => t.hash === markedHash('trưởng'))).toBe(false);
    expect(withRestored.hits[0]?.article.id).toBe('iec-thanh-vien-2024');
    // The restored words only add to a passage's score.
    expect(withRestored.hits[0]!.lexicalScore).toBeGreaterThan(plain.hits.find((h) => h.passage === withRestored.hits[0]!.passage)!.lexicalScore);
  });

  it('judges the answer on BM25 scaled back to the typed words: the refusal model reads the score it was fitted on', async () => {
    const restored = await restoreMarks(store, question);
    const { hits } = await retrieve(store, embedder, retrievalQuery(question), { k: 30, fusion: CORPUS_FUSION, restored: retrievalQuery(restored) });
    const input = { store, question, lang: 'vi' as const, hits, restored };
    const unscaled = await extractiveAnswer(input);
    const scaled = await extractiveAnswer({ ...input, lexicalScale: 1 + DEFAULT_QUERY_WEIGHTS.restored });
    expect(unscaled.trace.refusal?.lexical).toBeGreaterThan(0);
    expect(scaled.trace.refusal!.lexical * (1 + DEFAULT_QUERY_WEIGHTS.restored)).toBeCloseTo(unscaled.trace.refusal!.lexical, 10);
    expect(scaled.confidence).toBeLessThan(unscaled.confidence);
    expect(scaled.citations.map((c) => c.paragraphId)).toEqual(unscaled.citations.map((c) => c.paragraphId));
  });
});
