/**
 * Yes/no answers (`Answer.verdict`) as each platform shows them: the verdict first, the line
 * saying how the question was read, "bài viết ghi / nhận định ghi", the quotes with their
 * citations; valid and within every limit however long; and a check result as feedback rates it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessages } from '../../adapters/discord/format.js';
import { ratedCheck, verdictView } from '../../adapters/shared/verdict.js';
import { formatAnswer } from '../../adapters/telegram/format.js';
import { TELEGRAM_TEXT_LIMIT } from '../../adapters/telegram/html.js';
import { type Answer, type Engine, type EngineStats, createEngine, silentLogger, toTurn } from '../../src/index.js';
import { limitViolations } from '../support/discord-stand-in.js';
import { checkTelegramHtml } from '../support/telegram-html.js';

let engine: Engine;
let dir: string;
let stats: EngineStats;
let contradicted: Answer;
let notFound: Answer;
let followUp: Answer;
let plain: Answer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kc-verdict-format-'));
  engine = await createEngine({ config: { corpus: 'corpus', indexDir: dir }, logger: silentLogger });
  stats = engine.stats();
  contradicted = await engine.ask('Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?');
  notFound = await engine.ask('Có phải Việt Nam đã phóng vệ tinh lên Sao Hỏa không?');
  const first = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
  followUp = await engine.ask('Có phải hội nghị đó diễn ra ngày 30/8/2023 không?', { history: [toTurn(first)] });
  plain = await engine.ask('Ai là Tổng Thư ký IEC?');
});

afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Telegram messages as the reader sees them, each valid HTML within the limit. */
function telegramText(messages: string[], limit = TELEGRAM_TEXT_LIMIT): string {
  return messages
    .map((m) => {
      const r = checkTelegramHtml(m);
      expect(r.error, m.slice(0, 200)).toBeUndefined();
      expect(m.length).toBeLessThanOrEqual(limit);
      return r.text;
    })
    .join('\n');
}

describe('verdictView', () => {
  it('gives a verdict answer as a one-claim check with the lines before its verdict as the lead; other answers get null', () => {
    const v = verdictView(contradicted);
    expect(v?.lead).toBe('Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”');
    expect(v?.result).toMatchObject({ lang: 'vi', verdict: 'contradicted', skipped: [], claims: [contradicted.verdict] });
    // A follow-up's "Hiểu là" line comes first, then the statement checked.
    expect(verdictView(followUp)?.lead?.split('\n')).toEqual([
      expect.stringMatching(/^Hiểu là: /),
      expect.stringMatching(/^Kiểm chứng nhận định: “.*30\/8\/2023”$/),
    ]);
    expect(verdictView(plain)).toBeNull();
  });

  it('rates a check result by its text and evidence; a text with no settled claim as refused', async () => {
    const r = await engine.check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Việt Nam đã phóng vệ tinh lên Sao Hỏa.');
    expect(r.claims.map((c) => c.verdict)).toEqual(['contradicted', 'not-found']);
    const rated = ratedCheck(r);
    expect(rated).toMatchObject({ question: r.text, refused: false });
    expect(rated.citations[0]).toEqual({ paragraphId: 'do-luong-lmc-2023#p1', quote: r.claims[0]?.evidence[0]?.quote });
    expect(ratedCheck(await engine.check('Việt Nam đã phóng vệ tinh lên Sao Hỏa.')).refused).toBe(true);
    expect(ratedCheck(await engine.check('Xin chào!'))).toEqual({ question: 'Xin chào!', refused: true, citations: [] });
  });
});

