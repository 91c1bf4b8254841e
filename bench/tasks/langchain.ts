import fs from 'node:fs';
import readline from 'node:readline';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { peakRssMiB, rssMiB, task } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { diskBytes } from '../data.js';
import { type Latency, Recall, firstSeen, latency } from '../metrics.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';

export interface LangchainInput {
  corpus: string;
  saveDir: string;
  questions: BenchQuestion[];
  warmup: number;
}

export interface LangchainResult {
  articles: number;
  chunks: number;
  loadMs: number;
  splitMs: number;
  /** `HNSWLib.fromDocuments`: embedding and HNSW inserts, one thread. */
  indexMs: number;
  saveMs: number;
  diskBytes: number;
  rssLoadedMiB: number;
  peakRssMiB: number;
  cpuUserMs: number;
  search: Latency & { r1: number; r10: number };
}

/**
 * The pipeline a developer writes first with LangChain: documents from the JSONL, the default
 * RecursiveCharacterTextSplitter, HNSWLib.fromDocuments with the same hash embedder, and top-10
 * similarity search; its quality is the article order of the returned chunks.
 */
task<LangchainInput, LangchainResult>(async (input) => {
  const t0 = performance.now();
  const docs: Document[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(input.corpus), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string | number; title: string; body: string };
    docs.push(new Document({ pageContent: `${r.title}\n\n${r.body}`, metadata: { articleId: String(r.id).toLowerCase(), title: r.title } }));
  }
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  const splitter = new RecursiveCharacterTextSplitter();
  const chunks = await splitter.splitDocuments(docs);
  const splitMs = performance.now() - t1;

  const embedder = new HashEmbedder();
  const t2 = performance.now();
  const store = await HNSWLib.fromDocuments(chunks, embedder);
  const indexMs = performance.now() - t2;

  const t3 = performance.now();
  await store.save(input.saveDir);
  const saveMs = performance.now() - t3;
  const rssLoadedMiB = rssMiB();

  for (const q of input.questions.slice(0, input.warmup)) await store.similaritySearch(q.question, 10);
  const ms: number[] = [];
  const quality = new Recall();
  for (const q of input.questions) {
    const t = performance.now();
    const found = await store.similaritySearch(q.question, 10);
    ms.push(performance.now() - t);
    quality.add(firstSeen(found.map((d) => String(d.metadata.articleId))), q.articles);
  }
  return {
    articles: docs.length,
    chunks: chunks.length,
    loadMs,
    splitMs,
    indexMs,
    saveMs,
    diskBytes: diskBytes(input.saveDir),
    rssLoadedMiB,
    peakRssMiB: peakRssMiB(),
    cpuUserMs: process.resourceUsage().userCPUTime / 1000,
    search: { ...latency(ms), ...quality.result },
  };
});
