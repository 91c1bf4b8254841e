import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runEval } from '../../src/cli/eval.js';
import { loadConfig, silentLogger } from '../../src/index.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';

/**
 * Regression floor on our own questions about the seed articles (test/eval/seed-questions.jsonl:
 * who, where, when, how many, lists, abbreviations, definitions and yes/no on every paragraph,
 * typed with and without tone marks and in English, and near misses). Reached when the floor
 * was set (README, "Quality"): R@1 100, ev@5 100, ans 94.0, refuse 43.3, false refusals 1.2.
 */
describe('seed questions', () => {
  it('cites the evidence, refuses the unanswerable and rarely refuses the answerable', async () => {
    const config = loadConfig({}, { corpus: CORPUS });
    const r = await runEval({
      questions: path.join(REPO, 'test', 'eval', 'seed-questions.jsonl'),
      corpus: CORPUS,
      cacheDir: tempDir(),
      config,
      logger: silentLogger,
    });
    expect(r.questions).toBeGreaterThanOrEqual(110);
    expect(r['ev@5']).toBeGreaterThanOrEqual(95);
    expect(r['R@1']).toBeGreaterThanOrEqual(95);
    expect(r.ans).toBeGreaterThanOrEqual(90);
    expect(r.refuse).toBeGreaterThanOrEqual(40);
    expect(r.falserefuse).toBeLessThanOrEqual(2.5);
  });

  /**
   * Questions written afresh on the same articles, after the rules were: seed-questions-2.jsonl
   * and seed-questions-3.jsonl (a third writer, as journalists checking facts) found the rules
   * written since (ans 82.4 → 95.9 and 81.3 → 91.3; refuse 25.0 → 53.6 and 37.1 → 42.9; false
   * refusals 12.2 → 1.4 and 11.3 → 0.0); seed-questions-heldout.jsonl, by another writer, was
   * measured only (ans 90.3 → 93.1, refuse 25.0 → 43.8, false refusals 4.2 → 1.4) until one rule
   * was found on it; seed-questions-heldout-2.jsonl, by a fourth writer, was written after those
   * rules and measured only (ans 79.5 → 90.4, refuse 36.4 → 42.4, false refusals 13.7 → 5.5 against
   * the code before them). Floors a little under what they reach, so that a rule that loses them
   * shows.
   */
  it.each([
    ['seed-questions-2.jsonl', { ans: 94, refuse: 50, falserefuse: 3 }],
    ['seed-questions-3.jsonl', { ans: 89, refuse: 41, falserefuse: 3 }],
    ['seed-questions-heldout.jsonl', { ans: 92, refuse: 40, falserefuse: 2 }],
    ['seed-questions-heldout-2.jsonl', { ans: 88, refuse: 39, falserefuse: 7 }],
  ])('holds on questions written afresh: %s', async (file, floor) => {
    const config = loadConfig({}, { corpus: CORPUS });
    const r = await runEval({ questions: path.join(REPO, 'test', 'eval', file), corpus: CORPUS, cacheDir: tempDir(), config, logger: silentLogger });
    expect(r.questions).toBeGreaterThanOrEqual(100);
    expect(r.ans).toBeGreaterThanOrEqual(floor.ans);
    expect(r.refuse).toBeGreaterThanOrEqual(floor.refuse);
    expect(r.falserefuse).toBeLessThanOrEqual(floor.falserefuse);
  });
});
