import { Embedder, type WorkerRecipe, l2normalize } from './embedder.js';
import { fold } from '../text/normalize.js';
import { pairs, syllables } from '../text/tokenize.js';
import { hash32 } from '../text/hash.js';

/**
 * The offline default: a deterministic feature-hashing embedder. Folded syllables, syllable
 * pairs and character trigrams are hashed (with a sign bit) into a fixed number of dimensions,
 * weighted by 1 + ln(tf) and L2-normalised. It needs no model file, no network and no state;
 * it is a sparse lexical signal in dense form, tolerant of missing tone marks and typos
 * (trigrams), which the vector index fuses with the exact BM25 signal.
 */
export class HashEmbedder extends Embedder {
  readonly id = 'hash';
  readonly version = '1';
  readonly dimension: number;
  readonly kind = 'lexical-hash';
  override readonly maxBatch = 4096;

  constructor(dimension = 256) {
    super({});
    this.dimension = dimension;
  }

  /** Stateless and cheap: every build worker makes its own. */
  override workerRecipe(): WorkerRecipe {
    return { module: import.meta.url, exportName: 'HashEmbedder', args: [this.dimension] };
  }

  embedText(text: string): Float32Array {
    const counts = new Map<string, number>();
    const add = (f: string, w: number) => counts.set(f, (counts.get(f) ?? 0) + w);
    const tokens = syllables(text);
    const folded = tokens.syllables.map(fold);
    for (const s of folded) {
      add(`u:${s}`, 1);
      if (s.length >= 3) {
        const padded = `<${s}>`;
        for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.25);
      }
    }
    for (const p of pairs({ syllables: folded, phraseStarts: tokens.phraseStarts })) add(`b:${p}`, 1);
    const v = new Float32Array(this.dimension);
    for (const [f, tf] of counts) {
      const h = hash32(f);
      const w = (1 + Math.log(1 + tf)) * (h & 0x80000000 ? -1 : 1);
      const i = h % this.dimension;
      v[i] = (v[i] as number) + w;
    }
    return l2normalize(v);
  }

  override async embedPassages(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedText(t));
  }

  override async embedQueryVector(text: string): Promise<Float32Array> {
    return this.embedText(text);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => Array.from(this.embedText(t)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return Array.from(this.embedText(text));
  }
}
