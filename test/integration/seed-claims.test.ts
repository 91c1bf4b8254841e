import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClaimEval } from '../../src/cli/eval.js';
import { loadConfig, silentLogger } from '../../src/index.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';

/**
 * Regression floor on our own claims about the seed articles (test/eval/seed-claims.jsonl:
 * every kind of mismatch, paraphrases, claims typed without tone marks, English claims, and
 * claims about the same organisations that the articles do not settle). Reached when the
 * floor was set: accuracy 96.6, every refuted claim contradicted with the expected kind (see
 * README).
 */
describe('seed claims', () => {
  it('gets at least 90% right and names every contradiction as expected', async () => {
    const config = loadConfig({}, { corpus: CORPUS });
    const r = await runClaimEval({
      claims: path.join(REPO, 'test', 'eval', 'seed-claims.jsonl'),
      corpus: CORPUS,
      cacheDir: tempDir(),
      config,
      logger: silentLogger,
    });
    expect(r.claims).toBeGreaterThanOrEqual(40);
    expect(r.acc).toBeGreaterThanOrEqual(90);
    expect(r.labels.refuted.r).toBeGreaterThanOrEqual(95);
    expect(r.mismatchesRight?.of).toBeGreaterThanOrEqual(20);
    expect(r.mismatchesRight?.right).toBe(r.mismatchesRight?.of);
    expect(r.strict).toBeGreaterThanOrEqual(85);
  });
});
