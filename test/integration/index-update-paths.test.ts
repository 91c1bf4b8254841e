import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';
import { createEngine } from '../../src/engine.js';
import { silentLogger } from '../../src/log.js';
import { readCurrentManifest } from '../../src/store/manifest.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { updateIndex } from '../../src/store/update-index.js';
import { article, syntheticCorpus, tempDir } from '../support/corpus.js';

/** A JSONL corpus of `n` synthetic articles, one line each. */
function jsonlCorpus(file: string, n: number, changed: Record<number, string> = {}): void {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `j-${i}`,
      title: `Bài số ${i} về hợp tác khoa học`,
      body: `Đoạn một của bài ${i} nói về hợp tác đo lường quốc tế năm ${2000 + i}.\n\n${changed[i] ?? `Đoạn hai của bài ${i} nói về tiêu chuẩn điện tử.`}`,
      date: '2024-01-02',
    }),
  );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('updates that parse only what changed', () => {
  it('skips parsing records the index already holds, and indexes the changed one', async () => {
    const dir = tempDir();
    const corpus = path.join(tempDir(), 'c.jsonl');
    jsonlCorpus(corpus, 40);
    const embedder = new CorpusEmbedder();
    expect(await updateIndex({ indexDir: dir, corpus, embedder })).toMatchObject({ added: 40, articles: 40, wrote: true });

    const generation = readCurrentManifest(dir)!.generation;

    jsonlCorpus(corpus, 40, { 7: 'Đoạn hai đã sửa: thỏa thuận mới về chia sẻ dữ liệu quan trắc.' });
    const r = await updateIndex({ indexDir: dir, corpus, embedder });
    // Unchanged records are recognised by their content hash without being parsed.
    expect(r).toMatchObject({ articles: 40, changed: 1, added: 0, removed: 0, unchanged: 39, wrote: true });
    expect(readCurrentManifest(dir)!.generation).toBe(generation + 1);
    const after = SegmentStore.open(dir, embedder);
    expect(after.paragraph('j-7', 2)).toBe('Đoạn hai đã sửa: thỏa thuận mới về chia sẻ dữ liệu quan trắc.');
    expect(after.stats()).toMatchObject({ articles: 40, passages: 80 });
    // Nothing changed: nothing written, every record recognised.
    expect(await updateIndex({ indexDir: dir, corpus, embedder })).toMatchObject({ wrote: false, unchanged: 40, passages: 80 });

    // The same articles written differently (other key order): parsed, found unchanged by content, nothing written.
    const lines = fs
      .readFileSync(corpus, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l) as object).reverse())));
    fs.writeFileSync(corpus, `${lines.join('\n')}\n`);
    expect(await updateIndex({ indexDir: dir, corpus, embedder })).toMatchObject({ wrote: false, unchanged: 40, changed: 0 });

    // The loader itself: with what the index holds, only the changed line is parsed.
    const loaded = await loadCorpus(corpus, { indexed: () => undefined });
    expect(loaded.articles).toHaveLength(40);
    const none = await loadCorpus(corpus, { indexed: (h) => `known-${h.slice(0, 4)}` });
    expect(none.articles).toHaveLength(0);
    expect(none.unchanged).toHaveLength(40);
  });
});

