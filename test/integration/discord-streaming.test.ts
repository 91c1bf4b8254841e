import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.js';
import { createInteractionHandler } from '../../adapters/discord/handler.js';
import type { HandlerContext } from '../../adapters/discord/interaction.js';
import { createRateLimiter } from '../../adapters/shared/rate-limit.js';
import { type Answer, type Engine, ProviderError, createEngine, silentLogger } from '../../src/index.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';
import { type VirtualClock, virtualClock } from '../support/discord-clock.js';
import { type Call, type StandIn, chatInput, limitViolations, messageMenu, recordingLogger } from '../support/discord-stand-in.js';
import { type ChatMessage, type FakeOpenAI, startFakeOpenAI } from '../support/provider-openai-server.js';

const EPHEMERAL = 64;
const INTERVAL = 1500;
const DRAFT_FOOTER = '⏳ Bản nháp: đang kiểm tra trích dẫn…';

/**
 * The model's scripted replies, chosen by a tag in the question: a correct answer citing the
 * paragraph that names the IEC General Secretary ("#good"), a made-up number citing a source
 * that was not given ("#bad"), and a long reply full of Markdown and mentions ("#long").
 */
function reply(messages: ChatMessage[]): string {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  const sources = [...user.matchAll(/<source n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)].map((m) => ({ n: Number(m[1]), text: m[2] ?? '' }));
  const q = user.slice(user.lastIndexOf('</sources>'));
  if (q.includes('#bad')) return 'IEC có 89 quốc gia thành viên [9]. Việt Nam đã là thành viên chính thức từ năm 1999 [9].';
  if (q.includes('#long')) return '**IEC** @everyone <@123456789012345678> `mã` '.repeat(160) + '[1]';
  const s = sources.find((x) => x.text.includes('Philippe Metzger, Tổng Thư ký IEC'));
  return s ? `Tổng Thư ký IEC là ông Philippe Metzger [${s.n}]. Ông làm việc với Thứ trưởng Lê Xuân Định tại Hà Nội ngày 5/6/2024 [${s.n}].` : '[[NO_ANSWER]]';
}

/** Virtual time between two partial texts: a model writing a few words at a time. */
const STEP = 250;

/**
 * The engine as it is, except that the model's partial texts reach the adapter at a steady pace
 * in virtual time. The partials are the engine's own, streamed from the fake model server; only
 * their delivery is spread out, so that the throttle has something to throttle.
 */
function paced(inner: Engine, time: VirtualClock, partials: string[]): Engine['ask'] {
  return async (question, options = {}) => {
    const { onPartial } = options;
    const seen: string[] = [];
    const answer = await inner.ask(question, { ...options, ...(onPartial ? { onPartial: (p: string) => seen.push(p) } : {}) });
    for (const p of seen) {
      time.advance(STEP);
      partials.push(p);
      onPartial?.(p);
      await new Promise((resolve) => setImmediate(resolve));
    }
    time.settle();
    return answer;
  };
}

let server: FakeOpenAI;
let engine: Engine;
let dir: string;

beforeAll(async () => {
  server = await startFakeOpenAI({ chatModels: ['fake-chat'], reply, chunkSize: 6 });
  dir = tempDir('kc-discord-streaming-');
  engine = await createEngine({
    config: { corpus: CORPUS, indexDir: dir },
    env: {
      KIEMCHUNG_LLM: 'openai:fake-chat',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-test-local',
      KIEMCHUNG_PROMPTS_DIR: path.join(REPO, 'prompts'),
    },
    logger: silentLogger,
  });
});

afterAll(async () => {
  await engine?.close();
  await server?.close();
});

/** The real engine with an LLM behind it, paced; keeps the answers it gave, or lets a test wrap `ask`. */
function setup(options: { env?: Record<string, string>; wrap?: (ask: Engine['ask']) => Engine['ask'] } = {}) {
  const answers: Answer[] = [];
  const partials: string[] = [];
  const time = virtualClock();
  const ask = paced(engine, time, partials);
  const outer = options.wrap ? options.wrap(ask) : ask;
  const wrapped: Engine = {
    ...engine,
    ask: async (q, o) => {
      const a = await outer(q, o);
      answers.push(a);
      return a;
    },
  };
  const logger = recordingLogger();
  const config = loadDiscordConfig({ DISCORD_TOKEN: 'test-token-not-real', DISCORD_DRAFT_INTERVAL_MS: String(INTERVAL), ...options.env });
  const ctx: HandlerContext = { engine: wrapped, logger, config, limiter: createRateLimiter({ limit: 0 }), clock: time.clock };
  const handle = createInteractionHandler(ctx);
  const run = async (s: StandIn) => {
    await handle(s.interaction);
    return s;
  };
  // Every call is stamped with the virtual time, to check the spacing of edits.
  const base = { now: time.clock.now };
  return { run, answers, partials, base, logger };
}

