import { describe, expect, it } from 'vitest';
import { type CorpusModel, VocabTable, embedFeatures, termWeight } from '../../src/embed/corpus-model.js';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function randomModel(dimension: number, terms: number, rnd: () => number): CorpusModel {
  const vocab = new Uint32Array(terms);
  for (let i = 0; i < terms; i++) vocab[i] = i * 7919 + 3;
  const idf = Float32Array.from({ length: terms }, () => 0.5 + 4 * rnd());
  const vectors = Float32Array.from({ length: terms * dimension }, () => rnd() - 0.5);
  return { vocab, idf, vectors, dimension };
}

/** The passage vector computed component by component, one float32 sum per term, then normalised. */
function reference(model: CorpusModel, table: VocabTable, hashes: Uint32Array, counts: Uint16Array, n: number): Float32Array {
  const d = model.dimension;
  const out = new Float32Array(d);
  for (let i = 0; i < n; i++) {
    const t = table.get(hashes[i] as number);
    if (t < 0) continue;
    const w = termWeight(counts[i] as number, model.idf[t] as number);
    for (let j = 0; j < d; j++) out[j] = (out[j] as number) + w * (model.vectors[t * d + j] as number);
  }
  let s = 0;
  for (let j = 0; j < d; j++) s += (out[j] as number) ** 2;
  if (s > 0) for (let j = 0; j < d; j++) out[j] = (out[j] as number) * (1 / Math.sqrt(s));
  return out;
}

describe('embedFeatures', () => {
  it.each([128, 7, 3, 1])('gives exactly the component-by-component sums at %i dimensions', (dimension) => {
    const rnd = random(dimension);
    const model = randomModel(dimension, 500, rnd);
    const table = new VocabTable(model.vocab);
    const out = new Float32Array(dimension);
    for (let text = 0; text < 50; text++) {
      const n = 1 + Math.floor(rnd() * 80);
      // Known and unknown hashes, counts from 1 to 5.
      const hashes = Uint32Array.from({ length: n }, () => (rnd() < 0.8 ? (model.vocab[Math.floor(rnd() * 500)] as number) : 1_000_000_007 + text));
      const counts = Uint16Array.from({ length: n }, () => 1 + Math.floor(rnd() * 5));
      embedFeatures(model, table, hashes, counts, n, out);
      expect(Array.from(out)).toEqual(Array.from(reference(model, table, hashes, counts, n)));
    }
  });

  it('gives a zero vector when no term is known', () => {
    const model = randomModel(8, 10, random(1));
    const out = new Float32Array(8).fill(1);
    embedFeatures(model, new VocabTable(model.vocab), Uint32Array.of(5, 6), Uint16Array.of(1, 2), 2, out);
    expect(Array.from(out)).toEqual(new Array(8).fill(0));
  });
});