describe('updates given the corpus already read', () => {
  it('knows an article read from the record it was indexed from, and compares content for any other', async () => {
    const dir = tempDir();
    const corpus = path.join(tempDir(), 'c.jsonl');
    jsonlCorpus(corpus, 30);
    const embedder = new CorpusEmbedder();
    expect(await updateIndex({ indexDir: dir, corpus, embedder, loaded: await loadCorpus(corpus) })).toMatchObject({ added: 30, wrote: true });

    // Read again: every article comes from the record it was indexed from.
    const fresh = await loadCorpus(corpus);
    expect(await updateIndex({ indexDir: dir, corpus, embedder, loaded: fresh })).toMatchObject({ wrote: false, unchanged: 30, changed: 0 });
    const version = SegmentStore.open(dir, embedder).stats().corpusVersion;
    expect(version).toMatch(/^[0-9a-f]{12}$/);

    // One article changed in memory (no record of its own), one an equal copy of what the loader made (its content decides).
    const list = fresh.articles.map((a) =>
      a.id === 'j-3' ? { ...a, paragraphs: [...a.paragraphs, 'Đoạn ba mới về vệ tinh quan trắc.'] } : a.id === 'j-4' ? { ...a } : a,
    );
    expect(await updateIndex({ indexDir: dir, corpus, embedder, loaded: { articles: list, issues: [] } })).toMatchObject({
      changed: 1,
      unchanged: 29,
      wrote: true,
    });
    let store = SegmentStore.open(dir, embedder);
    expect(store.paragraph('j-3', 3)).toBe('Đoạn ba mới về vệ tinh quan trắc.');
    expect(store.stats().corpusVersion).not.toBe(version);
    expect(JSON.parse(JSON.stringify(store.stats()))).toEqual({ ...store.stats(), corpusVersion: store.stats().corpusVersion });
    // The same list again: the changed article is compared by content, and is unchanged now.
    expect(await updateIndex({ indexDir: dir, corpus, embedder, loaded: { articles: list, issues: [] } })).toMatchObject({ wrote: false, unchanged: 30 });

    // The file's record for j-3 still holds the old text: read from it, the article is changed back.
    expect(await updateIndex({ indexDir: dir, corpus, embedder, loaded: await loadCorpus(corpus) })).toMatchObject({ changed: 1, unchanged: 29 });
    store = SegmentStore.open(dir, embedder);
    expect(store.paragraph('j-3', 3)).toBeNull();
    expect(store.paragraph('j-3', 2)).toBe('Đoạn hai của bài 3 nói về tiêu chuẩn điện tử.');

    // A record written differently with the same content (other key order) is unchanged; a record with new text is changed.
    const lines = fs
      .readFileSync(corpus, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l, i) => {
        const r = JSON.parse(l) as Record<string, string>;
        if (i === 8) r.body = `${r.body} Thêm một câu.`;
        return JSON.stringify(Object.fromEntries(Object.entries(r).reverse()));
      });
    fs.writeFileSync(corpus, `${lines.join('\n')}\n`);
    expect(await updateIndex({ indexDir: dir, corpus, embedder, loaded: await loadCorpus(corpus) })).toMatchObject({ changed: 1, unchanged: 29 });
    expect(SegmentStore.open(dir, embedder).paragraph('j-8', 2)).toBe('Đoạn hai của bài 8 nói về tiêu chuẩn điện tử. Thêm một câu.');
  });
});

describe('an engine that serves its persisted index first', () => {
  it('answers from the index at once, checks the corpus after, then serves the update; reindex reuses open segments', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 30);
    const dir = tempDir();
    const embedder = new CorpusEmbedder();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const oldText = SegmentStore.open(dir, embedder).paragraph('synthetic-5', 1);
    expect(oldText).not.toBeNull();

    fs.writeFileSync(path.join(corpus, 'a5.md'), article('synthetic-5', 'Bài tổng hợp số 5', ['Nội dung mới hoàn toàn về vệ tinh viễn thám.']));
    const engine = await createEngine({ config: { corpus, indexDir: dir }, env: {}, embedder: new CorpusEmbedder(), logger: silentLogger });
    // Served before the check finished: the persisted text.
    expect((await engine.source('synthetic-5#p1'))?.text).toBe(oldText);
    const report = await engine.checked;
    expect(report).toMatchObject({ changed: 1, unchanged: 29, wrote: true });
    expect((await engine.source('synthetic-5#p1'))?.text).toBe('Nội dung mới hoàn toàn về vệ tinh viễn thám.');
    const found = await engine.search('vệ tinh viễn thám', { topK: 3 });
    expect(found[0]?.paragraphId).toBe('synthetic-5#p1');

    // Another change through reindex(): the big segment is reused (its deletions follow the new generation).
    fs.writeFileSync(path.join(corpus, 'a9.md'), article('synthetic-9', 'Bài tổng hợp số 9', ['Một đoạn thay thế về cảm biến lượng tử.']));
    expect(await engine.reindex()).toMatchObject({ changed: 1, wrote: true });
    expect((await engine.source('synthetic-9#p1'))?.text).toBe('Một đoạn thay thế về cảm biến lượng tử.');
    expect((await engine.source('synthetic-5#p1'))?.text).toBe('Nội dung mới hoàn toàn về vệ tinh viễn thám.');
    expect((await engine.search('cảm biến lượng tử', { topK: 5 })).filter((h) => h.articleId === 'synthetic-9').map((h) => h.paragraphId)).toEqual([
      'synthetic-9#p1',
    ]);
    // Every other article still served, with the same counts as a fresh open of the index.
    expect(engine.stats()).toMatchObject({ articles: 30, passages: SegmentStore.open(dir, embedder).stats().passages });
    await engine.close();

    // A started engine whose corpus did not change reports nothing to do.
    const again = await createEngine({ config: { corpus, indexDir: dir }, env: {}, embedder: new CorpusEmbedder(), logger: silentLogger });
    expect(await again.checked).toMatchObject({ wrote: false, unchanged: 30 });
    await again.close();
  });
});

