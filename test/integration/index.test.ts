import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';
import { updateIndex } from '../../src/store/update-index.js';
import { queryTerms } from '../../src/retrieve/query-terms.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import type { SegmentArticle } from '../../src/store/segment.js';
import { readCurrentManifest } from '../../src/store/manifest.js';
import { IndexError } from '../../src/errors.js';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { createEngine } from '../../src/engine.js';
import { runCli } from '../../src/cli/main.js';
import { createLogger } from '../../src/log.js';
import { crc32 } from '../../src/store/atomic-files.js';
import { decodePack, encodePack } from '../../src/store/pack.js';
import { LexicalIndex } from '../../src/store/lexical-index.js';
import { CORPUS, article, copyCorpus, syntheticCorpus, tempDir } from '../support/corpus.js';
import { expectStoredBounds } from '../support/bounds.js';
import { CorpusModelV1 } from '../support/older-embedder.js';

const embedder = new HashEmbedder();
const topArticle = async (r: SegmentStore, q: string) => {
  const hit = (await r.lexicalSearch(queryTerms(q), 1))[0];
  return hit ? r.passage(hit.passage).article.id : null;
};
/** The text of a passage a search returned. */
const passageText = (r: SegmentStore, id: number) => {
  const at = r.passage(id);
  return r.paragraph(at.article.id, at.paragraphNumber)!.slice(at.start, at.end);
};

/**
 * The seed corpus indexed, then bytes changed in the middle of its data pack (past its header),
 * the size kept: only the checksum tells. Gives the pack's path and its bytes as written.
 */
