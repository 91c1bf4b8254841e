/** Article ids: lower-case ASCII letters, digits, '-', '_' and '.', starting with a letter or digit. */
export const ARTICLE_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const PARAGRAPH_ID = /^([a-z0-9][a-z0-9._-]{0,127})#p([1-9][0-9]{0,5})$/;

/** The id of paragraph `n` (from 1) of an article: `articleId#pN`. */
export function paragraphId(articleId: string, n: number): string {
  return `${articleId}#p${n}`;
}

/** `{ articleId, n }` for a well-formed `articleId#pN`, else null (never throws, any input). */
export function parseParagraphId(id: string): { articleId: string; n: number } | null {
  if (typeof id !== 'string' || id.length > 140) return null;
  const m = PARAGRAPH_ID.exec(id.trim());
  if (!m) return null;
  return { articleId: m[1] as string, n: Number(m[2]) };
}

export function isParagraphId(id: string): boolean {
  return parseParagraphId(id) !== null;
}
