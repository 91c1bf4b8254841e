/**
 * Quotes through the Discord handlers: a quote cut to a part of a long sentence shows the cut in
 * its field as the answer's text does, and what Discord's sizes cut is cut between words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { longSentenceCorpus, tempDir } from '../support/corpus.js';
import { type StandIn, chatInput, handlerRunner } from '../support/discord-stand-in.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ config: { corpus: longSentenceCorpus(), indexDir: tempDir() }, env: {}, logger: silentLogger });
});
afterAll(() => engine.close());

const embedOf = (s: StandIn) => s.calls.find((c) => c.method === 'editReply')?.payload.embeds[0] ?? {};

describe('quotes in Discord', () => {
  it('end with "…" in their field when cut after, as in the answer’s text', async () => {
    const run = handlerRunner(engine);
    const s = await run(chatInput('ask', { question: 'Trung tâm Thử nghiệm Quốc gia ký biên bản ghi nhớ ở đâu?' }));
    const embed = embedOf(s);
    expect(embed.description).toMatch(/“Tại lễ ký kết ngày 12\/3\/2024 ở Đà Nẵng, [^”]*…” \[1\]/);
    expect(embed.fields[0].value).toMatch(/^> Tại lễ ký kết ngày 12\/3\/2024 ở Đà Nẵng, .*Viện Đo lường số \d+…\n`thu-nghiem-2024#p1`$/);
  });

  it('leave a whole sentence as it is', async () => {
    const run = handlerRunner(engine);
    const s = await run(chatInput('ask', { question: 'Ai là Giám đốc Trung tâm Thử nghiệm Quốc gia?' }));
    expect(embedOf(s).fields[0].value).toBe(
      '> Ông Nguyễn Văn A, Giám đốc Trung tâm Thử nghiệm Quốc gia, cho biết biên bản có hiệu lực trong 5 năm.\n`thu-nghiem-2024#p2`',
    );
  });

  it('list the sentences not checked cut between words', async () => {
    const run = handlerRunner(engine);
    const asked = 'Bạn có biết Trung tâm Thử nghiệm Quốc gia đã ký biên bản ghi nhớ với bao nhiêu đối tác quốc tế trong khu vực châu Á không?';
    const s = await run(chatInput('check', { statement: `Trung tâm Thử nghiệm Quốc gia ký biên bản ghi nhớ tại Đà Nẵng. ${asked}` }));
    const skipped = /“([^”]*)” \(câu hỏi\)/.exec(embedOf(s).description)?.[1] ?? '';
    expect(skipped).toMatch(/^Bạn có biết .*…$/);
    // What is shown ends where a word of the sentence ends.
    expect(asked.startsWith(skipped.slice(0, -1))).toBe(true);
    expect(asked.charAt(skipped.length - 1)).toBe(' ');
  });
});
