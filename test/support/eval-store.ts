import { prepareEvalIndex } from '../../src/cli/eval.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { loadConfig, silentLogger } from '../../src/index.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { tempDir } from './corpus.js';

/** A store over `corpus` (a folder or a JSONL file) as `kiemchung eval` builds it, with its embedder's model loaded as the engine does. */
export async function openEvalStore(corpus: string): Promise<{ store: SegmentStore; embedder: Embedder }> {
  const config = loadConfig({}, { corpus });
  const prepared = await prepareEvalIndex({ corpus, cacheDir: tempDir(), config, logger: silentLogger });
  const store = SegmentStore.open(prepared.indexDir, prepared.embedder);
  if (prepared.embedder.learnsFromCorpus) prepared.embedder.loadModel(store.embedderModel()!);
  return { store, embedder: prepared.embedder };
}