describe('the corpus check at start-up', () => {
  const settle = () => new Promise((r) => setTimeout(r, 2100));
  const start = (corpus: string, dir: string) =>
    createEngine({ config: { corpus, indexDir: dir }, env: {}, embedder: new CorpusEmbedder(), logger: silentLogger });

  it('is skipped when no corpus file changed since the last full update, and runs after any change, even one that keeps size and times', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 20);
    const dir = tempDir();
    // Files written in the last two seconds are not trusted to show a change by size and times.
    await updateIndex({ indexDir: dir, corpus, embedder: new CorpusEmbedder() });
    let e = await start(corpus, dir);
    expect(await e.checked).toMatchObject({ wrote: false, unchanged: 20 });
    await e.close();
    await settle();
    e = await start(corpus, dir);
    expect(await e.checked).toMatchObject({ wrote: false, unchanged: 20 });
    await e.close();
    // That check saw settled files: the next start skips it, and answers from the index.
    e = await start(corpus, dir);
    expect(await e.checked).toBeNull();
    expect((await e.search('Bài tổng hợp số 7', { topK: 1 }))[0]?.articleId).toBe('synthetic-7');
    await e.close();

    // A file rewritten with text of the same length, its modification time set back: still checked.
    const file = path.join(corpus, 'a5.md');
    const before = fs.statSync(file);
    const text = fs.readFileSync(file, 'utf8');
    const changed = text.replace('Bài tổng hợp số 5', 'Bài tổng hợp số 6');
    expect(Buffer.byteLength(changed)).toBe(before.size);
    fs.writeFileSync(file, changed);
    fs.utimesSync(file, before.atime, before.mtime);
    e = await start(corpus, dir);
    expect(await e.checked).toMatchObject({ changed: 1, wrote: true });
    expect(e.stats().articles).toBe(20);
    await e.close();

    // A removed file changes the listing (the others are settled): checked.
    await settle();
    e = await start(corpus, dir);
    expect(await e.checked).toMatchObject({ wrote: false });
    await e.close();
    fs.rmSync(path.join(corpus, 'a3.md'));
    e = await start(corpus, dir);
    expect(await e.checked).toMatchObject({ removed: 1, wrote: true });
    await e.close();
    // An update that did not read the whole corpus (given articles) makes the next start check it.
    await settle();
    await updateIndex({ indexDir: dir, corpus, embedder: new CorpusEmbedder() });
    await updateIndex({
      indexDir: dir,
      corpus,
      embedder: new CorpusEmbedder(),
      upsert: [{ ...(await loadCorpus(corpus)).articles[0]!, paragraphs: ['Một đoạn mới.'] }],
    });
    e = await start(corpus, dir);
    expect(await e.checked).toMatchObject({ changed: 1, wrote: true });
    await e.close();
  }, 60_000);
});
