import { formatDate } from '../text/format-date.js';
import { paragraphLabel } from '../answer/article-ref.js';
import { checkWording } from '../check/wording.js';
import type { FeedbackReport } from '../feedback/store.js';
import type { AddReport, Answer, CheckResult, ClaimCheck, FeedAddResult, FeedInfo, FeedPollReport, Lang, SearchHit, SourceParagraph } from '../types.js';

/** Plain-text renderings for the terminal. */
function dateOf(date: string, lang: Lang = 'vi'): string {
  return date ? formatDate(date, lang) : 'không rõ ngày';
}

/**
 * The short direct answer first (when the question asks for a fact), then the quotes and their
 * sources. A yes/no answer is shown as its check is: the verdict first (after the line saying
 * how the question was read), each mismatch, then the quotes.
 */
export function renderAnswer(a: Answer): string {
  if (a.verdict) {
    const w = checkWording(a.lang);
    const at = a.text.indexOf(`${w.sign[a.verdict.verdict]} ${w.verdict[a.verdict.verdict]}`);
    const lead = at > 0 ? a.text.slice(0, at).trim() : '';
    return [...(lead ? [lead] : []), ...renderClaim(a.verdict, a.lang)].join('\n');
  }
  const lines = a.shortAnswer && !a.refused ? [`→ ${a.shortAnswer.text} [${a.shortAnswer.marker}]`, a.text] : [a.text];
  if (a.citations.length) {
    lines.push('');
    for (const c of a.citations) {
      lines.push(`[${c.marker}] ${c.title} (${dateOf(c.date, a.lang)}) — ${paragraphLabel(c, a.lang)}, ${c.paragraphId}`);
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
  return `${p.title} (${dateOf(p.date)}) — ${paragraphLabel(p, 'vi')}, ${p.paragraphId}\n${p.source}${p.url ? ` · ${p.url}` : ''}\n\n${p.text}`;
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
    lines.push(...renderClaim(c, r.lang));
  });
  if (r.skipped.length) {
    lines.push('', `${w.skipped}:`);
    for (const s of r.skipped) lines.push(`  - “${s.text}” (${w.skip[s.reason]})`);
  }
  return lines.join('\n');
}

/** One claim's verdict, its mismatches, its quotes with their citations, and the closest articles when not found. */
function renderClaim(c: ClaimCheck, lang: Lang): string[] {
  const w = checkWording(lang);
  const lines = [`${w.sign[c.verdict]} ${w.verdict[c.verdict]} (${w.confidence} ${c.confidence.toFixed(2)})`];
  for (const m of c.mismatches) lines.push(`  ${w.kind[m.kind]}: ${w.stated} “${m.stated}” — ${w.claimed} “${m.claimed}” [${m.citation}]`);
  if (c.overruled) lines.push(`  ${w.overruled}`);
  for (const e of c.evidence) {
    lines.push(`  [${e.marker}] “${e.quote}”`);
    lines.push(`      ${e.title} (${dateOf(e.date, lang)}) — ${paragraphLabel(e, lang)}, ${e.paragraphId} · ${e.source}`);
  }
  if (c.verdict === 'not-found' && c.closest.length) {
    lines.push(`  ${w.closest}:`);
    for (const a of c.closest.slice(0, 3)) lines.push(`    - ${a.title} (${dateOf(a.date, lang)}) · ${a.articleId}`);
  }
  return lines;
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

export function renderFeedAdd(r: FeedAddResult): string {
  if (!r.ok) return `not added: ${r.reason}`;
  const lines = [`following ${r.feed.url}${r.feed.title ? ` (${r.feed.title})` : ''}: ${r.feed.kind ?? 'feed'}, ${r.items} items now`];
  if (r.discovered) lines.push(`  the page names this feed; it is followed instead of the page`);
  lines.push(
    r.backfill > 0
      ? `  the next poll adds the newest ${r.backfill}; later items are added as they appear`
      : '  items listed now count as seen; items that appear later are added by "kiemchung feed poll" or the running bot',
  );
  return lines.join('\n');
}

export function renderFeedList(feeds: readonly FeedInfo[]): string {
  if (feeds.length === 0) return 'no feeds are followed (add one with "kiemchung feed add <url>")';
  return feeds
    .map((f) => {
      const state = f.lastStatus === 'error' ? `failing (${f.failures} in a row): ${f.lastError ?? ''}` : (f.lastStatus ?? 'not polled yet');
      return `${f.url}\n  ${f.title ?? '(no title)'} · ${f.kind ?? 'feed'} · ${f.items} items · since ${f.addedAt.slice(0, 10)}\n  last poll: ${f.lastPolledAt ?? 'never'} · ${state}${f.nextPollAt ? ` · next not before ${f.nextPollAt}` : ''}`;
    })
    .join('\n');
}

export function renderFeedPoll(r: FeedPollReport): string {
  if (r.feeds.length === 0) return 'no feeds to poll';
  const lines: string[] = [];
  for (const f of r.feeds) {
    if (f.status === 'error') {
      lines.push(`${f.feed}: error: ${f.error ?? ''}`);
      continue;
    }
    const counts = new Map<string, number>();
    for (const x of f.results) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
    const detail = [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
    lines.push(`${f.feed}: ${f.status === 'not-modified' ? 'not modified' : `${f.newItems} new`}${detail ? ` (${detail})` : ''}`);
    for (const x of f.results) {
      if (x.article && (x.status === 'added' || x.status === 'updated'))
        lines.push(`  ${x.status.padEnd(9)} ${x.article.articleId} · ${x.article.title} (${dateOf(x.article.date)})`);
      else if (x.status === 'failed' || x.status === 'refused') lines.push(`  ${x.status.padEnd(9)} ${x.reason ?? x.url}`);
    }
    if (f.index) lines.push(`  indexed: ${f.index.added} added, ${f.index.changed} changed in ${(f.index.ms / 1000).toFixed(2)} s`);
  }
  lines.push(`${r.added.length} article${r.added.length === 1 ? '' : 's'} added in ${(r.ms / 1000).toFixed(1)} s`);
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
    lines.push(
      `${i + 1}. ${w.down} 👎 ${w.up} 👍  “${clip(w.question, 200)}”${w.refused ? '  (refused)' : ''}  last ${w.lastAt.slice(0, 16).replace('T', ' ')}`,
    );
    if (w.understood && w.understood !== w.question) lines.push(`   read as: ${clip(w.understood, 200)}`);
    for (const c of w.citations) lines.push(`   cited ${c.paragraphId}: “${clip(c.quote, 160)}”`);
    for (const c of w.comments) lines.push(`   why: ${clip(c, 300)}`);
    lines.push(`   corpus version${w.corpusVersions.length > 1 ? 's' : ''}: ${w.corpusVersions.join(', ')}`);
  });
  return lines.join('\n');
}
