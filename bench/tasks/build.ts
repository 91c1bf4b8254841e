import { task, peakRssMiB } from '../child.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { benchEmbedder } from '../embedder.js';
import { updateIndex } from '../../src/store/update-index.js';

export interface BuildInput {
  corpus: string;
  indexDir: string;
  workers?: number;
}

export interface BuildResult {
  articles: number;
  passages: number;
  issues: number;
  loadMs: number;
  indexMs: number;
  /** Time to the end of the embed phase and of HNSW inserts, from the start of indexing. */
  phases: { embedDoneMs: number | null; insertDoneMs: number | null };
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssMiB: number;
}

/** A full build, as `kiemchung index` does it: read the corpus, then index it from scratch. */
task<BuildInput, BuildResult>(async (input) => {
  const t0 = performance.now();
  const loaded = await loadCorpus(input.corpus);
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  let embedDoneMs: number | null = null;
  let insertDoneMs: number | null = null;
  const report = await updateIndex({
    indexDir: input.indexDir,
    corpus: input.corpus,
    embedder: benchEmbedder(),
    loaded,
    rebuild: true,
    ...(input.workers ? { workers: input.workers } : {}),
    onProgress: (p) => {
      if (p.done < p.total) return;
      if (p.phase === 'embed') embedDoneMs = performance.now() - t1;
      else insertDoneMs = performance.now() - t1;
    },
  });
  const indexMs = performance.now() - t1;
  const ru = process.resourceUsage();
  return {
    articles: report.articles,
    passages: report.passages,
    issues: report.issues.length,
    loadMs,
    indexMs,
    phases: { embedDoneMs, insertDoneMs },
    cpuUserMs: ru.userCPUTime / 1000,
    cpuSystemMs: ru.systemCPUTime / 1000,
    peakRssMiB: peakRssMiB(),
  };
});
