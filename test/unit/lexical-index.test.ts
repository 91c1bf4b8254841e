import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Bm25Scratch, DEFAULT_BM25, DOC_MASK, LexicalBuilder, LexicalIndex, bm25For } from '../../src/store/lexical-index.js';
import { decodePack, encodePack } from '../../src/store/pack.js';
import type { QueryTerm } from '../../src/store/port.js';
import { queryTerms } from '../../src/retrieve/query-terms.js';
import { foldedHash, markedHash } from '../../src/text/term-hashes.js';
import { terms } from '../../src/text/tokenize.js';
import { SHARED_DATA } from '../support/corpus.js';
import { random } from '../support/random.js';
import { expectStoredBounds, storedFrontier } from '../support/bounds.js';

/** The postings as the index built them before dense term ids: a Map of counts per passage, hashes sorted. */
function reference(passages: Array<[string, string]>) {
  const df = new Map<number, number>();
  const perDoc: Array<Map<number, number>> = [];
  const lens: number[] = [];
  let total = 0;
  for (const [text, title] of passages) {
    const counts = new Map<number, number>();
    for (const t of [terms(title), terms(text)]) {
      for (const m of t.marked) counts.set(markedHash(m), (counts.get(markedHash(m)) ?? 0) + 1);
      for (const f of t.folded) counts.set(foldedHash(f), (counts.get(foldedHash(f)) ?? 0) + 1);
    }
    let len = 0;
    for (const [h, tf] of counts) {
      df.set(h, (df.get(h) ?? 0) + 1);
      len += tf;
    }
    perDoc.push(counts);
    lens.push(Math.round(len / 2));
    total += Math.round(len / 2);
  }
  const hashes = [...df.keys()].sort((a, b) => a - b);
  const docs: number[] = [];
  const tfs: number[] = [];
  const offsets: number[] = [];
  for (const h of hashes) {
    offsets.push(docs.length);
    perDoc.forEach((c, d) => {
      const tf = c.get(h);
      if (tf !== undefined) {
        docs.push(d);
        tfs.push(Math.min(tf, 255));
      }
    });
  }
  offsets.push(docs.length);
  return { hashes, offsets, docs, tfs, lens, total };
}

describe('LexicalBuilder', () => {
  const samples: Array<[string, string]> = [
    ['Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh.', 'Hợp tác đo lường'],
    ['Việt Nam sớm trở thành thành viên chính thức của IEC; hội nghị hội nghị hội nghị.', 'IEC'],
    ['', 'Chỉ có tiêu đề'],
    [`${'lặp '.repeat(300)}cuối`, 'Tiêu đề'],
  ];
  const real = `${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`;
  if (fs.existsSync(real)) {
    for (const line of fs.readFileSync(real, 'utf8').split('\n').filter(Boolean).slice(0, 40)) {
      const r = JSON.parse(line) as { title: string; body: string };
      for (const p of r.body.split('\n\n')) samples.push([p, r.title]);
    }
  }

  it('lays out the same postings as counting each passage in a Map', () => {
    const b = new LexicalBuilder();
    for (const [text, title] of samples) b.addPassage(text, title);
    const got = b.finish();
    const want = reference(samples);
    expect(Array.from(got.lexHashes as Uint32Array)).toEqual(want.hashes);
    expect(Array.from(got.lexOffsets as Uint32Array)).toEqual(want.offsets);
    const postings = Array.from(got.lexPostings as Uint32Array);
    expect(postings.map((v) => v & DOC_MASK)).toEqual(want.docs);
    expect(postings.map((v) => v >>> 24)).toEqual(want.tfs);
    expect(Array.from(got.lexDocLens as Uint32Array)).toEqual(want.lens);
    expect((got.lexTotal as Float32Array)[0]).toBe(Math.fround(want.total));
  });

  it('stores for each term with enough postings the (tf, length) pairs that bound its BM25 part', () => {
    // The samples, and passages of a skewed vocabulary: long lists with many term frequencies and lengths.
    const rnd = random(7);
    const b = new LexicalBuilder();
    for (const [text, title] of samples) b.addPassage(text, title);
    for (let i = 0; i < 600; i++) {
      const h = Uint32Array.from({ length: 1 + Math.floor(rnd() ** 2 * 300) }, () => 1 + Math.floor(rnd() ** 4 * 300));
      b.addHashes(h, h, h.length);
    }
    const index = new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    const stored = expectStoredBounds([index]);
    // Both kinds of terms were checked: with a frontier stored and bounded from their postings.
    // (the shared data's passages, when present, add many terms of short lists)
    expect(stored).toBeGreaterThan(100);
    expect(index.hashes.length - stored).toBeGreaterThan(50);
    let pairs = 0;
    for (let i = 0; i < index.hashes.length; i++) pairs = Math.max(pairs, storedFrontier(index, i)?.length ?? 0);
    expect(pairs).toBeGreaterThan(2);
  });

  it('refuses a pack without the bound frontiers (written before they were stored)', () => {
    const b = new LexicalBuilder();
    for (const [text, title] of samples) b.addPassage(text, title);
    const arrays = Object.entries(b.finish());
    const older = Object.fromEntries(arrays.filter(([name]) => !name.startsWith('lexBound')));
    expect(Object.keys(older)).toHaveLength(arrays.length - 3);
    expect(() => new LexicalIndex(decodePack(encodePack(older), 'data.pack'))).toThrowError(/data.pack has no array lexBound/);
  });
});

