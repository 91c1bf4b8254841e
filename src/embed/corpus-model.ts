import { InternalError, ProviderError } from '../errors.js';
import { TermSink, scanTerms } from '../text/term-scan.js';

/**
 * The model of the corpus embedder: a vocabulary of folded syllables and syllable pairs, an
 * inverse document frequency per term, and a dense vector per term, learned from the corpus
 * itself by a truncated SVD of its passage-term matrix (latent semantic analysis). Terms
 * that occur in the same passages get nearby vectors, so a passage vector carries which
 * topics its words belong to, not which exact words it has: the independent signal that BM25
 * lacks, and a space where nearest neighbours are well separated (what an HNSW graph needs).
 *
 * A model is plain data (`encodeModel` / `decodeModel` give its bytes), learned once at the
 * first full build and stored with the index, so every store can keep it and every passage
 * of an index is embedded by the same model however it was updated since.
 */
export interface CorpusModel {
  /** Folded term hashes (`foldedHash`), sorted ascending. */
  vocab: Uint32Array;
  /** Inverse document frequency per vocabulary term. */
  idf: Float32Array;
  /** `vocab.length × dimension` term vectors, row by row. */
  vectors: Float32Array;
  dimension: number;
}

export interface LearnOptions {
  dimension: number;
  /** Largest vocabulary kept (the most frequent terms). */
  vocabulary: number;
  /** Passages learned from at most (evenly spaced over the corpus). */
  sample: number;
  /** Terms in fewer passages of the sample are left out. */
  minDf: number;
  /** Terms in more than this share of the sample's passages are left out (function words). */
  maxDfRatio: number;
  /** Power iterations of the randomised SVD. */
  powerIterations: number;
  seed: number;
}

/**
 * 64 dimensions: ViNewsQA dev, XQuAD-vi and dev with 5,000 distractors (with and without tone
 * marks) give the same eval figures as with 128 (within 0.2 points), while a vector search and
 * the graph's build cost about half as much and the graph reaches recall@10 0.95 at a smaller
 * breadth (README, "Embedder").
 */
export const DEFAULT_LEARN: LearnOptions = {
  dimension: 64,
  vocabulary: 32_768,
  sample: 20_000,
  minDf: 3,
  maxDfRatio: 0.3,
  powerIterations: 0,
  seed: 20_240_605,
};

/** Weighted terms of a text as the model sees them: folded hashes with their counts. */
export class FeatureCounter {
  private readonly sink = new TermSink();
  private keys = new Uint32Array(1024);
  private tfs = new Uint16Array(1024);
  private used = new Uint8Array(1024);
  /** Distinct hashes of the last text, and their counts, in `hashes[0..n)` / `counts[0..n)`. */
  hashes = new Uint32Array(512);
  counts = new Uint16Array(512);
  n = 0;

  /** Counts the folded terms of the given texts together (a passage and its title). */
  count(...texts: string[]): void {
    const sink = this.sink;
    sink.reset();
    for (const t of texts) scanTerms(t, sink);
    const m = sink.length;
    let size = this.keys.length;
    if (m * 2 > size) {
      while (m * 2 > size) size *= 2;
      this.keys = new Uint32Array(size);
      this.tfs = new Uint16Array(size);
      this.used = new Uint8Array(size);
      this.hashes = new Uint32Array(size);
      this.counts = new Uint16Array(size);
    }
    const mask = size - 1;
    const { keys, tfs, used, hashes } = this;
    let n = 0;
    const f = sink.folded;
    for (let i = 0; i < m; i++) {
      const h = f[i] as number;
      let j = h & mask;
      for (;;) {
        if (used[j] === 0) {
          used[j] = 1;
          keys[j] = h;
          tfs[j] = 1;
          hashes[n++] = h;
          break;
        }
        if (keys[j] === h) {
          tfs[j] = (tfs[j] as number) + 1;
          break;
        }
        j = (j + 1) & mask;
      }
    }
    for (let i = 0; i < n; i++) {
      const h = hashes[i] as number;
      let j = h & mask;
      while (keys[j] !== h) j = (j + 1) & mask;
      this.counts[i] = tfs[j] as number;
      used[j] = 0;
    }
    this.n = n;
  }
}

