import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';

/** What the benchmark reads from the shared data folder (see its README). */
export interface BenchData {
  distractors: string;
  answerCorpus: string;
  questions: string;
}

export function findData(dir: string): BenchData | { missing: string[] } {
  const d: BenchData = {
    distractors: path.join(dir, 'baomoi', 'corpus.jsonl.gz'),
    answerCorpus: path.join(dir, 'vinewsqa-dev', 'corpus.jsonl'),
    questions: path.join(dir, 'vinewsqa-dev', 'questions.jsonl'),
  };
  const missing = Object.values(d).filter((f) => !fs.existsSync(f));
  return missing.length ? { missing } : d;
}

/**
 * Warm-up questions of a process that has served a while, before its throughput is measured:
 * its caches of posting lists and paragraphs filled and its code compiled (after 50, V8 was
 * still compiling and re-compiling the answer code on its helper threads).
 */
export const SERVED_WARMUP = 600;

export interface BenchQuestion {
  id: string;
  question: string;
  /** Gold article ids, lower-cased as the corpus loader does. */
  articles: string[];
}

/** Answerable questions, in file order, whose gold articles are all in `articleIds`. */
export function loadQuestions(file: string, articleIds: ReadonlySet<string>, limit: number): BenchQuestion[] {
  const out: BenchQuestion[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: unknown; question: unknown; articles?: unknown[]; unanswerable?: boolean };
    if (r.unanswerable || typeof r.question !== 'string') continue;
    const articles = (r.articles ?? []).map((a) => String(a).toLowerCase());
    if (articles.length === 0 || !articles.every((a) => articleIds.has(a))) continue;
    out.push({ id: String(r.id), question: r.question, articles });
    if (out.length >= limit) break;
  }
  return out;
}

async function* lines(file: string): AsyncGenerator<string> {
  let input: NodeJS.ReadableStream = fs.createReadStream(file);
  if (file.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line.trim()) yield line;
  } finally {
    rl.close();
  }
}

export interface ScaleCorpus {
  file: string;
  answerArticles: number;
  distractors: number;
  /** Ids of the answer-bearing articles (questions are filtered to them). */
  answerIds: string[];
  bytes: number;
}

/**
 * Writes one JSONL corpus for a scale: the first `answerLimit` vinewsqa-dev articles, then the
 * first `distractors` baomoi articles (records are copied as they are; the engine parses them).
 */
export async function writeScaleCorpus(data: BenchData, answerLimit: number, distractors: number, file: string): Promise<ScaleCorpus> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(`${s}\n`) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  const answerIds: string[] = [];
  for await (const line of lines(data.answerCorpus)) {
    if (answerIds.length >= answerLimit) break;
    answerIds.push(String((JSON.parse(line) as { id: unknown }).id).toLowerCase());
    await write(line);
  }
  let n = 0;
  if (distractors > 0) {
    for await (const line of lines(data.distractors)) {
      await write(line);
      if (++n >= distractors) break;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { file, answerArticles: answerIds.length, distractors: n, answerIds, bytes: fs.statSync(file).size };
}

/** Total size of the files under `dir`, in bytes. */
export function diskBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += diskBytes(p);
    else if (e.isFile()) n += fs.statSync(p).size;
  }
  return n;
}
