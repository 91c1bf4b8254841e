import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Article } from '../corpus/article.js';
import { loadCorpus, parseJsonlArticle } from '../corpus/load-corpus.js';
import { createEmbedder } from '../embed/create-embedder.js';
import { createEngine } from '../engine.js';
import { CorpusError, InputError } from '../errors.js';
import { updateIndex } from '../store/update-index.js';
import type { Logger } from '../log.js';
import { normalizeSpace, stripMarks } from '../text/normalize.js';
import type { Answer } from '../types.js';

export const questionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string(),
  lang: z.enum(['vi', 'en', 'vi-nodiacritics']).default('vi'),
  articles: z.array(z.union([z.string(), z.number()]).transform((s) => String(s).toLowerCase())).default([]),
  evidence: z.array(z.string()).default([]),
  answer: z.array(z.string()).default([]),
  unanswerable: z.boolean().optional(),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export interface EvalOptions {
  questions: string;
  corpus: string;
  distractors?: string;
  distractorLimit?: number;
  /** Ask every question with its tone marks removed (as typed on a phone). */
  stripMarks?: boolean;
  limit?: number;
  cacheDir: string;
  config: Config;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
}

export interface EvalResult {
  'R@1': number;
  'R@5': number;
  'R@10': number;
  'MRR@10': number;
  'ev@1': number;
  'ev@5': number;
  ans: number;
  refuse: number;
  falserefuse: number;
  p50: number;
  p95: number;
  questions: number;
  articles: number;
  passages: number;
}

