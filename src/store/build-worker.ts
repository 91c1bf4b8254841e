import { parentPort, workerData } from 'node:worker_threads';
import { type Embedder, type WorkerRecipe, embedPassagesChecked } from '../embed/embedder.js';
import { InternalError } from '../errors.js';
import { type BuildSegmentInput, buildSegment } from './segment.js';
import type { WorkerFailure } from './update-index.js';

/** Builds one segment in a worker thread (full builds run one per core). */
type Job = Omit<BuildSegmentInput, 'embed' | 'onProgress'> & { embedder: WorkerRecipe | null };

const job = workerData as Job;

/** The thread's own copy of the embedder, when the job gives no vectors. */
async function embedderFor(recipe: WorkerRecipe | null): Promise<Embedder | null> {
  if (!recipe) return null;
  const made = (await import(recipe.module)) as Record<string, new (...args: unknown[]) => Embedder>;
  const Ctor = made[recipe.exportName];
  if (!Ctor) throw new InternalError(`${recipe.module} exports no ${recipe.exportName}`);
  return new Ctor(...recipe.args);
}

embedderFor(job.embedder)
  .then((embedder) =>
    buildSegment({
      ...job,
      ...(embedder ? { embed: (texts: string[]) => embedPassagesChecked(embedder, texts) } : {}),
      onProgress: (n) => parentPort?.postMessage({ type: 'progress', n }),
    }),
  )
  .then((built) => parentPort?.postMessage({ type: 'done', built }))
  .catch((err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const error: WorkerFailure = { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), code: (e as { code?: unknown }).code };
    parentPort?.postMessage({ type: 'error', error });
  });
