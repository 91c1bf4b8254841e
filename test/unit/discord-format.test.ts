import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, clip, escapeText, packDoc, parseSourceButtonId, sourceButtonId, splitText } from '../../adapters/discord/embeds.js';
import { answerMessages, citationField, searchMessages, sourceMessages } from '../../adapters/discord/format.js';
import { type Answer, type Engine, type EngineStats, createEngine, silentLogger } from '../../src/index.js';
import { limitViolations } from '../support/discord-stand-in.js';

// Text that stresses the cutter: Vietnamese, emoji (surrogate pairs), combining marks, RTL, zero-width, Markdown.
const piece = fc.constantFrom(
  'Việt Nam ',
  'đo lường ',
  '😀',
  '👩‍🔬',
  'e\u0301',
  '\u200f',
  '\u200b',
  '**',
  '\n',
  '\n\n',
  '. ',
  '@everyone ',
  '<@123> ',
  '# ',
  '[x](http://a) ',
  '\\',
  ' ',
);
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc.array(piece, { maxLength: Math.ceil(maxLength / 4) }).map((a) => a.join('')),
    fc.string({ unit: 'binary', maxLength }),
  );
const bigText = fc.oneof(
  text(300),
  fc.tuple(fc.constantFrom('a', 'đ ', '😀', 'xy. '), fc.integer({ min: 1000, max: 12_000 })).map(([s, n]) => s.repeat(n)),
);

let engine: Engine;
let dir: string;
let real: Answer;
let refusal: Answer;
let stats: EngineStats;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kc-discord-format-'));
  engine = await createEngine({ config: { corpus: 'corpus', indexDir: dir }, logger: silentLogger });
  real = await engine.ask('Việt Nam ký kết gì tại Hội nghị LMC lần thứ 4?');
  refusal = await engine.ask('Giá vàng hôm nay là bao nhiêu?');
  stats = engine.stats();
});

afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('clip and splitText', () => {
  it('clip never exceeds the limit and never leaves half a surrogate pair', () => {
    fc.assert(
      fc.property(text(500), fc.integer({ min: 0, max: 600 }), (s, max) => {
        const c = clip(s, max);
        expect(c.length).toBeLessThanOrEqual(max);
        if (s.length <= max) expect(c).toBe(s);
        expect(limitViolations({ content: c + 'x' })).not.toContain('lone surrogate');
      }),
    );
  });

  it('clip cuts between words, as Telegram does, and a citation’s quote too long for its field the same way', () => {
    expect(clip('Trung tâm Thử nghiệm Quốc gia đã ký biên bản ghi nhớ', 30)).toBe('Trung tâm Thử nghiệm Quốc gia…');
    expect(clip('Trung tâm Thử nghiệm Quốc gia đã ký biên bản ghi nhớ', 28)).toBe('Trung tâm Thử nghiệm Quốc…');
    // A single long word has nowhere else to be cut.
    expect(clip('x'.repeat(40), 30)).toBe(`${'x'.repeat(29)}…`);
    const partners = Array.from({ length: 60 }, (_, i) => `đối tác thứ ${i + 1} là Viện Đo lường số ${i + 1}`).join(', ');
    // Wherever the field's limit falls in the quote, what is shown ends with a whole word.
    for (const lead of ['', 'Ô', 'Ông', 'Ông A', 'Ông An', 'Ông Anh', 'Ông Anh n', 'Ông Anh nó', 'Ông Anh nói']) {
      const quote = `${lead} ${partners}`.trim();
      const field = citationField(
        {
          marker: 1,
          articleId: 'a',
          title: 'T',
          date: '2024-03-12',
          dateKind: 'published',
          source: 'S',
          paragraphId: 'a#p1',
          paragraphNumber: 1,
          quote,
          paragraph: quote,
        },
        'vi',
      );
      const shown = /^> (.*)…\n`a#p1`$/.exec(field.value)?.[1] ?? '';
      expect(shown.length).toBeGreaterThan(800);
      expect(quote.startsWith(shown)).toBe(true);
      expect(quote.charAt(shown.length), shown.slice(-20)).toMatch(/[ ,]/);
    }
  });

  it('splitText keeps every character, in order, in chunks within the limit', () => {
    fc.assert(
      fc.property(bigText, fc.integer({ min: 2, max: 5000 }), (s, max) => {
        const chunks = splitText(s, max);
        expect(chunks.join('')).toBe(s);
        expect(chunks.filter((c) => c.length === 0 || c.length > max)).toEqual([]);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });
});

describe('packDoc', () => {
  const field = fc.record({
    name: text(400),
    value: fc.oneof(text(300), fc.string({ minLength: 900, maxLength: 2000 })),
    paragraphId: fc.option(fc.oneof(fc.constant('do-luong-lmc-2023#p3'), fc.string({ maxLength: 150 })), { nil: undefined }),
    buttonLabel: fc.option(text(120), { nil: undefined }),
  });
  const doc = fc.record(
    {
      title: text(400),
      url: fc.constantFrom('https://most.gov.vn/a', 'javascript:alert(1)', 'not a url'),
      color: fc.integer({ min: 0, max: 0xffffff }),
      body: bigText,
      fields: fc.array(field, { maxLength: 70 }),
      footer: fc.oneof(text(100), fc.string({ minLength: 2000, maxLength: 3000 })),
      notice: fc.oneof(text(100), fc.string({ minLength: 1990, maxLength: 2500 })),
    },
    { requiredKeys: [] },
  );

  it('never produces a message over any Discord limit, and loses no field', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const messages = packDoc(d);
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(limitViolations(m)).toEqual([]);
        const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []));
        expect(fields).toHaveLength(d.fields?.length ?? 0);
        // Only http(s) URLs are passed on.
        for (const m of messages) for (const e of m.embeds) if (e.url) expect(e.url).toMatch(/^https?:\/\//);
        // Every field that cites a paragraph id short enough for a custom id has its button, in order, in the same message
        // (one button per paragraph in a message: Discord refuses two with one custom id).
        let k = 0;
        for (const m of messages) {
          const ids = m.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
          const expected: string[] = [];
          for (const e of m.embeds) {
            for (const _ of e.fields ?? []) {
              const id = d.fields![k++]!.paragraphId;
              if (id && `kc:p:${id}`.length <= 100 && !expected.includes(`kc:p:${id}`)) expected.push(`kc:p:${id}`);
            }
          }
          expect(ids).toEqual(expected);
        }
      }),
      // Shrinking inputs this large takes minutes; the first counterexample is reported as is.
      { numRuns: 150, endOnFailure: true },
    );
  });

  it('keeps the whole body, split over embeds and follow-ups', () => {
    fc.assert(
      fc.property(bigText, (body) => {
        const messages = packDoc({ title: 'T', body, footer: 'F' });
        const shown = messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('');
        const squash = (s: string) => s.replace(/\s+/g, '').replace(/\u200b/g, '');
        expect(squash(shown)).toBe(squash(body.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')));
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });

  it('puts the title on the first embed and the footer on the very last one', () => {
    const messages = packDoc({ title: 'Tiêu đề', body: 'x '.repeat(9000), footer: 'chân trang', fields: [{ name: 'a', value: 'b' }] });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]!.embeds[0]!.title).toBe('Tiêu đề');
    const all = messages.flatMap((m) => m.embeds);
    expect(all.filter((e) => e.title)).toHaveLength(1);
    expect(all.filter((e) => e.footer)).toHaveLength(1);
    expect(all[all.length - 1]!.footer?.text).toBe('chân trang');
  });
});

describe('escapeText', () => {
  it('defuses Markdown and mentions', () => {
    const s = escapeText('**đậm** __x__ `code` # tiêu đề\n- mục [link](http://evil) @everyone @here <@123> <#456>');
    expect(s).not.toContain('**');
    expect(s).toContain('\\*\\*');
    expect(s).not.toMatch(/(^|[^\\])\[link\]\(/);
    expect(s).not.toMatch(/@everyone|@here|<@1|<#4/);
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => void escapeText(s)));
  });
});

describe('button custom ids', () => {
  it('round-trip paragraph ids and reject anything else', () => {
    expect(parseSourceButtonId(sourceButtonId('do-luong-lmc-2023#p3'))).toBe('do-luong-lmc-2023#p3');
    expect(sourceButtonId('a'.repeat(120) + '#p1')).toBeNull();
    expect(parseSourceButtonId('other:thing')).toBeNull();
    expect(parseSourceButtonId('x'.repeat(101))).toBeNull();
    expect(parseSourceButtonId(42)).toBeNull();
  });
});

describe('answer, search and source messages', () => {
  it('render a real answer: [n] markers in the description, one field per citation, buttons, corpus footer', () => {
    expect(real.refused).toBe(false);
    const [first, ...rest] = answerMessages(real, stats);
    expect(rest).toHaveLength(0);
    const embed = first!.embeds[0]!;
    expect(embed.description).toContain('[1]');
    expect(embed.fields).toHaveLength(real.citations.length);
    for (const [k, c] of real.citations.entries()) {
      expect(embed.fields![k]!.name).toContain(`[${c.marker}]`);
      expect(embed.fields![k]!.name).toContain(`đoạn ${c.paragraphNumber}`);
      // Both seed articles carry the event's date, and say so, as in Telegram.
      expect(embed.fields![k]!.name).toContain('29/08/2023 (ngày sự kiện) · đoạn');
      expect(embed.fields![k]!.value).toContain(c.paragraphId);
    }
    expect(first!.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')))).toEqual(
      real.citations.map((c) => `kc:p:${c.paragraphId}`),
    );
    expect(embed.footer?.text).toBe('Kho: 2 bài, 17 đoạn · 29/08/2023 – 05/06/2024');
  });

  it('render a refusal with the closest articles', () => {
    expect(refusal.refused).toBe(true);
    const [m] = answerMessages(refusal, stats);
    const e = m!.embeds[0]!;
    expect(e.description).toContain(refusal.text);
    expect(e.description).toContain('Bài gần nhất');
    expect(e.fields!.map((f) => f.name)).toEqual(refusal.closest.slice(0, 5).map((c) => c.title));
    expect(m!.components).toEqual([]);
  });

  it('a deliberately huge answer stays within every limit, spread over follow-ups', () => {
    const c0 = real.citations[0]!;
    const huge: Answer = {
      ...real,
      question: '❓'.repeat(3000),
      text: `${'Đoạn trả lời rất dài [1]. '.repeat(2000)}\n${'x'.repeat(9000)}`,
      citations: Array.from({ length: 60 }, (_, k) => ({
        ...c0,
        marker: k + 1,
        title: 'T'.repeat(400),
        quote: 'q'.repeat(5000),
        paragraphId: `${'a'.repeat(k % 2 ? 10 : 120)}#p${k + 1}`,
      })),
    };
    const messages = answerMessages(huge, stats, { notice: 'n'.repeat(5000) });
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) expect(limitViolations(m)).toEqual([]);
    expect(messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []))).toHaveLength(60);
    // Buttons only for ids that fit a custom id (the 120-character ones do not).
    const buttons = messages.flatMap((m) => m.components.flatMap((r) => r.components));
    expect(buttons).toHaveLength(30);
  });

  it('search results and a long paragraph stay within limits', async () => {
    const hits = await engine.search('IEC', { topK: 5 });
    const [m] = searchMessages('IEC', hits, stats, 'en');
    expect(m!.embeds[0]!.fields).toHaveLength(hits.length);
    expect(m!.embeds[0]!.footer?.text).toBe('Archive: 2 articles, 17 paragraphs · 29 Aug 2023 – 5 Jun 2024');
    const p = (await engine.source('do-luong-lmc-2023#p3'))!;
    const long = sourceMessages({ ...p, text: `${p.text} `.repeat(60) }, 'vi');
    expect(long.length).toBeGreaterThan(1);
    for (const msg of long) expect(limitViolations(msg)).toEqual([]);
    expect(long[0]!.embeds[0]!.title).toBe(p.title);
  });

  it('the limits table matches Discord', () => {
    expect(LIMITS).toMatchObject({
      content: 2000,
      description: 4096,
      fieldValue: 1024,
      fieldName: 256,
      title: 256,
      footer: 2048,
      fields: 25,
      embedsTotal: 6000,
      embeds: 10,
    });
  });
});
