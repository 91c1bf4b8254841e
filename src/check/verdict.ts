import type { Verdict } from '../types.js';
import type { Comparison, Features } from './compare.js';

/**
 * The offline verdict from the comparison of a claim with its evidence. A fact stated
 * differently in the same slot is a contradiction, whatever else matches. Otherwise a small
 * multinomial logistic model over interpretable features weighs coverage (how much of the
 * claim the evidence states) against what the claim adds and what it changes.
 */

export const VERDICTS: readonly Verdict[] = ['supported', 'contradicted', 'not-found'];

/** Feature vector, in the order of the model's weights. */
export function featureVector(f: Features, chosen: { bestCoverage: number; articleCoverage: number }): number[] {
  const { bestCoverage, articleCoverage } = chosen;
  return [
    1,
    f.coverage,
    f.pairCoverage,
    f.substituted,
    f.inserted,
    f.longestGap,
    Math.min(3, f.unmatchedFacts),
    Math.min(3, f.matchedFacts),
    Math.min(2, f.weakSigns),
    bestCoverage,
    Math.log(1 + f.claimWords) / 4,
    Math.min(6, f.uncoveredWords) / 6,
    Math.min(5, f.longestGapWords) / 5,
    Math.min(10, f.maxUncoveredWeight) / 10,
    f.alignedCoverage,
    articleCoverage,
    Math.min(2, f.impliedModality),
  ];
}

export const FEATURE_NAMES = ['bias', 'coverage', 'pairCoverage', 'substituted', 'inserted', 'longestGap', 'unmatchedFacts', 'matchedFacts', 'weakSigns', 'bestCoverage', 'claimLength', 'uncoveredWords', 'longestGapWords', 'maxUncoveredWeight', 'alignedCoverage', 'articleCoverage', 'impliedModality'];

/**
 * Weights per verdict (supported, contradicted, not-found), one per feature. Placeholder
 * until fitted; see `scripts/fit-claim-model.ts`.
 */
export const MODEL: number[][] = [
  [-0.959, 0.490, -1.742, 1.049, -1.611, -0.976, -0.860, 0.026, -0.706, -0.907, 2.424, -0.477, -2.870, -1.807, 1.930, 1.238, 0.822], // supported
  [1.212, 0.698, -2.156, 1.556, -2.221, -0.781, 0.245, 0.139, 0.203, -0.971, 1.023, -0.985, -2.389, -0.757, -0.836, 0.808, 1.533], // contradicted
  [0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000], // not-found
];

export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

export function probabilities(x: number[], model: number[][] = MODEL): number[] {
  return softmax(model.map((w) => w.reduce((s, wi, i) => s + wi * (x[i] ?? 0), 0)));
}

export interface Decision {
  verdict: Verdict;
  confidence: number;
  probabilities: Record<Verdict, number>;
}

/** Least coverage of the claim by its evidence for a mismatch to be about the same fact. */
export const SAME_FACT_COVERAGE = 0.45;

export function decide(c: Comparison, chosen: { bestCoverage: number; articleCoverage: number }, model: number[][] = MODEL): Decision {
  const p = probabilities(featureVector(c.features, chosen), model);
  const probs = { supported: p[0] as number, contradicted: p[1] as number, 'not-found': p[2] as number };
  if (c.mismatches.length > 0 && c.features.coverage >= SAME_FACT_COVERAGE) {
    return { verdict: 'contradicted', confidence: Math.max(probs.contradicted, 0.5 + 0.4 * Math.min(1, c.features.coverage)), probabilities: probs };
  }
  let verdict: Verdict = 'supported';
  for (const v of VERDICTS) if (probs[v] > probs[verdict]) verdict = v;
  // A contradiction must name what differs: without a changed word to show, it is the next best verdict.
  if (verdict === 'contradicted' && c.substitutions.length === 0) verdict = probs.supported > probs['not-found'] ? 'supported' : 'not-found';
  return { verdict, confidence: probs[verdict], probabilities: probs };
}
