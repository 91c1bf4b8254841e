import { describe, expect, it } from 'vitest';
import { segmentsToMerge } from '../../src/store/update-index.js';

const merged = (passages: number[]) => [...segmentsToMerge(passages)].sort((a, b) => a - b);

describe('which segments an update merges', () => {
  it('merges small segments of similar size once four share a size level, never with a much larger one', () => {
    // A full build in two segments, then single-article updates of a few passages each.
    expect(merged([19_198, 18_825, 7, 7, 7])).toEqual([]);
    expect(merged([19_198, 18_825, 7, 7, 7, 5])).toEqual([2, 3, 4, 5]);
    // Below 64 passages, one level; four of a level are merged with every smaller one, and nothing larger.
    expect(merged([135, 20, 30, 40, 50, 2, 300])).toEqual([1, 2, 3, 4, 5]);
    expect(merged([135, 20, 30, 2, 300, 70])).toEqual([]);
    // The highest full level decides.
    expect(merged([5, 6, 7, 5, 100, 110, 120, 130, 9_000])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves large segments alone and merges every small one when there are too many', () => {
    expect(merged([20_000, 25_000, 30_000, 40_000, 50_000])).toEqual([]);
    // Two or three small segments on every level: none; twelve small segments: all of them.
    const spread = [1, 100, 300, 1_200, 5_000, 17_000, 2, 120, 400, 1_500, 6_000];
    expect(merged([100_000, ...spread])).toEqual([]);
    expect(merged([100_000, ...spread, 18_000])).toEqual([...spread, 18_000].map((_, i) => i + 1));
  });
});