const edits = (s: StandIn): Call[] => s.calls.filter((c) => c.method === 'editReply');
const isDraft = (c: Call) => c.payload.embeds?.[0]?.footer?.text === DRAFT_FOOTER;
const draftText = (c: Call): string => c.payload.embeds[0].description;

/** Checks everything a streamed reply must do, whatever the answer turned out to be; returns the drafts and the final edit. */
function expectStreamed(s: StandIn) {
  const all = edits(s);
  expect(s.methods()[0]).toBe('deferReply');
  expect(all.length).toBeGreaterThanOrEqual(2);
  const drafts = all.slice(0, -1);
  const final = all.at(-1)!;
  for (const d of drafts) {
    expect(isDraft(d)).toBe(true);
    expect(d.payload.embeds).toHaveLength(1);
    expect(d.payload.embeds[0].fields).toBeUndefined();
    expect(d.payload.components).toEqual([]);
    // The model's own [n] markers are renumbered by the check; a draft does not show them.
    expect(draftText(d)).not.toMatch(/\[\d+\]/);
  }
  expect(isDraft(final)).toBe(false);
  // The text only grows: each draft starts with the one before, less its trailing ellipsis (and
  // less the zero-width space that defuses a mention once the whole "@everyone" has arrived).
  const plain = (c: Call) => draftText(c).replaceAll('\u200b', '');
  for (let k = 1; k < drafts.length; k++) {
    expect(plain(drafts[k]!).startsWith(plain(drafts[k - 1]!).replace(/…$/, ''))).toBe(true);
    expect(draftText(drafts[k]!)).not.toBe(draftText(drafts[k - 1]!));
  }
  // Never the same edit twice in a row, and never two edits closer than the throttle allows.
  for (let k = 1; k < all.length; k++) {
    expect(all[k]!.payload).not.toEqual(all[k - 1]!.payload);
    expect(all[k]!.at! - all[k - 1]!.at!).toBeGreaterThanOrEqual(INTERVAL);
  }
  for (const c of s.calls) {
    if (c.method === 'deferReply') continue;
    expect(limitViolations(c.payload), c.method).toEqual([]);
    expect(c.payload.allowedMentions).toEqual({ parse: [] });
  }
  return { drafts, final };
}