/** hash → vocabulary index, for a model's vocabulary (open addressing). */
export class VocabTable {
  private readonly keys: Uint32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  constructor(vocab: Uint32Array) {
    let size = 16;
    while (size < vocab.length * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.vals = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    vocab.forEach((h, i) => {
      let j = h & this.mask;
      while (this.vals[j] !== -1) j = (j + 1) & this.mask;
      this.keys[j] = h;
      this.vals[j] = i;
    });
  }
  get(h: number): number {
    let j = h & this.mask;
    for (;;) {
      const v = this.vals[j] as number;
      if (v === -1 || this.keys[j] === h) return v;
      j = (j + 1) & this.mask;
    }
  }
}

/** A term's weight in a text: (1 + ln tf) × idf. */
export function termWeight(tf: number, idf: number): number {
  return (1 + Math.log(tf)) * idf;
}

/** A deterministic stream of standard normal numbers. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
}

/** How many times each 32-bit hash was added (open addressing; a Map per hash is the slow part of learning). */
class HashCounts {
  private keys = new Uint32Array(1 << 16);
  private counts = new Uint32Array(1 << 16);
  private size = 0;

  add(h: number): void {
    let mask = this.keys.length - 1;
    let i = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const c = this.counts[i] as number;
      if (c === 0) break;
      if (this.keys[i] === h) {
        this.counts[i] = c + 1;
        return;
      }
      i = (i + 1) & mask;
    }
    this.keys[i] = h;
    this.counts[i] = 1;
    if (++this.size * 2 <= this.keys.length) return;
    const { keys, counts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Uint32Array(keys.length * 2);
    mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (counts[j] === 0) continue;
      let k = (Math.imul(keys[j] as number, 0x9e3779b1) >>> 0) & mask;
      while (this.counts[k] !== 0) k = (k + 1) & mask;
      this.keys[k] = keys[j] as number;
      this.counts[k] = counts[j] as number;
    }
  }

  /** [hash, count] of the hashes counted between `min` and `max` times, in no particular order. */
  entries(min: number, max: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.keys.length; i++) {
      const c = this.counts[i] as number;
      if (c !== 0 && c >= min && c <= max) out.push([this.keys[i] as number, c]);
    }
    return out;
  }
}

/** Rows of a sparse matrix: passages of the sample over the vocabulary. */
interface Csr {
  rows: number;
  cols: number;
  ptr: Uint32Array;
  idx: Uint32Array;
  val: Float32Array;
}

/** out[o … o+l) += v · src[so … so+l), four components per step (the same float64 sums). */
function addScaled(out: Float64Array, o: number, src: Float64Array, so: number, v: number, l: number): void {
  let j = 0;
  for (; j + 4 <= l; j += 4) {
    out[o + j] = (out[o + j] as number) + v * (src[so + j] as number);
    out[o + j + 1] = (out[o + j + 1] as number) + v * (src[so + j + 1] as number);
    out[o + j + 2] = (out[o + j + 2] as number) + v * (src[so + j + 2] as number);
    out[o + j + 3] = (out[o + j + 3] as number) + v * (src[so + j + 3] as number);
  }
  for (; j < l; j++) out[o + j] = (out[o + j] as number) + v * (src[so + j] as number);
}

/** out (rows × l) = X (rows × cols) · M (cols × l), all row-major. */
function mulXM(x: Csr, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(x.rows * l);
  for (let r = 0; r < x.rows; r++) {
    const o = r * l;
    for (let p = x.ptr[r] as number, e = x.ptr[r + 1] as number; p < e; p++) {
      const v = x.val[p] as number;
      const mo = (x.idx[p] as number) * l;
      addScaled(out, o, m, mo, v, l);
    }
  }
  return out;
}

/** out (cols × l) = Xᵀ · Z (rows × l), row-major. */
function mulXtZ(x: Csr, z: Float64Array, l: number): Float64Array {
  const out = new Float64Array(x.cols * l);
  for (let r = 0; r < x.rows; r++) {
    const zo = r * l;
    for (let p = x.ptr[r] as number, e = x.ptr[r + 1] as number; p < e; p++) {
      const v = x.val[p] as number;
      const o = (x.idx[p] as number) * l;
      addScaled(out, o, z, zo, v, l);
    }
  }
  return out;
}