async function indexWithChangedPack(): Promise<{ dir: string; data: string; packed: Buffer }> {
  const dir = tempDir();
  await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
  const seg = readCurrentManifest(dir)!.segments[0]!;
  const data = path.join(dir, 'segments', seg.name, 'data.pack');
  const packed = fs.readFileSync(data);
  fs.writeFileSync(data, Buffer.from(packed).fill(9, packed.length >> 1, (packed.length >> 1) + 40));
  return { dir, data, packed };
}
describe('building, reloading and searching a real HNSW index', () => {
  it('builds from the corpus, persists, reloads and finds the right article by both indexes', async () => {
    const dir = tempDir();
    const report = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    expect(report).toMatchObject({ articles: 2, passages: 17, added: 2, changed: 0, removed: 0, wrote: true, issues: [] });
    const m = readCurrentManifest(dir);
    expect(m?.embedder).toEqual({ id: 'hash', version: embedder.version, dimension: 256 });
    expect(m?.segments[0]?.files['hnsw.bin']?.size).toBeGreaterThan(0);
    const r = SegmentStore.open(dir, embedder);
    expect(r.stats()).toMatchObject({ articles: 2, paragraphs: 17, passages: 17, dateFrom: '2023-08-29', dateTo: '2024-06-05' });
    expect(await topArticle(r, 'Tổng Thư ký IEC Philippe Metzger')).toBe('iec-thanh-vien-2024');
    expect(await topArticle(r, 'hoi nghi lancang mekong bac kinh')).toBe('do-luong-lmc-2023');
    const v = await r.vectorSearch(await embedder.embedQueryVector('Viện Đo lường Việt Nam ký kết Biên bản với đối tác LMC'), 3);
    expect(r.passage(v[0]!.passage).article.id).toBe('do-luong-lmc-2023');
    expect(v[0]!.score).toBeGreaterThan(v[2]!.score);
    // Loaded without blocking (as the engine opens it): the same index.
    const l = await SegmentStore.load(dir, embedder);
    expect(l.stats()).toEqual(r.stats());
    const q = queryTerms('Viện Đo lường Việt Nam ký kết Biên bản với đối tác LMC');
    expect(await l.lexicalSearch(q, 10)).toEqual(await r.lexicalSearch(q, 10));
    const qv = await embedder.embedQueryVector('Tổng Thư ký IEC Philippe Metzger');
    expect(await l.vectorSearch(qv, 10)).toEqual(await r.vectorSearch(qv, 10));
  });

  it('answers the store port: paragraphs by article and number, articles, filters on both searches', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const store = SegmentStore.open(dir, embedder);
    // Six body paragraphs and the two photo captions after them.
    expect(await store.article('iec-thanh-vien-2024')).toMatchObject({
      title: expect.stringContaining('IEC'),
      paragraphCount: 8,
      captions: ['Toàn cảnh buổi làm việc.', 'Hai bên chụp ảnh lưu niệm.'],
      date: '2024-06-05',
    });
    expect(store.paragraph('iec-thanh-vien-2024', 8)).toBe('Hai bên chụp ảnh lưu niệm.');
    expect(await store.article('no-such-article')).toBeNull();
    expect((await store.articles()).map((a) => a.id).sort()).toEqual(['do-luong-lmc-2023', 'iec-thanh-vien-2024']);
    expect(store.paragraph('iec-thanh-vien-2024', 6)).toBeTypeOf('string');
    for (const n of [0, 9, 1.5, -1]) expect(store.paragraph('iec-thanh-vien-2024', n)).toBeNull();
    expect(store.paragraph('no-such-article', 1)).toBeNull();

    const terms = queryTerms('hợp tác đo lường tiêu chuẩn quốc tế');
    const all = await store.lexicalSearch(terms, 20);
    expect(new Set(all.map((h) => store.passage(h.passage).article.id)).size).toBe(2);
    const iecOnly = { articleIds: ['iec-thanh-vien-2024'] };
    const lexIec = await store.lexicalSearch(terms, 20, iecOnly);
    expect(lexIec.length).toBeGreaterThan(0);
    for (const h of lexIec) expect(store.passage(h.passage).article.id).toBe('iec-thanh-vien-2024');
    const vecIec = await store.vectorSearch(await embedder.embedQueryVector('Hội nghị Lancang-Mekong tại Bắc Kinh'), 5, iecOnly);
    expect(vecIec.length).toBeGreaterThan(0);
    for (const h of vecIec) expect(store.passage(h.passage).article.id).toBe('iec-thanh-vien-2024');
    expect(await store.lexicalSearch(terms, 20, { dateFrom: '2025-01-01' })).toEqual([]);
    expect(await store.vectorSearch(await embedder.embedQueryVector('đo lường'), 5, { sources: ['nobody'] })).toEqual([]);

    // A passage's location points into its paragraph's text.
    const at = store.passage(all[0]!.passage);
    const text = store.paragraph(at.article.id, at.paragraphNumber)!;
    expect(at.end).toBeLessThanOrEqual(text.length);
    expect(at.end).toBeGreaterThan(at.start);
    expect(store.documentFrequency(terms[0]!.hash)).toBeGreaterThan(0);
    expect(store.lexicalSize()).toBe(17);
    expect(() => store.passage(store.passageId(5, 0))).toThrowError(expect.objectContaining({ code: 'internal' }));
  });

  it('re-indexes only what changed, keeps paragraph ids stable, and is a no-op when nothing changed', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const before = SegmentStore.open(dir, embedder);
    const p2 = before.paragraph('iec-thanh-vien-2024', 2);
    expect(p2).toMatch(/Philippe Metzger/);

    const same = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(same).toMatchObject({ wrote: false, unchanged: 2 });

    // Change one article, add one: the other keeps its content and ids.
    const lmcFile = path.join(corpus, 'do-luong-lmc-2023.md');
    fs.writeFileSync(lmcFile, fs.readFileSync(lmcFile, 'utf8').replace('73 năm', '74 năm'));
    fs.writeFileSync(path.join(corpus, 'new.md'), article('bai-moi', 'Hợp tác hạt nhân với Nga', ['Việt Nam và Nga ký thỏa thuận về năng lượng nguyên tử.']));
    const upd = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(upd).toMatchObject({ added: 1, changed: 1, removed: 0, unchanged: 1, wrote: true });
    const after = SegmentStore.open(dir, embedder);
    expect(after.paragraph('iec-thanh-vien-2024', 2)).toBe(p2);
    expect(await topArticle(after, 'năng lượng nguyên tử Nga')).toBe('bai-moi');
    expect(after.paragraph('do-luong-lmc-2023', 5)).toContain('74 năm');
    // The replaced version is gone from search.
    const old = (await after.lexicalSearch(queryTerms('73 năm quan hệ ngoại giao'), 20)).map((h) => passageText(after, h.passage));
    expect(old.length).toBeGreaterThan(0);
    expect(old.some((t) => t.includes('73 năm'))).toBe(false);
    const vec = await after.vectorSearch(await embedder.embedQueryVector('73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc'), 20);
    expect(vec.length).toBeGreaterThan(0);
    expect(vec.map((h) => passageText(after, h.passage)).some((t) => t.includes('73 năm'))).toBe(false);

    fs.rmSync(path.join(corpus, 'new.md'));
    const del = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(del).toMatchObject({ removed: 1, wrote: true });
    expect(await SegmentStore.open(dir, embedder).article('bai-moi')).toBeNull();
  });

  it('keeps the graph settings an index was built with through its updates, and takes new ones only on a rebuild', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    const built = { m: 8, efConstruction: 40, efSearch: 50 };
    await updateIndex({ indexDir: dir, corpus, embedder, hnsw: built });
    fs.writeFileSync(path.join(corpus, 'new.md'), article('bai-moi', 'Hợp tác hạt nhân với Nga', ['Việt Nam và Nga ký thỏa thuận về năng lượng nguyên tử.']));
    // An update by a kiemchung whose defaults differ: the new segment and the manifest keep the index's own.
    await updateIndex({ indexDir: dir, corpus, embedder });
    expect(readCurrentManifest(dir)!.hnsw).toEqual(built);
    expect(readCurrentManifest(dir)!.segments).toHaveLength(2);
    const other = { m: 12, efConstruction: 60, efSearch: 70 };
    await updateIndex({ indexDir: dir, corpus, embedder, rebuild: true, hnsw: other });
    expect(readCurrentManifest(dir)!.hnsw).toEqual(other);
    expect(await topArticle(SegmentStore.open(dir, embedder), 'năng lượng nguyên tử Nga')).toBe('bai-moi');
  });

  it('hides a replaced article from vector search while its old passages stay in the segment', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 30);
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const before = SegmentStore.open(dir, embedder);
    const oldText = before.paragraph('synthetic-5', 1)!;
    const file = path.join(corpus, 'a5.md');
    fs.writeFileSync(file, article('synthetic-5', 'Bài tổng hợp số 5', ['Nội dung mới hoàn toàn về vệ tinh viễn thám.']));
    await updateIndex({ indexDir: dir, corpus, embedder });
    const after = SegmentStore.open(dir, embedder);
    // One of 30 articles replaced: the big segment is kept, with that article marked deleted.
    const deletedIn = (si: number) => Array.from({ length: after.segments[si]!.passageCount }, (_, i) => i).filter((i) => after.isDeleted(si, i));
    expect(after.segments.some((_, si) => deletedIn(si).length > 0)).toBe(true);
    const hits = await after.vectorSearch(await embedder.embedQueryVector(oldText), 10);
    expect(hits.length).toBe(10);
    for (const h of hits) expect(passageText(after, h.passage)).not.toBe(oldText);
    // The old version is still stored in its segment, only hidden: a search that does not hide deleted passages finds it.
    const si = after.segments.findIndex((_, i) => deletedIn(i).length > 0);
    const seg = after.segments[si]!;
    const stored = deletedIn(si);
    expect(stored.some((i) => seg.passageText(i) === oldText)).toBe(true);
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
    const r = SegmentStore.open(dir, embedder);
    expect(r.stats().articles).toBe(36);
    expect(fs.readdirSync(path.join(dir, 'segments')).sort()).toEqual(expect.arrayContaining(m.segments.map((s) => s.name)));
    expect(fs.readdirSync(path.join(dir, 'segments')).length).toBeLessThanOrEqual(m.segments.length + 4);
  });

  it('merges the small segments of single-article updates among themselves, never into the built segments', async () => {
    const corpus = tempDir();
    syntheticCorpus(corpus, 120);
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder, workers: 2, passagesPerWorker: 100 });
    const built = readCurrentManifest(dir)!.segments.map((s) => s.name);
    expect(built).toHaveLength(2);
    let merges = 0;
    for (let i = 0; i < 10; i++) {
      // Alternately a new article and a change to one of the built articles.
      if (i % 2 === 0)
        fs.writeFileSync(path.join(corpus, `extra${i}.md`), article(`extra-${i}`, `Bổ sung ${i}`, [`Nội dung bổ sung số ${i} về vệ tinh quan sát.`]));
      else fs.appendFileSync(path.join(corpus, `a${i * 7}.md`), `\nĐoạn cập nhật số ${i} về vệ tinh quan sát.\n`);
      const before = readCurrentManifest(dir)!.segments.length;
      const r = await updateIndex({ indexDir: dir, corpus, embedder });
      expect(r).toMatchObject({ added: i % 2 === 0 ? 1 : 0, changed: i % 2 === 0 ? 0 : 1 });
      const m = readCurrentManifest(dir)!;
      if (m.segments.length <= before) merges++;
      // The built segments stay as they are (only their deleted lists grow); the rest stays few.
      expect(m.segments.slice(0, 2).map((s) => s.name)).toEqual(built);
      expect(m.segments.length).toBeLessThanOrEqual(2 + 4);
    }
    expect(merges).toBeGreaterThan(0);
    const r = SegmentStore.open(dir, embedder);
    expect(r.stats().articles).toBe(125);
    expect(await topArticle(r, 'Nội dung bổ sung số 8 về vệ tinh quan sát')).toBe('extra-8');
    expect(await topArticle(r, 'Đoạn cập nhật số 9 về vệ tinh quan sát')).toBe('synthetic-63');
    for (const i of [1, 3, 5, 7, 9])
      expect(r.paragraph(`synthetic-${i * 7}`, (await r.article(`synthetic-${i * 7}`))!.paragraphCount)).toContain(`Đoạn cập nhật số ${i} `);
    // Every segment, built, added or merged, stores the bound frontiers of its own postings.
    expect(r.segments.length).toBeGreaterThan(2);
    expect(expectStoredBounds(r.segments.map((s) => s.lexical))).toBeGreaterThan(100);
  });

  it('indexes given articles alone (upsert): no corpus read, nothing removed, a changed one replaced', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const { articles } = await loadCorpus(corpus);
    const extra = {
      ...(articles[0] as Article),
      id: 'bai-moi',
      title: 'Bài mới về hợp tác đo lường với Ấn Độ',
      paragraphs: ['Việt Nam và Ấn Độ ký biên bản hợp tác đo lường khí tượng.'],
      origin: 'x.md',
    };
    // The corpus folder does not hold it: an upsert does not read the corpus, so nothing is removed.
    const other = { ...extra, id: 'bai-moi-2', title: 'Hợp tác hạt nhân với Hàn Quốc', paragraphs: ['Hai bên trao đổi về an toàn bức xạ.'] };
    const r1 = await updateIndex({ indexDir: dir, corpus, embedder, upsert: [extra, other] });
    expect(r1).toMatchObject({ articles: 4, added: 2, changed: 0, removed: 0, wrote: true });
    expect(readCurrentManifest(dir)?.segments).toHaveLength(2);
    const before = SegmentStore.open(dir, embedder);
    const changed = { ...extra, paragraphs: ['Việt Nam và Ấn Độ ký biên bản hợp tác đo lường thủy văn.'] };
    const r2 = await updateIndex({ indexDir: dir, corpus, embedder, upsert: [changed] });
    expect(r2).toMatchObject({ articles: 4, added: 0, changed: 1, removed: 0 });
    // Reopened over the earlier generation: unchanged segments are shared, deletions are each generation's own.
    const reopened = SegmentStore.open(dir, embedder, before);
    expect(reopened.segments[0]?.hnsw).toBe(before.segments[0]?.hnsw);
    const anyDeleted = (st: SegmentStore, si: number) => Array.from({ length: st.segments[si]!.passageCount }, (_, i) => st.isDeleted(si, i)).some(Boolean);
    expect(anyDeleted(reopened, 1)).toBe(true);
    expect(anyDeleted(before, 1)).toBe(false);
    expect(await topArticle(before, 'khí tượng')).toBe('bai-moi');
    expect(await topArticle(reopened, 'khí tượng')).toBe(null);
    expect(reopened.stats()).toEqual(SegmentStore.open(dir, embedder).stats());
    const r = SegmentStore.open(dir, embedder);
    expect(r.stats().articles).toBe(4);
    expect(await topArticle(r, 'hợp tác đo lường thủy văn Ấn Độ')).toBe('bai-moi');
    // The replaced text is gone from the lexical index.
    expect(await topArticle(r, 'khí tượng')).toBe(null);
    // A full update afterwards reads the corpus again: the article that is not in it goes.
    const full = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(full).toMatchObject({ articles: 2, removed: 2 });
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
    const a = SegmentStore.open(dir, embedder);
    const b = SegmentStore.open(single, embedder);
    expect(a.stats().passages).toBe(b.stats().passages);
    expect(await topArticle(a, 'Bài tổng hợp số 77')).toBe(await topArticle(b, 'Bài tổng hợp số 77'));
  });

  it('refuses a mismatched embedder, dimension or format with the rebuild command', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const other = new HashEmbedder(128);
    expect(() => SegmentStore.open(dir, other)).toThrowError(/dimension 256 \(now 128\).*kiemchung index --rebuild/);
    await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder: other })).rejects.toMatchObject({ code: 'index-mismatch' });
    const fake = Object.assign(new HashEmbedder(), { id: 'openai:text-embedding-3-small' });
    expect(() => SegmentStore.open(dir, fake)).toThrowError(/embedder "hash" \(now configured: "openai:text-embedding-3-small"\)/);
    const name = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim();
    const m = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    fs.writeFileSync(path.join(dir, name), JSON.stringify({ ...m, format: 99 }));
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(IndexError);
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/format version 99/);
    const rebuilt = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder: other, rebuild: true });
    expect(rebuilt.wrote).toBe(true);
    expect(SegmentStore.open(dir, other).stats().articles).toBe(2);
  });

  it('detects torn or foreign files by checksum and never half-reads them', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const seg = readCurrentManifest(dir)!.segments[0]!;
    const file = path.join(dir, 'segments', seg.name, 'hnsw.bin');
    const buf = fs.readFileSync(file);
    fs.writeFileSync(file, buf.subarray(0, buf.length - 100));
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/hnsw\.bin does not match its checksum/);
    await expect(SegmentStore.load(dir, embedder)).rejects.toThrowError(/hnsw\.bin does not match its checksum/);
    fs.writeFileSync(file, Buffer.from(buf).fill(7, 100, 200));
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/checksum/);
    await expect(SegmentStore.load(dir, embedder)).rejects.toThrowError(/hnsw\.bin does not match its checksum/);
    fs.writeFileSync(file, buf);
    const data = path.join(dir, 'segments', seg.name, 'data.pack');
    const packed = fs.readFileSync(data);
    fs.writeFileSync(data, Buffer.from(packed).fill(3, 200, 300));
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/data\.pack does not match its checksum/);
    await expect(SegmentStore.load(dir, embedder)).rejects.toThrowError(/data\.pack does not match its checksum/);
    fs.writeFileSync(data, packed);
    fs.rmSync(file);
    await expect(SegmentStore.load(dir, embedder)).rejects.toThrowError(/hnsw\.bin is missing/);
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/hnsw\.bin is missing/);
    fs.writeFileSync(path.join(dir, 'CURRENT'), 'garbage');
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/damaged/);
    expect(() => SegmentStore.open(tempDir(), embedder)).toThrowError(/no index at .*kiemchung index/);
  });

  it('serves from a segment file whose checksum is still being taken, and stops serving when it does not match', async () => {
    const { dir, data, packed } = await indexWithChangedPack();
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/data\.pack does not match its checksum/);
    const store = await SegmentStore.load(dir, embedder);
    await expect(store.verified()).rejects.toThrowError(
      /data\.pack does not match its checksum \(torn or foreign file\); run "kiemchung index --rebuild --index /,
    );
    const refused = expect.objectContaining({ code: 'index-corrupt', message: expect.stringMatching(/data\.pack does not match its checksum/) });
    await expect(store.lexicalSearch(queryTerms('IEC'), 3)).rejects.toThrowError(refused);
    await expect(store.vectorSearch(new Float32Array(256).fill(0.1), 3)).rejects.toThrowError(refused);
    await expect(store.paragraphs([{ articleId: 'iec-thanh-vien-2024', n: 1 }])).rejects.toThrowError(refused);
    await expect(store.passages([0])).rejects.toThrowError(refused);
    // A torn file (shorter than listed) is refused when the store opens, before any checksum.
    fs.writeFileSync(data, packed.subarray(0, packed.length - 16));
    await expect(SegmentStore.load(dir, embedder)).rejects.toThrowError(/data\.pack does not match its checksum/);
    fs.writeFileSync(data, packed);
    const sound = await SegmentStore.load(dir, embedder);
    await expect(sound.verified()).resolves.toBeUndefined();
    expect(await topArticle(sound, 'Tổng Thư ký IEC Philippe Metzger')).toBe('iec-thanh-vien-2024');
  });

  it('an engine checks its data files once its first answers are given, and stops answering when one does not match', async () => {
    const { dir } = await indexWithChangedPack();
    const lines: string[] = [];
    const engine = await createEngine({
      config: { corpus: CORPUS, indexDir: dir },
      env: {},
      embedder,
      autoIndex: false,
      logger: createLogger('error', (l) => lines.push(l)),
    });
    try {
      for (let i = 0; i < 500 && !lines.some((l) => l.includes('the index is damaged')); i++) await new Promise((r) => setTimeout(r, 10));
      expect(lines.join('\n')).toMatch(/the index is damaged; it no longer answers until it is rebuilt.*data\.pack does not match its checksum/s);
      await expect(engine.ask('Tổng Thư ký IEC là ai?')).rejects.toThrowError(
        expect.objectContaining({
          code: 'index-corrupt',
          message: expect.stringMatching(/data\.pack does not match its checksum \(torn or foreign file\); run "kiemchung index --rebuild/),
        }),
      );
      await expect(engine.search('IEC')).rejects.toThrowError(/does not match its checksum/);
    } finally {
      await engine.close();
    }
  });

  it('reads paragraph texts and postings from the segment file exactly as the whole pack held in memory', async () => {
    const dir = tempDir();
    const corpus = tempDir();
    syntheticCorpus(corpus, 40);
    await updateIndex({ indexDir: dir, corpus, embedder, workers: 1 });
    const m = readCurrentManifest(dir)!;
    const store = await SegmentStore.load(dir, embedder);
    await store.verified();
    // A second opening of the same index: its segments' paragraphs are read and kept apart from the first's.
    const again = await SegmentStore.load(dir, embedder);
    m.segments.forEach((entry, si) => {
      const seg = store.segments[si]!;
      const whole = decodePack(fs.readFileSync(path.join(dir, 'segments', entry.name, 'data.pack')), 'data.pack');
      const text = Buffer.from(whole.get<Uint8Array>('text'));
      const paraByte = whole.get<Uint32Array>('paraByte');
      const inFile = (p: number) => text.toString('utf8', paraByte[p], paraByte[p + 1]);
      const articleInFile = (meta: SegmentArticle) => Array.from({ length: meta.paragraphCount }, (_, i) => inFile(meta.firstParagraph + i));
      // Every text as the data file holds it, read from the file or from the paragraphs kept across
      // questions: one at a time, then whole articles (all kept by then); in the second opening,
      // whole articles first (read from the file and kept), then one at a time (all kept).
      for (let p = 0; p + 1 < paraByte.length; p++) expect(seg.paragraphText(p)).toBe(inFile(p));
      for (const meta of seg.articles) expect(seg.paragraphTexts(meta.firstParagraph, meta.paragraphCount)).toEqual(articleInFile(meta));
      const other = again.segments[si]!;
      for (const meta of other.articles) expect(other.paragraphTexts(meta.firstParagraph, meta.paragraphCount, true)).toEqual(articleInFile(meta));
      for (let p = 0; p + 1 < paraByte.length; p++) expect(other.paragraphText(p)).toBe(inFile(p));
      const inMemory = new LexicalIndex(whole);
      expect(seg.lexical.hashes.length).toBeGreaterThan(100);
      for (let t = 0; t < seg.lexical.hashes.length; t++) expect(seg.lexical.postingsOf(t)).toEqual(inMemory.postingsOf(t));
      // Read again in the other order (now from the lists kept across questions): a list kept is
      // not overwritten by the reads after it.
      const kept = seg.lexical.postingsOf(0);
      const copy = kept.slice();
      for (let t = seg.lexical.hashes.length - 1; t >= 0; t--) expect(seg.lexical.postingsOf(t)).toEqual(inMemory.postingsOf(t));
      expect(kept).toEqual(copy);
    });
    // The store's batched read of whole articles gives what one paragraph at a time gives.
    const refs = (await store.articles()).flatMap((a) => [
      ...Array.from({ length: a.paragraphCount }, (_, i) => ({ articleId: a.id, n: i + 1 })),
      { articleId: a.id, n: a.paragraphCount + 1 },
    ]);
    expect(await store.paragraphs(refs)).toEqual(refs.map((r) => store.paragraph(r.articleId, r.n)));
  });

  it('leaves the previous index untouched when no valid article remains', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const gen = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8');
    for (const f of fs.readdirSync(corpus)) fs.writeFileSync(path.join(corpus, f), 'not an article');
    await expect(updateIndex({ indexDir: dir, corpus, embedder })).rejects.toMatchObject({ code: 'corpus' });
    expect(fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8')).toBe(gen);
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
  });

  it('leaves the previous index untouched when the corpus holds no article file at all, even for a rebuild', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: copyCorpus(), embedder });
    const gen = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8');
    const empty = tempDir();
    fs.writeFileSync(path.join(empty, 'README.md'), '# Not an article\n');
    const emptyFile = path.join(tempDir(), 'corpus.jsonl');
    fs.writeFileSync(emptyFile, '\n');
    for (const [corpus, rebuild] of [
      [empty, false],
      [empty, true],
      [emptyFile, false],
    ] as const) {
      const err = await updateIndex({ indexDir: dir, corpus, embedder, rebuild }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'corpus' });
      expect((err as Error).message).toMatch(/would remove all 2 articles of the index at .*; the index was left untouched/);
    }
    expect(fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8')).toBe(gen);
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
    // A new index from an empty folder is still made (articles are added to it later), and updated.
    const fresh = tempDir();
    expect(await updateIndex({ indexDir: fresh, corpus: empty, embedder })).toMatchObject({ articles: 0, issues: [] });
    expect(await updateIndex({ indexDir: fresh, corpus: empty, embedder })).toMatchObject({ articles: 0, wrote: false });
  });

  it('keeps the indexed article when a new file takes its id, whatever the file names, and names the new file', async () => {
    const corpus = copyCorpus();
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus, embedder });
    const established = path.join(corpus, 'iec-thanh-vien-2024.md');
    const original = fs.readFileSync(established, 'utf8');
    // "dup.md" comes first by name, and its text differs.
    const dup = path.join(corpus, 'dup.md');
    fs.writeFileSync(dup, original.replace('Bộ Khoa học và Công nghệ (KH&CN) đang', 'Bộ KH&CN đang'));
    const r = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(r).toMatchObject({ articles: 2, added: 0, changed: 0, removed: 0, wrote: false });
    expect(r.issues).toEqual([{ path: dup, reason: `duplicate id "iec-thanh-vien-2024" (already used by ${established})` }]);
    const store = SegmentStore.open(dir, embedder);
    expect(store.paragraph('iec-thanh-vien-2024', 1)).toContain('Bộ Khoa học và Công nghệ (KH&CN) đang');
    // Neither is the indexed record (both changed): the first by name is kept, as without an index.
    fs.writeFileSync(established, original.replace('Hỗ trợ', 'Hỗ trợ thêm'));
    const both = await updateIndex({ indexDir: dir, corpus, embedder });
    expect(both).toMatchObject({ changed: 1 });
    expect(both.issues).toEqual([{ path: established, reason: `duplicate id "iec-thanh-vien-2024" (already used by ${dup})` }]);
    expect((await loadCorpus(corpus)).issues).toEqual(both.issues);
  });

  it('indexes the valid articles and reports the bad ones', async () => {
    const corpus = copyCorpus();
    fs.writeFileSync(path.join(corpus, 'broken.md'), '---\nid: broken\n---\n\nText');
    const r = await updateIndex({ indexDir: tempDir(), corpus, embedder });
    expect(r.articles).toBe(2);
    expect(r.issues).toEqual([{ path: path.join(corpus, 'broken.md'), reason: expect.stringMatching(/title/) }]);
  });
});

