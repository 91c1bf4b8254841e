/**
 * Crash safety: starts `kiemchung index` on a changed corpus, kills it with SIGKILL at a
 * random moment, and checks that the index folder still loads (the previous generation or the
 * new one, never a mix) and answers. Usage:
 *   tsx scripts/kill-index.ts [--corpus <dir|jsonl>] [--kills N] [--seed S]
 * Prints one line per kill and a summary; exits 1 if any check failed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CorpusEmbedder } from '../src/embed/corpus-embedder.js';
import { updateIndex } from '../src/store/update-index.js';
import { queryTerms } from '../src/retrieve/query-terms.js';
import { SegmentStore } from '../src/store/segment-store.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';

export interface KillResult {
  kill: number;
  afterMs: number;
  generation: string;
  articles: number;
  answered: boolean;
  ok: boolean;
  error?: string;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Writes the corpus as Markdown files in a folder we can change between runs. */
async function materialise(source: string, dir: string, limit: number): Promise<number> {
  const { articles } = await loadCorpus(source);
  fs.mkdirSync(dir, { recursive: true });
  for (const a of articles.slice(0, limit)) {
    const fm = `---\nid: ${a.id}\ntitle: ${JSON.stringify(a.title)}\ndate: ${a.date || '2020-01-01'}\nsource: ${JSON.stringify(a.source || 'test')}\n---\n\n`;
    fs.writeFileSync(path.join(dir, `${a.id}.md`), fm + a.paragraphs.join('\n\n') + '\n');
  }
  return Math.min(limit, articles.length);
}

export async function killLoop(opts: { corpus: string; kills: number; seed: number; limit?: number; log?: (s: string) => void }): Promise<KillResult[]> {
  const log = opts.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-kill-'));
  const corpus = path.join(work, 'corpus');
  const indexDir = path.join(work, 'index');
  await materialise(opts.corpus, corpus, opts.limit ?? Infinity);
  // The embedder kiemchung index uses by default (the children run the command as a user would).
  const embedder = new CorpusEmbedder();
  await updateIndex({ indexDir, corpus, embedder });
  let x = opts.seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const files = fs.readdirSync(corpus);
  const results: KillResult[] = [];
  // Time a full rebuild once, to kill within it.
  const t0 = Date.now();
  await runIndex(indexDir, corpus, ['--rebuild'], null);
  const span = Math.max(200, Date.now() - t0);
  for (let k = 1; k <= opts.kills; k++) {
    // Change a few articles (or force a rebuild every third time) so the child has work to do.
    for (let i = 0; i < 5; i++) {
      const f = path.join(corpus, files[Math.floor(rnd() * files.length)] as string);
      fs.appendFileSync(f, `\nĐoạn bổ sung ${k}-${i}.\n`);
    }
    const afterMs = Math.floor(rnd() * span);
    await runIndex(indexDir, corpus, k % 3 === 0 ? ['--rebuild'] : [], afterMs);
    const r: KillResult = { kill: k, afterMs, generation: '', articles: 0, answered: false, ok: false };
    try {
      r.generation = fs.readFileSync(path.join(indexDir, 'CURRENT'), 'utf8').trim();
      const reader = SegmentStore.open(indexDir, embedder);
      r.articles = reader.stats().articles;
      const first = (await reader.articles())[0];
      const hit = first ? (await reader.lexicalSearch(queryTerms(first.title), 1))[0] : undefined;
      r.answered = hit !== undefined;
      r.ok = r.answered && r.articles === files.length;
    } catch (err) {
      r.error = (err as Error).message;
    }
    results.push(r);
    log(`kill ${k}: after ${afterMs} ms → ${r.ok ? 'ok' : 'FAILED'} (${r.generation}, ${r.articles} articles${r.error ? `, ${r.error}` : ''})`);
    // The lock of the killed process is stale; the next run must take it over.
  }
  fs.rmSync(work, { recursive: true, force: true });
  return results;
}

function runIndex(indexDir: string, corpus: string, extra: string[], killAfterMs: number | null): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'index', '--corpus', corpus, '--index', indexDir, ...extra], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, KIEMCHUNG_LOG_LEVEL: 'error' },
    });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve();
    });
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, kills: { type: 'string' }, seed: { type: 'string' }, limit: { type: 'string' } } });
  const corpus = values.corpus ?? path.join(ROOT, '..', 'shared', 'data', 'vinewsqa-dev', 'corpus.jsonl');
  const results = await killLoop({
    corpus,
    kills: Number(values.kills ?? 20),
    seed: Number(values.seed ?? 7),
    ...(values.limit ? { limit: Number(values.limit) } : {}),
  });
  const ok = results.filter((r) => r.ok).length;
  process.stdout.write(`kills survived: ${ok}/${results.length}\n`);
  process.exitCode = ok === results.length ? 0 : 1;
}
