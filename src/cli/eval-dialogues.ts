import { z } from 'zod';
import { isReadingLine } from '../answer/verdict-answer.js';
import { loadJsonl } from './jsonl.js';
import { normalizeSpace } from '../text/normalize.js';
import type { Answer, Turn } from '../types.js';
import { type EvalOptions, openEvalEngine, warmUp } from './eval.js';

/**
 * `kiemchung eval --dialogues FILE`: conversations asked turn by turn, each turn with the
 * earlier answers as its history and the dialogue's clock. Follow-ups are measured against
 * their gold answer and against the same question asked in full on its own; date and
 * collection questions by whether their answer is right.
 */
const dialogueTurnSchema = z.object({
  question: z.string().min(1),
  /** The follow-up written out in full: asked alone, it should get the same answer. */
  full: z.string().min(1).optional(),
  /** What the turn tests; later turns default to `follow-up`, the first to `question`. */
  type: z.enum(['question', 'follow-up', 'date', 'meta']).optional(),
  articles: z.array(z.union([z.string(), z.number()]).transform((s) => String(s).toLowerCase())).default([]),
  evidence: z.array(z.string()).default([]),
  answer: z.array(z.string()).default([]),
  unanswerable: z.boolean().optional(),
});

const dialogueSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  lang: z.enum(['vi', 'en', 'vi-nodiacritics', 'mixed']).default('vi'),
  /** The clock for the whole conversation: ISO date or date-time ("2024-06-20", "2024-06-20T09:00:00+07:00"). */
  now: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date or date-time')
    .optional(),
  turns: z.array(dialogueTurnSchema).min(1),
});

type Dialogue = z.infer<typeof dialogueSchema>;

function loadDialogues(file: string): Dialogue[] {
  return loadJsonl(file, dialogueSchema, 'dialogues');
}

export interface DialogueEvalOptions extends Omit<EvalOptions, 'questions' | 'stripMarks'> {
  dialogues: string;
  /** The clock for dialogues that give none (default: the system clock). */
  now?: string;
}

interface DialogueMiss {
  id: string;
  turn: number;
  question: string;
  understood?: string;
  what: string;
}

export interface DialogueEvalResult {
  dialogues: number;
  turns: number;
  /** Follow-up turns, and those of them with a question written out in full. */
  followUps: number;
  withFull: number;
  /** Follow-ups answered as their full question is on its own (same refusal, same first paragraph or listing). */
  asfull: number;
  /** Over answerable follow-ups: the gold answer in the answer, the gold evidence in the first cited paragraph, refused. */
  ans: number;
  'ev@1': number;
  falserefuse: number;
  /** Over unanswerable follow-ups: refused. */
  refuse: number;
  /** Date and collection questions, and the share answered right. */
  dateQuestions: number;
  date: number;
  p50: number;
  p95: number;
  misses: DialogueMiss[];
}

const norm = (s: string) => normalizeSpace(s).toLowerCase();
const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/** The answer without the lines that say how the question was read (they repeat the question's words). */
function answerBody(a: Answer): string {
  return a.text
    .split('\n')
    .filter((l) => !isReadingLine(l))
    .join('\n');
}

function firstCited(a: Answer): string | null {
  return a.citations[0]?.paragraphId ?? null;
}

