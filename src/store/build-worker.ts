import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder, WorkerRecipe } from '../embed/embedder.js';
import { type BuildSegmentInput, buildSegment } from './segment.js';

/** Builds one segment in a worker thread (full builds run one per core). */
type Job = Omit<BuildSegmentInput, 'embed' | 'onProgress'> & { embedder: WorkerRecipe | null };

const job = workerData as Job;

/** The thread's own copy of the embedder, when the job gives no vectors. */
async function embedderFor(recipe: WorkerRecipe | null): Promise<Embedder | null> {
  if (!recipe) return null;
  const made = (await import(recipe.module)) as Record<string, new (...args: unknown[]) => Embedder>;
  const Ctor = made[recipe.exportName];
  if (!Ctor) throw new Error(`${recipe.module} exports no ${recipe.exportName}`);
  return new Ctor(...recipe.args);
}

embedderFor(job.embedder)
  .then((embedder) =>
    buildSegment({
      ...job,
      ...(embedder ? { embed: (texts: string[]) => embedder.embedPassages(texts) } : {}),
      onProgress: (n) => parentPort?.postMessage({ type: 'progress', n }),
    }),
  )
  .then((built) => parentPort?.postMessage({ type: 'done', built }))
  .catch((err: Error) => parentPort?.postMessage({ type: 'error', message: err.stack ?? err.message }));
