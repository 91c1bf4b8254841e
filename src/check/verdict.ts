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

export const FEATURE_NAMES = [
  'bias',
  'coverage',
  'pairCoverage',
  'substituted',
  'inserted',
  'longestGap',
  'unmatchedFacts',
  'matchedFacts',
  'weakSigns',
  'bestCoverage',
  'claimLength',
  'uncoveredWords',
  'longestGapWords',
  'maxUncoveredWeight',
  'alignedCoverage',
  'articleCoverage',
  'impliedModality',
];

/**
 * Weights per verdict (supported, contradicted, not-found; not-found is the reference at
 * zero), one per feature of `featureVector`. Fitted by `scripts/fit-claim-model.ts`
 * (multinomial logistic regression, L2 0.002, 6,000 steps of gradient descent) on the 260
 * ViFactCheck dev claims that no mismatch rule decides, with retrieval over the dev corpus
 * plus 5,000 baomoi distractors. On all 338 dev claims, with the mismatch rules: in-sample
 * accuracy 71.3, macro-F1 71.2; 5-fold cross-validation by article: accuracy 67.8, macro-F1
 * 67.6 (the figure to expect on unseen claims). Refit after any change to the features:
 *   npx tsx scripts/fit-claim-model.ts --claims ../shared/data/claims-vifactcheck-dev/claims.jsonl \
 *     --corpus ../shared/data/claims-vifactcheck-dev/corpus.jsonl \
 *     --distractors ../shared/data/baomoi/corpus.jsonl.gz --distractor-limit 5000
 */
export const MODEL: number[][] = [
  [-0.629, 0.518, -1.994, 1.095, -1.672, -1.039, -1.051, 0.02, -0.762, -0.808, 2.492, -0.504, -2.976, -1.779, 2.074, 0.892, 0.787], // supported
  [1.388, 0.743, -2.181, 1.605, -2.308, -0.781, 0.282, 0.142, 0.074, -1.219, 0.83, -1.046, -2.338, -0.718, -0.466, 0.676, 1.549], // contradicted
  [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], // not-found
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

/**
 * Least share of what a supported claim says of its names (`predicateCoverage`) that its first
 * evidence piece must have. On ViFactCheck dev, no claim the model supports is below it (one
 * supported claim is at 0.27, "Võ Minh Lâm đoạt giải Chuông Vàng hát truyền thống 2006").
 */
export const PREDICATE_COVERAGE = 0.25;

/**
 * Below this probability a supported verdict is weak, and with this share of the claim's weight
 * filled by other words in the evidence it is not found instead. On ViFactCheck dev (221
 * articles) four supported claims are below both: one labelled supported, one not enough
 * information, two refuted.
 */
export const WEAK_SUPPORT = 0.45;
export const WEAK_SUPPORT_SUBSTITUTED = 0.15;

/** Least coverage of the claim by its evidence for a mismatch to be about the same fact. */
export const SAME_FACT_COVERAGE = 0.45;
/** …and for a contradiction the model infers from changed words alone. */
export const CHANGED_WORDS_COVERAGE = 0.6;

export function decide(c: Comparison, chosen: { bestCoverage: number; articleCoverage: number }, model: number[][] = MODEL): Decision {
  const p = probabilities(featureVector(c.features, chosen), model);
  const probs = { supported: p[0] as number, contradicted: p[1] as number, 'not-found': p[2] as number };
  if (c.mismatches.length > 0 && c.features.coverage >= SAME_FACT_COVERAGE) {
    return { verdict: 'contradicted', confidence: Math.max(probs.contradicted, 0.5 + 0.4 * Math.min(1, c.features.coverage)), probabilities: probs };
  }
  let verdict: Verdict = 'supported';
  for (const v of VERDICTS) if (probs[v] > probs[verdict]) verdict = v;
  // A contradiction must name what differs in a passage about the same fact: without a
  // changed phrase to show, the articles do not settle the claim.
  if (verdict === 'contradicted' && (c.substitutions.length === 0 || c.features.coverage < CHANGED_WORDS_COVERAGE)) verdict = 'not-found';
  // Never supported when a fact was found stated differently, even in a passage about something else.
  if (verdict === 'supported' && c.mismatches.length > 0) verdict = 'not-found';
  // Nor when the sentence naming the claim's people, places and dates says nothing of what the
  // claim says of them ("Lê Xuân Định từ chức ngày 5/6/2024" against the sentence that names him
  // on that day at a meeting): the names are stated, the event is not.
  // Nor by a figure that counts something else there ("10 quốc gia" against "10 năm").
  // Nor when it names someone or something the evidence does not ("… ký biên bản với IEC"
  // against "… với các đối tác quốc tế trong LMC"): on ViFactCheck dev no claim the model
  // supports does. Nor, barely preferred over the other two verdicts, when a fifth of its weight
  // or more stands where the evidence has other words ("năng lượng hạt nhân" where it lists
  // "năng lượng tái tạo", "ký biên bản" where it has "làm việc"). Nor when it gives a cause the
  // evidence piece stating the effect does not write ("… mất mùa và do điều mất giá nên …").
  if (
    verdict === 'supported' &&
    (c.features.predicateCoverage < PREDICATE_COVERAGE ||
      c.features.aboutAnother > 0 ||
      c.features.unmatchedNames > 0 ||
      c.features.unstatedCause > 0 ||
      (probs.supported < WEAK_SUPPORT && c.features.substituted >= WEAK_SUPPORT_SUBSTITUTED))
  ) {
    return { verdict: 'not-found', confidence: 1 - probs.supported, probabilities: probs };
  }
  // A contradiction the model preferred but cannot show is not found with the confidence that the
  // claim is not supported ("… vẫn chưa trở thành …" had been "not found, confidence 0.01").
  const downgraded = verdict === 'not-found' && probs['not-found'] < Math.max(probs.supported, probs.contradicted);
  return { verdict, confidence: downgraded ? 1 - probs.supported : probs[verdict], probabilities: probs };
}
