/**
 * Word alignment of a claim with its evidence: the heaviest common subsequence of their
 * words (weighted by how informative each word is), and the gaps between aligned words.
 * A gap with words on both sides is the same slot filled differently ("tại Bắc Kinh" / "tại
 * thủ đô Moscow"); a gap with words only in the claim is something the source does not say.
 */

export interface Block {
  /** Half-open token ranges of the claim and of the evidence between two aligned words. */
  claimFrom: number;
  claimTo: number;
  evFrom: number;
  evTo: number;
}

export interface Alignment {
  /** Claim token index → aligned evidence token index, or -1. */
  toEvidence: Int32Array;
  /** Evidence token index → aligned claim token index, or -1. */
  toClaim: Int32Array;
  /** The gaps between aligned words (and before the first and after the last), in order. */
  blocks: Block[];
  /** Claim token index → true when aligned in order with the primary evidence (not moved). */
  inOrder: Uint8Array;
}

/**
 * `claim` and `evidence` are comparison keys; `weight[i]` is what aligning claim word i is
 * worth. A function word (`stop[i]`) aligns only next to another aligned word, so that one
 * "của" does not tie two unrelated places together. `may(i, j)` says whether claim word i may be
 * read as evidence word j at all when their keys are equal (`mayMatch`: not a common word as a
 * syllable of a name).
 */
export function align(
  claim: readonly string[],
  evidenceAll: readonly string[],
  weight: readonly number[],
  stop: readonly boolean[],
  primary = evidenceAll.length,
  may: (i: number, j: number) => boolean = () => true,
): Alignment {
  // The claim is aligned in order with its primary evidence (the best sentence: the fact it
  // is about), then whatever remains with the rest.
  const evidence = evidenceAll.slice(0, primary);
  const n = claim.length;
  const m = evidence.length;
  const eq = (i: number, j: number) => claim[i] === evidence[j] && may(i, j);
  const ok = (i: number, j: number) => eq(i, j) && (!stop[i] || (i > 0 && j > 0 && eq(i - 1, j - 1)) || (i + 1 < n && j + 1 < m && eq(i + 1, j + 1)));
  const w = m + 1;
  const dp = new Float64Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      let best = Math.max(dp[(i + 1) * w + j] as number, dp[i * w + j + 1] as number);
      if (ok(i, j)) {
        // A small bonus for runs keeps aligned words together instead of scattered.
        const run = i + 1 < n && j + 1 < m && eq(i + 1, j + 1) ? 0.01 : 0;
        best = Math.max(best, (weight[i] as number) + run + (dp[(i + 1) * w + j + 1] as number));
      }
      dp[i * w + j] = best;
    }
  }
  const toEvidence = new Int32Array(n).fill(-1);
  const toClaim = new Int32Array(evidenceAll.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const here = dp[i * w + j] as number;
    if (ok(i, j)) {
      const run = i + 1 < n && j + 1 < m && eq(i + 1, j + 1) ? 0.01 : 0;
      if (Math.abs(here - ((weight[i] as number) + run + (dp[(i + 1) * w + j + 1] as number))) < 1e-9) {
        toEvidence[i] = j;
        toClaim[j] = i;
        i++;
        j++;
        continue;
      }
    }
    if (Math.abs(here - (dp[(i + 1) * w + j] as number)) < 1e-9) i++;
    else j++;
  }
  // Blocks come from the in-order alignment only; words the claim moved elsewhere ("So với năm
  // 2021, …" for "…, tăng 12,7% so với năm 2021") are aligned afterwards, run by run.
  const blocks = blocksOf(toEvidence, n, m);
  const inOrder = Uint8Array.from(toEvidence, (j) => (j >= 0 ? 1 : 0));
  alignMoved(claim, evidenceAll, stop, weight, toEvidence, toClaim, may);
  return { toEvidence, toClaim, blocks, inOrder };
}

/** Aligns the claim's remaining informative words to the evidence's remaining words, longest common runs first. */
/** A single moved word must be this informative (an inverse document frequency) to be aligned alone. */
const MOVED_ALONE = 3;

function alignMoved(
  claim: readonly string[],
  evidence: readonly string[],
  stop: readonly boolean[],
  weight: readonly number[],
  toEvidence: Int32Array,
  toClaim: Int32Array,
  may: (i: number, j: number) => boolean,
): void {
  for (;;) {
    let best: [number, number, number] | null = null;
    for (let i = 0; i < claim.length; i++) {
      if ((toEvidence[i] as number) >= 0 || stop[i]) continue;
      for (let j = 0; j < evidence.length; j++) {
        if ((toClaim[j] as number) >= 0 || claim[i] !== evidence[j] || !may(i, j)) continue;
        let a = 0;
        while (
          i - a - 1 >= 0 &&
          j - a - 1 >= 0 &&
          (toEvidence[i - a - 1] as number) < 0 &&
          (toClaim[j - a - 1] as number) < 0 &&
          claim[i - a - 1] === evidence[j - a - 1] &&
          may(i - a - 1, j - a - 1)
        )
          a++;
        let b = 1;
        while (
          i + b < claim.length &&
          j + b < evidence.length &&
          (toEvidence[i + b] as number) < 0 &&
          (toClaim[j + b] as number) < 0 &&
          claim[i + b] === evidence[j + b] &&
          may(i + b, j + b)
        )
          b++;
        if (a + b === 1 && (weight[i] as number) < MOVED_ALONE) continue;
        if (!best || a + b > best[2]) best = [i - a, j - a, a + b];
      }
    }
    if (!best) return;
    const [i0, j0, len] = best;
    for (let k = 0; k < len; k++) {
      toEvidence[i0 + k] = j0 + k;
      toClaim[j0 + k] = i0 + k;
    }
  }
}

function blocksOf(toEvidence: Int32Array, n: number, m: number): Block[] {
  const anchors: Array<[number, number]> = [];
  for (let k = 0; k < n; k++) if ((toEvidence[k] as number) >= 0) anchors.push([k, toEvidence[k] as number]);
  const blocks: Block[] = [];
  let pc = -1;
  let pe = -1;
  for (const [c, e] of [...anchors, [n, m] as [number, number]]) {
    const claimFrom = pc + 1;
    let evFrom = pe + 1;
    let evTo = e;
    // Before the first aligned word and after the last, the evidence runs on beyond what the
    // claim covers: only its nearest words can be the same slot.
    const span = c - claimFrom + 4;
    if (pc < 0) evFrom = Math.max(evFrom, evTo - span);
    if (c === n) evTo = Math.min(evTo, evFrom + span);
    if (c > claimFrom || evTo > evFrom) blocks.push({ claimFrom, claimTo: c, evFrom, evTo });
    pc = c;
    pe = e;
  }
  return blocks;
}
