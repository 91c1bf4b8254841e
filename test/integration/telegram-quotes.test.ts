/**
 * Quotes cut to a part of a long sentence, through the Telegram bot on the loopback Bot API: the
 * citation shows the cut as the answer's text does, so a fragment is never copied as a whole sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longSentenceCorpus } from '../support/corpus.js';
import { checkTelegramHtml } from '../support/telegram-html.js';
import { type Harness, createRealEngine, privateText, startHarness } from '../support/telegram-harness.js';

let real: Awaited<ReturnType<typeof createRealEngine>>;
let h: Harness;
beforeAll(async () => {
  real = await createRealEngine(longSentenceCorpus());
  h = await startHarness(real.engine);
});
afterAll(async () => {
  await h.close();
  await real.dispose();
});

describe('a quote cut to a part of its sentence', () => {
  it('ends with "…" in its citation block as in the answer’s text', async () => {
    await h.send(privateText('Trung tâm Thử nghiệm Quốc gia ký biên bản ghi nhớ ở đâu?'));
    const html = h.texts()[0] as string;
    expect(checkTelegramHtml(html).error).toBeUndefined();
    // The answer's text shows the cut…
    expect(html).toMatch(/“Tại lễ ký kết ngày 12\/3\/2024 ở Đà Nẵng, [^”]*…” \[1\]/);
    // …and so does the quote under "Nguồn", the block a journalist copies.
    const block = /<blockquote expandable>([^<]*)<\/blockquote>/.exec(html)?.[1] ?? '';
    expect(block).toMatch(/^Tại lễ ký kết ngày 12\/3\/2024 ở Đà Nẵng, .*Viện Đo lường số \d+…$/);
  });

  it('leaves a whole sentence as it is', async () => {
    await h.send(privateText('Ai là Giám đốc Trung tâm Thử nghiệm Quốc gia?'));
    const html = h.texts().at(-1) as string;
    const block = /<blockquote expandable>([^<]*)<\/blockquote>/.exec(html)?.[1] ?? '';
    expect(block).toBe('Ông Nguyễn Văn A, Giám đốc Trung tâm Thử nghiệm Quốc gia, cho biết biên bản có hiệu lực trong 5 năm.');
  });
});
