import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../src/answer/extractive.js';
import { retrievalQuery } from '../../src/answer/question-type.js';
import { runClaimEval } from '../../src/cli/eval.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { loadConfig, silentLogger } from '../../src/index.js';
import { DEFAULT_QUERY_WEIGHTS } from '../../src/retrieve/query-terms.js';
import { markedSpellings, restoreMarks } from '../../src/retrieve/restore-marks.js';
import { CORPUS_FUSION, retrieve } from '../../src/retrieve/retrieve.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { stripMarks } from '../../src/text/normalize.js';
import { markedHash } from '../../src/text/term-hashes.js';
import { syllables } from '../../src/text/tokenize.js';
import { CORPUS, HELDOUT, SHARED_DATA, hasSharedData, heldoutFixture, tempDir } from '../support/corpus.js';
import { openEvalStore } from '../support/eval-store.js';

describe('markedSpellings', () => {
  it('gives every spelling with marks of a syllable typed without them, and the syllable itself', () => {
    const viet = markedSpellings('viet');
    expect(viet).toEqual(expect.arrayContaining(['viet', 'việt', 'viết', 'viềt']));
    expect(markedSpellings('duong')).toEqual(expect.arrayContaining(['duong', 'đường', 'dương', 'dưỡng']));
    expect(markedSpellings('nghi')).toEqual(expect.arrayContaining(['nghị', 'nghĩ', 'nghỉ', 'nghi']));
    // Every spelling is NFC and folds back to what was typed.
    for (const typed of ['viet', 'quoc', 'khoa', 'duong']) {
      for (const s of markedSpellings(typed)) {
        expect(s).toBe(s.normalize('NFC'));
        expect(stripMarks(s)).toBe(typed);
      }
    }
  });

  it('leaves words that are not Vietnamese syllables as they are', () => {
    expect(markedSpellings('khcn')).toEqual(['khcn']);
    expect(markedSpellings('covid')).toEqual(['covid']);
    expect(markedSpellings('strength')).toEqual(['strength']);
  });
});

describe('restoreMarks over the seed articles', () => {
  let store: SegmentStore;
  let embedder: Embedder;
  beforeAll(async () => {
    ({ store, embedder } = await openEvalStore(CORPUS));
  });
  afterAll(() => embedder?.close());

  it('puts back the marks of words the articles show next to each other, in the case they were typed', async () => {
    expect(await restoreMarks(store, 'thu truong le xuan dinh lam viec voi ai')).toBe('thứ trưởng lê xuân định làm việc với ai');
    expect(await restoreMarks(store, 'Thu truong Le Xuan Dinh lam viec voi ai?')).toBe('Thứ trưởng Lê Xuân Định làm việc với ai?');
    expect(await restoreMarks(store, 'vien do luong viet nam ky ket gi tai hoi nghi LMC')).toMatch(/^viện đo lường việt nam ký kết \S+ tại hội nghị LMC$/u);
  });

  it('keeps abbreviations, punctuation and spacing, and words the articles never show with their neighbours unless they spell a function word', async () => {
    const q = 'Tong thu ky IEC,  den Ha Noi ngay nao?';
    const r = await restoreMarks(store, q);
    expect(r).toHaveLength(q.length);
    expect(stripMarks(r)).toBe(q);
    expect(r).toContain('IEC,  ');
    expect(r.startsWith('Tổng thư ký IEC')).toBe(true);
    // The articles hold no pair with "ong", "ay" or "noi" beside their neighbours: those stay
    // as typed; "gi" and "ve", unpaired too, are read as the function words they spell.
    expect(await restoreMarks(store, 'ong ay noi gi ve Viet Nam?')).toBe('ong ay noi gì về Việt Nam?');
    // Not "ở dấu" (from "đánh dấu", the only pair the articles have for "dau").
    expect(await restoreMarks(store, 'hoi nghi LMC lan thu 4 to chuc o dau')).toBe('hội nghị LMC lần thứ 4 tổ chức ở đâu');
  });

  it('keeps names and initials as typed, and each letter in the case it was typed', async () => {
    // "Da", unpaired and capitalised, is a name, not the function word "đã"; "A" and "B" are initials.
    const r = await restoreMarks(store, 'ong Van A va ba Thi B o Da Nang');
    expect(r).toMatch(/ A /u);
    expect(r).toMatch(/ B /u);
    expect(r).toMatch(/ Da Nang$/u);
    expect(await restoreMarks(store, 'tHU tRUONG le xuan dinh')).toBe('tHỨ tRƯỞNG lê xuân định');
  });

  it('leaves the whole text as typed when a word it cannot restore is one the caller needs read', async () => {
    const q = 'ong ay noi gi ve Viet Nam?';
    expect(await restoreMarks(store, q, { keepAllFor: (w) => w === 'noi' })).toBe(q);
    expect(await restoreMarks(store, q, { keepAllFor: (w) => w === 'khong' })).toBe('ong ay noi gì về Việt Nam?');
  });

  it('returns a question with nothing to restore as it is', async () => {
    expect(await restoreMarks(store, 'IEC?')).toBe('IEC?');
    expect(await restoreMarks(store, '2024')).toBe('2024');
    expect(await restoreMarks(store, '')).toBe('');
  });

  // The engine's use of the restored reading, on the same store.
  describe('a question typed without marks, looked for by its restored spellings too', () => {
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
});

describe.skipIf(!hasSharedData || !fs.existsSync(HELDOUT))('restoreMarks on a fixture from the shared data', () => {
  it('restores most syllables of questions typed without marks, from 80 articles', async () => {
    const { corpus, answerable } = heldoutFixture(80);
    const questions = answerable.slice(0, 300).map((l) => JSON.parse(l) as { question: string });
    const { store, embedder } = await openEvalStore(corpus);
    try {
      let right = 0;
      let marked = 0;
      let total = 0;
      for (const q of questions) {
        const gold = syllables(q.question).syllables;
        const got = syllables(await restoreMarks(store, stripMarks(q.question))).syllables;
        expect(got).toHaveLength(gold.length);
        gold.forEach((g, i) => {
          total++;
          if (got[i] === g) right++;
          if (got[i] !== stripMarks(got[i] as string)) marked++;
        });
      }
      expect(questions.length).toBe(300);
      // Measured when set: 91.9% of the syllables right, 80.6% given marks.
      expect((100 * right) / total).toBeGreaterThanOrEqual(FLOOR.right);
      expect((100 * marked) / total).toBeGreaterThanOrEqual(FLOOR.marked);
    } finally {
      embedder.close();
    }
  });
});

const FLOOR = { right: 90, marked: 78 };

const CLAIMS = path.join(SHARED_DATA, 'claims-vifactcheck-dev');

describe.skipIf(!hasSharedData || !fs.existsSync(CLAIMS))('claims typed without tone marks', () => {
  it('are compared with their evidence as their restored marks spell them', async () => {
    const corpus = path.join(CLAIMS, 'corpus.jsonl');
    const r = await runClaimEval({
      claims: path.join(CLAIMS, 'claims.jsonl'),
      corpus,
      stripMarks: true,
      cacheDir: tempDir(),
      config: loadConfig({}, { corpus }),
      logger: silentLogger,
    });
    expect(r.claims).toBe(338);
    // Measured when set: accuracy 69.5 and macro-F1 69.3 (63.6 and 62.8 compared folded; 72.2 and 72.1 typed with marks).
    expect(r.acc).toBeGreaterThanOrEqual(68);
    expect(r.macroF1).toBeGreaterThanOrEqual(67.5);
  });
});
