import type { StoredArticle } from '../store/port.js';
import type { ArticleRef, Lang } from '../types.js';

/** What a citation, a search hit or a suggestion says about a stored article. */
export function articleRef(a: Pick<StoredArticle, 'id' | 'title' | 'date' | 'dateKind' | 'source' | 'url' | 'captions' | 'paragraphCount'>): ArticleRef {
  return {
    articleId: a.id,
    title: a.title,
    date: a.date,
    dateKind: a.dateKind,
    source: a.source,
    ...(a.url ? { url: a.url } : {}),
    ...(a.captions.length ? { captionsFrom: a.paragraphCount - a.captions.length + 1 } : {}),
  };
}

/** Which photo caption paragraph `n` of an article is (from 1), or undefined for a body paragraph. */
export function captionOf(ref: Pick<ArticleRef, 'captionsFrom'>, n: number): number | undefined {
  return ref.captionsFrom !== undefined && n >= ref.captionsFrom ? n - ref.captionsFrom + 1 : undefined;
}

/**
 * How a paragraph is named to a reader: "đoạn 3" / "paragraph 3" ("đoạn 3/8" with the article's
 * paragraph count), or "chú thích ảnh 1" / "photo caption 1" for a caption.
 */
export function paragraphLabel(p: Pick<ArticleRef, 'captionsFrom'> & { paragraphNumber: number; paragraphCount?: number }, lang: Lang): string {
  const caption = captionOf(p, p.paragraphNumber);
  if (caption !== undefined) return `${lang === 'en' ? 'photo caption' : 'chú thích ảnh'} ${caption}`;
  const body = p.captionsFrom !== undefined ? p.captionsFrom - 1 : p.paragraphCount;
  return `${lang === 'en' ? 'paragraph' : 'đoạn'} ${p.paragraphNumber}${p.paragraphCount !== undefined && body !== undefined ? `/${body}` : ''}`;
}
