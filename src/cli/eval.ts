import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { z } from 'zod';
import { isReadingLine } from '../answer/verdict-answer.js';
import { loadJsonl } from './jsonl.js';
import type { Config } from '../config.js';
import type { Article } from '../corpus/article.js';
import { loadCorpus, parseJsonlArticle } from '../corpus/load-corpus.js';
import { createEmbedder } from '../embed/create-embedder.js';
import type { Embedder } from '../embed/embedder.js';
import { createEngine } from '../engine.js';
import { CorpusError, InputError } from '../errors.js';
import { openBackend } from '../store/backend.js';
import type { Logger } from '../log.js';
import { normalizeSpace, stripMarks } from '../text/normalize.js';
import type { Answer, CheckResult, Engine, Verdict } from '../types.js';

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

/** A question or claim as the options have it typed: without tone marks, in lower case. */
function asTyped(text: string, o: { stripMarks?: boolean; lowerCase?: boolean }): string {
  const t = o.stripMarks ? stripMarks(text) : text;
  return o.lowerCase ? t.toLowerCase() : t;
}

export interface EvalOptions {
  questions: string;
  corpus: string;
  distractors?: string;
  distractorLimit?: number;
  /** Ask every question with its tone marks removed (as typed on a phone). */
  stripMarks?: boolean;
  /** Ask every question in lower case (as typed on a phone, names and acronyms included). */
  lowerCase?: boolean;
  /** Write one JSON line per question (what was answered, ranks, confidence) to this file. */
  dump?: string;
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
  /** Share of answered answerable questions that got a short answer. */
  short: number;
  /** Mean token F1 of those short answers against the best gold answer. */
  shortF1: number;
  refuse: number;
  falserefuse: number;
  p50: number;
  p95: number;
  questions: number;
  articles: number;
  passages: number;
}

export function loadQuestions(file: string): EvalQuestion[] {
  return loadJsonl(file, questionSchema, 'questions');
}