/**
 * BM25 by walking every posting of every term: fresh accumulators per query, the length norm
 * per posting, terms added up rarest first, then in the order asked.
 */
function referenceSearch(segments: LexicalIndex[], terms: QueryTerm[], k: number, alive: (s: number, d: number) => boolean) {
  const { k1, b, maxDfRatio, minPassagesForCut } = DEFAULT_BM25;
  let n = 0;
  let total = 0;
  for (const s of segments) {
    n += s.size;
    total += s.totalLen;
  }
  if (n === 0 || terms.length === 0) return [];
  const avgdl = total / n;
  const dfs = terms.map((t) => segments.reduce((x, s) => x + s.df(t.hash), 0));
  const cutAt = n >= minPassagesForCut ? maxDfRatio * n : Infinity;
  const common = dfs.map((df) => df > cutAt);
  const keepCommon = common.every((c, i) => c || dfs[i] === 0);
  const idfs = dfs.map((df, i) => (df === 0 || (common[i] && !keepCommon) ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5))));
  const heap: Array<{ segment: number; doc: number; score: number }> = [];
  segments.forEach((seg, si) => {
    const acc = new Float32Array(seg.size);
    const touched: number[] = [];
    const order = terms.map((t, ti) => ti).sort((x, y) => dfs[x]! - dfs[y]! || x - y);
    order.forEach((ti) => {
      const t = terms[ti]!;
      const idf = idfs[ti]!;
      if (idf === 0 || t.weight <= 0) return;
      const i = seg.find(t.hash);
      if (i < 0) return;
      const w = idf * t.weight;
      const postings = seg.postingsOf(i);
      for (let p = 0; p < postings.length; p++) {
        const d = postings[p]! & DOC_MASK;
        const tf = postings[p]! >>> 24;
        // Each passage's norm in single precision, as the index keeps it.
        const add = (w * tf * (k1 + 1)) / (tf + Math.fround(k1 * (1 - b + (b * seg.docLens[d]!) / avgdl)));
        if (acc[d] === 0 && add > 0) touched.push(d);
        acc[d] = acc[d]! + add;
      }
    });
    for (const d of touched) {
      const score = acc[d]!;
      if (heap.length >= k && score <= heap[heap.length - 1]!.score) continue;
      if (!alive(si, d)) continue;
      let i = heap.length;
      while (i > 0 && heap[i - 1]!.score < score) i--;
      heap.splice(i, 0, { segment: si, doc: d, score });
      if (heap.length > k) heap.pop();
    }
  });
  return heap;
}

