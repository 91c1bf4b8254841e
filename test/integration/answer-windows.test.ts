import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { analyzeQuestion } from '../../src/answer/question-type.js';
import { DEFAULT_SELECT, scoreSentences } from '../../src/answer/select.js';
import { questionTerms } from '../../src/retrieve/coverage.js';
import { rerank } from '../../src/retrieve/rerank.js';
import { ANSWER_WINDOWS, fusionFor, onePerParagraph, retrieve } from '../../src/retrieve/retrieve.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { article, tempDir } from '../support/corpus.js';
import { openEvalStore } from '../support/eval-store.js';

/**
 * Long paragraphs (a scraped article stored as one line) are cut into windows; the engine
 * keeps the best two windows of a paragraph for answering, and lists one per paragraph.
 */
const WORDS =
  'bệnh viện bác sĩ phẫu thuật ca mổ bệnh nhân điều trị thuốc ung thư tim mạch phổi gan thận xét nghiệm chẩn đoán hồi phục khoa cấp cứu tuổi nam nữ gia đình'.split(
    ' ',
  );

let store: SegmentStore;
let embedder: Embedder;
const sentences: string[] = [];

beforeAll(async () => {
  const dir = tempDir('kc-windows-');
  let x = 7;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const sentence = () => {
    const w = Array.from({ length: 10 + Math.floor(rnd() * 10) }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
    const s = `${w.join(' ')} ${Math.floor(rnd() * 10000)}`;
    return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
  };
  for (let i = 0; i < 24; i++) {
    // One paragraph of 2,000 characters or more: several windows.
    const ss: string[] = [];
    while (ss.join(' ').length < 2000) ss.push(sentence());
    sentences.push(...ss);
    fs.writeFileSync(path.join(dir, `a${i}.md`), article(`long-${i}`, `Bài dài số ${i}`, [ss.join(' ')]));
  }
  ({ store, embedder } = await openEvalStore(dir));
});
afterAll(() => embedder?.close());

const questions = () => sentences.filter((_, i) => i % 37 === 0).map((s) => `${s.split(' ').slice(0, 8).join(' ')} là gì?`);

describe('answer windows', () => {
  it('keeps at most two windows of a paragraph, and one per paragraph is what one window per paragraph gives', async () => {
    let doubled = 0;
    for (const q of questions()) {
      const opts = { k: 30, fusion: fusionFor(embedder.kind) };
      const one = (await retrieve(store, embedder, q, opts)).hits;
      const two = (await retrieve(store, embedder, q, { ...opts, perParagraph: ANSWER_WINDOWS })).hits;
      const counts = new Map<string, Array<[number, number]>>();
      for (const h of two) {
        const key = `${h.article.id}#${h.paragraphNumber}`;
        counts.set(key, [...(counts.get(key) ?? []), [h.start, h.end]]);
      }
      for (const windows of counts.values()) {
        expect(windows.length).toBeLessThanOrEqual(2);
        if (windows.length === 2) {
          doubled++;
          expect(windows[0]).not.toEqual(windows[1]);
        }
      }
      // The first window of each paragraph, in order, is the one-window retrieval (cut to as many).
      const firsts = onePerParagraph(two).map((h) => h.passage);
      expect(firsts).toEqual(one.slice(0, firsts.length).map((h) => h.passage));
      expect(new Set(one.map((h) => `${h.article.id}#${h.paragraphNumber}`)).size).toBe(one.length);
    }
    expect(doubled).toBeGreaterThan(0);
  });

  it('locates only the candidates it reaches, and keeps what locating them all keeps', async () => {
    // The store, counting the passages it is asked to locate.
    let asked = 0;
    const counting = Object.create(store) as SegmentStore;
    counting.passages = (ids) => {
      asked += ids.length;
      return store.passages(ids);
    };
    let fewer = 0;
    let batches = 0;
    for (const q of questions()) {
      for (const perParagraph of [1, ANSWER_WINDOWS]) {
        const opts = { fusion: fusionFor(embedder.kind), perParagraph };
        // Asked for more than there are candidates, every candidate is located (as it was before
        // locations were asked for in batches); the k best are the first k of those.
        asked = 0;
        const all = (await retrieve(counting, embedder, q, { ...opts, k: 100_000 })).hits;
        const candidates = asked;
        expect(all.length).toBeGreaterThan(3);
        for (const k of [1, 3, 10, 30]) {
          asked = 0;
          const calls = { n: 0 };
          const seen = counting.passages;
          counting.passages = (ids) => {
            calls.n++;
            return seen(ids);
          };
          const hits = (await retrieve(counting, embedder, q, { ...opts, k })).hits;
          counting.passages = seen;
          expect(hits).toEqual(all.slice(0, k));
          if (asked < candidates) fewer++;
          if (calls.n > 1) batches++;
        }
      }
    }
    // Most searches located fewer than all their candidates, and some needed more than one batch.
    expect(fewer).toBeGreaterThan(10);
    expect(batches).toBeGreaterThan(0);
  });

  it('offers each sentence of a paragraph to the sentence model once, and every one is verbatim in its paragraph', async () => {
    for (const q of questions()) {
      const { hits } = await retrieve(store, embedder, q, { k: 30, fusion: fusionFor(embedder.kind), perParagraph: ANSWER_WINDOWS });
      const terms = await questionTerms(store, q, 'vi');
      const passages = rerank(store, hits, terms);
      const scored = scoreSentences(passages, terms, analyzeQuestion(q), q, { ...DEFAULT_SELECT, candidates: 30 });
      const keys = scored.map((c) => `${c.passage.hit.article.id}#${c.passage.hit.paragraphNumber}#${c.start}#${c.end}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const c of scored) expect(c.passage.paragraph.slice(c.start, c.end).length).toBeGreaterThan(0);
    }
  });
});