/**
 * Turns a freshly built index into what version 1 of the format wrote: the manifest says
 * format 1 and the article lists use the short field names, with matching checksums.
 */
function downgradeToFormat1(dir: string): void {
  const name = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim();
  const m = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  for (const seg of m.segments) {
    const file = path.join(dir, 'segments', seg.name, 'articles.json');
    const old = JSON.parse(fs.readFileSync(file, 'utf8')).map(({ firstParagraph, paragraphCount, passageCount, ...rest }: Record<string, unknown>) => ({
      ...rest,
      p0: firstParagraph,
      pc: paragraphCount,
      np: passageCount,
    }));
    const buf = Buffer.from(JSON.stringify(old));
    fs.writeFileSync(file, buf);
    seg.files['articles.json'] = { size: buf.length, crc32: crc32(buf) };
  }
  fs.writeFileSync(path.join(dir, name), JSON.stringify({ ...m, format: 1 }));
}

/**
 * Turns a freshly built index into what version 3 of the format wrote: data packs without the
 * bound frontiers (with matching checksums), and a manifest that says format 3.
 */
function downgradeToFormat3(dir: string): void {
  const name = fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim();
  const m = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  for (const seg of m.segments) {
    const file = path.join(dir, 'segments', seg.name, 'data.pack');
    const pack = decodePack(fs.readFileSync(file), 'data.pack');
    const names = ['text', 'paraByte', 'paraArticle', 'passPara', 'passStart', 'passEnd', 'lexHashes', 'lexOffsets', 'lexPostings', 'lexDocLens', 'lexTotal'];
    const buf = encodePack(Object.fromEntries(names.map((n) => [n, pack.get(n)])));
    fs.writeFileSync(file, buf);
    seg.files['data.pack'] = { size: buf.length, crc32: crc32(buf) };
  }
  fs.writeFileSync(path.join(dir, name), JSON.stringify({ ...m, format: 3 }));
}

