import { formatDate } from '../text/format-date.js';
import { checkWording } from '../check/wording.js';
import type { FeedbackReport } from '../feedback/store.js';
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

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The feedback report for an editor: counts, then the worst-rated questions with what they cited and why. */
export function renderFeedbackReport(r: FeedbackReport): string {
  const lines = [`feedback${r.since ? ` since ${r.since}` : ''}: ${r.votes} vote(s), ${r.up} 👍, ${r.down} 👎, ${r.comments} with a reason`];
  const platforms = Object.entries(r.byPlatform).map(([p, c]) => `${p} ${c.up} 👍 ${c.down} 👎`);
  if (platforms.length) lines.push(`  ${platforms.join(' · ')}`);
  if (!r.worst.length) {
    lines.push(r.votes ? 'No question has a 👎.' : 'No feedback yet.');
    return lines.join('\n');
  }
  lines.push('', 'Worst-rated questions (most 👎 over 👍 first):');
  r.worst.forEach((w, i) => {
    lines.push(`${i + 1}. ${w.down} 👎 ${w.up} 👍  “${clip(w.question, 200)}”${w.refused ? '  (refused)' : ''}  last ${w.lastAt.slice(0, 16).replace('T', ' ')}`);
    if (w.understood && w.understood !== w.question) lines.push(`   read as: ${clip(w.understood, 200)}`);
    for (const c of w.citations) lines.push(`   cited ${c.paragraphId}: “${clip(c.quote, 160)}”`);
    for (const c of w.comments) lines.push(`   why: ${clip(c, 300)}`);
    lines.push(`   corpus version${w.corpusVersions.length > 1 ? 's' : ''}: ${w.corpusVersions.join(', ')}`);
  });
  return lines.join('\n');
}
