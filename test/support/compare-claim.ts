import { compareClaim } from '../../src/check/compare.js';

/** Every informative word weighs the same: the rules, not the statistics, are under test. */
export const weightOf = () => 2;

/** A claim compared with evidence sentences given as plain texts. */
export const compare = (claim: string, ...evidence: string[]) =>
  compareClaim(
    claim,
    evidence.map((text) => ({ text })),
    { weightOf },
  );
