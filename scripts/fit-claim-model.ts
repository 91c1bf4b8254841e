/**
 * Fits the weights of the claim check's verdict model (src/check/verdict.ts, MODEL) on a
 * labelled claim set, and reports in-sample and cross-validated figures side by side.
 *
 *   npx tsx scripts/fit-claim-model.ts --claims ../shared/data/claims-vifactcheck-dev/claims.jsonl \
 *     --corpus ../shared/data/claims-vifactcheck-dev/corpus.jsonl [--distractors FILE --distractor-limit N] [--folds 5] [--l2 0.002]
 *
 * The model is a multinomial logistic regression over the interpretable features of
 * `featureVector`, fitted by gradient descent with an L2 penalty, on the claims that the
 * offline mismatch rule does not already decide (a contradicted fact decides by itself).
 * Folds are drawn by article, so that no article's claims are both trained and tested on.
 * Retrieval runs over the whole corpus, as in `kiemchung eval --claims`.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { checkClaimOffline } from '../src/check/check.js';
import { createCheckDeps } from '../src/check/deps.js';
import { FEATURE_NAMES, VERDICTS, featureVector, decide, probabilities, SAME_FACT_COVERAGE } from '../src/check/verdict.js';
import { prepareEvalIndex, loadClaims } from '../src/cli/eval.js';
import { SegmentStore } from '../src/store/segment-store.js';
import { loadConfig, silentLogger } from '../src/index.js';
import { fusionFor } from '../src/retrieve/retrieve.js';
import type { Verdict } from '../src/types.js';

const { values } = parseArgs({
  options: {
    claims: { type: 'string' },
    corpus: { type: 'string' },
    distractors: { type: 'string' },
    'distractor-limit': { type: 'string' },
    folds: { type: 'string', default: '5' },
    l2: { type: 'string', default: '0.002' },
    iterations: { type: 'string', default: '6000' },
  },
});
if (!values.claims || !values.corpus) {
  process.stderr.write('usage: fit-claim-model.ts --claims FILE --corpus FILE [--distractors FILE --distractor-limit N] [--folds 5] [--l2 0.002]\n');
  process.exit(2);
}

interface Row {
  x: number[];
  y: number;
  article: string;
  /** Decided by the mismatch rule, whatever the model says. */
  ruled: boolean;
  comparison: NonNullable<Awaited<ReturnType<typeof checkClaimOffline>>['comparison']>;
  chosen: { bestCoverage: number; articleCoverage: number };
}

const config = loadConfig({}, {});
const { indexDir, embedder } = await prepareEvalIndex({
  corpus: values.corpus,
  ...(values.distractors ? { distractors: values.distractors, distractorLimit: Number(values['distractor-limit'] ?? Infinity) } : {}),
  cacheDir: path.join('.kiemchung', 'eval'),
  config,
  logger: silentLogger,
});
const store = SegmentStore.open(indexDir, embedder);
// As the engine opens it: a learned embedder's model from the index, the fusion for its vectors.
if (embedder.learnsFromCorpus) embedder.loadModel(store.embedderModel()!);
const deps = createCheckDeps(store, embedder, fusionFor(embedder.kind));
const LABEL: Record<string, Verdict> = { supported: 'supported', refuted: 'contradicted', nei: 'not-found' };
const rows: Row[] = [];
let skipped = 0;
for (const c of loadClaims(values.claims)) {
  const r = await checkClaimOffline(deps, c.claim);
  if (!r.comparison || !r.decision) {
    skipped++;
    continue;
  }
  rows.push({
    x: featureVector(r.comparison.features, r),
    y: VERDICTS.indexOf(LABEL[c.label] as Verdict),
    article: c.articles[0] ?? c.id,
    ruled: r.comparison.mismatches.length > 0 && r.comparison.features.coverage >= SAME_FACT_COVERAGE,
    comparison: r.comparison,
    chosen: { bestCoverage: r.bestCoverage, articleCoverage: r.articleCoverage },
  });
}

