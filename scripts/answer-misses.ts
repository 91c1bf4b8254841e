/**
 * Lists the questions whose gold article is ranked first but whose reply does not hold a gold
 * answer, with the gold answers, the evidence sentence and what was quoted, from a file
 * written by `kiemchung eval --dump` and the question set it was run on:
 *
 *   npm run kiemchung -- eval --questions Q --corpus C --dump /tmp/dump.jsonl
 *   npx tsx scripts/answer-misses.ts Q /tmp/dump.jsonl [--limit N] [--kind date|number|…]
 *
 * Ends with the misses counted by the kind of fact the question asks for, and by whether the
 * evidence sentence was quoted at all. Nothing here runs in the product.
 */
import fs from 'node:fs';
import { loadQuestions } from '../src/cli/eval.js';
import { analyzeQuestion } from '../src/answer/question-type.js';
import { normalizeSpace } from '../src/text/normalize.js';

const [questionsFile, dumpFile, ...rest] = process.argv.slice(2);
if (!questionsFile || !dumpFile) {
  console.error('usage: npx tsx scripts/answer-misses.ts QUESTIONS DUMP [--limit N] [--kind KIND]');
  process.exit(2);
}
const option = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const limit = Number(option('--limit') ?? Infinity);
const onlyKind = option('--kind');

interface Dumped {
  id: string;
  refused: boolean;
  rank: number;
  ans: boolean;
  short: string | null;
  quotes: string[];
}
const norm = (s: string) => normalizeSpace(s).toLowerCase();
const questions = new Map(loadQuestions(questionsFile).map((q) => [q.id, q]));
const byKind = new Map<string, { first: number; missed: number; evidenceQuoted: number }>();
let shown = 0;
for (const line of fs.readFileSync(dumpFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const d = JSON.parse(line) as Dumped;
  const q = questions.get(d.id);
  if (!q || q.unanswerable || d.rank !== 0) continue;
  const kind = analyzeQuestion(q.question).kind;
  const k = byKind.get(kind) ?? { first: 0, missed: 0, evidenceQuoted: 0 };
  byKind.set(kind, k);
  k.first++;
  if (d.ans || d.refused) continue;
  k.missed++;
  // The evidence sentence overlaps a quote (one holds the other's first 30 characters): the
  // right sentence, cut short or with the answer outside it.
  const quotes = d.quotes.map(norm);
  const evidenceQuoted = q.evidence.map(norm).some((e) => e && quotes.some((x) => x.includes(e.slice(0, 30)) || e.includes(x.slice(0, 30))));
  if (evidenceQuoted) k.evidenceQuoted++;
  if ((onlyKind && kind !== onlyKind) || shown >= limit) continue;
  shown++;
  console.log(`# ${q.id} [${kind}]${evidenceQuoted ? ' (evidence quoted)' : ''}\nQ: ${q.question}\ngold: ${q.answer.join(' | ')}`);
  console.log(`evidence: ${q.evidence.join(' | ')}`);
  d.quotes.forEach((x, i) => console.log(`quote ${i + 1}: ${x}`));
  if (d.short) console.log(`short: ${d.short}`);
  console.log('');
}
console.log('kind | gold article first | reply misses the answer | of which the evidence sentence was quoted');
for (const [kind, k] of [...byKind.entries()].sort((a, b) => b[1].missed - a[1].missed)) {
  console.log(`${kind} | ${k.first} | ${k.missed} | ${k.evidenceQuoted}`);
}