export function loadQuestions(file: string): EvalQuestion[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`questions file not found: ${file}`);
  }
  const out: EvalQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new InputError(`${file}:${i + 1}: not valid JSON`);
    }
    const q = questionSchema.safeParse(raw);
    if (!q.success) throw new InputError(`${file}:${i + 1}: ${q.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    out.push(q.data);
  });
  return out;
}

async function firstArticles(file: string, limit: number): Promise<Article[]> {
  if (!Number.isFinite(limit)) return (await loadCorpus(file)).articles;
  // Stream only the first `limit` lines of a large JSONL file.
  const tmp: string[] = [];
  let input: NodeJS.ReadableStream = fs.createReadStream(file);
  if (file.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim()) tmp.push(line);
    if (tmp.length >= limit) break;
  }
  rl.close();
  const out: Article[] = [];
  tmp.forEach((l, i) => {
    try {
      out.push(parseJsonlArticle(JSON.parse(l), `${file}:${i + 1}`));
    } catch {
      // A bad distractor line is skipped, as the corpus loader would.
    }
  });
  return out;
}

function fileDigest(file: string): string {
  const st = fs.statSync(file);
  if (st.isDirectory()) {
    const h = crypto.createHash('sha256');
    for (const f of fs.readdirSync(file).sort()) {
      const p = path.join(file, f);
      if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
    }
    return h.digest('hex');
  }
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const norm = (s: string) => normalizeSpace(s).toLowerCase();

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/** Articles in the order an answer ranks them: cited first, then the rest of retrieval. */
export function rankedArticles(a: Answer): string[] {
  const out: string[] = [];
  for (const id of [...a.citations.map((c) => c.articleId), ...a.retrieved.map((r) => r.articleId)]) if (!out.includes(id)) out.push(id);
  return out;
}

/** Builds (or reuses) the index of the evaluation corpus under `cacheDir` and opens an engine on it. */
export async function openEvalEngine(o: Pick<EvalOptions, 'corpus' | 'distractors' | 'distractorLimit' | 'cacheDir' | 'config' | 'logger'>, clock?: () => Date) {
  const main = await loadCorpus(o.corpus);
  if (main.articles.length === 0) throw new CorpusError(`no valid article in ${o.corpus}`);
  const articles = [...main.articles];
  if (o.distractors) {
    const ids = new Set(articles.map((a) => a.id));
    for (const a of await firstArticles(o.distractors, o.distractorLimit ?? Infinity)) if (!ids.has(a.id)) articles.push(a);
  }
  const embedder = await createEmbedder(o.config.embeddings, { config: o.config, logger: o.logger });
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify([fileDigest(o.corpus), o.distractors ? fileDigest(o.distractors) : '', o.distractorLimit ?? null, embedder.id, embedder.dimension]))
    .digest('hex')
    .slice(0, 16);
  const indexDir = path.join(o.cacheDir, key);
  await updateIndex({ indexDir, corpus: o.corpus, embedder, loaded: { articles, issues: [] } });
  return createEngine({ config: { ...o.config, indexDir }, autoIndex: false, embedder, logger: o.logger, ...(clock ? { clock } : {}) });
}

export async function runEval(o: EvalOptions): Promise<EvalResult> {
  const questions = loadQuestions(o.questions).slice(0, o.limit ?? Infinity);
  const engine = await openEvalEngine(o);
  const stats = engine.stats();
  let r1 = 0, r5 = 0, r10 = 0, mrr = 0, ev1 = 0, ev5 = 0, ans = 0, refusedUnans = 0, refusedAns = 0;
  let answerable = 0;
  let unanswerable = 0;
  const latencies: number[] = [];
  const paragraphCache = new Map<string, string>();
  const paragraph = async (id: string) => {
    let t = paragraphCache.get(id);
    if (t === undefined) {
      t = norm((await engine.source(id))?.text ?? '');
      paragraphCache.set(id, t);
    }
    return t;
  };
  let done = 0;
  for (const q of questions) {
    const text = o.stripMarks ? stripMarks(q.question) : q.question;
    const t0 = performance.now();
    // Enough passages to rank ten distinct articles; the answer itself uses only the best few.
    const a = await engine.ask(text, { topK: Math.max(o.config.topK, 30) });
    latencies.push(performance.now() - t0);
    if (q.unanswerable) {
      unanswerable++;
      if (a.refused) refusedUnans++;
    } else {
      answerable++;
      if (a.refused) refusedAns++;
      const ranked = rankedArticles(a);
      const rank = ranked.findIndex((id) => q.articles.includes(id));
      if (rank === 0) r1++;
      if (rank >= 0 && rank < 5) r5++;
      if (rank >= 0 && rank < 10) {
        r10++;
        mrr += 1 / (rank + 1);
      }
      const passages = [...a.citations.map((c) => c.paragraphId), ...a.retrieved.map((r) => r.paragraphId)].filter((id, i, arr) => arr.indexOf(id) === i).slice(0, 5);
      const evidence = q.evidence.map(norm).filter(Boolean);
      if (evidence.length) {
        const texts = await Promise.all(passages.map(paragraph));
        const hitAt = texts.findIndex((t) => evidence.some((e) => t.includes(e)));
        if (hitAt === 0) ev1++;
        if (hitAt >= 0) ev5++;
      }
      const answerText = norm(a.text);
      if (!a.refused && q.answer.some((x) => norm(x) && answerText.includes(norm(x)))) ans++;
    }
    o.onProgress?.(++done, questions.length);
  }
  await engine.close();
  latencies.sort((x, y) => x - y);
  return {
    'R@1': pct(r1, answerable),
    'R@5': pct(r5, answerable),
    'R@10': pct(r10, answerable),
    'MRR@10': Math.round((1000 * mrr) / Math.max(1, answerable)) / 10,
    'ev@1': pct(ev1, answerable),
    'ev@5': pct(ev5, answerable),
    ans: pct(ans, answerable),
    refuse: pct(refusedUnans, unanswerable),
    falserefuse: pct(refusedAns, answerable),
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p95: Math.round(percentile(latencies, 95) * 100) / 100,
    questions: questions.length,
    articles: stats.articles,
    passages: stats.passages,
  };
}

export function summaryLine(r: EvalResult): string {
  const f = (n: number) => n.toFixed(1);
  return `eval: R@1=${f(r['R@1'])} R@5=${f(r['R@5'])} R@10=${f(r['R@10'])} MRR@10=${f(r['MRR@10'])} ev@1=${f(r['ev@1'])} ev@5=${f(r['ev@5'])} ans=${f(r.ans)} refuse=${f(r.refuse)} falserefuse=${f(r.falserefuse)} p50=${r.p50.toFixed(2)}ms p95=${r.p95.toFixed(2)}ms`;
}