describe('an index written by an older version', () => {
  it('of version 3 (no bound frontiers) is refused by the reader and rebuilt by the next update', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    downgradeToFormat3(dir);
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/format version 3, this version of kiemchung reads version 6; run "kiemchung index --index /);
    const r = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    expect(r.notice).toMatch(/older format \(version 3\) and was rebuilt in version 6/);
    const store = SegmentStore.open(dir, embedder);
    expect(await topArticle(store, 'Tổng Thư ký IEC Philippe Metzger')).toBe('iec-thanh-vien-2024');
    expect(store.segments.every((s) => s.lexical.boundAt.length > 0)).toBe(true);
  });

  it('is refused by the reader with the command that rebuilds it, and rebuilt by the next update with a notice', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    const generation = readCurrentManifest(dir)!.generation;
    downgradeToFormat1(dir);
    expect(() => SegmentStore.open(dir, embedder)).toThrowError(/format version 1, this version of kiemchung reads version 6; run "kiemchung index --index /);
    const r = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    expect(r).toMatchObject({ wrote: true, added: 2, articles: 2 });
    expect(r.notice).toMatch(/older format \(version 1\) and was rebuilt in version 6/);
    expect(readCurrentManifest(dir)).toMatchObject({ format: 6, generation: generation + 1 });
    expect(SegmentStore.open(dir, embedder).stats().articles).toBe(2);
    expect((await updateIndex({ indexDir: dir, corpus: CORPUS, embedder })).notice).toBeUndefined();
  });

  it('embedded by an older version of the corpus model is rebuilt with the current one by the next update and at engine start', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder: new CorpusModelV1() });
    expect(readCurrentManifest(dir)?.embedder).toMatchObject({ id: 'corpus', version: '1', dimension: 128 });
    // A reader of the current version refuses it with the command that rebuilds it.
    expect(() => SegmentStore.open(dir, new CorpusEmbedder())).toThrowError(/embedder version 1 \(now 2\), dimension 128 \(now 64\)/);
    const r = await updateIndex({ indexDir: dir, corpus: CORPUS, embedder: new CorpusEmbedder() });
    expect(r).toMatchObject({ wrote: true, added: 2, articles: 2 });
    expect(r.notice).toMatch(/^the index at .* was embedded by version 1 of the corpus embedder's model and was rebuilt with version 2$/);
    expect(readCurrentManifest(dir)?.embedder).toMatchObject({ id: 'corpus', version: '2', dimension: 64 });
    expect((await updateIndex({ indexDir: dir, corpus: CORPUS, embedder: new CorpusEmbedder() })).notice).toBeUndefined();

    // The serving path: the engine rebuilds it before its first answer, with one notice.
    const old = tempDir();
    await updateIndex({ indexDir: old, corpus: CORPUS, embedder: new CorpusModelV1() });
    const lines: string[] = [];
    const engine = await createEngine({ config: { corpus: CORPUS, indexDir: old }, env: {}, logger: createLogger('info', (l) => lines.push(l)) });
    try {
      expect(lines.filter((l) => /was embedded by version 1/.test(l))).toHaveLength(1);
      expect((await engine.ask('Ai là Tổng Thư ký IEC?')).refused).toBe(false);
      expect(readCurrentManifest(old)?.embedder).toMatchObject({ version: '2', dimension: 64 });
    } finally {
      await engine.close();
    }
  });

  it('still needs --rebuild after an embedder change', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    await expect(updateIndex({ indexDir: dir, corpus: CORPUS, embedder: new HashEmbedder(128) })).rejects.toThrowError(/dimension 256 \(now 128\).*--rebuild/);
  });

  it('is rebuilt when the engine starts and by "kiemchung index", each with a one-line notice', async () => {
    const dir = tempDir();
    await updateIndex({ indexDir: dir, corpus: CORPUS, embedder });
    downgradeToFormat1(dir);
    const lines: string[] = [];
    const engine = await createEngine({ config: { corpus: CORPUS, indexDir: dir }, env: {}, logger: createLogger('info', (s) => lines.push(s)) });
    expect(lines.filter((l) => /older format/.test(l))).toHaveLength(1);
    expect((await engine.ask('Ai là Tổng Thư ký IEC?')).refused).toBe(false);
    await engine.close();

    downgradeToFormat1(dir);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['index', '--corpus', CORPUS, '--index', dir], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      env: { KIEMCHUNG_LOG_LEVEL: 'warn' },
      stdin: process.stdin,
    });
    expect(code).toBe(0);
    expect(err).toEqual([expect.stringMatching(/^the index at .* was in an older format \(version 1\) and was rebuilt in version 6$/)]);
    expect(out.join('\n')).toMatch(/indexed 2 articles, 17 passages \(2 added/);
  });
});
