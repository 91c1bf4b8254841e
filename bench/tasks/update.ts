import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { benchEmbedder, openBenchStore } from '../embedder.js';
import { updateIndex } from '../../src/store/update-index.js';
import { readCurrentManifest } from '../../src/store/manifest.js';
import { createEngine, silentLogger } from '../../src/index.js';
import type { IndexReport } from '../../src/types.js';
import { peakRssMiB, task } from '../child.js';

export interface UpdateInput {
  corpus: string;
  indexDir: string;
}

export interface UpdateStep {
  ms: number;
  added: number;
  changed: number;
  removed: number;
  segmentsAfter: number;
}

export interface UpdateResult {
  articles: number;
  loadMs: number;
  /** `updateIndex` with the corpus already in memory: the index's own cost. */
  changed: UpdateStep;
  added: UpdateStep;
  removed: UpdateStep;
  /** `engine.reindex()` after one article changed in the corpus file: re-read, update, reopen. */
  reindex: {
    ms: number;
    firstAskMs: number;
    changed: number;
    /** Articles the untimed reindex before it brought in step with the file (the updates above). */ syncChanged?: number;
  };
  /** The whole `kiemchung index` command after one more article changed in the corpus file: process start to exit. */
  cli?: { ms: number; changed: number };
  /** `SegmentStore.open` of the updated index (also part of reindex). */
  openMs: number;
  checks: { changedFound: boolean; addedFound: boolean; removedGone: boolean };
  peakRssMiB: number;
}

const ADDED: Omit<Article, 'origin'> = {
  id: 'bench-added-0001',
  title: 'Bộ Khoa học và Công nghệ ký biên bản ghi nhớ hợp tác về đổi mới sáng tạo với Phần Lan',
  date: '2024-05-06',
  dateKind: 'published',
  source: 'bench',
  lang: 'vi',
  tags: [],
  captions: [],
  paragraphs: [
    'Ngày 6/5, tại Hà Nội, Bộ Khoa học và Công nghệ và Bộ Kinh tế và Việc làm Phần Lan đã ký biên bản ghi nhớ hợp tác về đổi mới sáng tạo, tập trung vào chuyển đổi số, năng lượng sạch và hỗ trợ doanh nghiệp khởi nghiệp.',
    'Theo biên bản, hai bên sẽ thành lập nhóm công tác chung, họp mỗi năm một lần để rà soát các chương trình nghiên cứu hợp tác và trao đổi chuyên gia.',
  ],
};
const CHANGE = ' Bộ trưởng nhấn mạnh thỏa thuận mới về chia sẻ dữ liệu quan trắc môi trường sẽ có hiệu lực từ quý ba.';

