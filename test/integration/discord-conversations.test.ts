/**
 * Conversations and feedback through Discord: the interaction handlers with stand-ins (follow-ups
 * per channel and user, /new, 👍/👎 and the "why" form, tampered and replayed presses), then the
 * real discord.js client against the loopback Discord (gateway and REST).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { CORPUS, tempDir } from '../support/corpus.js';
import { type StandIn, buttonPress, chatInput, modalSubmit, recordingLogger, buttonsOf, handlerRunner, newFeedback } from '../support/discord-stand-in.js';
import { type FakeDiscord, APP_ID, buttonPayload, chatInputPayload, modalSubmitPayload, startFakeDiscord } from '../support/discord-fake-server.js';

const EPHEMERAL = 64;
const ALICE = { id: '111111111111111111' };
const BOB = { id: '121212121212121212' };
const C1 = '777777777777777777';
const C2 = '787878787878787878';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ config: { corpus: CORPUS, indexDir: tempDir() }, env: {}, logger: silentLogger });
});
afterAll(() => engine.close());

const description = (s: StandIn) => (s.calls.find((c) => c.method === 'editReply')?.payload.embeds[0].description as string) ?? '';

describe('follow-ups in Discord', () => {
  it('keeps a conversation per channel and user, and /new starts it afresh', async () => {
    const run = handlerRunner(engine);
    const first = await run(chatInput('ask', { question: 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?' }, { user: ALICE, channelId: C1 }));
    expect(description(first)).toContain('Bắc Kinh');
    const follow = await run(chatInput('ask', { question: 'Còn ngày nào?' }, { user: ALICE, channelId: C1 }));
    expect(description(follow)).toContain('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
    expect(description(follow)).toContain('29 tháng 8 năm 2023');
    // Bob in the same channel, and Alice in another, have conversations of their own.
    expect(description(await run(chatInput('ask', { question: 'Còn ngày nào?' }, { user: BOB, channelId: C1 })))).not.toContain('Hiểu là');
    expect(description(await run(chatInput('ask', { question: 'Còn ngày nào?' }, { user: ALICE, channelId: C2 })))).not.toContain('Hiểu là');
    const fresh = await run(chatInput('new', {}, { user: ALICE, channelId: C1 }));
    expect(fresh.calls).toEqual([
      { method: 'reply', payload: expect.objectContaining({ content: expect.stringContaining('Đã bắt đầu cuộc trò chuyện mới'), flags: EPHEMERAL }) },
    ]);
    expect(description(await run(chatInput('ask', { question: 'Còn ngày nào?' }, { user: ALICE, channelId: C1 })))).not.toContain('Hiểu là');
  });

  it('reads "ông ấy" against the answer before it in the same channel', async () => {
    const run = handlerRunner(engine);
    await run(chatInput('ask', { question: 'Ai là Tổng Thư ký IEC?' }, { user: ALICE, channelId: C2 }));
    const s = await run(chatInput('ask', { question: 'Ông ấy khẳng định sẽ hỗ trợ Việt Nam điều gì?' }, { user: ALICE, channelId: C2 }));
    expect(description(s)).toContain('Hiểu là: Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam điều gì?');
  });
});

describe('feedback in Discord', () => {
  it('adds 👍/👎 under answers, counts one vote per user, opens the "why" form after 👎, and keeps what is written', async () => {
    const feedback = newFeedback(engine);
    const run = handlerRunner(engine, feedback);
    const answer = await run(chatInput('ask', { question: 'Ai là Tổng Thư ký IEC?' }, { user: ALICE, channelId: C1 }));
    const buttons = buttonsOf(answer);
    expect(buttons[0]?.custom_id).toMatch(/^kc:p:iec-thanh-vien-2024#p\d$/);
    const up = buttons.find((b) => b.label.startsWith('👍'))?.custom_id as string;
    const down = buttons.find((b) => b.label.startsWith('👎'))?.custom_id as string;
    expect(up).toMatch(/^kcf:/);

    const pressed = await run(buttonPress(up, { user: ALICE, channelId: C1 }));
    expect(pressed.calls).toEqual([{ method: 'reply', payload: expect.objectContaining({ content: 'Cảm ơn bạn đã đánh giá!', flags: EPHEMERAL }) }]);
    const replayed = await run(buttonPress(up, { user: ALICE, channelId: C1 }));
    expect(replayed.calls[0]?.payload.content).toBe('Bạn đã đánh giá câu trả lời này rồi.');

    const form = await run(buttonPress(down, { user: BOB, channelId: C1 }));
    expect(form.methods()).toEqual(['showModal']);
    const modal = form.calls[0]?.payload;
    expect(modal.custom_id).toMatch(/^kcw:/);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components[0].components[0]).toMatchObject({ type: 4, custom_id: 'why', required: false });
    expect(modal.components[0].components[0].label.length).toBeLessThanOrEqual(45);

    const why = await run(modalSubmit(modal.custom_id, { why: 'Thiếu ngày làm việc.' }, { user: BOB, channelId: C1 }));
    expect(why.calls[0]?.payload).toMatchObject({ content: 'Cảm ơn, góp ý của bạn đã được ghi lại.', flags: EPHEMERAL });
    // The form's data sent by someone who did not vote, or altered, stores nothing.
    const stranger = await run(modalSubmit(modal.custom_id, { why: 'spam' }, { user: { id: '131313131313131313' }, channelId: C1 }));
    expect(stranger.calls[0]?.payload.content).toBe('Nút đánh giá này không hợp lệ.');
    const forged = await run(modalSubmit(`${modal.custom_id.slice(0, -2)}xx`, { why: 'spam' }, { user: BOB, channelId: C1 }));
    expect(forged.calls[0]?.payload.content).toBe('Nút đánh giá này không hợp lệ.');

    const r = await feedback.report();
    expect(r).toMatchObject({ votes: 2, up: 1, down: 1, comments: 1, byPlatform: { discord: { up: 1, down: 1 } } });
    expect(r.worst[0]).toMatchObject({ question: 'Ai là Tổng Thư ký IEC?', comments: ['Thiếu ngày làm việc.'] });
    await feedback.close();
  });

  it('refuses tampered button data and data pressed in another channel', async () => {
    const feedback = newFeedback(engine);
    const run = handlerRunner(engine, feedback);
    const answer = await run(chatInput('ask', { question: 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?' }, { user: ALICE, channelId: C1 }));
    const up = buttonsOf(answer).find((b) => b.label.startsWith('👍'))?.custom_id as string;
    for (const data of [up.replace(':u:', ':d:'), `${up.slice(0, -1)}${up.endsWith('A') ? 'B' : 'A'}`, 'kcf:nope']) {
      const s = await run(buttonPress(data, { user: ALICE, channelId: C1 }));
      expect(s.calls[0]?.payload.content, data).toBe('Nút đánh giá này không hợp lệ.');
    }
    const elsewhere = await run(buttonPress(up, { user: ALICE, channelId: C2 }));
    expect(elsewhere.calls[0]?.payload.content).toBe('Nút đánh giá này không hợp lệ.');
    expect((await feedback.report()).votes).toBe(0);
    await feedback.close();
  });
});

describe('the real discord.js client against the loopback Discord', () => {
  const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx7abc.fake-token-for-tests-only';
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN });
  });
  afterAll(() => fake.close());

  it('answers a follow-up, and takes 👎 with its "why" form through the REST callbacks', async () => {
    const feedback = newFeedback(engine);
    const running = await startDiscord({ engine, logger: recordingLogger(), env: { DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: fake.api }, feedback });
    try {
      const edited = async (payload: { token: string }) =>
        fake.nextCall((c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${APP_ID}/${payload.token}/messages/@original`);
      const first = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?' }]);
      fake.dispatch('INTERACTION_CREATE', first);
      await edited(first);
      const follow = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'Còn ngày nào?' }]);
      fake.dispatch('INTERACTION_CREATE', follow);
      const answer = await edited(follow);
      expect(answer.body.embeds[0].description).toContain('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
      const down = answer.body.components.flatMap((r: any) => r.components).find((b: any) => b.label.startsWith('👎')).custom_id as string;

      const press = buttonPayload(down);
      fake.dispatch('INTERACTION_CREATE', press);
      const modal = await fake.nextCall((c) => c.path === `/api/v10/interactions/${press.id}/${press.token}/callback`);
      expect(modal.body.type).toBe(9);
      const submit = modalSubmitPayload(modal.body.data.custom_id, { why: 'Cần trích thêm đoạn có ngày.' });
      fake.dispatch('INTERACTION_CREATE', submit);
      const thanks = await fake.nextCall((c) => c.path === `/api/v10/interactions/${submit.id}/${submit.token}/callback`);
      expect(thanks.body).toMatchObject({ type: 4, data: { content: 'Cảm ơn, góp ý của bạn đã được ghi lại.', flags: EPHEMERAL } });

      const replay = buttonPayload(down);
      fake.dispatch('INTERACTION_CREATE', replay);
      const refused = await fake.nextCall((c) => c.path === `/api/v10/interactions/${replay.id}/${replay.token}/callback`);
      expect(refused.body.data.content).toBe('Bạn đã đánh giá câu trả lời này rồi.');

      const r = await feedback.report();
      expect(r).toMatchObject({ votes: 1, down: 1, comments: 1 });
      expect(r.worst[0]).toMatchObject({ question: 'Còn ngày nào?', understood: 'Hội nghị LMC lần thứ 4 tổ chức ngày nào?' });
    } finally {
      await running.stop();
      await feedback.close();
    }
  });
});
