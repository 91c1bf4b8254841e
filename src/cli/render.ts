import { formatDate } from '../text/format-date.js';
import { checkWording } from '../check/wording.js';
import type { Answer, CheckResult, Lang, SearchHit, SourceParagraph } from '../types.js';

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

/**
 * A check result for the terminal: per claim, the verdict first, then each mismatch as "bài
 * viết ghi / nhận định ghi", then the quotes with their citations; skipped sentences last.
 */
export function renderCheck(r: CheckResult): string {
  const w = checkWording(r.lang);
  if (r.refused) return w.refusal[r.refused];
  const lines: string[] = [];
  r.claims.forEach((c, i) => {
    if (i > 0) lines.push('');
    if (r.claims.length > 1) lines.push(`${w.claim} ${i + 1}: “${c.claim}”`);
    lines.push(`${w.sign[c.verdict]} ${w.verdict[c.verdict]} (${w.confidence} ${c.confidence.toFixed(2)})`);
    for (const m of c.mismatches) lines.push(`  ${w.kind[m.kind]}: ${w.stated} “${m.stated}” — ${w.claimed} “${m.claimed}” [${m.citation}]`);
    if (c.overruled) lines.push(`  ${w.overruled}`);
    for (const e of c.evidence) {
      lines.push(`  [${e.marker}] “${e.quote}”`);
      lines.push(`      ${e.title} (${dateOf(e.date, r.lang)}) — ${r.lang === 'en' ? 'paragraph' : 'đoạn'} ${e.paragraphNumber}, ${e.paragraphId} · ${e.source}`);
    }
    if (c.verdict === 'not-found' && c.closest.length) {
      lines.push(`  ${w.closest}:`);
      for (const a of c.closest.slice(0, 3)) lines.push(`    - ${a.title} (${dateOf(a.date, r.lang)}) · ${a.articleId}`);
    }
  });
  if (r.skipped.length) {
    lines.push('', `${w.skipped}:`);
    for (const s of r.skipped) lines.push(`  - “${s.text}” (${w.skip[s.reason]})`);
  }
  return lines.join('\n');
}
