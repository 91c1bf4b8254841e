import { InternalError } from '../errors.js';
import { decodePack, encodePack } from '../store/pack.js';
import { type CorpusModel, DEFAULT_LEARN, FeatureCounter, type LearnOptions, VocabTable, checkModel, embedFeatures, learnModel } from './corpus-model.js';
import { Embedder, type PassageTexts, type WorkerRecipe } from './embedder.js';

/**
 * The offline default: vectors from a model learned from the corpus itself at the first full
 * build (corpus-model.ts: latent semantic analysis of folded syllables and pairs, 64
 * dimensions). The model is stored with the index and changed only by a rebuild, so an
 * updated index embeds new articles exactly as the first build embedded the others. It needs
 * no file, network or download; without a model (before the index exists) it cannot embed.
 */
export class CorpusEmbedder extends Embedder {
  readonly id = 'corpus';
  /** 2: 64 dimensions (1: 128). */
  readonly version: string = '2';
  readonly dimension: number;
  readonly kind = 'corpus';
  override readonly maxBatch = 4096;
  override readonly learnsFromCorpus = true;
  private model: CorpusModel | null = null;
  private table: VocabTable | null = null;
  private bytes: Uint8Array | null = null;
  private readonly counter = new FeatureCounter();
  private readonly learn: LearnOptions;

  constructor(model?: Uint8Array, learn: Partial<LearnOptions> = {}) {
    super({});
    this.learn = { ...DEFAULT_LEARN, ...learn };
    this.dimension = this.learn.dimension;
    if (model) this.loadModel(model);
  }

  /** Build workers get the model's bytes and make their own copy. */
  override workerRecipe(): WorkerRecipe {
    if (!this.bytes) throw new InternalError('the corpus embedder has no model to give a build worker');
    return { module: import.meta.url, exportName: 'CorpusEmbedder', args: [this.bytes, this.learn] };
  }

  override get hasModel(): boolean {
    return this.model !== null;
  }

  override learnModel(passages: PassageTexts): Uint8Array {
    const m = learnModel(passages, this.learn);
    const bytes = new Uint8Array(
      encodePack({ vocab: m.vocab, idf: m.idf, vectors: m.vectors }, { dimension: m.dimension, embedder: this.id, version: this.version }),
    );
    this.loadModel(bytes);
    return bytes;
  }

  override loadModel(bytes: Uint8Array): void {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const pack = decodePack(buf, `the ${this.id} embedder's model`);
    const dimension = Number(pack.meta.dimension);
    if (dimension !== this.dimension) throw new InternalError(`the ${this.id} embedder's model has ${dimension} dimensions, expected ${this.dimension}`);
    const model: CorpusModel = { vocab: pack.get('vocab'), idf: pack.get('idf'), vectors: pack.get('vectors'), dimension };
    checkModel(model, `embedder ${this.id}`);
    this.model = model;
    this.table = new VocabTable(model.vocab);
    this.bytes = bytes;
  }

  /** The vector of a text (a passage with its title for passages). */
  embedText(...texts: string[]): Float32Array {
    const { model, table } = this;
    if (!model || !table) throw new InternalError(`the ${this.id} embedder has no model yet: it is learned by the first full build of the index`);
    this.counter.count(...texts);
    const out = new Float32Array(this.dimension);
    embedFeatures(model, table, this.counter.hashes, this.counter.counts, this.counter.n, out);
    return out;
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
