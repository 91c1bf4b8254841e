import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Answer, type Citation, type SearchHit, type SourceParagraph, formatDate } from '../../src/index.js';
import { formatAnswer, formatHelp, formatInlineAnswer, formatSearch, formatSource } from '../../adapters/telegram/format.js';
import { TELEGRAM_TEXT_LIMIT, escapeHtml, packBlocks, repairHtml, splitHtml } from '../../adapters/telegram/html.js';
import { truncateText } from '../../adapters/shared/text.js';
import { checkTelegramHtml } from '../support/telegram-html.js';

const squash = (s: string) => s.replace(/\s+/gu, '');

/** Every message parses as Telegram HTML, fits the limit and shows some text. */
function expectSendable(messages: string[], limit = TELEGRAM_TEXT_LIMIT) {
  for (const m of messages) {
    const r = checkTelegramHtml(m);
    expect(r.error, m.slice(0, 200)).toBeUndefined();
    expect(m.length).toBeLessThanOrEqual(limit);
    expect(r.text.trim().length).toBeGreaterThan(0);
  }
}

// Text that exercises escaping: markup characters, entities, Markdown, Vietnamese, astral
// characters, zero-width and right-to-left marks, control characters and line breaks.
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '&', '"', "'", '&amp;', '&lt;', '&#128512;', '&nbsp;', '*', '_', '`', '[', ']', '(', ')', '\n', '\n\n', ' ', '. '),
    fc.constantFrom('ệ', 'Đ', 'ữ', '😀', '\u200b', '\u200f', '\u202e', '\u0000', '\u0007', 'e\u0301'),
    fc.constantFrom('<b>', '</b>', '<a href="x">', '</a>', '<blockquote expandable>', '</blockquote>', '<script>', '<code>', '</i>'),
    fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
  ),
  maxLength: 400,
});

const allowedTag = fc.constantFrom('b', 'i', 'u', 's', 'code', 'blockquote expandable', 'a href="https://example.org/?a=1&amp;b=2"', 'tg-spoiler');
type Tree = string | { tag: string; children: Tree[] };
const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.string({ maxLength: 300 }).map(escapeHtml), tie('node')),
  node: fc.record({ tag: allowedTag, children: fc.array(tie('tree'), { maxLength: 4 }) }),
}));
/** Renders a tree, leaving out tags Telegram would refuse where they stand (a in a, b in code…). */
function render(t: Tree, outer: string[] = []): string {
  if (typeof t === 'string') return t;
  const name = t.tag.split(' ')[0] as string;
  const refused = outer.includes(name) && (name === 'a' || name === 'blockquote' || name === 'code');
  if (refused || outer.includes('code')) return t.children.map((c) => render(c, outer)).join('');
  return `<${t.tag}>${t.children.map((c) => render(c, [...outer, name])).join('')}</${name}>`;
}

describe('escapeHtml', () => {
  it('makes any text valid Telegram HTML that reads back as the same text', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const r = checkTelegramHtml(escapeHtml(s));
        expect(r.ok).toBe(true);
        expect(r.text).toBe(s);
        expect(r.tags).toEqual([]);
      }),
    );
  });
});