function fit(train: Row[], l2: number, iterations: number): number[][] {
  const d = (train[0] as Row).x.length;
  const W = VERDICTS.map(() => new Array<number>(d).fill(0));
  const lr = 0.5;
  for (let it = 0; it < iterations; it++) {
    const grad = VERDICTS.map(() => new Array<number>(d).fill(0));
    for (const r of train) {
      const p = probabilities(r.x, W);
      VERDICTS.forEach((_, k) => {
        const diff = (p[k] as number) - (r.y === k ? 1 : 0);
        for (let j = 0; j < d; j++) (grad[k] as number[])[j] = ((grad[k] as number[])[j] as number) + diff * (r.x[j] as number);
      });
    }
    VERDICTS.forEach((_, k) => {
      for (let j = 0; j < d; j++) {
        const reg = j === 0 ? 0 : l2 * ((W[k] as number[])[j] as number);
        (W[k] as number[])[j] = ((W[k] as number[])[j] as number) - lr * (((grad[k] as number[])[j] as number) / train.length + reg);
      }
    });
  }
  // The last class is the reference: its weights are zero.
  const ref = W[W.length - 1] as number[];
  return W.map((w) => w.map((v, j) => v - (ref[j] as number)));
}

function score(test: Row[], W: number[][]): { acc: number; macroF1: number; confusion: number[][] } {
  const confusion = VERDICTS.map(() => VERDICTS.map(() => 0));
  for (const r of test) {
    const v = decide(r.comparison, r.chosen, W).verdict;
    const row = confusion[r.y] as number[];
    row[VERDICTS.indexOf(v)] = (row[VERDICTS.indexOf(v)] as number) + 1;
  }
  let correct = 0;
  let f1 = 0;
  VERDICTS.forEach((_, k) => {
    const tp = (confusion[k] as number[])[k] as number;
    correct += tp;
    const predicted = confusion.reduce((s, row) => s + (row[k] as number), 0);
    const gold = (confusion[k] as number[]).reduce((s, v) => s + v, 0);
    const p = predicted ? tp / predicted : 0;
    const rc = gold ? tp / gold : 0;
    f1 += p + rc ? (2 * p * rc) / (p + rc) : 0;
  });
  return { acc: (100 * correct) / Math.max(1, test.length), macroF1: (100 * f1) / VERDICTS.length, confusion };
}

const l2 = Number(values.l2);
const iterations = Number(values.iterations);
const trainable = (rs: Row[]) => rs.filter((r) => !r.ruled);
const all = fit(trainable(rows), l2, iterations);
const inSample = score(rows, all);

// Cross-validation by article.
const k = Number(values.folds);
const articles = [...new Set(rows.map((r) => r.article))].sort();
const foldOf = new Map(articles.map((a, i) => [a, i % k]));
const confusion = VERDICTS.map(() => VERDICTS.map(() => 0));
for (let f = 0; f < k; f++) {
  const train = rows.filter((r) => foldOf.get(r.article) !== f);
  const test = rows.filter((r) => foldOf.get(r.article) === f);
  const s = score(test, fit(trainable(train), l2, iterations));
  s.confusion.forEach((row, i) => row.forEach((v, j) => ((confusion[i] as number[])[j] = ((confusion[i] as number[])[j] as number) + v)));
}
let correct = 0;
let f1 = 0;
VERDICTS.forEach((_, c) => {
  const tp = (confusion[c] as number[])[c] as number;
  correct += tp;
  const predicted = confusion.reduce((s, row) => s + (row[c] as number), 0);
  const gold = (confusion[c] as number[]).reduce((s, v) => s + v, 0);
  const p = predicted ? tp / predicted : 0;
  const rc = gold ? tp / gold : 0;
  f1 += p + rc ? (2 * p * rc) / (p + rc) : 0;
});

const fmt = (n: number) => n.toFixed(1);
const ruled = rows.filter((r) => r.ruled);
const ruledRight = ruled.filter((r) => VERDICTS[r.y] === 'contradicted').length;
process.stdout.write(
  `claims=${rows.length} (no evidence: ${skipped}) decided by a mismatch: ${ruled.length} (${ruledRight} of them contradicted in the gold labels)\n`,
);
process.stdout.write(`in-sample: acc=${fmt(inSample.acc)} macroF1=${fmt(inSample.macroF1)}\n`);
process.stdout.write(`${k}-fold by article: acc=${fmt((100 * correct) / rows.length)} macroF1=${fmt((100 * f1) / VERDICTS.length)}\n`);
process.stdout.write(`cross-validated confusion (rows gold ${VERDICTS.join('/')}, columns predicted): ${JSON.stringify(confusion)}\n`);
process.stdout.write(`weights (${FEATURE_NAMES.join(', ')}):\n`);
for (const [i, w] of all.entries()) process.stdout.write(`  [${w.map((v) => v.toFixed(3)).join(', ')}], // ${VERDICTS[i]}\n`);
