import type { Article } from '../corpus/article.js';

/** How an update's articles compare with what the index serves. */
export interface ChangePlan<L> {
  /** Articles to embed and write: the added and the changed, in the order given. */
  toWrite: Article[];
  added: number;
  changed: number;
  unchanged: number;
  /** Live entries a changed article replaces. */
  replaced: L[];
  /** Live entries of unchanged articles. */
  kept: L[];
  /** Live entries whose id this update does not name: removed by a full update, kept by an upsert. */
  unnamed: L[];
}

/**
 * Compares parsed articles with the live ones by content hash, for the embedded index and the
 * database alike. `hashOf` gives the content hash of an article the index holds; `named` is every
 * id this update accounts for (parsed articles and records known unchanged without parsing).
 */
export function planChanges<L extends { hash: string }>(
  articles: readonly Article[],
  live: ReadonlyMap<string, L>,
  hashOf: (a: Article) => string | undefined,
  named: ReadonlySet<string>,
): ChangePlan<L> {
  const plan: ChangePlan<L> = { toWrite: [], added: 0, changed: 0, unchanged: 0, replaced: [], kept: [], unnamed: [] };
  for (const a of articles) {
    const cur = live.get(a.id);
    if (!cur) {
      plan.added++;
      plan.toWrite.push(a);
    } else if (cur.hash !== hashOf(a)) {
      plan.changed++;
      plan.toWrite.push(a);
      plan.replaced.push(cur);
    } else {
      plan.unchanged++;
      plan.kept.push(cur);
    }
  }
  for (const [id, cur] of live) if (!named.has(id)) plan.unnamed.push(cur);
  return plan;
}