/** The citation fields of the checked answer and the buttons that show their paragraphs. */
function expectCited(final: Call, articleId: string) {
  const [embed] = final.payload.embeds;
  expect(embed.fields.length).toBeGreaterThan(0);
  for (const f of embed.fields) expect(f.value).toMatch(new RegExp(`\`${articleId}#p\\d+\``));
  const buttons = final.payload.components.flatMap((r: any) => r.components);
  expect(buttons.map((b: any) => b.custom_id)).toEqual(embed.fields.map((f: any) => `kc:p:${/`([^`]+)`/.exec(f.value)![1]}`));
  expect(embed.footer.text).toBe('Kho: 2 bài, 17 đoạn · 29/08/2023 – 05/06/2024');
}

describe('Discord replies while the model writes', () => {
  it('the engine under test streams from a model', () => {
    expect(engine.stats().llm).toBe('openai:fake-chat');
  });

  it('/ask: defers, edits in a growing unchecked draft at the throttled pace, then the checked answer with citations and buttons', async () => {
    const { run, answers, partials, base } = setup();
    const s = await run(chatInput('ask', { question: 'Ai là Tổng Thư ký IEC và ông làm việc với ai? #good' }, base));
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(s.methods().filter((m) => m === 'followUp')).toEqual([]);
    const { drafts, final } = expectStreamed(s);
    expect(drafts[0]!.payload.embeds[0].title).toBe('Ai là Tổng Thư ký IEC và ông làm việc với ai? #good');
    expect(drafts.some((d) => draftText(d).includes('Philippe Metzger'))).toBe(true);
    // Partials arrive every 250 ms and edits at most every 1,500 ms: most partials are folded into later edits.
    expect(partials.length).toBeGreaterThan(drafts.length * 2);
    expect(drafts.length).toBeGreaterThanOrEqual(2);

    const [answer] = answers;
    expect(answer).toMatchObject({ mode: 'llm', refused: false });
    expect(answer!.flagged).toBeFalsy();
    const [embed] = final.payload.embeds;
    expect(embed.description).toBe(
      'Tổng Thư ký IEC là ông Philippe Metzger [1]. Ông làm việc với Thứ trưởng Lê Xuân Định tại Hà Nội ngày 5/6/2024 [1].\nTheo bài ngày 05/06/2024 [1] (ngày diễn ra sự kiện; bài không ghi ngày đăng).',
    );
    expectCited(final, 'iec-thanh-vien-2024');
  });

  it('Verify checks the message: one verdict, privately, with no draft (a verdict is not shown before it is checked)', async () => {
    const { run, base } = setup();
    const s = await run(messageMenu('Verify', { content: 'Ông Philippe Metzger là Tổng Thư ký IEC.' }, base));
    expect(s.calls[0]!.payload).toEqual({ flags: EPHEMERAL });
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[1]!.payload.embeds[0].title).toBe('✅ Đúng với bài viết');
    expectCited(s.calls[1]!, 'iec-thanh-vien-2024');
  });

  it('a model answer that fails the check shows as a draft, then gives way to the extractive answer', async () => {
    const { run, answers, base } = setup();
    const s = await run(chatInput('ask', { question: 'Ai là Tổng Thư ký IEC? #bad' }, base));
    const { drafts, final } = expectStreamed(s);
    expect(drafts.some((d) => draftText(d).includes('89 quốc gia'))).toBe(true);
    expect(answers[0]!.mode).toBe('extractive');
    const text = JSON.stringify(final.payload);
    expect(text).not.toContain('89 quốc gia');
    expect(text).not.toContain(DRAFT_FOOTER);
    expect(final.payload.embeds[0].description).toMatch(/\[1\]/);
    expectCited(final, 'iec-thanh-vien-2024');
  });

  it('a long reply full of Markdown and mentions is drafted within every limit and stays inert', async () => {
    const { run, base } = setup();
    const s = await run(chatInput('ask', { question: 'Tổng Thư ký IEC là ai? #long' }, base));
    const { drafts } = expectStreamed(s);
    const last = draftText(drafts.at(-1)!);
    expect(last.length).toBeLessThanOrEqual(4096);
    expect(last).not.toMatch(/@everyone|<@1|(^|[^\\])\*\*IEC/);
  });

  it('a refusal is decided before the model is asked: one edit, no draft', async () => {
    const { run, base } = setup();
    const before = server.chatRequests().length;
    const s = await run(chatInput('ask', { question: 'Giá vàng hôm nay là bao nhiêu?' }, base));
    expect(server.chatRequests().length).toBe(before);
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[1]!.payload.embeds[0].description).toContain('Bài gần nhất trong kho');
  });

  it('DISCORD_DRAFT_INTERVAL_MS=0 sends only the checked answer', async () => {
    const { run, base } = setup({ env: { DISCORD_DRAFT_INTERVAL_MS: '0' } });
    const s = await run(chatInput('ask', { question: 'Ai là Tổng Thư ký IEC? #good' }, base));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expectCited(s.calls[1]!, 'iec-thanh-vien-2024');
  });

  it('a failure after a draft replaces the draft with the short error, never leaves it above one', async () => {
    const { run, base, logger } = setup({
      wrap: (ask) => async (q, o) => {
        await ask(q, o);
        throw new ProviderError('openai:fake-chat', 'connection reset', { cause: new Error('ECONNRESET') });
      },
    });
    const s = await run(chatInput('ask', { question: 'Ai là Tổng Thư ký IEC? #good' }, base));
    const all = edits(s);
    expect(s.methods()).not.toContain('followUp');
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(isDraft(all[0]!)).toBe(true);
    expect(all.at(-1)!.payload).toMatchObject({ content: 'Dịch vụ tạo câu trả lời đang gặp sự cố. Xin thử lại sau.', embeds: [], components: [] });
    expect(all.at(-1)!.at! - all.at(-2)!.at!).toBeGreaterThanOrEqual(INTERVAL);
    expect(logger.lines.join('\n')).toContain('ProviderError: openai:fake-chat: connection reset');
  });
});