async function firstArticles(file: string, limit: number): Promise<Article[]> {
  // Checked first: a missing file would otherwise fail the read stream with no one listening (a crash).
  if (!fs.existsSync(file)) throw new InputError(`distractors file not found: ${file}`);
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

/** SQuAD-style token F1 between a predicted and a gold answer (after normalisation). */
export function tokenF1(predicted: string, gold: string): number {
  const p = norm(predicted)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
  const g = norm(gold)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
  if (!p.length || !g.length) return 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/** Articles in the order an answer ranks them: cited first, then the rest of retrieval. */
export function rankedArticles(a: Answer): string[] {
  const out: string[] = [];
  for (const id of [...a.citations.map((c) => c.articleId), ...a.retrieved.map((r) => r.articleId)]) if (!out.includes(id)) out.push(id);
  return out;
}

export interface EvalIndexOptions {
  corpus: string;
  distractors?: string;
  distractorLimit?: number;
  cacheDir: string;
  config: Config;
  logger: Logger;
}

/**
 * The index an evaluation runs on: the corpus plus the first `distractorLimit` distractor
 * articles, built once and cached by a digest of its inputs and embedder (a folder under
 * `cacheDir`, or a schema of its own when the index lives in the database). The settings
 * returned open an engine on it.
 */
export async function prepareEvalIndex(o: EvalIndexOptions): Promise<{ config: Config; indexDir: string; embedder: Embedder }> {
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
  // Each corpus gets an index of its own, kept for the next run: a folder under the cache, or a
  // schema of its own in the database when the index lives there.
  const config: Config = o.config.database
    ? { ...o.config, database: { ...o.config.database, schema: `${o.config.database.schema.slice(0, 40)}_eval_${key.slice(0, 12)}` } }
    : { ...o.config, indexDir: path.join(o.cacheDir, key) };
  const backend = await openBackend({ config, embedder, logger: o.logger });
  try {
    await backend.update({ corpus: o.corpus, loaded: { articles, issues: [] } });
  } finally {
    await backend.close();
  }
  return { config, indexDir: config.indexDir, embedder };
}

/** Builds (or reuses) the index of the evaluation corpus (under `cacheDir`, or in the database) and opens an engine on it. */
export async function openEvalEngine(o: EvalIndexOptions, clock?: () => Date) {
  const { config, embedder } = await prepareEvalIndex(o);
  const engine = await createEngine({ config, autoIndex: false, embedder, logger: o.logger, ...(clock ? { clock } : {}) });
  // Evaluated where a serving process searches: with the index in a database, in its own vector graph once built.
  await engine.searchReady;
  return engine;
}

/**
 * Questions of every kind the engine answers differently (who, where, when, how many, lists,
 * definitions, abbreviations, yes/no, claims, English, typed without marks, off-topic), asked
 * untimed before the evaluated ones: a serving bot has long compiled the code each kind runs,
 * and the timed questions should not pay for it. None is from an evaluation set, so no answer
 * the timed questions get was prepared by them.
 */
const WARM_UP = [
  'Ai là người phát biểu tại buổi lễ?',
  'Hội nghị được tổ chức ở đâu?',
  'Sự kiện diễn ra vào ngày nào?',
  'Có bao nhiêu quốc gia tham gia?',
  'Những tổ chức nào đã ký kết thỏa thuận?',
  'Chương trình hợp tác là gì?',
  'WIPO là viết tắt của tổ chức nào?',
  'Có phải buổi làm việc diễn ra tại Hà Nội không?',
  'Hai bên đã ký biên bản ghi nhớ vào năm 2022, đúng không?',
  'Tại sao hai bên đẩy mạnh hợp tác về đổi mới sáng tạo?',
  'Kinh phí của dự án là bao nhiêu tỷ đồng?',
  'Thoa thuan hop tac duoc ky ket khi nao?',
  'ai dai dien bo khoa hoc va cong nghe',
  'Who signed the agreement and when?',
  'Where will the next meeting be held?',
  'Giá vàng hôm nay bao nhiêu?',
];

/** Asks the warm-up questions (as the evaluated ones are typed), and one follow-up with its history. */
export async function warmUp(engine: Pick<Engine, 'ask'>, typed: (q: string) => string, topK?: number): Promise<void> {
  let last: Answer | undefined;
  for (const w of WARM_UP) last = await engine.ask(typed(w), topK ? { topK } : {});
  if (last) await engine.ask(typed('Còn ai khác?'), { history: [last] });
}

export async function runEval(o: EvalOptions): Promise<EvalResult> {
  const questions = loadQuestions(o.questions).slice(0, o.limit ?? Infinity);
  const engine = await openEvalEngine(o);
  const stats = engine.stats();
  let r1 = 0,
    r5 = 0,
    r10 = 0,
    mrr = 0,
    ev1 = 0,
    ev5 = 0,
    ans = 0,
    refusedUnans = 0,
    refusedAns = 0;
  let answerable = 0;
  let unanswerable = 0;
  let shortGiven = 0;
  let shortF1 = 0;
  let answered = 0;
  const dump = openDump(o.dump);
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
  await warmUp(engine, (w) => asTyped(w, o), Math.max(o.config.topK, 30));
  for (const q of questions) {
    const text = asTyped(q.question, o);
    const t0 = performance.now();
    // Enough passages to rank ten distinct articles; the answer itself uses only the best few.
    const a = await engine.ask(text, { topK: Math.max(o.config.topK, 30) });
    const ms = performance.now() - t0;
    latencies.push(ms);
    let rank = -1;
    let hit = false;
    if (q.unanswerable) {
      unanswerable++;
      if (a.refused) refusedUnans++;
    } else {
      answerable++;
      if (a.refused) refusedAns++;
      const ranked = rankedArticles(a);
      rank = ranked.findIndex((id) => q.articles.includes(id));
      if (rank === 0) r1++;
      if (rank >= 0 && rank < 5) r5++;
      if (rank >= 0 && rank < 10) {
        r10++;
        mrr += 1 / (rank + 1);
      }
      const passages = [...a.citations.map((c) => c.paragraphId), ...a.retrieved.map((r) => r.paragraphId)]
        .filter((id, i, arr) => arr.indexOf(id) === i)
        .slice(0, 5);
      const evidence = q.evidence.map(norm).filter(Boolean);
      if (evidence.length) {
        const texts = await Promise.all(passages.map(paragraph));
        const hitAt = texts.findIndex((t) => evidence.some((e) => t.includes(e)));
        if (hitAt === 0) ev1++;
        if (hitAt >= 0) ev5++;
      }
      // Not the lines saying how a question was read ("Kiểm chứng nhận định: …"): they repeat its words.
      const answerText = norm(
        a.text
          .split('\n')
          .filter((l) => !isReadingLine(l))
          .join('\n'),
      );
      hit = !a.refused && q.answer.some((x) => norm(x) && answerText.includes(norm(x)));
      if (hit) ans++;
      if (!a.refused && q.answer.length) {
        answered++;
        if (a.shortAnswer) {
          shortGiven++;
          shortF1 += Math.max(...q.answer.map((x) => tokenF1(a.shortAnswer?.text ?? '', x)));
        }
      }
    }
    dump?.line({
      id: q.id,
      unanswerable: q.unanswerable ?? false,
      refused: a.refused,
      reason: a.reason ?? null,
      confidence: a.confidence,
      rank,
      ans: hit,
      short: a.shortAnswer?.text ?? null,
      quotes: a.citations.map((c) => c.quote),
      gold: q.answer.slice(0, 3),
      ms: Math.round(ms * 100) / 100,
    });
    o.onProgress?.(++done, questions.length);
  }
  await engine.close();
  await dump?.close();
  latencies.sort((x, y) => x - y);
  return {
    'R@1': pct(r1, answerable),
    'R@5': pct(r5, answerable),
    'R@10': pct(r10, answerable),
    'MRR@10': Math.round((1000 * mrr) / Math.max(1, answerable)) / 10,
    'ev@1': pct(ev1, answerable),
    'ev@5': pct(ev5, answerable),
    ans: pct(ans, answerable),
    short: pct(shortGiven, answered),
    shortF1: shortGiven ? Math.round((1000 * shortF1) / shortGiven) / 10 : 0,
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
  return `eval: R@1=${f(r['R@1'])} R@5=${f(r['R@5'])} R@10=${f(r['R@10'])} MRR@10=${f(r['MRR@10'])} ev@1=${f(r['ev@1'])} ev@5=${f(r['ev@5'])} ans=${f(r.ans)} short=${f(r.short)} shortF1=${f(r.shortF1)} refuse=${f(r.refuse)} falserefuse=${f(r.falserefuse)} p50=${r.p50.toFixed(2)}ms p95=${r.p95.toFixed(2)}ms`;
}

// --- claims ------------------------------------------------------------------------------------

export const claimSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  claim: z.string(),
  label: z.enum(['supported', 'refuted', 'nei']),
  lang: z.string().optional(),
  articles: z.array(z.union([z.string(), z.number()]).transform((s) => String(s).toLowerCase())).default([]),
  evidence: z.array(z.string()).default([]),
  /** For a refuted claim: the kind of mismatch expected, and the source's words `stated` must contain (any one of them). */
  mismatch: z
    .object({
      kind: z.enum(['number', 'date', 'place', 'person', 'organisation', 'negation', 'modality', 'quantity', 'other']),
      stated: z.union([z.string(), z.array(z.string())]),
    })
    .optional(),
});
export type EvalClaim = z.infer<typeof claimSchema>;
export type ClaimLabel = EvalClaim['label'];
export const CLAIM_LABELS: readonly ClaimLabel[] = ['supported', 'refuted', 'nei'];

export function loadClaims(file: string): EvalClaim[] {
  return loadJsonl(file, claimSchema, 'claims');
}

export interface ClaimEvalOptions extends EvalIndexOptions {
  claims: string;
  stripMarks?: boolean;
  lowerCase?: boolean;
  limit?: number;
  /** Writes one JSON line per claim: the verdict, the mismatches and the quotes cited. */
  dump?: string;
  onProgress?: (done: number, total: number) => void;
  /** Called with each claim and its result (for reports of the errors). */
  onClaim?: (claim: EvalClaim, result: CheckResult, predicted: ClaimLabel) => void;
}

export interface ClaimEvalResult {
  claims: number;
  acc: number;
  macroF1: number;
  strict: number;
  evidenceRecall: number;
  p50: number;
  p95: number;
  labels: Record<ClaimLabel, { p: number; r: number; f1: number }>;
  /** confusion[gold][predicted], counts. */
  confusion: Record<ClaimLabel, Record<ClaimLabel, number>>;
  /**
   * For claim sets that say which mismatch a refuted claim should get: how many were
   * contradicted naming that kind with the source's words in `stated`, out of how many.
   */
  mismatchesRight?: { right: number; of: number };
  articles: number;
  passages: number;
}

/**
 * The `--dump` file: one JSON line per question or claim. A file that cannot be written (a
 * folder that does not exist, a full disk) is reported when the run closes it, as an input
 * error naming the file, not as a crash mid-run.
 */
function openDump(file: string | undefined): { line(value: unknown): void; close(): Promise<void> } | null {
  if (!file) return null;
  const stream = fs.createWriteStream(file);
  let failed: Error | null = null;
  stream.on('error', (err) => (failed ??= err));
  const fail = (err: Error) => new InputError(`cannot write the --dump file ${file}: ${err.message}`);
  return {
    line: (value) => {
      if (!failed) stream.write(`${JSON.stringify(value)}\n`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(fail(failed));
        stream.once('error', (err) => reject(fail(err)));
        stream.end((err?: Error | null) => {
          const cause = err ?? failed;
          if (cause) reject(fail(cause));
          else resolve();
        });
      }),
  };
}

const LABEL_OF: Record<Verdict, ClaimLabel> = { supported: 'supported', contradicted: 'refuted', 'not-found': 'nei' };

/** Whether a cited quote contains one of the evidence strings, after NFC and white-space normalisation. */
function citesEvidence(r: CheckResult, evidence: readonly string[]): boolean {
  const ev = evidence.map((e) => normalizeSpace(e)).filter(Boolean);
  return r.claims.some((c) => c.evidence.some((q) => ev.some((e) => normalizeSpace(q.quote).includes(e))));
}

/**
 * Checks every claim through `engine.check`, as the adapters do (retrieval over the whole
 * corpus included: the gold article is not given). A text whose sentences are all skipped
 * counts as `nei`.
 */
export async function runClaimEval(o: ClaimEvalOptions): Promise<ClaimEvalResult> {
  const claims = loadClaims(o.claims).slice(0, o.limit ?? Infinity);
  const engine = await openEvalEngine(o);
  const stats = engine.stats();
  const confusion = Object.fromEntries(CLAIM_LABELS.map((g) => [g, Object.fromEntries(CLAIM_LABELS.map((p) => [p, 0]))])) as Record<
    ClaimLabel,
    Record<ClaimLabel, number>
  >;
  let strict = 0;
  let mismatchRight = 0;
  let mismatchExpected = 0;
  let withEvidence = 0;
  let evidenceFound = 0;
  const latencies: number[] = [];
  let done = 0;
  const dump = openDump(o.dump);
  try {
    // One untimed check first: the first call compiles the code it runs, which a serving bot
    // has long done; the latencies are those of a warm engine.
    if (claims[0]) await engine.check(claims[0].claim);
    for (const c of claims) {
      const text = asTyped(c.claim, o);
      const t0 = performance.now();
      const r = await engine.check(text);
      latencies.push(performance.now() - t0);
      const predicted: ClaimLabel = r.verdict ? LABEL_OF[r.verdict] : 'nei';
      confusion[c.label][predicted]++;
      const cites = citesEvidence(r, c.evidence);
      if (c.label !== 'nei') {
        withEvidence++;
        if (cites) evidenceFound++;
      }
      if (predicted === c.label && (c.label === 'nei' || cites)) strict++;
      if (c.mismatch) {
        mismatchExpected++;
        const words = (Array.isArray(c.mismatch.stated) ? c.mismatch.stated : [c.mismatch.stated]).map((w) => normalizeSpace(w));
        const kind = c.mismatch.kind;
        if (
          r.verdict === 'contradicted' &&
          r.claims.some((x) => x.mismatches.some((m) => m.kind === kind && words.some((w) => normalizeSpace(m.stated).includes(w))))
        )
          mismatchRight++;
      }
      dump?.line({
        id: c.id,
        label: c.label,
        predicted,
        cites,
        claims: r.claims.map((x) => ({
          claim: x.claim,
          verdict: x.verdict,
          mismatches: x.mismatches.map((m) => [m.kind, m.claimed, m.stated]),
          quotes: x.evidence.map((e) => e.quote),
        })),
      });
      o.onClaim?.(c, r, predicted);
      o.onProgress?.(++done, claims.length);
    }
  } finally {
    await engine.close();
    await dump?.close();
  }
  latencies.sort((x, y) => x - y);
  const labels = {} as ClaimEvalResult['labels'];
  let f1Sum = 0;
  let correct = 0;
  for (const l of CLAIM_LABELS) {
    const tp = confusion[l][l];
    correct += tp;
    const predicted = CLAIM_LABELS.reduce((s, g) => s + confusion[g][l], 0);
    const gold = CLAIM_LABELS.reduce((s, p) => s + confusion[l][p], 0);
    const p = predicted ? tp / predicted : 0;
    const r = gold ? tp / gold : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    f1Sum += f1;
    labels[l] = { p: Math.round(1000 * p) / 10, r: Math.round(1000 * r) / 10, f1: Math.round(1000 * f1) / 10 };
  }
  return {
    claims: claims.length,
    acc: pct(correct, claims.length),
    macroF1: Math.round((1000 * f1Sum) / CLAIM_LABELS.length) / 10,
    strict: pct(strict, claims.length),
    evidenceRecall: pct(evidenceFound, withEvidence),
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p95: Math.round(percentile(latencies, 95) * 100) / 100,
    labels,
    confusion,
    ...(mismatchExpected ? { mismatchesRight: { right: mismatchRight, of: mismatchExpected } } : {}),
    articles: stats.articles,
    passages: stats.passages,
  };
}

export function claimSummaryLine(r: ClaimEvalResult): string {
  const f = (n: number) => n.toFixed(1);
  return `eval: claims=${r.claims} acc=${f(r.acc)} macroF1=${f(r.macroF1)} strict=${f(r.strict)} evidence=${f(r.evidenceRecall)} p50=${r.p50.toFixed(2)}ms p95=${r.p95.toFixed(2)}ms`;
}

/** The confusion matrix as plain lines, gold labels down, predicted across. */
export function confusionLines(r: ClaimEvalResult): string[] {
  const w = 10;
  const head = `${'gold \\ predicted'.padEnd(18)}${CLAIM_LABELS.map((l) => l.padStart(w)).join('')}`;
  return [head, ...CLAIM_LABELS.map((g) => `${g.padEnd(18)}${CLAIM_LABELS.map((p) => String(r.confusion[g][p]).padStart(w)).join('')}`)];
}