describe('Bm25Scratch', () => {
  it('ranks exactly as scoring each query from scratch, query after query, with deletions', () => {
    const lines = fs.existsSync(`${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`)
      ? fs.readFileSync(`${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`, 'utf8').split('\n').filter(Boolean).slice(0, 60)
      : [];
    const passages: Array<[string, string]> = [
      ['Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh.', 'Hợp tác đo lường'],
      ['Việt Nam sớm trở thành thành viên chính thức của IEC.', 'IEC'],
      ['Bộ Khoa học và Công nghệ ký biên bản ghi nhớ với Phần Lan về đổi mới sáng tạo.', 'Hợp tác Phần Lan'],
      ['Hội nghị tổ chức tại Hà Nội ngày 5/6/2024 với 1.000 đại biểu.', 'Hội nghị'],
    ];
    for (const line of lines) {
      const r = JSON.parse(line) as { title: string; body: string };
      for (const p of r.body.split('\n\n')) passages.push([p, r.title]);
    }
    const half = Math.ceil(passages.length / 2);
    const segments = [passages.slice(0, half), passages.slice(half)].map((part) => {
      const b = new LexicalBuilder();
      for (const [text, title] of part) b.addPassage(text, title);
      return new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    });
    const scratch = new Bm25Scratch(segments);
    const alive = (s: number, d: number) => (s * 7 + d) % 5 !== 0;
    const questions = [
      'hội nghị tổ chức ở đâu',
      'hoi nghi to chuc o dau',
      'IEC thành viên',
      'Phần Lan đổi mới sáng tạo',
      'bệnh viện bác sĩ điều trị',
      'xyz không có',
      ...passages.slice(0, 30).map(([t]) => t.slice(0, 80)),
    ];
    let compared = 0;
    for (const q of questions) {
      const terms = queryTerms(q);
      for (const k of [1, 10, 100]) {
        const want = referenceSearch(segments, terms, k, alive);
        expect(scratch.search(terms, k, alive)).toEqual(want);
        compared += want.length;
      }
    }
    // Hits compared: many with the ViNewsQA passages, a few dozen on the four written here alone.
    expect(compared).toBeGreaterThan(lines.length ? 100 : 20);
  });

  it('stops walking the common terms once they cannot change the k best, and still ranks exactly as walking every posting', () => {
    // Passages of words drawn with a skewed frequency (a few very common, many rare), in three
    // segments, and questions of 3 to 12 of the same words: the common words' lists are long.
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const vocabulary = Array.from({ length: 400 }, (_, i) => `${['tâm', 'sông', 'đường', 'hội', 'lúa', 'biển', 'nghị', 'phố'][i % 8]}${i}`);
    const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
    const sentence = (len: number) => Array.from({ length: len }, word).join(' ');
    const segments = [1200, 900, 600].map((size) => {
      const b = new LexicalBuilder();
      for (let i = 0; i < size; i++) b.addPassage(sentence(5 + Math.floor(random() * 40)), sentence(3));
      return new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    });
    const scratch = new Bm25Scratch(segments);
    const alive = (s: number, d: number) => (s * 3 + d) % 7 !== 0;
    let walked = 0;
    let exhaustive = 0;
    let probed = 0;
    for (let q = 0; q < 150; q++) {
      const terms = queryTerms(sentence(3 + Math.floor(random() * 10)));
      for (const k of [1, 10, 100]) {
        expect(scratch.search(terms, k, alive)).toEqual(referenceSearch(segments, terms, k, alive));
        walked += scratch.work.scored;
        probed += scratch.work.probed;
        for (const seg of segments) for (const t of terms) exhaustive += seg.df(t.hash);
      }
    }
    // The pruned path was taken, and saved most of the walk.
    expect(probed).toBeGreaterThan(0);
    expect(walked).toBeLessThan(exhaustive / 2);
  });

  it('does not walk a segment the filter admits nothing of, and ranks as walking it would', () => {
    const rnd = random(17);
    const segments = [400, 300, 500].map((size) => {
      const b = new LexicalBuilder();
      for (let i = 0; i < size; i++) {
        const h = Uint32Array.from({ length: 3 + Math.floor(rnd() * 30) }, () => 1 + Math.floor(rnd() ** 2 * 60));
        b.addHashes(h, h, h.length);
      }
      return new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    });
    const scratch = new Bm25Scratch(segments);
    // The filter admits passages of the first and last segments only.
    const alive = (s: number, d: number) => s !== 1 && d % 3 !== 0;
    for (let q = 0; q < 30; q++) {
      const terms: QueryTerm[] = [...new Set(Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => 1 + Math.floor(rnd() * 60)))].map((hash) => ({
        hash,
        weight: 1,
        pair: false,
      }));
      const want = referenceSearch(segments, terms, 10, alive);
      expect(scratch.search(terms, 10, alive)).toEqual(want);
      const walkedAll = scratch.work.scored + scratch.work.probed;
      expect(scratch.search(terms, 10, alive, (s) => s !== 1)).toEqual(want);
      // The middle segment's postings of the query's terms were not read.
      const middle = terms.reduce((n, t) => n + segments[1]!.df(t.hash), 0);
      if (middle > 0) expect(scratch.work.scored + scratch.work.probed).toBeLessThan(walkedAll);
    }
  });

  it('keeps tied passages in the order they were matched, as walking every posting does', () => {
    // Every passage is one of six, so that most scores tie, within and across segments.
    const rnd = random(5);
    const kinds = Array.from({ length: 6 }, () => Uint32Array.from({ length: 2 + Math.floor(rnd() * 10) }, () => 1 + Math.floor(rnd() * 12)));
    const segments = [250, 180].map((size) => {
      const b = new LexicalBuilder();
      for (let i = 0; i < size; i++) {
        const h = kinds[Math.floor(rnd() * kinds.length)]!;
        b.addHashes(h, h, h.length);
      }
      return new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    });
    const scratch = new Bm25Scratch(segments);
    const alive = (s: number, d: number) => (s + 2 * d) % 11 !== 0;
    for (let q = 0; q < 40; q++) {
      const hashes = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => 1 + Math.floor(rnd() * 12)))];
      const terms: QueryTerm[] = hashes.map((hash) => ({ hash, weight: 1, pair: false }));
      for (const k of [1, 3, 10, 50, 1000]) expect(scratch.search(terms, k, alive)).toEqual(referenceSearch(segments, terms, k, alive));
    }
  });

  it('scores a collection of minPassagesForCut passages or more with the large k1 and b, a smaller one with the usual', () => {
    const { minPassagesForCut, large } = DEFAULT_BM25;
    expect(bm25For(minPassagesForCut - 1)).toBe(DEFAULT_BM25);
    expect(bm25For(minPassagesForCut)).toEqual({ ...DEFAULT_BM25, k1: large.k1, b: large.b });
    expect(large.k1).not.toBe(DEFAULT_BM25.k1);
    const b = new LexicalBuilder();
    for (let i = 0; i < 40; i++) b.addHashes(Uint32Array.of(1, 2, 2 + (i % 3)), Uint32Array.of(1, 2, 2 + (i % 3)), 3);
    const seg = new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    expect(new Bm25Scratch([seg]).params).toBe(DEFAULT_BM25);
    const big = new Bm25Scratch([seg], { ...DEFAULT_BM25, minPassagesForCut: 40 });
    expect([big.params.k1, big.params.b]).toEqual([large.k1, large.b]);
    // The norms, and so the scores, follow the parameters chosen.
    const terms: QueryTerm[] = [{ hash: 4, weight: 1, pair: false }];
    const hit = (scratch: Bm25Scratch) => scratch.search(terms, 1, () => true)[0]?.score;
    expect(hit(big)).not.toBe(hit(new Bm25Scratch([seg])));
  });

  it('bounds each term by the largest term-frequency part of its postings, whatever the parameters', () => {
    const rnd = random(11);
    const segments = [300, 500].map((size) => {
      const b = new LexicalBuilder();
      for (let i = 0; i < size; i++) {
        // Lengths from 1 to a few hundred, term frequencies up to the cap of 255.
        const h = Uint32Array.from({ length: 1 + Math.floor(rnd() ** 3 * 400) }, () => 1 + Math.floor(rnd() ** 4 * 200));
        b.addHashes(h, h, h.length);
      }
      return new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
    });
    const total = segments.reduce((n, s) => n + s.totalLen, 0);
    const avgdl = total / segments.reduce((n, s) => n + s.size, 0);
    // The usual parameters; b above 1 (norms below zero for short passages); b = 0; k1 = 0.
    for (const [k1, b] of [
      [1.2, 0.5],
      [1.2, 1.6],
      [0.9, 0],
      [0, 0.75],
    ] as const) {
      const scratch = new Bm25Scratch(segments, { ...DEFAULT_BM25, k1, b });
      let checked = 0;
      let frontiers = 0;
      segments.forEach((seg, si) => {
        for (let i = 0; i < seg.hashes.length; i++) {
          if (seg.frontierOf(i) >= 0) frontiers++;
          let want = 0;
          for (const v of seg.postingsOf(i)) {
            const tf = v >>> 24;
            const part = (tf * (k1 + 1)) / (tf + Math.fround(k1 * (1 - b + (b * seg.docLens[v & DOC_MASK]!) / avgdl)));
            if (part > want) want = part;
          }
          expect(scratch.termBound(si, i)).toBe(want);
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(300);
      // Most terms have lists long enough for a stored frontier (used unless b is above 1).
      expect(frontiers).toBeGreaterThan(checked / 2);
    }
  });
});

describe('LexicalIndex.find', () => {
  /** An index over `hashes` (the passages' hashes given directly, both forms alike). */
  function indexOf(hashes: number[]): LexicalIndex {
    const b = new LexicalBuilder();
    for (let i = 0; i < hashes.length; i += 7) {
      const chunk = Uint32Array.from(hashes.slice(i, i + 7));
      b.addHashes(chunk, chunk, chunk.length);
    }
    return new LexicalIndex(decodePack(encodePack(b.finish()), 'test pack'));
  }

  it('finds each term where a search of the whole sorted array does, and nothing else', () => {
    const rnd = random(23);
    for (let round = 0; round < 20; round++) {
      const n = round === 0 ? 0 : Math.floor(rnd() * (round < 10 ? 50 : 20_000));
      const hashes: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = rnd();
        // Crowded buckets, empty ones, the first and the last bucket and the ends of the range.
        if (r < 0.1) hashes.push(Math.floor(rnd() * 16));
        else if (r < 0.2) hashes.push(0xffffffff - Math.floor(rnd() * 16));
        else if (r < 0.4) hashes.push(((Math.floor(rnd() * 4) << 16) | Math.floor(rnd() * 65536)) >>> 0);
        else hashes.push(Math.floor(rnd() * 2 ** 32));
      }
      const index = indexOf(hashes);
      const sorted = Array.from(index.hashes);
      const where = new Map(sorted.map((h, i) => [h, i]));
      for (const h of hashes) expect(index.find(h)).toBe(where.get(h));
      const absent = [0, 1, 65535, 65536, 0xffff0000, 0xffffffff, 2 ** 32, -1, -65536, 0.5, 70000.5, Infinity];
      for (let i = 0; i < 500; i++) absent.push(Math.floor(rnd() * 2 ** 32), (sorted[Math.floor(rnd() * sorted.length)] ?? 0) + 1);
      for (const h of absent) expect(index.find(h)).toBe(where.get(h) ?? -1);
    }
  });
});
