/**
 * Where retrieval loses the gold article of the ViNewsQA dev questions: its rank among the
 * articles of the lexical list (the first lexicalK passages) and of the fused list, whether a
 * gold passage is among the RERANK_POOL passages re-ranked, its rank after re-ranking and after
 * the answer (the likeliest sentence's article first, as `kiemchung eval` counts). Each miss at
 * rank 1 is put down to one stage: not retrieved, below the pool, re-ranked below another
 * article, or another article cited.
 *
 *   npx tsx scripts/retrieval-losses.ts dev|5k|35k [--strip] [--limit N] [--out FILE]
 *
 * dev: its 500 articles; 5k: with the first 5,000 baomoi distractors (both built or reused
 * under CACHE, by default .kiemchung/eval as `scripts/fit-weights.ts` uses); 35k: the index of
 * all baomoi articles and the ViNewsQA ones in IDX, as `npm run bench -- --sizes all --keep
 * --work-dir DIR` leaves it in DIR/scale-all/index (the dev questions, `--limit N` the first N).
 * `--out` writes one line per question. Nothing here runs in the product.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { loadQuestions, prepareEvalIndex } from '../src/cli/eval.js';
import { silentLogger } from '../src/log.js';
import { DEFAULT_EXTRACTIVE, extractiveAnswer } from '../src/answer/extractive.js';
import { analyzeQuestion, retrievalQuery } from '../src/answer/question-type.js';
import { ANSWER_WINDOWS, fusionFor, retrieve } from '../src/retrieve/retrieve.js';
import { queryTerms } from '../src/retrieve/query-terms.js';
import { RERANK_POOL } from '../src/retrieve/rerank.js';
import { expandQuery, extraTerms } from '../src/text/glossary.js';
import { detectLang } from '../src/text/lang.js';
import { stripMarks } from '../src/text/normalize.js';
import { benchEmbedder, openBenchStore } from '../bench/embedder.js';
import type { Embedder } from '../src/embed/embedder.js';
import type { SegmentStore } from '../src/store/segment-store.js';

const DATA = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const args = process.argv.slice(2);
const which = args[0] ?? '5k';
const strip = args.includes('--strip');
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? args[outAt + 1] : undefined;
const config = loadConfig({}, {});

let store: SegmentStore;
let embedder: Embedder;
const questions = loadQuestions(`${DATA}/vinewsqa-dev/questions.jsonl`);
if (which === '35k') {
  embedder = benchEmbedder();
  const idx = process.env.IDX;
  if (!idx || !fs.existsSync(path.join(idx, 'CURRENT'))) {
    console.error(
      'usage: IDX=<index folder> npx tsx scripts/retrieval-losses.ts 35k [--limit N]\n' +
        '  the index of every baomoi article and the ViNewsQA dev articles, as `npm run bench -- --sizes all --keep --work-dir DIR` leaves it in DIR/scale-all/index',
    );
    process.exit(2);
  }
  store = openBenchStore(idx, embedder);
} else {
  const set = {
    corpus: `${DATA}/vinewsqa-dev/corpus.jsonl`,
    ...(which === '5k' ? { distractors: `${DATA}/baomoi/corpus.jsonl.gz`, distractorLimit: 5000 } : {}),
  };
  const p = await prepareEvalIndex({
    ...set,
    cacheDir: process.env.CACHE ?? path.resolve(import.meta.dirname, '..', '.kiemchung', 'eval'),
    config,
    logger: silentLogger,
  });
  embedder = p.embedder;
  store = openBenchStore(p.indexDir, embedder);
}
const fusion = fusionFor(embedder.kind);
const rows: Array<Record<string, unknown>> = [];
const artRank = (ids: string[], gold: string[]) => {
  const seen: string[] = [];
  for (const id of ids) if (!seen.includes(id)) seen.push(id);
  return seen.findIndex((id) => gold.includes(id));
};
for (const asked of questions.slice(0, limit)) {
  if (asked.unanswerable) continue;
  const q = strip ? { ...asked, question: stripMarks(asked.question) } : asked;
  const lang = detectLang(q.question);
  const analysis = analyzeQuestion(q.question);
  const expanded = expandQuery(retrievalQuery(q.question, analysis), lang, q.question);
  const terms = queryTerms(expanded, fusion.query);
  const lex = await store.lexicalSearch(terms, fusion.lexicalK);
  const lexLoc = await store.passages(lex.map((h) => h.passage));
  const lexRank = artRank(
    lexLoc.map((l) => l.article.id),
    q.articles,
  );
  const lexPassage = lexLoc.findIndex((l) => q.articles.includes(l.article.id));
  const { hits } = await retrieve(store, embedder, expanded, { k: 200, fusion, perParagraph: ANSWER_WINDOWS });
  const fusedPassage = hits.findIndex((h) => q.articles.includes(h.article.id));
  const fusedRank = artRank(
    hits.map((h) => h.article.id),
    q.articles,
  );
  const ex = await extractiveAnswer({
    store,
    question: q.question,
    lang,
    hits: hits.slice(0, Math.max(30, RERANK_POOL)),
    analysis,
    translated: extraTerms(q.question, lang),
    settings: DEFAULT_EXTRACTIVE,
  });
  const rerankRank = artRank(
    ex.trace.passages.map((p) => p.hit.article.id),
    q.articles,
  );
  const cited = ex.confidence > 0 && ex.trace.sentences[0] ? [ex.trace.sentences[0].passage.hit.article.id] : [];
  const finalRank = artRank([...cited, ...ex.ranked.map((h) => h.article.id)], q.articles);
  rows.push({ id: q.id, q: q.question, lexRank, lexPassage, fusedPassage, fusedRank, rerankRank, finalRank });
}
const n = rows.length;
const pct = (f: (r: Record<string, unknown>) => boolean) => ((100 * rows.filter(f).length) / n).toFixed(1);
const num = (r: Record<string, unknown>, k: string) => r[k] as number;
console.log(`${which}${strip ? ' stripped' : ''}: ${n} answerable questions, pool ${RERANK_POOL}`);
console.log(`gold in lexical top ${fusion.lexicalK}: ${pct((r) => num(r, 'lexRank') >= 0)}; lexical article R@1 ${pct((r) => num(r, 'lexRank') === 0)}`);
console.log(
  `fused article R@1 ${pct((r) => num(r, 'fusedRank') === 0)}; gold passage in first ${RERANK_POOL} fused: ${pct((r) => num(r, 'fusedPassage') >= 0 && num(r, 'fusedPassage') < RERANK_POOL)}`,
);
for (const k of [10, 20, 30, 50, 75, 100, 150])
  console.log(`  gold passage within first ${k} fused: ${pct((r) => num(r, 'fusedPassage') >= 0 && num(r, 'fusedPassage') < k)}`);
console.log(`rerank article R@1 ${pct((r) => num(r, 'rerankRank') === 0)} R@10 ${pct((r) => num(r, 'rerankRank') >= 0 && num(r, 'rerankRank') < 10)}`);
console.log(`final (cited first) R@1 ${pct((r) => num(r, 'finalRank') === 0)} R@10 ${pct((r) => num(r, 'finalRank') >= 0 && num(r, 'finalRank') < 10)}`);
const miss = rows.filter((r) => num(r, 'finalRank') !== 0);
const cat = (r: Record<string, unknown>) =>
  num(r, 'fusedPassage') < 0
    ? 'not retrieved'
    : num(r, 'fusedPassage') >= RERANK_POOL
      ? 'below pool'
      : num(r, 'rerankRank') !== 0
        ? 'reranked below'
        : 'cited other';
const counts = new Map<string, number>();
for (const r of miss) counts.set(cat(r), (counts.get(cat(r)) ?? 0) + 1);
console.log(`misses at 1: ${miss.length}: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (outFile) fs.writeFileSync(outFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
await embedder.close();
