import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runEval } from '../../src/cli/eval.js';
import { loadConfig, silentLogger } from '../../src/index.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';

/**
 * Regression floor on our own questions about the seed articles (test/eval/seed-questions.jsonl).
 * Reached when the floor was set: ev@5 100, refuse 91.7, false refusals 2.5 (see README).
 */
describe('seed questions', () => {
  it('cites the evidence, refuses the unanswerable and rarely refuses the answerable', async () => {
    const config = loadConfig({}, { corpus: CORPUS });
    const r = await runEval({ questions: path.join(REPO, 'test', 'eval', 'seed-questions.jsonl'), corpus: CORPUS, cacheDir: tempDir(), config, logger: silentLogger });
    expect(r.questions).toBeGreaterThanOrEqual(40);
    expect(r['ev@5']).toBeGreaterThanOrEqual(95);
    expect(r['R@1']).toBeGreaterThanOrEqual(95);
    expect(r.refuse).toBeGreaterThanOrEqual(90);
    expect(r.falserefuse).toBeLessThanOrEqual(5);
  });
});
