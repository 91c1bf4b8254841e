import { Embeddings } from '@langchain/core/embeddings';
import { InternalError, ProviderError } from '../errors.js';

/**
 * What an embedder's vectors are, which decides how retrieval fuses them with BM25:
 * `lexical-hash`, hashed words and character trigrams, a weak copy of the lexical signal (fused
 * by score at a small weight); `corpus`, topics learned from the corpus's own co-occurrences
 * (fused by min-max normalised score at a small weight); `neural`, a model's vectors, an
 * independent signal (fused by rank).
 */
export type EmbedderKind = 'lexical-hash' | 'corpus' | 'neural';

/** Passage texts for learning a model from the corpus: passage `i` as [title, text]. */
export interface PassageTexts {
  length: number;
  text(i: number): string[];
}

/**
 * How a build worker thread makes its own copy of an embedder: the module to import, the class
 * it exports and the constructor's arguments (plain data, copied to the thread).
 */
export interface WorkerRecipe {
  module: string;
  exportName: string;
  args: unknown[];
}

/**
 * The embedding port: LangChain's `Embeddings` (embedDocuments / embedQuery) plus what the
 * index manifest must record so that an index is never queried with another model's vectors.
 * Vectors are L2-normalised, so inner product is cosine similarity.
 */
export abstract class Embedder extends Embeddings {
  /** Provider and model, e.g. `hash`, `transformers:/models/e5-small`, `openai:text-embedding-3-small`. */
  abstract readonly id: string;
  /** Bumped when the same id would produce different vectors. */
  abstract readonly version: string;
  abstract readonly dimension: number;
  abstract readonly kind: EmbedderKind;
  /** Largest batch `embedDocuments` sends at once. */
  readonly maxBatch: number = 64;
  /**
   * How a build worker thread can make its own copy, or null when it cannot: a loaded model or
   * a remote API stays in the main thread, which embeds and hands the vectors to the workers.
   */
  workerRecipe(): WorkerRecipe | null {
    return null;
  }
  /**
   * Whether the embedder learns a model from the corpus at the first full build. Such a model
   * is stored with the index (`Store.embedderModel`) and loaded from it before embedding.
   */
  readonly learnsFromCorpus: boolean = false;
  /** Whether a learned model is loaded (always true for embedders that learn nothing). */
  get hasModel(): boolean {
    return true;
  }
  /** Learns a model from the corpus's passages, uses it, and returns its bytes to store. */
  learnModel(_passages: PassageTexts): Uint8Array {
    throw new InternalError(`embedder ${this.id} learns no model`);
  }
  /** Uses a model learned earlier (the bytes `learnModel` returned). */
  loadModel(_bytes: Uint8Array): void {
    throw new InternalError(`embedder ${this.id} learns no model`);
  }
  /** Releases model sessions or sockets. */
  async close(): Promise<void> {}

  /** Passage vectors as typed arrays, normalised; in batches of `maxBatch`. */
  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.maxBatch) {
      const batch = await this.embedDocuments(texts.slice(i, i + this.maxBatch));
      for (const v of batch) out.push(l2normalize(Float32Array.from(v)));
    }
    return out;
  }

  /** A query vector as a typed array, normalised. */
  async embedQueryVector(text: string): Promise<Float32Array> {
    return l2normalize(Float32Array.from(await this.embedQuery(text)));
  }
}

/** `embedder.embedPassages(texts)`, checked: one vector per text, each of the embedder's dimension. */
export async function embedPassagesChecked(embedder: Embedder, texts: string[]): Promise<Float32Array[]> {
  const vectors = await embedder.embedPassages(texts);
  const fail = (what: string) => new ProviderError(`embedder ${embedder.id}`, what);
  if (vectors.length !== texts.length) throw fail(`returned ${vectors.length} vectors for ${texts.length} passages`);
  for (const v of vectors) if (v.length !== embedder.dimension) throw fail(`returned ${v.length} dimensions, expected ${embedder.dimension}`);
  return vectors;
}

export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  if (s > 0) {
    const k = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * k;
  }
  return v;
}
