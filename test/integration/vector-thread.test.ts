import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { receiveMessageOnPort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { loadConfig, silentLogger } from '../../src/index.js';
import { type IndexBackend, openBackend } from '../../src/store/backend.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { updateIndex } from '../../src/store/update-index.js';
import { VECTOR_THREAD_MIN_PASSAGES, VECTOR_THREAD_START_MS, VectorThread, wantsVectorThread } from '../../src/store/vector-thread.js';
import { SEARCH_CLAIM } from '../../src/store/vector-worker.js';
import { article, syntheticCorpus, tempDir } from '../support/corpus.js';
import { recordingLogger } from '../support/telegram-harness.js';

const embedder = new HashEmbedder();
const hnsw = { m: 16, efConstruction: 100, efSearch: 64 };
const ARTICLES = 400;

/** A core always spare: the tests do not depend on how busy the machine running them is. */
const alwaysSpare = () => ({ available: true });

// The thread is given only on machines of two cores or more.
describe.skipIf(os.availableParallelism() < 2)('vector searches in a thread of their own', () => {
  let corpus: string;
  let dir: string;
  let backend: IndexBackend;
  let queries: Float32Array[];

  /** Every query's hits from `store` and from the same generation opened without the thread, which must agree. */
  async function compare(store: SegmentStore, k = 20) {
    const alone = await SegmentStore.load(dir, embedder);
    expect(alone.stats().generation).toBe(store.stats().generation);
    const threaded = await Promise.all(queries.map((q) => store.vectorSearch(q, k)));
    const own = await Promise.all(queries.map((q) => alone.vectorSearch(q, k)));
    return { threaded, own };
  }

  beforeAll(async () => {
    corpus = tempDir();
    syntheticCorpus(corpus, ARTICLES, 11);
    dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder, workers: 1, hnsw });
    backend = await openBackend({
      config: loadConfig({}, { corpus, indexDir: dir }),
      embedder,
      logger: silentLogger,
      // Searches wait for the thread to take them, so that the thread, not the store, is known to walk.
      vectorThread: { fromPassages: 0, startAfterMs: 0, spareCore: alwaysSpare, takeWithinMs: 5000 },
    });
    const texts = [
      'hợp tác khoa học công nghệ',
      'năng lượng hạt nhân',
      'bán dẫn trí tuệ nhân tạo',
      'tiêu chuẩn đo lường quốc tế',
      'y tế giáo dục',
      'biển đảo môi trường',
    ];
    queries = await Promise.all(texts.map((t) => embedder.embedQueryVector(t)));
  }, 120_000);

  afterAll(async () => {
    await backend.close();
  });

  it('gives a large index on a machine of several cores the thread, and a small one none', () => {
    expect(wantsVectorThread(VECTOR_THREAD_MIN_PASSAGES - 1)).toBe(false);
    expect(wantsVectorThread(10, 0)).toBe(wantsVectorThread(VECTOR_THREAD_MIN_PASSAGES));
  });

  it('answers unfiltered searches from the thread with exactly the hits of the store walking its own graphs', async () => {
    const store = (await backend.open()) as SegmentStore;
    await store.vectorGraphReady();
    expect(store.vectorsInThread).toBe(true);
    const search = vi.spyOn(VectorThread.prototype, 'search');
    try {
      const { threaded, own } = await compare(store);
      // Every search was answered by the thread, not by the store's fallback.
      expect(search).toHaveBeenCalledTimes(queries.length);
      for (const r of search.mock.results) expect(await r.value).not.toBeNull();
      expect(threaded.every((h) => h.length === 20)).toBe(true);
      expect(threaded).toEqual(own);
    } finally {
      search.mockRestore();
    }
  });

  it('leaves filtered searches to the store', async () => {
    const store = (await backend.open()) as SegmentStore;
    await store.vectorGraphReady();
    const alone = await SegmentStore.load(dir, embedder);
    const filter = { articleIds: Array.from({ length: 50 }, (_, i) => `synthetic-${i * 3}`) };
    for (const q of queries) {
      const hits = await store.vectorSearch(q, 10, filter);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual(await alone.vectorSearch(q, 10, filter));
      const allowed = new Set(filter.articleIds);
      for (const at of await store.passages(hits.map((h) => h.passage))) expect(allowed.has(at.article.id)).toBe(true);
    }
  });

  it('follows a new generation with deleted passages, never returning one of them', async () => {
    const before = (await backend.open()) as SegmentStore;
    // A query that is the old text of a rewritten article: its old passage is what a walk that kept deleted passages would find first.
    const old = before.paragraph('synthetic-3', 1);
    expect(old).not.toBeNull();
    queries.push(await embedder.embedQueryVector(old!));
    // Two articles rewritten (their old passages deleted from their segment), one removed, one added.
    fs.writeFileSync(path.join(corpus, 'a3.md'), article('synthetic-3', 'Bài viết lại', ['Năng lượng hạt nhân và bán dẫn trong hợp tác quốc tế mới.']));
    fs.writeFileSync(path.join(corpus, 'a7.md'), article('synthetic-7', 'Bài viết lại nữa', ['Tiêu chuẩn đo lường cho trí tuệ nhân tạo.']));
    fs.rmSync(path.join(corpus, 'a9.md'));
    fs.writeFileSync(path.join(corpus, 'new.md'), article('synthetic-new', 'Bài mới', ['Y tế giáo dục biển đảo môi trường năng lượng.']));
    const report = await backend.update({ corpus });
    expect(report.wrote).toBe(true);
    const store = (await backend.open()) as SegmentStore;
    expect(store.stats().generation).toBeGreaterThan(before.stats().generation);
    expect(store.manifest.segments.some((s) => s.deleted.length > 0)).toBe(true);
    await store.vectorGraphReady();
    expect(store.vectorsInThread).toBe(true);
    // The earlier generation is no longer the thread's: its searches are its own again, and unchanged.
    expect(before.vectorsInThread).toBe(false);
    const search = vi.spyOn(VectorThread.prototype, 'search');
    const { threaded, own } = await compare(store);
    // The new generation's searches were the thread's, with its deleted passages.
    for (const r of search.mock.results) expect(await r.value).not.toBeNull();
    expect(search).toHaveBeenCalledTimes(queries.length);
    search.mockRestore();
    expect(threaded).toEqual(own);
    const seen = new Set<string>();
    for (const hits of threaded) for (const at of await store.passages(hits.map((h) => h.passage))) seen.add(at.article.id);
    expect(seen.has('synthetic-9')).toBe(false);
    const deleted = threaded.flat().filter((h) => store.isDeleted(Math.floor(h.passage / 2 ** 32), h.passage % 2 ** 32));
    expect(deleted).toEqual([]);
  });

  it('starts no thread for a command that is over before the delay, and closes one that is loading', async () => {
    const start = vi.spyOn(VectorThread.prototype as unknown as { start: () => void }, 'start');
    try {
      const config = loadConfig({}, { corpus, indexDir: dir });
      const brief = await openBackend({ config, embedder, logger: silentLogger, vectorThread: { fromPassages: 0, spareCore: alwaysSpare } });
      const store = (await brief.open()) as SegmentStore;
      expect((await store.vectorSearch(queries[0]!, 5)).length).toBe(5);
      expect(store.vectorsInThread).toBe(false);
      await brief.close();
      await new Promise((r) => setTimeout(r, VECTOR_THREAD_START_MS + 100));
      expect(start).not.toHaveBeenCalled();
      // Closed as soon as the thread has started, while it loads the graphs: the process carries on.
      const quick = await openBackend({ config, embedder, logger: silentLogger, vectorThread: { fromPassages: 0, startAfterMs: 0, spareCore: alwaysSpare } });
      await quick.open();
      await new Promise((r) => setTimeout(r, 0));
      expect(start).toHaveBeenCalledTimes(1);
      await quick.close();
    } finally {
      start.mockRestore();
    }
  });

  it('walks in the store the searches the thread has not taken when their hits are wanted, with the same hits', async () => {
    const store = await SegmentStore.load(dir, embedder);
    const alone = await SegmentStore.load(dir, embedder);
    // No wait for the thread: each search goes to whichever side takes it first.
    const thread = new VectorThread(silentLogger, 0, alwaysSpare);
    try {
      store.searchVectorsIn(thread);
      await store.vectorGraphReady();
      expect(store.vectorsInThread).toBe(true);
      const own = await Promise.all(queries.map((q) => alone.vectorSearch(q, 20)));
      for (let round = 0; round < 5; round++) expect(await Promise.all(queries.map((q) => store.vectorSearch(q, 20)))).toEqual(own);
      const internals = thread as unknown as {
        channel: { send(r: object, transfer?: unknown[], hold?: boolean): Promise<{ type: string }> };
        results: import('node:worker_threads').MessagePort;
        serving: { id: number };
      };
      // A thread that has not woken up: the search never reaches it, and the asker takes it and walks the store's graphs.
      const send = internals.channel.send.bind(internals.channel);
      const held: Array<{ claim: Int32Array }> = [];
      internals.channel.send = (r: object) => {
        held.push(r as { claim: Int32Array });
        return new Promise(() => undefined);
      };
      const search = vi.spyOn(VectorThread.prototype, 'search');
      try {
        expect(await store.vectorSearch(queries[1]!, 20)).toEqual(own[1]);
        expect(held).toHaveLength(1);
        expect(held[0]!.claim[0]).toBe(SEARCH_CLAIM.caller);
        expect(await search.mock.results[0]!.value).toBeNull();
      } finally {
        internals.channel.send = send;
        search.mockRestore();
      }
      // A search the asker has taken is left by the thread: it walks nothing and posts no hits.
      const claim = new Int32Array(new SharedArrayBuffer(4));
      claim[0] = SEARCH_CLAIM.caller;
      const reply = await internals.channel.send({ type: 'search', id: 999_999, serve: internals.serving.id, vector: queries[0], k: 20, claim });
      expect(reply.type).toBe('done');
      expect(claim[0]).toBe(SEARCH_CLAIM.caller);
      // Hits the thread posted for the searches above were all read; nothing for this one.
      expect(receiveMessageOnPort(internals.results)).toBeUndefined();
      // Taken by the thread, the same search is walked there and its hits posted before the claim says done.
      claim[0] = SEARCH_CLAIM.waiting;
      await internals.channel.send({ type: 'search', id: 1_000_000, serve: internals.serving.id, vector: queries[0], k: 20, claim });
      expect(claim[0]).toBe(SEARCH_CLAIM.done);
      const posted = receiveMessageOnPort(internals.results)?.message as { id: number; labels: Uint32Array };
      expect(posted.id).toBe(1_000_000);
      expect(posted.labels.length).toBeGreaterThanOrEqual(20);
    } finally {
      await thread.close();
    }
  });

  it('logs the death of its thread and answers by itself from then on', async () => {
    const store = await SegmentStore.load(dir, embedder);
    const { logger, lines } = recordingLogger();
    const thread = new VectorThread(logger, 0, alwaysSpare);
    try {
      store.searchVectorsIn(thread);
      await store.vectorGraphReady();
      expect(store.vectorsInThread).toBe(true);
      const own = await Promise.all(queries.map((q) => SegmentStore.load(dir, embedder).then((s) => s.vectorSearch(q, 20))));
      // The thread stops as if it had crashed (not through close).
      await (thread as unknown as { channel: { stop(): Promise<void> } }).channel.stop();
      await new Promise((r) => setTimeout(r, 50));
      expect(lines.filter((l) => l.startsWith('warn index: the vector search thread failed'))).toHaveLength(1);
      expect(store.vectorsInThread).toBe(false);
      expect(await Promise.all(queries.map((q) => store.vectorSearch(q, 20)))).toEqual(own);
    } finally {
      await thread.close();
    }
  });

  it('answers by itself once the thread is gone', async () => {
    const store = (await backend.open()) as SegmentStore;
    await store.vectorGraphReady();
    const { own } = await compare(store);
    await backend.close();
    expect(store.vectorsInThread).toBe(false);
    expect(await Promise.all(queries.map((q) => store.vectorSearch(q, 20)))).toEqual(own);
  });
});
