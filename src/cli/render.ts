import { formatDate } from '../text/format-date.js';
import type { AddReport, Answer, Lang, SearchHit, SourceParagraph } from '../types.js';

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

/** One block per URL: what was stored (title, date, paragraph count, id) or why not; then the index update. */
export function renderAddReport(r: AddReport): string {
  const lines: string[] = [];
  for (const x of r.results) {
    const a = x.article;
    if (a && x.status !== 'refused' && x.status !== 'failed') {
      const when = `${dateOf(a.date)}${a.time ? ` ${a.time}` : ''}${a.dateKind === 'event' ? ' (event date)' : ''}`;
      lines.push(`${x.status.padEnd(9)} ${a.articleId}`);
      lines.push(`          ${a.title}`);
      lines.push(`          ${when} · ${a.paragraphCount} paragraph${a.paragraphCount === 1 ? '' : 's'} · ${a.source}${a.author ? ` · ${a.author}` : ''}`);
      lines.push(`          ${a.url ?? x.url} → ${a.file}`);
      if (x.status === 'unchanged' && x.reason) lines.push(`          ${x.reason.replace(/^\S+: /, '')}`);
    } else {
      lines.push(`${x.status.padEnd(9)} ${x.reason ?? x.url}`);
    }
  }
  if (r.index) {
    const i = r.index;
    lines.push(`indexed: ${i.added} added, ${i.changed} changed; ${i.articles} articles, ${i.passages} passages in ${(i.ms / 1000).toFixed(2)} s`);
  }
  return lines.join('\n');
}
