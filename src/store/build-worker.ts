import { parentPort, workerData } from 'node:worker_threads';
import { type Embedder, type WorkerRecipe, embedPassagesChecked } from '../embed/embedder.js';
import { InternalError } from '../errors.js';
import { type BuildSegmentInput, buildSegment } from './segment.js';
import type { WorkerFailure } from './update-index.js';

/**
 * Builds one segment in a worker thread (full builds run one per core). The thread starts on
 * the text and postings at once; where its vectors come from arrives later as one message
 * (`VectorSource`), once the parent has learned the embedder's model or embedded the passages.
 */
type Job = Omit<BuildSegmentInput, 'embed' | 'onProgress' | 'source' | 'vectors'>;

/** The message that tells a build worker how to get its vectors: an embedder to copy, or the vectors themselves. */
export type VectorSource = { type: 'source'; embedder: WorkerRecipe } | { type: 'source'; vectors: Float32Array };

const job = workerData as Job;

/** The thread's own copy of the embedder. */
async function embedderFor(recipe: WorkerRecipe): Promise<Embedder> {
  const made = (await import(recipe.module)) as Record<string, new (...args: unknown[]) => Embedder>;
  const Ctor = made[recipe.exportName];
  if (!Ctor) throw new InternalError(`${recipe.module} exports no ${recipe.exportName}`);
  return new Ctor(...recipe.args);
}

const source = new Promise<VectorSource>((resolve) => {
  parentPort?.once('message', (m: VectorSource) => resolve(m));
});

buildSegment({
  ...job,
  source: async () => {
    const m = await source;
    if ('vectors' in m) return { vectors: m.vectors };
    const embedder = await embedderFor(m.embedder);
    return { embed: (texts: string[]) => embedPassagesChecked(embedder, texts) };
  },
  onProgress: (n) => parentPort?.postMessage({ type: 'progress', n }),
})
  .then((built) => parentPort?.postMessage({ type: 'done', built }))
  .catch((err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const error: WorkerFailure = { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), code: (e as { code?: unknown }).code };
    parentPort?.postMessage({ type: 'error', error });
  });
