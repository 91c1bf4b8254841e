import crypto from 'node:crypto';

/**
 * A digest of a corpus as stored: each article's id and content hash (`articleHash`), in id
 * order. Both stores compute it alike, so the same corpus has the same version in either.
 */
export function corpusVersion(articles: Iterable<{ id: string; hash: string }>): string {
  const h = crypto.createHash('sha256');
  for (const a of [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) h.update(`${a.id}\u0000${a.hash}\n`);
  return h.digest('hex').slice(0, 12);
}
