import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkTelegramHtml } from '../support/telegram-html.js';
import { type Harness, createRealEngine, privateText, startHarness } from '../support/telegram-harness.js';

// An article whose text is full of markup, as a badly scraped page can be, and one paragraph
// far longer than a Telegram message.
const LONG = Array.from({ length: 90 }, (_, k) => `Câu số ${k + 1} về chuẩn đo lường <quốc gia> & "quốc tế" của Viện.`).join(' ');
const ARTICLE = `---
id: bai-kho-2024
title: "Tiêu chuẩn <script>alert(1)</script> & **Markdown** </blockquote>"
date: 2024-01-15
source: "MOST <b>Báo</b>"
url: https://most.gov.vn/tin?a=1&b=2
lang: vi
---

Viện Tiêu chuẩn Chất lượng Việt Nam ký thoả thuận với đối tác <a href="tg://user?id=1">Hàn Quốc</a> về chuẩn pin &nbsp; xe điện, xem [liên kết](javascript:alert(1)) và <pre>mã</pre>.

${LONG}
`;

let dir: string;
let real: Awaited<ReturnType<typeof createRealEngine>>;
let h: Harness;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiemchung-telegram-corpus-'));
  await writeFile(path.join(dir, 'bai-kho-2024.md'), ARTICLE);
  real = await createRealEngine(dir);
  h = await startHarness(real.engine);
});
afterAll(async () => {
  await h.close();
  await real.dispose();
  await rm(dir, { recursive: true, force: true });
});

it('shows markup from article text literally, in messages Telegram accepts', async () => {
  await h.send(privateText('Viện Tiêu chuẩn Chất lượng Việt Nam ký thoả thuận với đối tác nào về chuẩn pin xe điện?'));
  const [m] = h.api.of('sendMessage');
  expect(h.api.of('sendMessage', true).every((c) => c.response.ok)).toBe(true);
  const text = m!.payload.text as string;
  const shown = checkTelegramHtml(text);
  expect(shown.ok).toBe(true);
  expect(shown.tags.every((t) => ['b', 'i', 'a', 'code', 'blockquote'].includes(t))).toBe(true);
  expect(shown.text).toContain('Tiêu chuẩn <script>alert(1)</script> &');
  expect(shown.text).toContain('<a href="tg://user?id=1">Hàn Quốc</a>');
  // The only link is the article's own http(s) URL.
  expect([...text.matchAll(/<a href="([^"]*)">/g)].map((x) => x[1])).toEqual(['https://most.gov.vn/tin?a=1&amp;b=2']);
  expect(text).toContain('<code>bai-kho-2024#p1</code>');
});

it('splits a paragraph longer than a message into valid parts of at most 4,096 characters', async () => {
  await h.send(privateText('/source bai-kho-2024#p2'));
  const parts = h.api.of('sendMessage').slice(1);
  expect(parts.length).toBeGreaterThan(1);
  let seen = '';
  for (const p of parts) {
    expect(p.payload.text.length).toBeLessThanOrEqual(4096);
    const r = checkTelegramHtml(p.payload.text);
    expect(r.ok).toBe(true);
    seen += r.text;
  }
  expect(seen.replace(/\s+/g, '')).toContain(LONG.replace(/\s+/g, ''));
  // Only the first part is a reply; the rest follow it.
  expect(parts.map((p) => p.payload.reply_parameters !== undefined)).toEqual([true, ...parts.slice(1).map(() => false)]);
});