describe('splitHtml', () => {
  it('never throws, and every chunk is valid, within the limit and not empty, for any input', () => {
    fc.assert(
      fc.property(nasty, fc.integer({ min: 1, max: 600 }), (html, limit) => {
        const chunks = splitHtml(html, limit);
        expectSendable(chunks, Math.max(64, limit));
      }),
      { numRuns: 300 },
    );
  });

  it('writes tag names in lower case so that an upper-case tag still balances', () => {
    expect(splitHtml('<I></a>', 1)).toEqual(['<i>&lt;/a&gt;</i>']);
    expectSendable(splitHtml('<B>bold</b> <I>x', 64), 64);
  });

  it('keeps all the visible text of valid markup, in order, whatever the limit', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), fc.integer({ min: 64, max: 900 }), (trees, limit) => {
        const html = trees.map((t) => render(t)).join('');
        const chunks = splitHtml(html, limit);
        expectSendable(chunks, limit);
        const before = squash(checkTelegramHtml(html).text);
        const after = squash(chunks.map((c) => checkTelegramHtml(c).text).join(''));
        expect(after).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts at paragraph breaks when there are some', () => {
    const para = (n: number) => `Đoạn ${n}: ${'lời '.repeat(300).trim()}.`;
    const html = [1, 2, 3, 4, 5].map(para).join('\n\n');
    const chunks = splitHtml(html, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c).toMatch(/^Đoạn \d+:[^]*\.$/);
  });

  it('never cuts an entity or a tag, and reopens tags it had to close', () => {
    const html = `<b>${'&amp;'.repeat(30)}</b><blockquote expandable>${'a&lt;b '.repeat(40)}</blockquote>`;
    for (let limit = 64; limit < 200; limit += 7) {
      const chunks = splitHtml(html, limit);
      expectSendable(chunks, limit);
      for (const c of chunks) {
        expect(c).not.toMatch(/&(?!amp;|lt;)/);
      }
      const quoted = chunks.filter((c) => c.includes('a&lt;b'));
      for (const c of quoted) expect(c).toMatch(/^(<b>[^]*<\/b>)?<blockquote expandable>[^]*<\/blockquote>$/);
    }
  });

  it('keeps surrogate pairs whole and repairs unknown tags, stray ampersands and crossed tags', () => {
    const chunks = splitHtml('😀'.repeat(100), 64);
    for (const c of chunks) expect(c).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(chunks.join('')).toBe('😀'.repeat(100));
    expect(repairHtml('<script>x</script> & <b><i>y</b></i> &nbsp;')).toBe('&lt;script&gt;x&lt;/script&gt; &amp; <b><i>y</i></b>&lt;/i&gt; &amp;nbsp;');
    expect(splitHtml('   \n\n  ')).toEqual([]);
  });
});

describe('packBlocks and truncateText', () => {
  it('packs blocks into as few valid messages as fit', () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 12 }), fc.integer({ min: 64, max: 2000 }), (blocks, limit) => {
        const out = packBlocks(blocks.map(escapeHtml), limit);
        expectSendable(out, limit);
        expect(squash(out.map((m) => checkTelegramHtml(m).text).join(''))).toBe(
          squash(blocks.join('').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('truncates by code points and marks the cut', () => {
    expect(truncateText('ngắn', 10)).toBe('ngắn');
    const t = truncateText('😀'.repeat(20), 5);
    expect(Array.from(t)).toHaveLength(5);
    expect(t.endsWith('…')).toBe(true);
  });
});

const articleRef = fc.record({
  articleId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,40}$/),
  title: nasty.filter((s) => s.trim().length > 0),
  date: fc.constantFrom('2023-08-29', '2024-06-05', '', 'not-a-date'),
  dateKind: fc.constantFrom('published' as const, 'event' as const),
  source: nasty,
  url: fc.option(fc.constantFrom('https://most.gov.vn/a?b=1&c=<2>', 'javascript:alert(1)', 'http://x.vn/"onmouseover="'), { nil: undefined }),
});

const citation = fc
  .tuple(articleRef, fc.integer({ min: 1, max: 40 }), nasty, fc.string({ maxLength: 3000 }))
  .map(([ref, n, quote, extra]): Omit<Citation, 'marker'> => ({
    ...ref,
    paragraphId: `${ref.articleId}#p${n}`,
    paragraphNumber: n,
    quote,
    paragraph: quote + extra,
  }));

const answer = fc
  .record({
    text: nasty,
    citations: fc.array(citation, { maxLength: 8 }),
    refused: fc.boolean(),
    lang: fc.constantFrom('vi' as const, 'en' as const),
    flagged: fc.boolean(),
    closest: fc.array(
      articleRef.map((r) => ({ ...r, score: 0.5 })),
      { maxLength: 6 },
    ),
    longQuote: fc.boolean(),
  })
  .map(({ citations, longQuote, ...a }): Answer => ({
    ...a,
    question: 'q',
    citations: citations.map((c, k) => ({ ...c, marker: k + 1, quote: longQuote && k === 0 ? c.paragraph.repeat(3) : c.quote })),
    mode: 'extractive',
    retrieved: [],
    confidence: 0.5,
    timing: { retrieveMs: 1, totalMs: 1 },
  }));

