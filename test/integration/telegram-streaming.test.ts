import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, ProviderError, createEngine, silentLogger } from '../../src/index.js';
import type { ApiCall } from '../support/telegram-api.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/provider-openai-server.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';
import { checkTelegramHtml } from '../support/telegram-html.js';
import { type Harness, type VirtualClock, createRealEngine, groupText, privateText, startHarness, virtualClock } from '../support/telegram-harness.js';

const GOOD_1 = 'Tổng Thư ký IEC là ông Philippe Metzger';
const GOOD_2 = 'Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC trong thời gian sớm nhất';

/**
 * The model's script, by a tag in the question: "#good" answers with two sentences citing the
 * paragraph that holds them, "#long" repeats a checked sentence past one message, "#bad" cites
 * a source it was not given (the check fails, the extractive answer is used).
 */
function reply(messages: { role: string; content: string }[]): string {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  const sources = [...user.matchAll(/<source n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)].map((m) => ({ n: Number(m[1]), text: m[2] ?? '' }));
  const q = user.slice(user.lastIndexOf('</sources>'));
  if (q.includes('#bad')) return 'IEC có 89 quốc gia thành viên [9].';
  const a = sources.find((x) => x.text.includes('Philippe Metzger, Tổng Thư ký IEC cho biết'));
  if (!a) return '[[NO_ANSWER]]';
  if (q.includes('#long')) return Array.from({ length: 110 }, () => `${GOOD_1} [${a.n}].`).join(' ');
  return `${GOOD_1} [${a.n}]. ${GOOD_2} [${a.n}].`;
}

let openai: FakeOpenAI;
/** Partial texts the last paced answer passed on to the bot. */
let delivered = 0;
let llmEngine: Engine;
let h: Harness;