/** Orthonormal columns spanning those of a row-major (n × l) matrix, in place (modified Gram-Schmidt). */
function orthonormalise(a: Float64Array, n: number, l: number): void {
  // Column-major copy for contiguous columns.
  const c = new Float64Array(n * l);
  for (let i = 0; i < n; i++) for (let j = 0; j < l; j++) c[j * n + i] = a[i * l + j] as number;
  {
    for (let j = 0; j < l; j++) {
      const cj = j * n;
      for (let q = 0; q < j; q++) {
        const cq = q * n;
        let d = 0;
        for (let i = 0; i < n; i++) d += (c[cj + i] as number) * (c[cq + i] as number);
        for (let i = 0; i < n; i++) c[cj + i] = (c[cj + i] as number) - d * (c[cq + i] as number);
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += (c[cj + i] as number) ** 2;
      const inv = s > 1e-30 ? 1 / Math.sqrt(s) : 0;
      for (let i = 0; i < n; i++) c[cj + i] = (c[cj + i] as number) * inv;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < l; j++) a[i * l + j] = c[j * n + i] as number;
}

/** Eigenvalues and eigenvectors (columns of `v`, row-major l × l) of a symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(m: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += (a[p * l + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * l + p] as number;
        const aqq = a[q * l + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p] as number;
          const akq = a[k * l + q] as number;
          a[k * l + p] = cs * akp - sn * akq;
          a[k * l + q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k] as number;
          const aqk = a[q * l + k] as number;
          a[p * l + k] = cs * apk - sn * aqk;
          a[q * l + k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p] as number;
          const vkq = v[k * l + q] as number;
          v[k * l + p] = cs * vkp - sn * vkq;
          v[k * l + q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i] as number;
  return { values, vectors: v };
}

/**
 * Learns a model from passage texts (each a passage with its title, as it is indexed):
 * vocabulary and idf from an evenly spaced sample, then the top right singular vectors of the
 * sample's weighted passage-term matrix (rows L2-normalised) by a randomised SVD.
 */
export function learnModel(passages: { length: number; text(i: number): string[] }, opts: LearnOptions = DEFAULT_LEARN): CorpusModel {
  const total = passages.length;
  const n = Math.min(total, opts.sample);
  const counter = new FeatureCounter();
  // The sample's features, kept as (hash, tf) lists to build the matrix once the vocabulary is known.
  const rowHashes: Uint32Array[] = [];
  const rowTfs: Uint16Array[] = [];
  const df = new HashCounts();
  for (let s = 0; s < n; s++) {
    const i = Math.floor((s * total) / n);
    counter.count(...passages.text(i));
    const h = counter.hashes.slice(0, counter.n);
    rowHashes.push(h);
    rowTfs.push(counter.counts.slice(0, counter.n));
    for (let j = 0; j < h.length; j++) df.add(h[j] as number);
  }
  // A small corpus keeps every term it has.
  const minDf = n >= 2000 ? opts.minDf : 1;
  const maxDf = Math.max(minDf, opts.maxDfRatio * n);
  const kept = df.entries(minDf, maxDf);
  kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const chosen = kept.slice(0, opts.vocabulary).sort((a, b) => a[0] - b[0]);
  const vocab = Uint32Array.from(chosen.map(([h]) => h));
  const idf = Float32Array.from(chosen.map(([, d]) => Math.log((n + 1) / (d + 0.5))));
  const v = vocab.length;
  const k = Math.min(opts.dimension, v);
  // A tiny corpus can have fewer terms than dimensions: the dimensions beyond them stay zero.
  const table = new VocabTable(vocab);

  // The matrix, rows L2-normalised.
  const ptr = new Uint32Array(n + 1);
  let nnz = 0;
  for (const hs of rowHashes) nnz += hs.length;
  const idx = new Uint32Array(nnz);
  const val = new Float32Array(nnz);
  let at = 0;
  for (let r = 0; r < n; r++) {
    const hs = rowHashes[r] as Uint32Array;
    const tfs = rowTfs[r] as Uint16Array;
    const start = at;
    let norm = 0;
    for (let j = 0; j < hs.length; j++) {
      const t = table.get(hs[j] as number);
      if (t < 0) continue;
      const w = termWeight(tfs[j] as number, idf[t] as number);
      idx[at] = t;
      val[at++] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = start; j < at; j++) val[j] = (val[j] as number) * inv;
    ptr[r + 1] = at;
  }
  const x: Csr = { rows: n, cols: v, ptr, idx: idx.subarray(0, at), val: val.subarray(0, at) };

  const vectors = new Float32Array(v * opts.dimension);
  if (k > 0 && n > 0) {
    const l = Math.min(v, k + 8);
    const g = gaussian(opts.seed);
    let q: Float64Array = new Float64Array(v * l);
    for (let i = 0; i < q.length; i++) q[i] = g();
    for (let it = 0; it <= opts.powerIterations; it++) {
      q = mulXtZ(x, mulXM(x, q, l), l);
      orthonormalise(q, v, l);
    }
    // B = X·Q; the eigenvectors of BᵀB rotate Q onto the right singular vectors.
    const b = mulXM(x, q, l);
    const btb = new Float64Array(l * l);
    for (let r = 0; r < n; r++) {
      const o = r * l;
      for (let i = 0; i < l; i++) {
        const bi = b[o + i] as number;
        if (bi === 0) continue;
        for (let j = i; j < l; j++) btb[i * l + j] = (btb[i * l + j] as number) + bi * (b[o + j] as number);
      }
    }
    for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) btb[i * l + j] = btb[j * l + i] as number;
    const { values, vectors: w } = symmetricEigen(btb, l);
    const order = [...values.keys()].sort((a, c) => (values[c] as number) - (values[a] as number)).slice(0, k);
    // The chosen eigenvectors as contiguous rows (the same products summed in the same order).
    const wt = new Float64Array(k * l);
    for (let c = 0; c < k; c++) for (let j = 0; j < l; j++) wt[c * l + j] = w[j * l + (order[c] as number)] as number;
    for (let t = 0; t < v; t++) {
      const qo = t * l;
      for (let c = 0; c < k; c++) {
        const wo = c * l;
        let s = 0;
        for (let j = 0; j < l; j++) s += (q[qo + j] as number) * (wt[wo + j] as number);
        vectors[t * opts.dimension + c] = s;
      }
    }
  }
  return { vocab, idf, vectors, dimension: opts.dimension };
}

/** Embeds counted features with a model into `out` (L2-normalised; zero when no term is known). */
export function embedFeatures(model: CorpusModel, table: VocabTable, hashes: Uint32Array, counts: Uint16Array, n: number, out: Float32Array): void {
  const d = model.dimension;
  const d4 = d & ~3;
  const { idf, vectors } = model;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const t = table.get(hashes[i] as number);
    if (t < 0) continue;
    const w = termWeight(counts[i] as number, idf[t] as number);
    const o = t * d;
    // Four components per step (the same sums, each rounded to float32 as before): a build embeds every passage.
    let j = 0;
    for (; j < d4; j += 4) {
      out[j] = (out[j] as number) + w * (vectors[o + j] as number);
      out[j + 1] = (out[j + 1] as number) + w * (vectors[o + j + 1] as number);
      out[j + 2] = (out[j + 2] as number) + w * (vectors[o + j + 2] as number);
      out[j + 3] = (out[j + 3] as number) + w * (vectors[o + j + 3] as number);
    }
    for (; j < d; j++) out[j] = (out[j] as number) + w * (vectors[o + j] as number);
  }
  let s = 0;
  for (let j = 0; j < d; j++) s += (out[j] as number) ** 2;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) out[j] = (out[j] as number) * inv;
  }
}

export function checkModel(model: CorpusModel, what: string): void {
  const v = model.vocab.length;
  if (model.idf.length !== v || model.vectors.length !== v * model.dimension) {
    throw new ProviderError(what, `model has ${v} terms but ${model.idf.length} weights and ${model.vectors.length / model.dimension} vectors`);
  }
  for (let i = 1; i < v; i++)
    if ((model.vocab[i] as number) <= (model.vocab[i - 1] as number)) throw new InternalError(`${what}: model vocabulary is not sorted`);
}
