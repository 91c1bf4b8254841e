/**
 * Verdicts through Discord: a yes/no question answered with the claim check's verdict, 👍/👎
 * under it and under /check, and a follow-up read against a check; first through the
 * interaction handlers with stand-ins, then the real discord.js client against the loopback
 * Discord (gateway and REST).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { CORPUS, tempDir } from '../support/corpus.js';
import { type StandIn, buttonPress, chatInput, messageMenu, recordingLogger, buttonsOf, handlerRunner, newFeedback } from '../support/discord-stand-in.js';
import { type FakeDiscord, APP_ID, buttonPayload, chatInputPayload, startFakeDiscord } from '../support/discord-fake-server.js';

const EPHEMERAL = 64;
const ALICE = { id: '111111111111111111' };
const C1 = '777777777777777777';
const C2 = '787878787878787878';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ config: { corpus: CORPUS, indexDir: tempDir() }, env: {}, logger: silentLogger });
});
afterAll(() => engine.close());

const embedOf = (s: StandIn) => s.calls.find((c) => c.method === 'editReply')?.payload.embeds[0] ?? {};

describe('verdicts in Discord', () => {
  it('answers a yes/no question with the verdict as the title, the statement checked, the source’s words, the quote and 👍/👎', async () => {
    const feedback = newFeedback(engine);
    const run = handlerRunner(engine, feedback);
    const s = await run(chatInput('ask', { question: 'Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?' }, { user: ALICE, channelId: C1 }));
    const embed = embedOf(s);
    expect(embed.title).toBe('❌ Sai so với bài viết');
    expect(embed.color).toBe(0xc53030);
    expect(embed.description.split('\n')).toEqual([
      '_Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”_',
      '',
      '• **Địa điểm:** bài viết ghi “**Bắc Kinh - Trung Quốc**” · nhận định ghi “Hà Nội” [1]',
    ]);
    expect(embed.fields[0].value).toMatch(/^> Vào ngày 29 tháng 8 năm 2023, .*Bắc Kinh - Trung Quốc\.\n`do-luong-lmc-2023#p1`$/);
    const buttons = buttonsOf(s);
    expect(buttons.map((b) => b.label)).toEqual(['[1] đoạn 1 · Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực', '👍 Hữu ích', '👎 Chưa đúng']);

    const up = buttons.find((b) => b.label.startsWith('👍'))?.custom_id as string;
    const pressed = await run(buttonPress(up, { user: ALICE, channelId: C1 }));
    expect(pressed.calls).toEqual([{ method: 'reply', payload: expect.objectContaining({ content: 'Cảm ơn bạn đã đánh giá!', flags: EPHEMERAL }) }]);
    expect((await feedback.report()).byPlatform).toEqual({ discord: { up: 1, down: 0 } });

    // The verdict is the conversation's latest turn.
    const where = await run(chatInput('ask', { question: 'Vậy tổ chức ở đâu?' }, { user: ALICE, channelId: C1 }));
    expect(embedOf(where).description).toContain('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    expect(embedOf(where).description).toContain('Bắc Kinh - Trung Quốc');
    await feedback.close();
  });

  it('says "not found" for what the articles do not settle, with the closest articles, and English in English', async () => {
    const run = handlerRunner(engine, null);
    const none = await run(chatInput('ask', { question: 'Có phải Việt Nam đã phóng vệ tinh lên Sao Hỏa không?' }, { user: ALICE, channelId: C2 }));
    expect(embedOf(none).title).toBe('❔ Không tìm thấy trong các bài viết đã lưu');
    expect(embedOf(none).fields.map((f: { name: string }) => f.name)).toContain(
      'Các bài viết gần nhất: Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC',
    );
    const en = await run(chatInput('ask', { question: 'Is it true that the 4th LMC conference was held in Beijing?' }, { user: ALICE, channelId: C2 }));
    expect(embedOf(en).title).toBe('✅ Supported by the articles');
    expect(embedOf(en).description).toBe('_Checked as the claim: “The 4th LMC conference was held in Beijing”_');
  });

  it('/check carries 👍/👎, and a follow-up in the same channel reads against the statement as the articles state it', async () => {
    const feedback = newFeedback(engine);
    const run = handlerRunner(engine, feedback);
    const checked = await run(chatInput('check', { statement: 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.' }, { user: ALICE, channelId: C1 }));
    expect(embedOf(checked).title).toBe('❌ Sai so với bài viết');
    // Without a lead, the claim is named as before.
    expect(embedOf(checked).description.split('\n').slice(0, 2)).toEqual(['**Nhận định:**', '> Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.']);
    const buttons = buttonsOf(checked);
    expect(buttons.map((b) => b.label)).toEqual(['[1] đoạn 1 · Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực', '👍 Hữu ích', '👎 Chưa đúng']);
    const down = buttons.find((b) => b.label.startsWith('👎'))?.custom_id as string;
    expect((await run(buttonPress(down, { user: ALICE, channelId: C1 }))).methods()).toEqual(['showModal']);
    const r = await feedback.report();
    expect(r.worst[0]).toMatchObject({ question: 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.', down: 1, refused: false });
    expect(r.worst[0]?.citations.map((c) => c.paragraphId)).toEqual(['do-luong-lmc-2023#p1']);

    const when = await run(chatInput('ask', { question: 'Còn ngày nào?' }, { user: ALICE, channelId: C1 }));
    expect(embedOf(when).description).toContain('Hiểu là: Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh - Trung Quốc ngày nào?');
    expect(embedOf(when).description).toContain('29 tháng 8 năm 2023');
    await feedback.close();
  });

  it('gives a paragraph quoted for two claims one button, labelled with both claims, in /check and Verify', async () => {
    const run = handlerRunner(engine, newFeedback(engine));
    const two = 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Hội nghị LMC lần thứ 4 diễn ra vào ngày 29 tháng 8 năm 2023.';
    for (const s of [
      await run(chatInput('check', { statement: two }, { user: ALICE, channelId: C1 })),
      await run(messageMenu('Verify', { content: two }, { user: ALICE, channelId: C2 })),
    ]) {
      // handlerRunner holds every payload to Discord's limits, duplicate custom ids included.
      expect(embedOf(s).fields.map((f: { name: string }) => f.name.slice(0, 6))).toEqual(['1·[1] ', '2·[1] ']);
      const sources = buttonsOf(s).filter((b) => b.custom_id?.startsWith('kc:p:'));
      expect(sources.map((b) => [b.custom_id, b.label])).toEqual([
        ['kc:p:do-luong-lmc-2023#p1', '1·[1] 2·[1] đoạn 1 · Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực'],
      ]);
    }
  });

  it('the Verify message command is a turn too; a text with nothing to check gets no buttons and is no turn', async () => {
    const feedback = newFeedback(engine);
    const run = handlerRunner(engine, feedback);
    const verified = await run(messageMenu('Verify', { content: 'Ông Philippe Metzger là Tổng Thư ký IEC.' }, { user: ALICE, channelId: C2 }));
    expect(embedOf(verified).title).toBe('✅ Đúng với bài viết');
    expect(buttonsOf(verified).map((b) => b.label)).toContain('👍 Hữu ích');
    const said = await run(chatInput('ask', { question: 'Ông ấy khẳng định sẽ hỗ trợ Việt Nam điều gì?' }, { user: ALICE, channelId: C2 }));
    expect(embedOf(said).description).toContain('Hiểu là: Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam điều gì?');

    const nothing = await run(chatInput('check', { statement: 'Xin chào!' }, { user: ALICE, channelId: C1 }));
    expect(buttonsOf(nothing)).toEqual([]);
    const after = await run(chatInput('ask', { question: 'Còn ngày nào?' }, { user: ALICE, channelId: C1 }));
    expect(embedOf(after).description ?? '').not.toContain('Hiểu là');
    await feedback.close();
  });
});

describe('verdicts through the real discord.js client against the loopback Discord', () => {
  const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx7abc.fake-token-for-tests-only';
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN });
  });
  afterAll(() => fake.close());

  it('/check then a follow-up, and 👍 on the verdict, through the REST callbacks', async () => {
    const feedback = newFeedback(engine);
    const running = await startDiscord({ engine, logger: recordingLogger(), env: { DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: fake.api }, feedback });
    try {
      const edited = async (payload: { token: string }) =>
        fake.nextCall((c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${APP_ID}/${payload.token}/messages/@original`);
      const check = chatInputPayload('check', [{ name: 'statement', type: 3, value: 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.' }]);
      fake.dispatch('INTERACTION_CREATE', check);
      const verdict = await edited(check);
      expect(verdict.body.embeds[0].title).toBe('❌ Sai so với bài viết');
      expect(verdict.body.embeds[0].description).toContain('• **Địa điểm:** bài viết ghi “**Bắc Kinh - Trung Quốc**” · nhận định ghi “Hà Nội” [1]');
      const up = verdict.body.components.flatMap((r: any) => r.components).find((b: any) => b.label.startsWith('👍')).custom_id as string;

      const press = buttonPayload(up);
      fake.dispatch('INTERACTION_CREATE', press);
      const thanks = await fake.nextCall((c) => c.path === `/api/v10/interactions/${press.id}/${press.token}/callback`);
      expect(thanks.body).toMatchObject({ type: 4, data: { content: 'Cảm ơn bạn đã đánh giá!', flags: EPHEMERAL } });

      const follow = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'Vậy tổ chức khi nào?' }]);
      fake.dispatch('INTERACTION_CREATE', follow);
      const answer = await edited(follow);
      expect(answer.body.embeds[0].description).toContain('Hiểu là: Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh - Trung Quốc khi nào?');
      expect(answer.body.embeds[0].description).toContain('29 tháng 8 năm 2023');

      const yesNo = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'Việt Nam đã là thành viên IEC chưa?' }]);
      fake.dispatch('INTERACTION_CREATE', yesNo);
      const modality = await edited(yesNo);
      expect(modality.body.embeds[0].title).toBe('❌ Sai so với bài viết');
      expect(modality.body.embeds[0].description).toMatch(
        /• \*\*Đã làm \/ dự định:\*\* bài viết ghi “\*\*sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC/,
      );
      expect((await feedback.report()).byPlatform).toEqual({ discord: { up: 1, down: 0 } });
    } finally {
      await running.stop();
      await feedback.close();
    }
  });
});
