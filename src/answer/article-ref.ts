import type { StoredArticle } from '../store/port.js';
import type { ArticleRef } from '../types.js';

/** What a citation, a search hit or a suggestion says about a stored article. */
export function articleRef(a: StoredArticle): ArticleRef {
  return { articleId: a.id, title: a.title, date: a.date, dateKind: a.dateKind, source: a.source, ...(a.url ? { url: a.url } : {}) };
}
