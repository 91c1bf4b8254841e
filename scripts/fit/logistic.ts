/**
 * Small fitting routines for the answer models: logistic regression and a listwise softmax
 * ranker, both by full-batch gradient descent on standardised features with L2 (the
 * intercept is not penalised). Weights are returned on the original feature scale so they
 * can be written into the code as they are.
 */
export interface Fitted {
  bias: number;
  weights: number[];
}

function standardise(rows: number[][]): { mu: number[]; sd: number[] } {
  const d = rows[0]?.length ?? 0;
  const mu = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((x, j) => (mu[j] = (mu[j] as number) + x / rows.length));
  for (const r of rows) r.forEach((x, j) => (sd[j] = (sd[j] as number) + (x - (mu[j] as number)) ** 2 / rows.length));
  return { mu, sd: sd.map((v) => Math.sqrt(v) || 1) };
}

function unscale(w: number[], b: number, mu: number[], sd: number[]): Fitted {
  const weights = w.map((x, j) => x / (sd[j] as number));
  return { bias: b - weights.reduce((s, x, j) => s + x * (mu[j] as number), 0), weights };
}

export function fitLogistic(
  rows: number[][],
  labels: number[],
  { l2 = 1e-3, iterations = 3000, rate = 0.5, weights = undefined as number[] | undefined } = {},
): Fitted {
  const { mu, sd } = standardise(rows);
  const z = rows.map((r) => r.map((x, j) => (x - (mu[j] as number)) / (sd[j] as number)));
  const d = mu.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const sw = weights ?? rows.map(() => 1);
  const total = sw.reduce((a, x) => a + x, 0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    let gb = 0;
    z.forEach((r, i) => {
      let s = b;
      for (let j = 0; j < d; j++) s += (w[j] as number) * (r[j] as number);
      const e = (1 / (1 + Math.exp(-s)) - (labels[i] as number)) * (sw[i] as number);
      for (let j = 0; j < d; j++) g[j] = (g[j] as number) + e * (r[j] as number);
      gb += e;
    });
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - rate * ((g[j] as number) / total + l2 * (w[j] as number));
    b -= (rate * gb) / total;
  }
  return unscale(w, b, mu, sd);
}

/**
 * Listwise ranking: for each group (the candidates of one question), maximise the
 * probability mass a softmax over the candidates' linear scores puts on the relevant ones.
 */
export function fitSoftmaxRanker(groups: Array<{ rows: number[][]; relevant: boolean[] }>, { l2 = 1e-3, iterations = 400, rate = 1 } = {}): Fitted {
  const all = groups.flatMap((g) => g.rows);
  const { mu, sd } = standardise(all);
  const d = mu.length;
  const zs = groups.map((g) => g.rows.map((r) => r.map((x, j) => (x - (mu[j] as number)) / (sd[j] as number))));
  const w = new Array<number>(d).fill(0);
  w[0] = 1;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    zs.forEach((rows, gi) => {
      const rel = (groups[gi] as { relevant: boolean[] }).relevant;
      const s = rows.map((r) => r.reduce((acc, x, j) => acc + x * (w[j] as number), 0));
      const m = Math.max(...s);
      const e = s.map((x) => Math.exp(x - m));
      const total = e.reduce((a, x) => a + x, 0);
      const relTotal = e.reduce((a, x, i) => a + (rel[i] ? x : 0), 0);
      rows.forEach((r, i) => {
        // d(-log(relTotal/total))/ds_i = p_i - q_i, q the softmax restricted to relevant candidates.
        const coef = (e[i] as number) / total - (rel[i] ? (e[i] as number) / relTotal : 0);
        for (let j = 0; j < d; j++) g[j] = (g[j] as number) + coef * (r[j] as number);
      });
    });
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - rate * ((g[j] as number) / zs.length + l2 * (w[j] as number));
  }
  // A ranker's bias is irrelevant; scale back to the raw features.
  return { bias: 0, weights: w.map((x, j) => x / (sd[j] as number)) };
}
