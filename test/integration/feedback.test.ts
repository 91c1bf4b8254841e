import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { feedbackKillLoop } from '../../scripts/kill-feedback.js';
import { runCli } from '../../src/cli/main.js';
import { type Feedback, type RatedAnswer, FeedbackError, createFeedback, openSqliteFeedbackStore } from '../../src/index.js';
import { tempDir } from '../support/corpus.js';

const ANSWER: RatedAnswer = {
  question: 'Hội nghị LMC lần thứ 5 tổ chức ở đâu?',
  refused: false,
  citations: [{ paragraphId: 'do-luong-lmc-2023#p1', quote: 'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4' }],
};
const CHAT = { platform: 'telegram', scope: '-100123' };
const alice = { ...CHAT, userId: '555001' };
const bob = { ...CHAT, userId: '555002' };

function open(file = path.join(tempDir(), 'feedback.sqlite'), clock?: () => Date): { feedback: Feedback; file: string } {
  return { feedback: createFeedback({ settings: { file, windowDays: 30 }, corpusVersion: () => 'v-test-1', ...(clock ? { clock } : {}) }), file };
}

describe('feedback buttons', () => {
  it('counts one vote per user and answer, lets a user change it, and refuses a replayed press', async () => {
    const { feedback } = open();
    const b = await feedback.offer(ANSWER, CHAT);
    expect(b.up.length).toBeLessThanOrEqual(64);
    expect(feedback.owns(b.up)).toBe(true);
    expect(await feedback.press(b.down, alice)).toEqual({ ok: true, outcome: 'recorded', rating: 'down', answerId: b.answerId });
    expect(await feedback.press(b.down, alice)).toEqual({ ok: false, reason: 'duplicate' });
    expect(await feedback.press(b.up, alice)).toMatchObject({ ok: true, outcome: 'changed', rating: 'up' });
    expect(await feedback.press(b.down, bob)).toMatchObject({ ok: true, outcome: 'recorded' });
    const r = await feedback.report();
    expect(r).toMatchObject({ votes: 2, up: 1, down: 1 });
    await feedback.close();
  });

  it('refuses tampered data: another rating, another answer, another chat, a forged signature, garbage', async () => {
    const { feedback } = open();
    const b = await feedback.offer(ANSWER, CHAT);
    const other = await feedback.offer(ANSWER, CHAT);
    const [, id, , sig] = b.up.split(':') as [string, string, string, string];
    const [, otherId] = other.up.split(':') as [string, string];
    const flipped = b.up.replace(':u:', ':d:');
    const wrongId = `kcf:${otherId}:u:${sig}`;
    const forged = `kcf:${id}:u:${'A'.repeat(16)}`;
    for (const data of [flipped, wrongId, forged, 'kcf:x', 'kcf:::', `${b.up}:extra`, '', 'kc:p:iec-thanh-vien-2024#p2']) {
      expect(await feedback.press(data, alice), data).toEqual({ ok: false, reason: 'invalid' });
    }
    // The same button pressed in another chat (copied data) is refused too.
    expect(await feedback.press(b.up, { platform: 'telegram', scope: '-100999', userId: '555001' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await feedback.press(b.up, { platform: 'discord', scope: '-100123', userId: '555001' })).toEqual({ ok: false, reason: 'invalid' });
    expect((await feedback.report()).votes).toBe(0);
    await feedback.close();
  });

  it('refuses presses after the feedback window', async () => {
    let now = new Date('2024-06-05T10:00:00Z');
    const { feedback } = open(undefined, () => now);
    const b = await feedback.offer(ANSWER, CHAT);
    now = new Date('2024-07-06T10:00:00Z');
    expect(await feedback.press(b.up, alice)).toEqual({ ok: false, reason: 'expired' });
    await feedback.close();
  });

  it('stores a "why" from a form or a reply to the prompt, from the user who voted only', async () => {
    const { feedback } = open();
    const b = await feedback.offer(ANSWER, CHAT);
    await feedback.press(b.down, alice);
    expect(await feedback.commentWith(feedback.whyData(b.answerId, CHAT), bob, 'không liên quan')).toBe('not-voted');
    expect(await feedback.commentWith(feedback.whyData(b.answerId, { platform: 'telegram', scope: 'other' }), alice, 'x')).toBe('invalid');
    expect(await feedback.commentWith(feedback.whyData(b.answerId, CHAT), alice, '  Hội nghị lần thứ 5   chưa diễn ra.  ')).toBe('saved');
    const c = await feedback.offer(ANSWER, CHAT);
    await feedback.press(c.down, bob);
    await feedback.awaitReply(c.answerId, bob, '-100123:77');
    expect(await feedback.reply('-100123:77', alice, 'tôi không phải người bấm')).toBe('not-yours');
    expect(await feedback.reply('-100123:78', bob, 'sai tin nhắn')).toBe('none');
    expect(await feedback.reply('-100123:77', bob, 'Câu trả lời trích nhầm đoạn.')).toBe('saved');
    // Taken: a second reply is an ordinary message.
    expect(await feedback.reply('-100123:77', bob, 'lần nữa')).toBe('none');
    const r = await feedback.report();
    expect(r.comments).toBe(2);
    expect(r.worst[0]?.comments.sort()).toEqual(['Câu trả lời trích nhầm đoạn.', 'Hội nghị lần thứ 5 chưa diễn ra.']);
    await feedback.close();
  });

  it('keeps no raw user id and no text beyond the question and the "why"', async () => {
    const { feedback, file } = open();
    const b = await feedback.offer(ANSWER, CHAT);
    await feedback.press(b.down, { ...CHAT, userId: '987654321012' });
    await feedback.close();
    const bytes = fs.readFileSync(file).toString('latin1') + (fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`).toString('latin1') : '');
    expect(bytes).not.toContain('987654321012');
    expect(bytes).not.toContain('-100123');
    expect(fs.statSync(`${file}.secret`).mode & 0o777).toBe(0o600);
    // The secret made on first use is kept: a reopened store accepts the same buttons.
    const again = open(file).feedback;
    expect(await again.press(b.up, { ...CHAT, userId: '987654321012' })).toMatchObject({ ok: true, outcome: 'changed' });
    await again.close();
  });

  it('reports counts by platform and the worst-rated questions with citations, reasons and corpus versions, since a date', async () => {
    let now = new Date('2024-06-01T08:00:00Z');
    const { feedback, file } = open(undefined, () => now);
    const refusal: RatedAnswer = { question: 'Giá vàng hôm nay?', refused: true, citations: [] };
    for (const [i, who] of [alice, bob].entries()) {
      const b = await feedback.offer(ANSWER, CHAT);
      await feedback.press(b.down, who);
      if (i === 0) await feedback.commentWith(feedback.whyData(b.answerId, CHAT), who, 'Chưa có hội nghị lần thứ 5.');
    }
    now = new Date('2024-06-10T08:00:00Z');
    const d = { platform: 'discord', scope: 'chan-1' };
    const up = await feedback.offer({ ...ANSWER, question: 'Ai là Tổng Thư ký IEC?' }, d);
    await feedback.press(up.up, { ...d, userId: 'u1' });
    const ref = await feedback.offer(refusal, d);
    await feedback.press(ref.down, { ...d, userId: 'u1' });
    const r = await feedback.report();
    expect(r).toMatchObject({ votes: 4, up: 1, down: 3, comments: 1, byPlatform: { discord: { up: 1, down: 1 }, telegram: { up: 0, down: 2 } } });
    expect(r.worst.map((w) => [w.question, w.down, w.up])).toEqual([
      ['Hội nghị LMC lần thứ 5 tổ chức ở đâu?', 2, 0],
      ['Giá vàng hôm nay?', 1, 0],
    ]);
    expect(r.worst[0]).toMatchObject({ citations: ANSWER.citations, comments: ['Chưa có hội nghị lần thứ 5.'], corpusVersions: ['v-test-1'], refused: false });
    expect(r.worst[1]?.refused).toBe(true);
    const since = await feedback.report({ since: '2024-06-05' });
    expect(since).toMatchObject({ votes: 2, up: 1, down: 1 });
    expect(since.worst.map((w) => w.question)).toEqual(['Giá vàng hôm nay?']);
    await feedback.close();

    const cli = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, {
        out: (s) => out.push(s),
        err: (s) => err.push(s),
        env: { KIEMCHUNG_FEEDBACK_DB: file, KIEMCHUNG_LOG_LEVEL: 'warn' },
        stdin: new PassThrough(),
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const plain = await cli(['feedback']);
    expect(plain.code).toBe(0);
    expect(plain.out.split('\n')[0]).toBe('feedback: 4 vote(s), 1 👍, 3 👎, 1 with a reason');
    expect(plain.out).toContain('1. 2 👎 0 👍  “Hội nghị LMC lần thứ 5 tổ chức ở đâu?”');
    expect(plain.out).toContain('   cited do-luong-lmc-2023#p1: “Vào ngày 29 tháng 8 năm 2023');
    expect(plain.out).toContain('   why: Chưa có hội nghị lần thứ 5.');
    expect(plain.out).toContain('(refused)');
    const json = JSON.parse((await cli(['feedback', '--json', '--since', '2024-06-05'])).out);
    expect(json).toMatchObject({ since: '2024-06-05', votes: 2 });
    expect((await cli(['feedback', '--since', 'last week'])).code).toBe(2);
    const missing = await runCli(['feedback'], {
      out: () => undefined,
      err: () => undefined,
      env: { KIEMCHUNG_FEEDBACK_DB: path.join(tempDir(), 'none.sqlite') },
      stdin: new PassThrough(),
    });
    expect(missing).toBe(1);
    // Turned off: said in one line, without the usage text.
    const said: string[] = [];
    const off = await runCli(['feedback'], { out: () => undefined, err: (t) => said.push(t), env: { KIEMCHUNG_FEEDBACK_DB: 'off' }, stdin: new PassThrough() });
    expect(off).toBe(1);
    expect(said).toEqual(['feedback is off (KIEMCHUNG_FEEDBACK_DB=off): there is nothing to report']);
  });

  it('fails clearly when the database cannot be opened', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'not-a-db.sqlite'), 'this is not SQLite, just text that is long enough to be read as a header');
    expect(() => openSqliteFeedbackStore(path.join(dir, 'not-a-db.sqlite'))).toThrow(FeedbackError);
    expect(() => openSqliteFeedbackStore(path.join(dir, 'not-a-db.sqlite'))).toThrow(/cannot open the feedback database .*not-a-db\.sqlite/);
  });
});

describe('feedback killed mid-write', () => {
  it('loses no acknowledged entry and stays consistent (5 SIGKILLs at random moments)', async () => {
    const lines: string[] = [];
    const results = await feedbackKillLoop({ kills: 5, seed: 5, log: (s) => lines.push(s) });
    expect(results).toHaveLength(5);
    expect(results.at(-1)?.acknowledged, lines.join('\n')).toBeGreaterThan(20);
    for (const r of results) {
      expect(r.lost, lines.join('\n')).toBe(0);
      expect(r.integrity).toBe('ok');
    }
  }, 120_000);
});