describe('formatAnswer', () => {
  it('renders any answer as valid messages within the limit, with every citation listed', () => {
    fc.assert(
      fc.property(answer, fc.constantFrom(4096, 700, 200), (a, limit) => {
        const { messages, sources } = formatAnswer(a, { limit });
        expect(messages.length).toBeGreaterThan(0);
        expectSendable(messages, limit);
        const all = messages.join('\n');
        if (!a.refused) {
          for (const c of a.citations) {
            expect(all).toContain(`[${c.marker}] `);
            expect(squash(all)).toContain(squash(escapeHtml(c.paragraphId)));
          }
          expect(new Set(sources.map((s) => s.paragraphId))).toEqual(new Set(a.citations.map((c) => c.paragraphId)));
        } else {
          expect(sources).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('escapes HTML and Markdown in answer and article text, and links only http(s) URLs', () => {
    const a: Answer = {
      question: 'q',
      lang: 'vi',
      text: 'Theo <b>bài</b> & **nguồn** [1]',
      citations: [
        {
          marker: 1,
          articleId: 'a',
          title: '<script>alert(1)</script>',
          date: '2023-08-29',
          dateKind: 'event',
          source: 'MOST',
          url: 'javascript:alert(1)',
          paragraphId: 'a#p3',
          paragraphNumber: 3,
          quote: '<a href="tg://x">bấm</a> _nghiêng_',
          paragraph: '<a href="tg://x">bấm</a> _nghiêng_',
        },
      ],
      refused: false,
      closest: [],
      mode: 'extractive',
      retrieved: [],
      confidence: 0.9,
      timing: { retrieveMs: 1, totalMs: 1 },
    };
    const [m] = formatAnswer(a).messages;
    expect(m).toBe(
      'Theo &lt;b&gt;bài&lt;/b&gt; &amp; **nguồn** [1]\n\n<b>Nguồn</b>\n[1] <b>&lt;script&gt;alert(1)&lt;/script&gt;</b> · 29/08/2023 (ngày sự kiện) · đoạn 3 · <code>a#p3</code>\n' +
        '<blockquote expandable>&lt;a href=&quot;tg://x&quot;&gt;bấm&lt;/a&gt; _nghiêng_</blockquote>',
    );
    const linked = formatAnswer({ ...a, citations: [{ ...(a.citations[0] as Citation), url: 'https://most.gov.vn/x?a=1&b="2"' }] }).messages[0];
    expect(linked).toContain('<a href="https://most.gov.vn/x?a=1&amp;b=%222%22">&lt;script&gt;');
  });

  it('lists the closest articles under a refusal', () => {
    const a: Answer = {
      question: 'q',
      lang: 'en',
      text: 'This information was not found in the stored articles.',
      citations: [],
      refused: true,
      reason: 'low-confidence',
      closest: [{ articleId: 'iec-thanh-vien-2024', title: 'IEC', date: '2024-06-05', dateKind: 'event', source: 'MOST', score: 0.3 }],
      mode: 'extractive',
      retrieved: [],
      confidence: 0.1,
      timing: { retrieveMs: 1, totalMs: 1 },
    };
    const { messages } = formatAnswer(a);
    expect(messages.join('')).toContain('<b>Closest articles</b>\n• <b>IEC</b> · 5 Jun 2024 (event date) · <code>iec-thanh-vien-2024</code>');
  });
});

describe('other formatters', () => {
  it('formats sources, searches, help and inline answers validly for any text', () => {
    fc.assert(
      fc.property(articleRef, nasty, fc.string({ maxLength: 9000 }), answer, (ref, q, body, a) => {
        const p: SourceParagraph = { ...ref, paragraphId: `${ref.articleId}#p2`, paragraphNumber: 2, paragraphCount: 7, text: body || 'x' };
        expectSendable(formatSource(p, 'vi'));
        const hits: SearchHit[] = [1, 2, 3].map((n) => ({
          ...ref,
          articleId: `${ref.articleId}${n % 2}`,
          paragraphId: `${ref.articleId}#p${n}`,
          paragraphNumber: n,
          snippet: body,
          score: 1 / n,
        }));
        const search = formatSearch(q, hits, 'en');
        expectSendable(search);
        expect(search.join('').match(/<code>/g)).toHaveLength(2);
        const inline = formatInlineAnswer(a);
        expectSendable([inline]);
      }),
      { numRuns: 100 },
    );
    const help = formatHelp(
      {
        articles: 2,
        paragraphs: 12,
        passages: 12,
        dateFrom: '2023-08-29',
        dateTo: '2024-06-05',
        embedder: { id: 'hash', dimension: 256 },
        llm: 'none',
        indexDir: '/x',
        storage: 'embedded',
        builtAt: '',
        generation: 1,
      },
      'vi',
      'kiem<chung>_bot',
    );
    expectSendable(help);
    expect(help.join('')).toContain('Kho dữ liệu: 2 bài, 12 đoạn, từ 29/08/2023 đến 05/06/2024.');
    expect(help.join('')).toContain('@kiem&lt;chung&gt;_bot');
    expect(formatDate('2024-06-05', 'en')).toBe('5 Jun 2024');
  });
});
