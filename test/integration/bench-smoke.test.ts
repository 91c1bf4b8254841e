import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/report.js';
import { SERVED_WARMUP } from '../../bench/data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = path.resolve(root, '..', 'shared', 'data');
const needed = ['baomoi/corpus.jsonl.gz', 'vinewsqa-dev/corpus.jsonl', 'vinewsqa-dev/questions.jsonl'].map((f) => path.join(data, f));
const haveData = needed.every((f) => fs.existsSync(f));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'run.ts'), ...args], { cwd: root, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe.skipIf(!haveData)('benchmark smoke run (needs ../shared/data)', () => {
  it('runs end to end on a few hundred articles and writes its report', { timeout: 170_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiemchung-bench-smoke-'));
    try {
      const out = path.join(dir, 'report.md');
      const r = await run(['--smoke', '--out', out, '--work-dir', path.join(dir, 'work')]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(out);

      const md = fs.readFileSync(out, 'utf8');
      for (const heading of [
        '# Benchmarks',
        '## Targets',
        '## Results by scale',
        '**Build**',
        '**Quality and latency**',
        '**Serving**',
        '**Incremental update**',
      ]) {
        expect(md).toContain(heading);
      }
      expect(md).toContain('Machine: ');
      expect(md).toContain('LangChain');
      expect(md).toContain('exact vector search');

      const json = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as BenchResults;
      expect(json.machine.cores).toBeGreaterThan(0);
      expect(json.options.smoke).toBe(true);
      expect(json.scales).toHaveLength(1);
      const s = json.scales[0]!;
      if (s.qualityOnly) throw new Error('the smoke size must be measured in full');
      expect(s.answerArticles + s.distractors).toBeGreaterThanOrEqual(200);
      expect(s.build.articles).toBe(s.answerArticles + s.distractors);
      expect(s.build.passages).toBeGreaterThan(s.build.articles);
      expect(s.build.diskBytes).toBeGreaterThan(0);
      expect(s.build.peakRssMiB).toBeGreaterThan(10);
      expect(s.query.ask.n).toBe(s.questions);
      expect(s.questions).toBeGreaterThan(0);
      for (const q of [s.query.ask, s.query.search, s.exact.exact, s.exact.hnsw, s.exact.hybrid, s.exact.hybridExact, s.langchain!.search]) {
        expect(q.r1).toBeGreaterThanOrEqual(0);
        expect(q.r10).toBeGreaterThanOrEqual(q.r1);
        expect(q.r10).toBeLessThanOrEqual(100);
      }
      // Questions are about the answer-bearing articles: any working pipeline finds some.
      expect(s.query.ask.r10).toBeGreaterThan(50);
      expect(s.query.ask.p50).toBeGreaterThan(0);
      expect(s.query.ask.p99).toBeGreaterThanOrEqual(s.query.ask.p50);
      expect(s.exact.hnsw.recallAt10).toBeGreaterThan(0.5);
      expect(s.exact.hnsw.recallAt10).toBeLessThanOrEqual(1);
      expect(s.throughput.answers).toBe(s.questions);
      expect(s.throughput.perSecond).toBeGreaterThan(0);
      // With more than one process (and a question each at least), each is measured again after answering questions of another's share.
      if (s.throughput.workers > 1 && s.questions >= s.throughput.workers) {
        expect(s.throughputServed!.answers).toBe(s.questions);
        expect(s.throughputServed!.warmup).toBe(Math.min(SERVED_WARMUP, Math.floor(s.questions / s.throughput.workers)));
        expect(md).toContain(`the same after ${s.throughputServed!.warmup} warm-up questions each`);
      } else expect(s.throughputServed).toBeNull();
      expect(s.cold.persisted[0]!.answeredMs).toBeGreaterThan(s.cold.persisted[0]!.openedMs);
      expect(s.langchain!.chunks).toBeGreaterThan(0);
      expect(s.update.changed.changed).toBe(1);
      expect(s.update.added.added).toBe(1);
      expect(s.update.removed.removed).toBe(1);
      expect(s.update.reindex.changed).toBe(1);
      expect(s.update.checks).toEqual({ changedFound: true, addedFound: true, removedGone: true });
      // The work folder is removed afterwards.
      expect(fs.existsSync(path.join(dir, 'work'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('benchmark without data', () => {
  it('skips cleanly with a clear message', async () => {
    const r = await run(['--smoke', '--data', path.join(os.tmpdir(), 'kiemchung-no-such-data')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/benchmark skipped: data not found/);
  });
});