beforeAll(async () => {
  openai = await startFakeOpenAI({ chatModels: ['fake-chat'], reply, chunkSize: 6 });
  llmEngine = await createEngine({
    config: { corpus: CORPUS, indexDir: tempDir('kc-telegram-stream-') },
    env: {
      KIEMCHUNG_LLM: 'openai:fake-chat',
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_API_KEY: 'sk-test-local',
      KIEMCHUNG_PROMPTS_DIR: path.join(REPO, 'prompts'),
    },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await llmEngine?.close();
  await openai?.close();
});
afterEach(async () => {
  await h?.close();
});

/**
 * The engine as it is, except that the model's partial texts reach the bot at a steady pace:
 * each one 250 ms after the previous in virtual time (a model writing a few words at a time).
 * The partials are the engine's own, streamed from the fake model server; only their delivery
 * is spread out, so that the throttle has something to throttle in a test that takes no time.
 * With `every` > 1 only every so many partials are passed on (a long answer in fewer steps).
 */
function pacedEngine(inner: Engine, clock: VirtualClock, stepMs = 250, every = 1): Engine {
  return {
    ...inner,
    ask: async (question, options = {}) => {
      const { onPartial } = options;
      if (!onPartial) return inner.ask(question, options);
      const partials: string[] = [];
      const answer = await inner.ask(question, { ...options, onPartial: (t) => partials.push(t) });
      delivered = 0;
      for (const [k, p] of partials.entries()) {
        if (k % every !== every - 1 && k !== partials.length - 1) continue;
        clock.advance(stepMs);
        onPartial(p);
        delivered++;
        await new Promise((r) => setTimeout(r, 5));
      }
      clock.runFree();
      return answer;
    },
  };
}

/** The messages the bot sent or edited (and deleted), in order; every call must have succeeded. */
function messageCalls(): ApiCall[] {
  const calls = h.api.calls.filter((c) => ['sendMessage', 'editMessageText', 'deleteMessage'].includes(c.method));
  // The loopback server refuses what Telegram would: bad HTML, too long, "message is not modified".
  expect(calls.filter((c) => !c.response.ok).map((c) => `${c.method}: ${c.response.description}`)).toEqual([]);
  for (const c of calls) {
    if (c.method === 'deleteMessage') continue;
    expect(c.payload.parse_mode).toBe('HTML');
    expect(checkTelegramHtml(c.payload.text).error).toBeUndefined();
  }
  return calls;
}

const DRAFT_LINE = '\n\n<i>Bản nháp, đang kiểm tra trích dẫn…</i>';
const isDraft = (c: ApiCall) => (c.payload.text as string).endsWith(DRAFT_LINE);
/** The visible text of a draft without its trailing "…" and note. */
const draftBody = (c: ApiCall) => checkTelegramHtml((c.payload.text as string).slice(0, -DRAFT_LINE.length)).text.replace(/…$/, '');

/** Calls on the draft message (its sending and every edit) are at least `intervalMs` apart and all differ. */
function expectThrottled(calls: ApiCall[], intervalMs: number) {
  const draftId = (calls[0]!.response.result as { message_id: number }).message_id;
  const edits = [calls[0]!, ...calls.filter((c) => c.method === 'editMessageText' && c.payload.message_id === draftId)];
  for (let k = 1; k < edits.length; k++) {
    // Virtual time: spacing comes from the throttle alone.
    expect(edits[k]!.at - edits[k - 1]!.at, `call ${k}`).toBeGreaterThanOrEqual(intervalMs);
    expect(edits[k]!.payload.text).not.toBe(edits[k - 1]!.payload.text);
  }
}

describe('answers drafted while the model writes', () => {
  it('sends the first words, edits them as they grow at most once a second, then shows the checked answer with its buttons', async () => {
    const clock = virtualClock();
    h = await startHarness(pacedEngine(llmEngine, clock), {}, undefined, { drafts: { clock } });
    const u = privateText('Ai là Tổng Thư ký IEC? #good');
    await h.send(u);

    const calls = messageCalls();
    if (process.env.SHOW_DRAFT_CALLS)
      for (const c of calls) console.log(c.at, c.method, JSON.stringify(c.payload.text), c.payload.reply_markup ? JSON.stringify(c.payload.reply_markup) : '');
    const [first, ...edits] = calls;
    expect(first!.method).toBe('sendMessage');
    expect(isDraft(first!)).toBe(true);
    expect(first!.payload.reply_parameters.message_id).toBe(u.message!.message_id);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (const e of edits) {
      expect(e.method).toBe('editMessageText');
      expect(e.payload.message_id).toBe(first!.response.result && (first!.response.result as { message_id: number }).message_id);
    }

    // The drafts grow: each one's text starts with the previous one's and is longer.
    const drafts = calls.filter(isDraft);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < drafts.length; k++) {
      expect(draftBody(drafts[k]!).startsWith(draftBody(drafts[k - 1]!)), `draft ${k}`).toBe(true);
      expect(draftBody(drafts[k]!).length).toBeGreaterThan(draftBody(drafts[k - 1]!).length);
    }
    // The model's markers are not shown before they are checked (and renumbered).
    for (const d of drafts) expect(d.payload.text).not.toMatch(/\[\d/);
    // Fewer calls than partial texts: the throttle folded some of them together.
    expect(delivered).toBeGreaterThan(20);
    expect(drafts.length).toBeLessThan(delivered / 2);
    expectThrottled(calls, 1000);

    // The last edit is the checked answer: HTML, markers renumbered, the quote, the button.
    const last = calls.at(-1)!;
    expect(last.method).toBe('editMessageText');
    expect(isDraft(last)).toBe(false);
    expect(last.payload.text).toContain(`${GOOD_1} [1]. ${GOOD_2} [1].`);
    expect(last.payload.text).toContain('<b>Nguồn</b>');
    expect(last.payload.text).toMatch(/<code>iec-thanh-vien-2024#p\d+<\/code>\n<blockquote expandable>[^<]*Philippe Metzger/);
    expect(last.payload.link_preview_options).toEqual({ is_disabled: true });
    const buttons = (last.payload.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.text).toMatch(/^\[1\] đoạn \d+$/);
    expect(buttons[0]!.callback_data).toMatch(/^s:iec-thanh-vien-2024#p\d+$/);
    expect(last.payload.text).toContain(`<code>${buttons[0]!.callback_data.slice(2)}</code>`);
    expect(h.logs.some((l) => /answered in chat 111: llm with 1 citations, 1 message\(s\) after \d+ draft call\(s\)/.test(l))).toBe(true);
  });

  it('replaces the draft with the extractive answer when the model fails the citation check', async () => {
    const clock = virtualClock();
    h = await startHarness(pacedEngine(llmEngine, clock), {}, undefined, { drafts: { clock } });
    await h.send(privateText('Ai là Tổng Thư ký IEC? #bad'));

    const calls = messageCalls();
    expect(calls[0]!.method).toBe('sendMessage');
    expect(calls.filter(isDraft).some((c) => draftBody(c).includes('89 quốc gia'))).toBe(true);
    expectThrottled(calls, 1000);
    const last = calls.at(-1)!;
    expect(last.method).toBe('editMessageText');
    expect(isDraft(last)).toBe(false);
    expect(last.payload.text).not.toContain('89');
    expect(last.payload.text).toContain('Philippe Metzger');
    expect(last.payload.text).toContain('<b>Nguồn</b>');
    expect((last.payload.reply_markup?.inline_keyboard ?? []).flat().length).toBeGreaterThan(0);
    expect(h.logs.some((l) => l.includes('answered in chat 111: extractive with'))).toBe(true);
  });

  it('edits the draft into the first part of a long answer and sends the rest, the buttons under the last', async () => {
    const clock = virtualClock();
    h = await startHarness(pacedEngine(llmEngine, clock, 250, 10), {}, undefined, { drafts: { clock } });
    await h.send(privateText('Ai là Tổng Thư ký IEC? #long'));

    const calls = messageCalls();
    expectThrottled(calls, 1000);
    const draftId = (calls[0]!.response.result as { message_id: number }).message_id;
    const finalEditAt = calls.findIndex((c) => c.method === 'editMessageText' && !isDraft(c));
    expect(finalEditAt).toBeGreaterThan(0);
    const finalEdit = calls[finalEditAt]!;
    const rest = calls.slice(finalEditAt + 1);
    expect(finalEdit.payload.message_id).toBe(draftId);
    expect(finalEdit.payload.reply_markup).toBeUndefined();
    expect(rest.length).toBeGreaterThanOrEqual(1);
    for (const c of rest) expect(c.method).toBe('sendMessage');
    expect(rest.at(-1)!.payload.reply_markup?.inline_keyboard?.flat().length).toBe(1);
    for (const c of [finalEdit, ...rest]) expect(checkTelegramHtml(c.payload.text).text.length).toBeLessThanOrEqual(4096);
    // The draft stopped growing at its cap instead of failing on the length limit.
    for (const d of calls.filter(isDraft)) expect(checkTelegramHtml(d.payload.text).text.length).toBeLessThanOrEqual(4096);
  });

  it('keeps three seconds between calls in a group', async () => {
    const clock = virtualClock();
    h = await startHarness(pacedEngine(llmEngine, clock, 500), {}, undefined, { drafts: { clock } });
    await h.send(groupText('/ask Ai là Tổng Thư ký IEC? #good'));
    const calls = messageCalls();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls[0]!.payload.chat_id).toBe(-100123);
    expectThrottled(calls, 3000);
    expect(calls.at(-1)!.payload.text).toContain(`${GOOD_1} [1].`);
  });

  it('streams straight from the model with the real clock', async () => {
    h = await startHarness(llmEngine, {}, undefined, {
      drafts: { clock: { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, intervalMs: 20 },
    });
    await h.send(privateText('Ai là Tổng Thư ký IEC? #good'));
    const calls = messageCalls();
    expect(calls[0]!.method).toBe('sendMessage');
    expect(isDraft(calls[0]!)).toBe(true);
    expect(calls.at(-1)!.method).toBe('editMessageText');
    expect(calls.at(-1)!.payload.text).toContain(`${GOOD_1} [1].`);
  });

  it('deletes the draft when the answer fails after it was shown, and says so in one sentence', async () => {
    const clock = virtualClock();
    const failing: Engine = {
      ...llmEngine,
      ask: async (_q, options) => {
        options?.onPartial?.(GOOD_1);
        await new Promise((r) => setTimeout(r, 20));
        throw new ProviderError('openai', 'the model server went away');
      },
    };
    h = await startHarness(failing, {}, undefined, { drafts: { clock } });
    await h.send(privateText('Ai là Tổng Thư ký IEC?'));
    const calls = messageCalls();
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'deleteMessage', 'sendMessage']);
    expect(calls[1]!.payload.message_id).toBe((calls[0]!.response.result as { message_id: number }).message_id);
    expect(calls[2]!.payload.text).toBe('Dịch vụ tạo câu trả lời đang gặp sự cố. Xin thử lại sau.');
  });

  it('still refuses with one message when the archive has nothing, the model never asked', async () => {
    const clock = virtualClock();
    h = await startHarness(pacedEngine(llmEngine, clock), {}, undefined, { drafts: { clock } });
    await h.send(privateText('Giá vàng hôm nay bao nhiêu?'));
    const calls = messageCalls();
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(isDraft(calls[0]!)).toBe(false);
  });
});

describe('without a language model', () => {
  let real: Awaited<ReturnType<typeof createRealEngine>>;
  beforeAll(async () => {
    real = await createRealEngine();
  });
  afterAll(async () => {
    await real?.dispose();
  });

  it('sends the answer once and never edits', async () => {
    const clock = virtualClock();
    h = await startHarness(real.engine, {}, undefined, { drafts: { clock } });
    await h.send(privateText('Ai là Tổng Thư ký IEC?'));
    const calls = messageCalls();
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(calls[0]!.payload.text).toContain('Philippe Metzger');
    expect(h.api.of('editMessageText', true)).toEqual([]);
  });
});
