import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import type { WorkerRecipe } from '../../src/embed/embedder.js';

/**
 * A broken embedder for failure tests: it drops the last vector of every batch. Build workers
 * can make their own copy, so the failure happens inside a worker thread as well.
 */
export class ShortEmbedder extends HashEmbedder {
  override async embedPassages(texts: string[]): Promise<Float32Array[]> {
    return (await super.embedPassages(texts)).slice(0, -1);
  }

  override workerRecipe(): WorkerRecipe {
    return { module: import.meta.url, exportName: 'ShortEmbedder', args: [this.dimension] };
  }
}
