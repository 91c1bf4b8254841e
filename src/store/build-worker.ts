import { parentPort, workerData } from 'node:worker_threads';
import { HashEmbedder } from '../embed/hash-embedder.js';
import { type BuildSegmentInput, buildSegment } from './segment.js';

/** Builds one segment in a worker thread (full builds run one per core). */
type Job = Omit<BuildSegmentInput, 'embed' | 'onProgress'> & { hashEmbedder: boolean };

const job = workerData as Job;
const embedder = job.hashEmbedder ? new HashEmbedder(job.dimension) : null;
buildSegment({
  ...job,
  ...(embedder ? { embed: (texts: string[]) => embedder.embedPassages(texts) } : {}),
  onProgress: (n) => parentPort?.postMessage({ type: 'progress', n }),
})
  .then((built) => parentPort?.postMessage({ type: 'done', built }))
  .catch((err: Error) => parentPort?.postMessage({ type: 'error', message: err.stack ?? err.message }));
