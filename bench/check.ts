/**
 * Latency of `Engine.check`, one claim at a time, on the seed corpus (the 58 seed claims) and,
 * when ../shared/data is present, on the ViFactCheck dev corpus plus 5,000 baomoi distractors
 * (its 338 claims).
 *
 *   npx tsx bench/check.ts [--passes 3] [--distractor-limit 5000] [--seed-only]
 *
 * Each pass opens a fresh engine on an index built beforehand (so the sentence cache starts
 * empty), warms it with a few checks of other text (the first calls compile the code they run),
 * then times every claim once. Percentiles are over all passes; the machine's load average is
 * printed beside them, since on a shared machine it moves the tail more than the code does.
 * Speed targets live here, never in unit tests: p95 ≤ 30 ms on the seed corpus, ≤ 60 ms with
 * 5,000 distractors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareEvalIndex, loadClaims } from '../src/cli/eval.js';
import { type Engine, createEngine, loadConfig, silentLogger } from '../src/index.js';

const { values } = parseArgs({
  options: { passes: { type: 'string', default: '3' }, 'distractor-limit': { type: 'string', default: '5000' }, 'seed-only': { type: 'boolean' } },
});
const REPO = path.resolve(import.meta.dirname, '..');
const DATA = path.resolve(REPO, '..', 'shared', 'data');
const passes = Number(values.passes);
const WARM_UP = [
  'Hôm nay trời đẹp và giá vàng tăng nhẹ.',
  'Bộ trưởng đã ký quyết định mới về giáo dục.',
  'The ministry signed an agreement in 2023.',
  'Hội nghị diễn ra tại Hà Nội ngày 5/6/2024.',
  'Có 120 đại biểu tham dự.',
];

interface Run {
  label: string;
  open: () => Promise<Engine>;
  claims: string[];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function measure(run: Run): Promise<void> {
  const latencies: number[] = [];
  let cpuMs = 0;
  const before = load();
  for (let p = 0; p < passes; p++) {
    const engine = await run.open();
    try {
      for (const w of WARM_UP) await engine.check(w);
      const cpu0 = process.cpuUsage();
      for (const c of run.claims) {
        const t0 = performance.now();
        await engine.check(c);
        latencies.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpu0);
      cpuMs += (cpu.user + cpu.system) / 1000;
    } finally {
      await engine.close();
    }
  }
  latencies.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2);
  process.stdout.write(
    `check ${run.label}: n=${latencies.length} p50=${f(pct(latencies, 50))}ms p95=${f(pct(latencies, 95))}ms p99=${f(pct(latencies, 99))}ms cpu/check=${f(cpuMs / latencies.length)}ms (load average ${before} → ${load()}, ${os.cpus().length} cores)\n`,
  );
}

const config = loadConfig({}, {});
const runs: Run[] = [];
const seedIndex = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-check-'));
await (await createEngine({ config: { corpus: path.join(REPO, 'corpus'), indexDir: seedIndex }, logger: silentLogger })).close();
runs.push({
  label: 'seed corpus (2 articles)',
  open: () => createEngine({ config: { corpus: path.join(REPO, 'corpus'), indexDir: seedIndex }, autoIndex: false, logger: silentLogger }),
  claims: loadClaims(path.join(REPO, 'test', 'eval', 'seed-claims.jsonl')).map((c) => c.claim),
});
const dev = path.join(DATA, 'claims-vifactcheck-dev');
const distractors = path.join(DATA, 'baomoi', 'corpus.jsonl.gz');
if (!values['seed-only'] && fs.existsSync(path.join(dev, 'claims.jsonl')) && fs.existsSync(distractors)) {
  const limit = Number(values['distractor-limit']);
  const { indexDir, embedder } = await prepareEvalIndex({
    corpus: path.join(dev, 'corpus.jsonl'),
    distractors,
    distractorLimit: limit,
    cacheDir: path.join(REPO, '.kiemchung', 'eval'),
    config,
    logger: silentLogger,
  });
  runs.push({
    label: `ViFactCheck dev + ${limit} distractors`,
    open: () => createEngine({ config: { ...config, indexDir }, autoIndex: false, embedder, logger: silentLogger }),
    claims: loadClaims(path.join(dev, 'claims.jsonl')).map((c) => c.claim),
  });
} else if (!values['seed-only']) {
  process.stdout.write('check with distractors: skipped (../shared/data is absent)\n');
}
for (const r of runs) await measure(r);
fs.rmSync(seedIndex, { recursive: true, force: true });
