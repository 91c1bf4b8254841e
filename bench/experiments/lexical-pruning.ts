/**
 * What `ask`'s retrieval costs with fewer query terms scanned, and what that does to quality:
 * the same index and questions, the real `retrieve` (BM25 + HNSW fused), with the query terms
 * whose document frequency exceeds a share of the passages dropped before BM25 (a lower
 * `DEFAULT_BM25.maxDfRatio` than the current one), and with the folded duplicates of a
 * marked question's terms given weight 0 (a `fusion.query` setting, no code change), and
 * without the vector side at all (what the HNSW graph adds with the hash embedder).
 *
 *   tsx bench/experiments/lexical-pruning.ts --index DIR [--data ../shared/data] [--questions 1000]
 *
 * DIR is an index built from vinewsqa-dev + baomoi (e.g. `npm run bench -- --keep --work-dir W`
 * leaves W/scale-all/index).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../args.js';
import { loadQuestions } from '../data.js';
import { Recall, firstSeen, latency } from '../metrics.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { DEFAULT_QUERY_WEIGHTS } from '../../src/retrieve/query-terms.js';
import { DEFAULT_BM25 } from '../../src/store/lexical-index.js';
import type { QueryTerm } from '../../src/store/port.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { type FusionSettings, HASH_FUSION, retrieve } from '../../src/retrieve/retrieve.js';

const { values } = parseArgs({
  options: { index: { type: 'string' }, data: { type: 'string' }, questions: { type: 'string' } },
});
if (!values.index) throw new Error('--index DIR is required');
const data = path.resolve(values.data ?? path.join(REPO_ROOT, '..', 'shared', 'data'));
const embedder = new HashEmbedder();
const reader = SegmentStore.open(path.resolve(values.index), embedder);
const ids = new Set((await reader.articles()).map((a) => a.id));
const questions = loadQuestions(path.join(data, 'vinewsqa-dev', 'questions.jsonl'), ids, Number(values.questions ?? 1000));
const n = reader.lexicalSize();

function variant(maxDfShare: number, fusion: FusionSettings) {
  const pruned = Object.create(reader) as SegmentStore;
  let scanned = 0;
  pruned.lexicalSearch = (terms: readonly QueryTerm[], k, filter) => {
    const df = (t: QueryTerm) => reader.documentFrequency(t.hash);
    const kept = terms.filter((t) => t.weight > 0 && df(t) <= maxDfShare * n);
    // bm25Search itself skips terms above DEFAULT_BM25.maxDfRatio: count what it really scans.
    for (const t of kept) if (df(t) <= DEFAULT_BM25.maxDfRatio * n) scanned += df(t);
    return reader.lexicalSearch(kept, k, filter);
  };
  return { reader: pruned, fusion, scanned: () => scanned };
}

const variants: [string, ReturnType<typeof variant>][] = [
  [`current (bm25Search skips terms in > ${DEFAULT_BM25.maxDfRatio * 100}% of passages)`, variant(1, HASH_FUSION)],
  ['terms in ≤ 10% of passages', variant(0.1, HASH_FUSION)],
  ['terms in ≤ 5% of passages', variant(0.05, HASH_FUSION)],
  ['folded duplicates weight 0 (fusion.query.foldedWhenMarked = 0)', variant(1, { ...HASH_FUSION, query: { ...DEFAULT_QUERY_WEIGHTS, foldedWhenMarked: 0 } })],
  ['folded duplicates weight 0 + terms in ≤ 10%', variant(0.1, { ...HASH_FUSION, query: { ...DEFAULT_QUERY_WEIGHTS, foldedWhenMarked: 0 } })],
  ['BM25 only, no vector side (fusion.vectorWeight = 0)', variant(1, { ...HASH_FUSION, vectorWeight: 0 })],
  ['BM25 only + terms in ≤ 10%', variant(0.1, { ...HASH_FUSION, vectorWeight: 0 })],
];

process.stdout.write(`${questions.length} questions, ${n.toLocaleString('en-US')} passages\n\n`);
process.stdout.write(
  '| query terms | retrieve p50 | p95 | p99 | postings scanned / question | R@1 | R@10 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n',
);
for (const [name, v] of variants) {
  for (const q of questions.slice(0, 30)) await retrieve(v.reader, embedder, q.question, { k: 10, fusion: v.fusion });
  const before = v.scanned();
  const ms: number[] = [];
  const quality = new Recall();
  for (const q of questions) {
    const t = performance.now();
    const r = await retrieve(v.reader, embedder, q.question, { k: 10, fusion: v.fusion });
    ms.push(performance.now() - t);
    quality.add(firstSeen(r.hits.map((h) => h.article.id)), q.articles);
  }
  const l = latency(ms);
  const { r1, r10 } = quality.result;
  const per = (v.scanned() - before) / questions.length;
  process.stdout.write(
    `| ${name} | ${l.p50.toFixed(2)} ms | ${l.p95.toFixed(2)} ms | ${l.p99.toFixed(2)} ms | ${Math.round(per).toLocaleString('en-US')} | ${r1.toFixed(1)} | ${r10.toFixed(1)} |\n`,
  );
}
