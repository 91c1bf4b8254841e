/**
 * Durability of feedback: a child process shows answers, votes on them and writes "why"s as
 * fast as it can, printing a line for each write once it has returned; the parent kills it with
 * SIGKILL at a random moment, then opens the database and checks that every acknowledged write
 * is there and the file is consistent. Usage:
 *   tsx scripts/kill-feedback.ts [--kills N] [--seed S]
 * Prints one line per kill and a summary; exits 1 if any write was lost.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createFeedback } from '../src/feedback/feedback.js';

export interface FeedbackKillResult {
  kill: number;
  afterMs: number;
  acknowledged: number;
  lost: number;
  integrity: string;
}

const SECRET = 'kill-test-secret-0123456789';

/** The writer: runs until killed. Each acknowledged write is printed as `answer <id>`, `vote <id> <user>` or `why <id> <user>`. */
async function write(file: string, seed: number): Promise<void> {
  const feedback = createFeedback({ settings: { file, secret: SECRET, windowDays: 30 }, corpusVersion: () => 'kill-test' });
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const out = (line: string) => fs.writeSync(1, `${line}\n`);
  for (let n = 0; ; n++) {
    const where = { platform: rnd() < 0.5 ? 'telegram' : 'discord', scope: `chat-${Math.floor(rnd() * 5)}` };
    const b = await feedback.offer(
      {
        question: `Câu hỏi số ${n} về hội nghị LMC?`,
        refused: false,
        citations: [{ paragraphId: 'do-luong-lmc-2023#p1', quote: 'Vào ngày 29 tháng 8 năm 2023' }],
      },
      where,
    );
    out(`answer ${b.answerId}`);
    const user = `user-${seed}-${n}`;
    const r = await feedback.press(rnd() < 0.5 ? b.up : b.down, { ...where, userId: user });
    if (r.ok) out(`vote ${b.answerId} ${user}`);
    if (rnd() < 0.3) {
      const saved = await feedback.commentWith(feedback.whyData(b.answerId, where), { ...where, userId: user }, `lý do ${n}`);
      if (saved === 'saved') out(`why ${b.answerId} ${user}`);
    }
  }
}

/** Checks a database against the writes acknowledged before the kill. */
function check(file: string, acked: string[]): { lost: number; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const answer = db.prepare('SELECT 1 FROM answers WHERE id = ?');
    const votes = db.prepare('SELECT COUNT(*) AS n FROM votes WHERE answer_id = ?');
    const why = db.prepare('SELECT COUNT(*) AS n FROM votes WHERE answer_id = ? AND comment IS NOT NULL');
    let lost = 0;
    for (const line of acked) {
      const [kind, id] = line.split(' ') as [string, string];
      // An answer with a vote stays; one without may only be forgotten after the window, not here.
      const present =
        kind === 'answer' ? answer.get(id) !== undefined : kind === 'vote' ? (votes.get(id) as { n: number }).n === 1 : (why.get(id) as { n: number }).n === 1;
      if (!present) lost++;
    }
    return { lost, integrity };
  } finally {
    db.close();
  }
}

export async function feedbackKillLoop(opts: { kills: number; seed: number; log?: (s: string) => void }): Promise<FeedbackKillResult[]> {
  const log = opts.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-feedback-kill-'));
  const file = path.join(dir, 'feedback.sqlite');
  let x = opts.seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const acked: string[] = [];
  const results: FeedbackKillResult[] = [];
  for (let k = 1; k <= opts.kills; k++) {
    const afterMs = 100 + Math.floor(rnd() * 700);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--write', file, '--seed', String(k * 7919 + opts.seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let errors = '';
    let started: ((v: void) => void) | null = null;
    const firstWrite = new Promise<void>((resolve) => (started = resolve));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      // Only whole lines: a line cut by the kill was not acknowledged.
      acked.push(...lines.filter(Boolean));
      started?.();
    });
    child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await Promise.race([firstWrite, exited]);
    await new Promise((r) => setTimeout(r, afterMs));
    child.kill('SIGKILL');
    await exited;
    if (errors.trim()) throw new Error(`writer failed: ${errors.trim().slice(0, 500)}`);
    const { lost, integrity } = check(file, acked);
    results.push({ kill: k, afterMs, acknowledged: acked.length, lost, integrity });
    log(`kill ${k}: after ${afterMs} ms, ${acked.length} writes acknowledged so far, ${lost} lost, integrity ${integrity}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
}

const isMain = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  const { values } = parseArgs({ options: { write: { type: 'string' }, seed: { type: 'string' }, kills: { type: 'string' } } });
  if (values.write) {
    await write(values.write, Number(values.seed ?? 1));
  } else {
    const results = await feedbackKillLoop({ kills: Number(values.kills ?? 10), seed: Number(values.seed ?? 1) });
    const lost = results.reduce((n, r) => n + r.lost, 0);
    const bad = results.filter((r) => r.integrity !== 'ok').length;
    process.stdout.write(`${results.length} kills, ${results.at(-1)?.acknowledged ?? 0} writes acknowledged, ${lost} lost, ${bad} inconsistent\n`);
    process.exitCode = lost || bad ? 1 : 0;
  }
}