/** Incremental updates on a built index: one article changed, one added, one removed. */
task<UpdateInput, UpdateResult>(async (input) => {
  const embedder = benchEmbedder();
  const t0 = performance.now();
  const { articles } = await loadCorpus(input.corpus);
  const loadMs = performance.now() - t0;
  const segments = () => readCurrentManifest(input.indexDir)?.segments.length ?? 0;
  const step = async (list: Article[]): Promise<UpdateStep> => {
    const t = performance.now();
    const r: IndexReport = await updateIndex({ indexDir: input.indexDir, corpus: input.corpus, embedder, loaded: { articles: list, issues: [] } });
    return { ms: performance.now() - t, added: r.added, changed: r.changed, removed: r.removed, segmentsAfter: segments() };
  };

  // Articles from the middle of the distractors, away from the answer-bearing ones at the start.
  const mid = Math.floor(articles.length * 0.6);
  const target = articles[mid] as Article;
  const victim = articles[mid + 1] as Article;
  const changedArticle: Article = { ...target, paragraphs: target.paragraphs.map((p, i) => (i === target.paragraphs.length - 1 ? p + CHANGE : p)) };
  let list = articles.map((a) => (a === target ? changedArticle : a));
  const changed = await step(list);
  list = [...list, { ...ADDED, origin: 'bench' }];
  const added = await step(list);
  list = list.filter((a) => a !== victim);
  const removed = await step(list);

  const t1 = performance.now();
  const reader = openBenchStore(input.indexDir, embedder);
  const openMs = performance.now() - t1;
  const changedMeta = await reader.article(target.id);
  const changedText = changedMeta ? reader.paragraph(target.id, changedMeta.paragraphCount) : '';
  const checks = {
    changedFound: (changedText ?? '').endsWith(CHANGE.trim()),
    addedFound: (await reader.article(ADDED.id)) !== null,
    removedGone: (await reader.article(victim.id)) === null,
  };

  // The engine's own path: one record of the corpus file changes, reindex() re-reads it and updates.
  const engine = await createEngine({ config: { corpus: input.corpus, indexDir: input.indexDir }, autoIndex: false, embedder, logger: silentLogger });
  // The corpus file as the updates above left the index (its other records as they were), brought in step untimed.
  const raw = fs
    .readFileSync(input.corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const lineOf = new Map(raw.map((l, i) => [String((JSON.parse(l) as { id: unknown }).id).toLowerCase(), i]));
  const edited = (a: Article, extra = CHANGE) => {
    const r = JSON.parse(raw[lineOf.get(a.id) as number] as string) as { body: string };
    return JSON.stringify({ ...r, body: `${r.body.trimEnd()}${extra}` });
  };
  const next = `${input.corpus}.next`;
  const writeCorpus = () => {
    fs.writeFileSync(next, `${raw.filter((l) => l !== '').join('\n')}\n`);
    fs.renameSync(next, input.corpus);
  };
  raw[lineOf.get(target.id) as number] = edited(target);
  raw[lineOf.get(victim.id) as number] = '';
  raw.push(JSON.stringify({ id: ADDED.id, title: ADDED.title, body: ADDED.paragraphs.join('\n\n'), date: ADDED.date, source: ADDED.source }));
  writeCorpus();
  const sync = await engine.reindex();
  // One more article changed in the file: the measured update.
  const third = articles[mid + 2] as Article;
  raw[lineOf.get(third.id) as number] = edited(third);
  writeCorpus();
  const t2 = performance.now();
  const rr = await engine.reindex();
  const reindexMs = performance.now() - t2;
  const t3 = performance.now();
  await engine.ask(ADDED.title);
  const firstAskMs = performance.now() - t3;
  await engine.close();

  // The command a newsroom runs: a fresh process reads the corpus file and updates the index after one more record changed.
  const fourth = articles[mid + 3] as Article;
  raw[lineOf.get(fourth.id) as number] = edited(fourth);
  writeCorpus();
  const fromSource = import.meta.url.endsWith('.ts');
  const main = fileURLToPath(new URL(`../../src/cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const t4 = performance.now();
  const run = spawnSync(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), main, 'index', '--corpus', input.corpus, '--index', input.indexDir], {
    encoding: 'utf8',
    env: { ...process.env, KIEMCHUNG_LOG_LEVEL: 'warn' },
  });
  const cliMs = performance.now() - t4;
  // Exit status 1 with a report: the index was updated and some records could not be read (the corpus has a bad one).
  if (run.status !== 0 && !(run.status === 1 && /^indexed /m.test(run.stdout))) throw new Error(`kiemchung index failed (${run.status}): ${run.stderr}`);
  const cliChanged = Number(/\((\d+) added, (\d+) changed/.exec(run.stdout)?.[2] ?? -1);
  return {
    cli: { ms: cliMs, changed: cliChanged },
    articles: articles.length,
    loadMs,
    changed,
    added,
    removed,
    reindex: { ms: reindexMs, firstAskMs, changed: rr.changed, syncChanged: sync.added + sync.changed + sync.removed },
    openMs,
    checks,
    peakRssMiB: peakRssMiB(),
  };
});
