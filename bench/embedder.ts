import { CorpusEmbedder } from '../src/embed/corpus-embedder.js';
import type { Embedder } from '../src/embed/embedder.js';
import { SegmentStore } from '../src/store/segment-store.js';

/** The product's default embedder, as every kiemchung pipeline of the benchmark uses it. */
export function benchEmbedder(): Embedder {
  return new CorpusEmbedder();
}

/** The store of an index, with the embedder's learned model loaded from it (as the engine does). */
export function openBenchStore(indexDir: string, embedder: Embedder): SegmentStore {
  const store = SegmentStore.open(indexDir, embedder);
  if (embedder.learnsFromCorpus) {
    const model = store.embedderModel();
    if (!model) throw new Error(`index at ${indexDir} has no model for embedder ${embedder.id}`);
    embedder.loadModel(model);
  }
  return store;
}
