import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';

/** The corpus embedder as its version 1 was: a model of 128 dimensions. */
export class CorpusModelV1 extends CorpusEmbedder {
  override readonly version: string = '1';
  constructor() {
    super(undefined, { dimension: 128 });
  }
}
