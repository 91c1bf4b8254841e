import { formatDate } from '../text/format-date.js';
import type { Answer, Lang, SearchHit, SourceParagraph } from '../types.js';

/** Plain-text renderings for the terminal. */
function dateOf(date: string, lang: Lang = 'vi'): string {
  return date ? formatDate(date, lang) : 'không rõ ngày';
}

export function renderAnswer(a: Answer): string {
  const lines = [a.text];
  if (a.citations.length) {
    lines.push('');
    for (const c of a.citations) {
      lines.push(`[${c.marker}] ${c.title} (${dateOf(c.date, a.lang)}) — đoạn ${c.paragraphNumber}, ${c.paragraphId}`);
      lines.push(`    ${c.source}${c.url ? ` · ${c.url}` : ''}`);
    }
  } else if (a.refused && a.closest.length) {
    lines.push('', a.lang === 'en' ? 'Closest articles:' : 'Các bài viết gần nhất:');
    for (const c of a.closest.slice(0, 3)) lines.push(`  - ${c.title} (${dateOf(c.date, a.lang)}) · ${c.articleId}`);
  }
  return lines.join('\n');
}

export function renderHits(hits: readonly SearchHit[]): string {
  if (!hits.length) return 'Không có kết quả.';
  return hits
    .map((h, i) => `${i + 1}. ${h.title} (${dateOf(h.date)}) · ${h.paragraphId}\n   ${h.snippet.length > 220 ? `${h.snippet.slice(0, 220)}…` : h.snippet}`)
    .join('\n');
}

export function renderSource(p: SourceParagraph): string {
  return `${p.title} (${dateOf(p.date)}) — đoạn ${p.paragraphNumber}/${p.paragraphCount}, ${p.paragraphId}\n${p.source}${p.url ? ` · ${p.url}` : ''}\n\n${p.text}`;
}
