import fs from 'node:fs';
import Database from 'better-sqlite3';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { DEFAULT_CHUNKING, splitPassages } from '../../src/corpus/passages.js';
import { fold } from '../../src/text/normalize.js';
import { pairs, syllables } from '../../src/text/tokenize.js';
import { peakRssMiB, rssMiB, task } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { type Latency, Recall, firstSeen, latency } from '../metrics.js';

export interface Fts5Input {
  corpus: string;
  dbFile: string;
  questions: BenchQuestion[];
  warmup: number;
}

export interface Fts5Result {
  passages: number;
  loadMs: number;
  /** Tokenising every passage and inserting it, in one transaction. */
  indexMs: number;
  diskBytes: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssMiB: number;
  /** Resident memory with the database open, after the questions. */
  rssAfterMiB: number;
  search: Latency & { r1: number; r10: number; n: number };
}

/**
 * The same passages and tokens in SQLite FTS5, a well-known engine: kiemchung's passages
 * (each with its article title), tokenised as kiemchung tokenises them (folded syllables and
 * folded syllable pairs, a pair written as one token "hoi_nghi"), fed to FTS5 as
 * space-separated tokens; a question is the OR of its tokens ranked by FTS5's bm25(). Only the
 * indexing and the search are FTS5's: tokenising is the same JavaScript for both.
 */
export function fts5Tokens(text: string): string[] {
  const t = syllables(text);
  const folded = t.syllables.map(fold);
  const ps = pairs({ syllables: folded, phraseStarts: t.phraseStarts }).map((p) => p.replace(' ', '_'));
  return [...folded, ...ps].filter((x) => !x.includes('"'));
}

task<Fts5Input, Fts5Result>(async (input) => {
  const t0 = performance.now();
  const { articles } = await loadCorpus(input.corpus);
  const loadMs = performance.now() - t0;
  fs.rmSync(input.dbFile, { force: true });
  const db = new Database(input.dbFile);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const t1 = performance.now();
  db.exec(`CREATE VIRTUAL TABLE passages USING fts5(body, article UNINDEXED, tokenize = "unicode61 tokenchars '_' remove_diacritics 0")`);
  const insert = db.prepare('INSERT INTO passages (body, article) VALUES (?, ?)');
  let passages = 0;
  db.transaction(() => {
    for (const a of articles) {
      for (const s of splitPassages(a.paragraphs, DEFAULT_CHUNKING)) {
        const text = (a.paragraphs[s.paragraph] as string).slice(s.start, s.end);
        insert.run([...fts5Tokens(a.title), ...fts5Tokens(text)].join(' '), a.id);
        passages++;
      }
    }
  })();
  db.exec(`INSERT INTO passages(passages) VALUES ('optimize')`);
  const indexMs = performance.now() - t1;
  const ru = process.resourceUsage();

  const query = db.prepare('SELECT article FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT 50');
  const ask = (q: string) => {
    const toks = [...new Set(fts5Tokens(q))];
    if (toks.length === 0) return [];
    return (query.all(toks.map((x) => `"${x}"`).join(' OR ')) as { article: string }[]).map((r) => r.article);
  };
  for (const q of input.questions.slice(0, input.warmup)) ask(q.question);
  const ms: number[] = [];
  const quality = new Recall();
  for (const q of input.questions) {
    const t = performance.now();
    const found = ask(q.question);
    ms.push(performance.now() - t);
    quality.add(firstSeen(found), q.articles);
  }
  const rssAfterMiB = rssMiB();
  db.close();
  return {
    passages,
    loadMs,
    indexMs,
    diskBytes: fs.statSync(input.dbFile).size,
    cpuUserMs: ru.userCPUTime / 1000,
    cpuSystemMs: ru.systemCPUTime / 1000,
    peakRssMiB: peakRssMiB(),
    rssAfterMiB,
    search: { ...latency(ms), ...quality.result },
  };
});