/** Two answers say the same thing: both refused, or both cite the same first paragraph (or list the same articles). */
function sameAnswer(a: Answer, b: Answer): boolean {
  if (a.refused !== b.refused) return false;
  if (a.refused) return true;
  if (a.collection || b.collection) {
    const ids = (x: Answer) => (x.collection?.articles ?? []).map((r) => r.articleId).join(',');
    return !!a.collection && !!b.collection && a.collection.kind === b.collection.kind && ids(a) === ids(b);
  }
  return firstCited(a) === firstCited(b);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function runDialogueEval(o: DialogueEvalOptions): Promise<DialogueEvalResult> {
  const dialogues = loadDialogues(o.dialogues).slice(0, o.limit ?? Infinity);
  let now = new Date();
  const engine = await openEvalEngine(o, () => now);
  await warmUp(engine, (q) => q);
  const paragraphs = new Map<string, string>();
  const paragraph = async (id: string) => {
    let t = paragraphs.get(id);
    if (t === undefined) paragraphs.set(id, (t = norm((await engine.source(id))?.text ?? '')));
    return t;
  };
  let turns = 0,
    followUps = 0,
    withFull = 0,
    asFull = 0,
    answerable = 0,
    ans = 0,
    ev1 = 0,
    withEvidence = 0,
    falseRefused = 0,
    unanswerable = 0,
    refused = 0;
  let dateQuestions = 0,
    dateRight = 0;
  const misses: DialogueMiss[] = [];
  const latencies: number[] = [];
  let done = 0;
  for (const d of dialogues) {
    now = d.now
      ? new Date(/T/.test(d.now) ? d.now : `${d.now}T12:00:00+07:00`)
      : o.now
        ? new Date(/T/.test(o.now) ? o.now : `${o.now}T12:00:00+07:00`)
        : new Date();
    const history: Turn[] = [];
    for (const [i, t] of d.turns.entries()) {
      turns++;
      const type = t.type ?? (i === 0 ? 'question' : 'follow-up');
      const t0 = performance.now();
      const a = await engine.ask(t.question, { history });
      latencies.push(performance.now() - t0);
      history.push(a);
      const miss = (what: string) => misses.push({ id: d.id, turn: i + 1, question: t.question, ...(a.understood ? { understood: a.understood } : {}), what });
      const body = norm(answerBody(a));
      const hasAnswer = t.answer.some((x) => norm(x) && body.includes(norm(x)));
      if (type === 'date' || type === 'meta') {
        dateQuestions++;
        const right = t.unanswerable
          ? a.refused || a.collection?.total === 0
          : !a.refused && (t.answer.length === 0 || hasAnswer) && (t.articles.length === 0 || t.articles.includes(a.citations[0]?.articleId ?? ''));
        if (right) dateRight++;
        else miss(`${type} question answered wrongly: ${a.refused ? `refused (${a.reason})` : `cited ${firstCited(a) ?? 'nothing'}`}`);
      }
      if (type !== 'follow-up') continue;
      followUps++;
      if (t.full) {
        withFull++;
        const f = await engine.ask(t.full);
        if (sameAnswer(a, f)) asFull++;
        else miss(`not as asked in full: ${a.refused ? 'refused' : firstCited(a)} vs ${f.refused ? 'refused' : firstCited(f)} for "${t.full}"`);
      }
      if (t.unanswerable) {
        unanswerable++;
        if (a.refused) refused++;
        else miss('answered an unanswerable follow-up');
        continue;
      }
      answerable++;
      if (a.refused) {
        falseRefused++;
        miss(`refused (${a.reason})`);
        continue;
      }
      if (t.answer.length && hasAnswer) ans++;
      else if (t.answer.length) miss(`answer lacks ${JSON.stringify(t.answer[0])}`);
      const evidence = t.evidence.map(norm).filter(Boolean);
      if (evidence.length) {
        withEvidence++;
        const first = firstCited(a);
        const text = first ? await paragraph(first) : '';
        if (evidence.some((e) => text.includes(e))) ev1++;
        else miss(`first cited paragraph ${first ?? '(none)'} lacks the evidence`);
      }
    }
    o.onProgress?.(++done, dialogues.length);
  }
  await engine.close();
  latencies.sort((x, y) => x - y);
  return {
    dialogues: dialogues.length,
    turns,
    followUps,
    withFull,
    asfull: pct(asFull, withFull),
    ans: pct(ans, answerable),
    'ev@1': pct(ev1, withEvidence),
    falserefuse: pct(falseRefused, answerable),
    refuse: pct(refused, unanswerable),
    dateQuestions,
    date: pct(dateRight, dateQuestions),
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    p95: Math.round(percentile(latencies, 95) * 100) / 100,
    misses,
  };
}

export function dialogueSummaryLines(r: DialogueEvalResult): string[] {
  const f = (n: number) => n.toFixed(1);
  return [
    `dialogues=${r.dialogues} turns=${r.turns} followups=${r.followUps} (${r.withFull} with a full question) date+meta=${r.dateQuestions}`,
    `eval dialogues: asfull=${f(r.asfull)} ans=${f(r.ans)} ev@1=${f(r['ev@1'])} refuse=${f(r.refuse)} falserefuse=${f(r.falserefuse)} date=${f(r.date)} p50=${r.p50.toFixed(2)}ms p95=${r.p95.toFixed(2)}ms`,
  ];
}
