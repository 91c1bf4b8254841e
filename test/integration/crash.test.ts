import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { killLoop } from '../../scripts/kill-index.js';
import { SHARED_DATA, hasSharedData, syntheticCorpus, tempDir } from '../support/corpus.js';

describe('an index build killed part-way', () => {
  it('always leaves a loadable index that answers (5 SIGKILLs at random moments)', async () => {
    let corpus: string;
    if (hasSharedData) corpus = path.join(SHARED_DATA, 'vinewsqa-dev', 'corpus.jsonl');
    else {
      corpus = tempDir();
      syntheticCorpus(corpus, 300);
    }
    const lines: string[] = [];
    const results = await killLoop({ corpus, kills: 5, seed: 11, limit: 300, log: (s) => lines.push(s) });
    expect(results).toHaveLength(5);
    for (const r of results) {
      expect(r.error, lines.join('\n')).toBeUndefined();
      expect(r.ok, lines.join('\n')).toBe(true);
    }
  }, 180_000);
});