describe('Telegram', () => {
  it('leads with how the question was read, then the verdict, the source’s words and the cited quote; buttons for what it cites', () => {
    const { messages, sources } = formatAnswer(contradicted);
    expect(messages[0]).toMatch(
      /^<i>Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”<\/i>\n\n❌ <b>Sai so với bài viết<\/b>\n• <b>Địa điểm<\/b>: bài viết ghi “<b>Bắc Kinh - Trung Quốc<\/b>” · nhận định ghi “Hà Nội” \[1\]/,
    );
    const text = telegramText(messages);
    expect(text).toMatch(
      /Nguồn\n\[1\] Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực · 29\/08\/2023 \(ngày sự kiện\) · đoạn 1 · do-luong-lmc-2023#p1/,
    );
    expect(sources.map((s) => s.paragraphId)).toEqual(['do-luong-lmc-2023#p1']);
  });

  it('a statement not found lists the closest articles; a follow-up shows its reading first', () => {
    const text = telegramText(formatAnswer(notFound).messages);
    expect(text.split('\n')[2]).toBe('❔ Không tìm thấy trong các bài viết đã lưu');
    expect(text).toMatch(/Các bài viết gần nhất\n• /);
    const f = telegramText(formatAnswer(followUp).messages).split('\n');
    expect(f[0]).toMatch(/^Hiểu là: /);
    expect(f[1]).toMatch(/^Kiểm chứng nhận định: /);
    expect(f[3]).toBe('❌ Sai so với bài viết');
    expect(f[4]).toMatch(/^• Ngày tháng: bài viết ghi “ngày 29 tháng 8 năm 2023” · nhận định ghi “ngày 30\/8\/2023” \[1\]$/);
  });

  it('a huge verdict stays valid and within the limit, spread over messages', () => {
    const v = contradicted.verdict!;
    const e0 = v.evidence[0]!;
    const claim = `${'Hội nghị <b>&amp; '.repeat(300)}Hà Nội`;
    const huge: Answer = {
      ...contradicted,
      text: `Kiểm chứng nhận định: “${claim}”\n❌ Sai so với bài viết.`,
      verdict: {
        ...v,
        claim,
        mismatches: Array.from({ length: 30 }, () => ({ kind: 'place' as const, claimed: 'Hà Nội', stated: '<Bắc Kinh>'.repeat(50), citation: 1 })),
        evidence: Array.from({ length: 12 }, (_, k) => ({ ...e0, marker: k + 1, quote: 'q<&>'.repeat(1500) })),
      },
    };
    const { messages } = formatAnswer(huge);
    expect(messages.length).toBeGreaterThan(3);
    expect(telegramText(messages)).toContain('Hà Nội');
  });
});

describe('Discord', () => {
  it('puts the verdict in the title, how the question was read in the description, one field per quote', () => {
    const [m, ...rest] = answerMessages(contradicted, stats);
    expect(rest).toEqual([]);
    expect(limitViolations(m!)).toEqual([]);
    const e = m!.embeds[0]!;
    expect(e.title).toBe('❌ Sai so với bài viết');
    expect(e.description!.split('\n')).toEqual([
      '_Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”_',
      '',
      '• **Địa điểm:** bài viết ghi “**Bắc Kinh - Trung Quốc**” · nhận định ghi “Hà Nội” [1]',
    ]);
    expect(e.fields!.map((f) => f.name)).toEqual(['[1] Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực · 29/08/2023 (ngày sự kiện) · đoạn 1']);
    expect(e.footer?.text).toBe('Kho: 2 bài, 17 đoạn · 29/08/2023 – 05/06/2024');
    expect(m!.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')))).toEqual(['kc:p:do-luong-lmc-2023#p1']);
  });

  it('not found: the closest articles as fields; a follow-up: its reading in italics before the verdict', () => {
    const [n] = answerMessages(notFound, stats);
    expect(n!.embeds[0]!.title).toBe('❔ Không tìm thấy trong các bài viết đã lưu');
    expect(n!.embeds[0]!.fields!.every((f) => f.name.startsWith('Các bài viết gần nhất: '))).toBe(true);
    const [f] = answerMessages(followUp, stats, { notice: 'Câu hỏi đã được rút gọn.' });
    expect(f!.embeds[0]!.title).toBe('❌ Sai so với bài viết');
    expect(f!.embeds[0]!.description).toMatch(
      /^_Hiểu là: .*\nKiểm chứng nhận định: “.*”_\n\n• \*\*Ngày tháng:\*\* bài viết ghi “\*\*ngày 29 tháng 8 năm 2023\*\*”/,
    );
    expect(JSON.stringify(f)).toContain('Câu hỏi đã được rút gọn.');
  });

  it('a huge verdict stays within every Discord limit', () => {
    const v = contradicted.verdict!;
    const e0 = v.evidence[0]!;
    const huge: Answer = {
      ...contradicted,
      text: `${'Hiểu là: '.repeat(800)}\nKiểm chứng nhận định: “x”\n❌ Sai so với bài viết.`,
      verdict: {
        ...v,
        mismatches: Array.from({ length: 40 }, () => ({ kind: 'place' as const, claimed: 'Hà Nội'.repeat(40), stated: 'Bắc Kinh'.repeat(80), citation: 1 })),
        evidence: Array.from({ length: 40 }, (_, k) => ({ ...e0, marker: k + 1, title: 'T'.repeat(300), quote: 'q'.repeat(3000) })),
      },
    };
    const messages = answerMessages(huge, stats);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(limitViolations(m)).toEqual([]);
    expect(messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []))).toHaveLength(40);
  });
});
