import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { updateIndex } from '../../src/index/build-index.js';
import { queryTerms } from '../../src/index/lexical.js';
import { IndexReader } from '../../src/index/open-index.js';
import { readCurrentManifest } from '../../src/index/store.js';
import { IndexError } from '../../src/errors.js';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { CORPUS, article, copyCorpus, syntheticCorpus, tempDir } from '../support/corpus.js';

const embedder = new HashEmbedder();
const topArticle = (r: IndexReader, q: string) => {
  const hit = r.lexical(queryTerms(q), 1)[0];
  return hit ? r.segmentArticle(hit.segment, hit.passage).id : null;
};

describe('building, reloading and searching a real HNSW index', () => {
  it('builds from the corpus, persists, reloads and finds the right article by both indexes', async () => {
    const dir = tempDir();
    const report = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    expect(report).toMatchObject({ articles: 2, passages: 12, added: 2, changed: 0, removed: 0, wrote: true, issues: [] });
    const m = readCurrentManifest(dir);
    expect(m?.embedder).toEqual({ id: 'hash', version: embedder.version, dimension: 256 });
    expect(m?.segments[0]?.files['hnsw.bin']?.size).toBeGreaterThan(0);
    const r = IndexReader.open(dir, embedder);
    expect(r.articles.size).toBe(2);
    expect(r.paragraphCount).toBe(12);
    expect(topArticle(r, 'Tổng Thư ký IEC Philippe Metzger')).toBe('iec-thanh-vien-2024');
    expect(topArticle(r, 'hoi nghi lancang mekong bac kinh')).toBe('do-luong-lmc-2023');
    const v = r.vector(await embedder.embedQueryVector('Viện Đo lường Việt Nam ký kết Biên bản với đối tác LMC'), 3);
    expect(r.segmentArticle(v[0]!.segment, v[0]!.passage).id).toBe('do-luong-lmc-2023');
    expect(v[0]!.score).toBeGreaterThan(v[2]!.score);
  });

  it('re-indexes only what changed, keeps paragraph ids stable, and is a no-op when nothing changed', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const before = IndexReader.open(dir, embedder);
    const iecBefore = before.articles.get('iec-thanh-vien-2024')!;
    const segBefore = before.segments[iecBefore.segment]!;
    const p2 = segBefore.paragraphText(iecBefore.meta.p0 + 1);

    const same = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(same).toMatchObject({ wrote: false, unchanged: 2 });

    // Change one article, add one: the other keeps its content and ids.
    const lmcFile = path.join(corpus, 'do-luong-lmc-2023.md');
    fs.writeFileSync(lmcFile, fs.readFileSync(lmcFile, 'utf8').replace('73 năm', '74 năm'));
    fs.writeFileSync(path.join(corpus, 'new.md'), article('bai-moi', 'Hợp tác hạt nhân với Nga', ['Việt Nam và Nga ký thỏa thuận về năng lượng nguyên tử.']));
    const upd = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(upd).toMatchObject({ added: 1, changed: 1, removed: 0, unchanged: 1, wrote: true });
    const after = IndexReader.open(dir, embedder);
    const iecAfter = after.articles.get('iec-thanh-vien-2024')!;
    expect(after.segments[iecAfter.segment]!.paragraphText(iecAfter.meta.p0 + 1)).toBe(p2);
    expect(topArticle(after, 'năng lượng nguyên tử Nga')).toBe('bai-moi');
    const lmc = after.articles.get('do-luong-lmc-2023')!;
    expect(after.segments[lmc.segment]!.paragraphText(lmc.meta.p0 + 4)).toContain('74 năm');
    // The replaced version is gone from search.
    const old = after.lexical(queryTerms('73 năm quan hệ ngoại giao'), 20).map((h) => after.segments[h.segment]!.passageText(h.passage));
    expect(old.some((t) => t.includes('73 năm'))).toBe(false);
    const vec = after.vector(await embedder.embedQueryVector('73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc'), 20);
    expect(vec.length).toBeGreaterThan(0);
    for (const h of vec) expect(after.segments[h.segment]!.deleted[h.passage]).toBe(0);
    expect(vec.map((h) => after.segments[h.segment]!.passageText(h.passage)).some((t) => t.includes('73 năm'))).toBe(false);

    fs.rmSync(path.join(corpus, 'new.md'));
    const del = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(del).toMatchObject({ removed: 1, wrote: true });
    expect(IndexReader.open(dir, embedder).articles.has('bai-moi')).toBe(false);
  });

  it('hides a replaced article from vector search while its old passages stay in the segment', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 30);
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const before = IndexReader.open(dir, embedder);
    const loc = before.articles.get('synthetic-5')!;
    const oldText = before.segments[loc.segment]!.passageText(before.segments[loc.segment]!.articlePassageStarts()[loc.local]!);
    const file = path.join(corpus, 'a5.md');
    fs.writeFileSync(file, article('synthetic-5', 'Bài tổng hợp số 5', ['Nội dung mới hoàn toàn về vệ tinh viễn thám.']));
    await updateIndex({ indexDir: dir, corpus, embedder });
    const after = IndexReader.open(dir, embedder);
    // One of 30 articles replaced: the big segment is kept, with that article marked deleted.
    expect(after.segments.some((seg) => seg.hasDeleted)).toBe(true);
    const hits = after.vector(await embedder.embedQueryVector(oldText), 10);
    expect(hits.length).toBe(10);
    for (const h of hits) {
      expect(after.segments[h.segment]!.deleted[h.passage]).toBe(0);
      expect(after.segments[h.segment]!.passageText(h.passage)).not.toBe(oldText);
    }
  });

  it('merges small segments after repeated updates and still answers', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 30);
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    for (let i = 0; i < 6; i++) {
      fs.writeFileSync(path.join(corpus, `extra${i}.md`), article(`extra-${i}`, `Bổ sung ${i}`, [`Nội dung bổ sung số ${i} về vệ tinh quan sát.`]));
      await updateIndex({ indexDir: dir, corpus, embedder });
    }
    const m = readCurrentManifest(dir)!;
    expect(m.segments.length).toBeLessThan(4);
    const r = IndexReader.open(dir, embedder);
    expect(r.articles.size).toBe(36);
    expect(fs.readdirSync(path.join(dir, 'segments')).sort()).toEqual(expect.arrayContaining(m.segments.map((s) => s.name)));
    expect(fs.readdirSync(path.join(dir, 'segments')).length).toBeLessThanOrEqual(m.segments.length + 4);
  });

  it('indexes given articles alone (upsert): no corpus read, nothing removed, a changed one replaced', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const { articles } = await loadCorpus(corpus);
    const extra = { ...(articles[0] as Article), id: 'bai-moi', title: 'Bài mới về hợp tác đo lường với Ấn Độ', paragraphs: ['Việt Nam và Ấn Độ ký biên bản hợp tác đo lường khí tượng.'], origin: 'x.md' };
    // The corpus folder does not hold it: an upsert does not read the corpus, so nothing is removed.
    const r1 = await updateIndex({ indexDir: dir, corpus, embedder, upsert: [extra] });
    expect(r1).toMatchObject({ articles: 3, added: 1, changed: 0, removed: 0, wrote: true });
    expect(readCurrentManifest(dir)?.segments).toHaveLength(2);
    const changed = { ...extra, paragraphs: ['Việt Nam và Ấn Độ ký biên bản hợp tác đo lường thủy văn.'] };
    const r2 = await updateIndex({ indexDir: dir, corpus, embedder, upsert: [changed] });
    expect(r2).toMatchObject({ articles: 3, added: 0, changed: 1, removed: 0 });
    const r = IndexReader.open(dir, embedder);
    expect(r.articles.size).toBe(3);
    expect(topArticle(r, 'hợp tác đo lường thủy văn Ấn Độ')).toBe('bai-moi');
    // The replaced text is gone from the lexical index.
    expect(topArticle(r, 'khí tượng')).toBe(null);
    // A full update afterwards reads the corpus again: the article that is not in it goes.
    const full = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(full).toMatchObject({ articles: 2, removed: 1 });
  });

  it('builds large corpora in parallel worker threads into several segments', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 120);
    const dir = tempDir();
    const r1 = await updateIndex({ indexDir: dir, corpus, embedder, workers: 2, passagesPerWorker: 100 });
    expect(r1.wrote).toBe(true);
    expect(readCurrentManifest(dir)!.segments).toHaveLength(2);
    const single = tempDir();
    await updateIndex({ indexDir: single, corpus, embedder, workers: 1 });
    const a = IndexReader.open(dir, embedder);
    const b = IndexReader.open(single, embedder);
    expect(a.passageCount).toBe(b.passageCount);
    expect(topArticle(a, 'Bài tổng hợp số 77')).toBe(topArticle(b, 'Bài tổng hợp số 77'));
  });

  it('refuses a mismatched embedder, dimension or format with the rebuild command', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const other = new HashEmbedder(128);
    expect(() => IndexReader.open(dir, other)).toThrowError(/dimension 256 \(now 128\).*kiemchung index --rebuild/);
    await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder: other })).rejects.toMatchObject({ code: 'index-mismatch' });
    const fake = Object.assign(new HashEmbedder(), { id: 'openai:text-embedding-3-small' });
    expect(() => IndexReader.open(dir, fake)).toThrowError(/embedder "hash" \(now configured: "openai:text-embedding-3-small"\)/);
    const name = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim();
    const m = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    fs.writeFileSync(path.join(dir, name), JSON.stringify({ ...m, format: 99 }));
    expect(() => IndexReader.open(dir, embedder)).toThrowError(IndexError);
    expect(() => IndexReader.open(dir, embedder)).toThrowError(/format version 99/);
    const rebuilt = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder: other, rebuild: true });
    expect(rebuilt.wrote).toBe(true);
    expect(IndexReader.open(dir, other).articles.size).toBe(2);
  });

  it('detects torn or foreign files by checksum and never half-reads them', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const seg = readCurrentManifest(dir)!.segments[0]!;
    const file = path.join(dir, 'segments', seg.name, 'hnsw.bin');
    const buf = fs.readFileSync(file);
    fs.writeFileSync(file, buf.subarray(0, buf.length - 100));
    expect(() => IndexReader.open(dir, embedder)).toThrowError(/hnsw\.bin does not match its checksum/);
    fs.writeFileSync(file, Buffer.from(buf).fill(7, 100, 200));
    expect(() => IndexReader.open(dir, embedder)).toThrowError(/checksum/);
    fs.writeFileSync(path.join(dir, 'CURRENT'), 'garbage');
    expect(() => IndexReader.open(dir, embedder)).toThrowError(/damaged/);
    expect(() => IndexReader.open(tempDir(), embedder)).toThrowError(/no index at .*kiemchung index/);
  });

  it('leaves the previous index untouched when no valid article remains', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const gen = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8');
    for (const f of fs.readdirSync(corpus)) fs.writeFileSync(path.join(corpus, f), 'not an article');
    await expect(updateIndex({ indexDir: dir, corpus, embedder })).rejects.toMatchObject({ code: 'corpus' });
    expect(fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8')).toBe(gen);
    expect(IndexReader.open(dir, embedder).articles.size).toBe(2);
  });

  it('indexes the valid articles and reports the bad ones', async () => {
    const corpus = copyCorpus();
    fs.writeFileSync(path.join(corpus, 'broken.md'), '---\nid: broken\n---\n\nText');
    const r = await updateIndex({ indexDir: tempDir(), corpus, embedder });
    expect(r.articles).toBe(2);
    expect(r.issues).toEqual([{ path: path.join(corpus, 'broken.md'), reason: expect.stringMatching(/title/) }]);
  });
});
