/**
 * Yes/no questions answered by the claim check, on the seed corpus: the verdict, the statement
 * checked, the source's own words for each mismatch and the quotes; plain questions as before;
 * and a check as a turn of the conversation, which a follow-up reads against.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Engine, createEngine, silentLogger, toTurn } from '../../src/index.js';
import { renderAnswer } from '../../src/cli/render.js';
import { CORPUS, tempDir } from '../support/corpus.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({
    config: { corpus: CORPUS, indexDir: tempDir() },
    env: {},
    logger: silentLogger,
    clock: () => new Date('2024-01-15T05:00:00Z'),
  });
});
afterAll(() => engine.close());

/** Every quote of a verdict answer is in its paragraph, its citations are its evidence, and the text says how it was read. */
function verdictOf(a: Answer) {
  const v = a.verdict;
  expect(v, a.text).toBeDefined();
  if (!v) throw new Error('no verdict');
  for (const c of a.citations) expect(c.paragraph).toContain(c.quote);
  expect(a.citations).toEqual(v.verdict === 'not-found' ? [] : v.evidence);
  expect(a.refused).toBe(v.verdict === 'not-found');
  for (const m of v.mismatches) {
    expect(v.claim).toContain(m.claimed);
    expect(v.evidence.find((e) => e.marker === m.citation)?.quote).toContain(m.stated);
  }
  return v;
}

describe('yes/no questions get the claim check’s verdict', () => {
  it('a place the articles contradict: the verdict, the source’s words, the quote, after the statement checked', async () => {
    const a = await engine.ask('Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?');
    const v = verdictOf(a);
    expect(v.verdict).toBe('contradicted');
    expect(v.claim).toBe('Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội');
    expect(v.mismatches).toEqual([{ kind: 'place', claimed: 'Hà Nội', stated: 'Bắc Kinh - Trung Quốc', citation: 1 }]);
    expect(a.citations[0]).toMatchObject({ paragraphId: 'do-luong-lmc-2023#p1' });
    const lines = a.text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”',
      '❌ Sai so với bài viết.',
      'Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” — nhận định ghi “Hà Nội” [1]',
    ]);
    expect(a.text).toContain(`“${a.citations[0]?.quote}” [1]`);
    expect(a.shortAnswer).toBeUndefined();
  });

  it('reads the same question typed without tone marks alike', async () => {
    const v = verdictOf(await engine.ask('Co phai Hoi nghi LMC lan thu 4 to chuc tai Ha Noi khong?'));
    expect(v.verdict).toBe('contradicted');
    expect(v.mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Ha Noi', stated: 'Bắc Kinh - Trung Quốc' });
  });

  it('"đã … chưa?" against a promise: done vs planned, in the source’s words', async () => {
    const a = await engine.ask('Việt Nam đã là thành viên IEC chưa?');
    const v = verdictOf(a);
    expect(v.verdict).toBe('contradicted');
    expect(v.claim).toBe('Việt Nam đã là thành viên IEC');
    expect(v.mismatches[0]).toMatchObject({ kind: 'modality', claimed: 'đã là thành viên IEC' });
    expect(v.mismatches[0]?.stated).toContain('sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC');
    expect(a.citations[0]?.paragraphId).toMatch(/^iec-thanh-vien-2024#p\d+$/);
    // "… có phải là thành viên …": being a member is not what the source plans; "chưa" (not
    // yet) does not contradict the plan.
    // Without "là" too: "có phải" before what the subject is asks whether it is that.
    for (const q of [
      'Việt Nam có phải là thành viên chính thức của IEC không?',
      'Viet Nam co phai la thanh vien chinh thuc cua IEC khong?',
      'Việt Nam có phải thành viên chính thức của IEC không?',
      'viet nam co phai thanh vien chinh thuc cua IEC khong',
    ]) {
      const being = verdictOf(await engine.ask(q));
      expect(being.verdict, q).toBe('contradicted');
      expect(being.mismatches[0], q).toMatchObject({ kind: 'modality', stated: 'sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC' });
    }
    // "Not yet" is what the source says: supported, "chưa phải là" as "chưa là".
    for (const q of ['Có phải Việt Nam chưa là thành viên chính thức của IEC?', 'Việt Nam chưa phải là thành viên chính thức của IEC, đúng không?']) {
      const notYet = verdictOf(await engine.ask(q));
      expect(notYet.verdict, q).toBe('supported');
      expect(notYet.mismatches, q).toEqual([]);
    }
    // Typed without tone marks, "da" before the verb is still "đã": never supported.
    for (const q of ['Viet Nam da la thanh vien IEC chua?', 'Viet Nam da tro thanh thanh vien chinh thuc cua IEC chua?']) {
      const plain = verdictOf(await engine.ask(q));
      expect(plain.verdict, q).toBe('contradicted');
      expect(plain.mismatches[0], q).toMatchObject({ kind: 'modality' });
    }
  });

  it('a different day is a contradiction however the sentence is worded; a phase’s span of years confirms no day', async () => {
    for (const q of [
      'Hội nghị LMC lần thứ 4 diễn ra ngày 30/8/2023 đúng không?',
      'Có phải Hội nghị LMC lần thứ 4 được tổ chức vào ngày 30 tháng 8 năm 2023 không?',
    ]) {
      const v = verdictOf(await engine.ask(q));
      expect(v.verdict, q).toBe('contradicted');
      expect(v.mismatches[0], q).toMatchObject({ kind: 'date', stated: 'ngày 29 tháng 8 năm 2023' });
    }
    const c = (await engine.check('Hội nghị LMC lần thứ 4 diễn ra ngày 30/8/2023.')).claims[0];
    expect(c?.mismatches).toEqual([{ kind: 'date', claimed: 'ngày 30/8/2023', stated: 'ngày 29 tháng 8 năm 2023', citation: 1 }]);
  });

  it('supports what the articles say: "… có phải là …", "… đúng không?" and English "Is it true that …?"', async () => {
    const metzger = verdictOf(await engine.ask('Ông Philippe Metzger có phải là Tổng Thư ký IEC không?'));
    expect(metzger).toMatchObject({ verdict: 'supported', claim: 'Ông Philippe Metzger là Tổng Thư ký IEC', mismatches: [] });
    expect(metzger.evidence[0]?.quote).toContain('ông Philippe Metzger, Tổng Thư ký IEC');
    const date = verdictOf(await engine.ask('Hội nghị LMC lần thứ 4 diễn ra ngày 29/8/2023 đúng không?'));
    expect(date.verdict).toBe('supported');
    expect(date.evidence[0]?.quote).toContain('29 tháng 8 năm 2023');
    const en = await engine.ask('Is it true that the 4th LMC conference was held in Beijing?');
    expect(en.lang).toBe('en');
    expect(verdictOf(en)).toMatchObject({ verdict: 'supported', claim: 'The 4th LMC conference was held in Beijing' });
    expect(en.text.split('\n').slice(0, 2)).toEqual(['Checked as the claim: “The 4th LMC conference was held in Beijing”', '✅ Supported by the articles.']);
  });

  it('a statement the articles do not settle is a refusal that says not found, with the closest articles', async () => {
    const a = await engine.ask('Có phải Việt Nam đã phóng vệ tinh lên Sao Hỏa không?');
    const v = verdictOf(a);
    expect(v.verdict).toBe('not-found');
    expect(a).toMatchObject({ refused: true, citations: [] });
    expect(a.reason === 'not-found' || a.reason === 'no-match').toBe(true);
    expect(a.text).toContain('❔ Không tìm thấy trong các bài viết đã lưu');
  });

  it('a statement the check does not settle but a passage answers is quoted as the closest passage, said to be no verdict', async () => {
    const a = await engine.ask('Thái Lan có nằm trong các nước tham gia hội nghị chuyên đề LMC lần 4 cùng Việt Nam đúng không?');
    expect(a.refused).toBe(false);
    expect(a.verdict).toBeUndefined();
    expect(a.shortAnswer).toBeUndefined();
    const lines = a.text.split('\n');
    expect(lines[0]).toBe('Kiểm chứng nhận định: “Thái Lan có nằm trong các nước tham gia hội nghị chuyên đề LMC lần 4 cùng Việt Nam”');
    expect(lines[1]).toBe('Các bài viết đã lưu không khẳng định cũng không bác bỏ trực tiếp điều này; đoạn gần nhất với câu hỏi:');
    expect(a.citations[0]).toMatchObject({ paragraphId: 'do-luong-lmc-2023#p1' });
    expect(a.citations[0]?.quote).toContain('Thái Lan');
    for (const c of a.citations) expect(c.paragraph).toContain(c.quote);
    expect(a.text).toContain(`“${a.citations[0]?.quote}” [1]`);
  });

  it('the terminal shows the verdict after the statement checked, then the source’s words and the quote', async () => {
    const out = renderAnswer(await engine.ask('Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?')).split('\n');
    expect(out[0]).toBe('Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”');
    expect(out[1]).toMatch(/^❌ Sai so với bài viết \(độ tin cậy 0\.\d\d\)$/);
    expect(out[2]).toBe('  Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” — nhận định ghi “Hà Nội” [1]');
    expect(out[3]).toMatch(/^ {2}\[1\] “Vào ngày 29 tháng 8 năm 2023, .*Bắc Kinh - Trung Quốc\.”$/);
  });
});

describe('other questions are answered as before', () => {
  it('a question asking where, when or who gets a cited answer, no verdict', async () => {
    for (const [q, short] of [
      ['Hội nghị LMC lần thứ 4 tổ chức ở đâu?', 'Bắc Kinh'],
      ['Hội nghị LMC lần thứ 4 diễn ra ngày nào?', '29 tháng 8 năm 2023'],
      ['Ai là Tổng Thư ký IEC?', 'Philippe Metzger'],
    ] as const) {
      const a = await engine.ask(q);
      expect(a.verdict, q).toBeUndefined();
      expect(a.refused, q).toBe(false);
      expect(a.text, q).not.toContain('Kiểm chứng nhận định');
      expect(a.shortAnswer?.text ?? a.text, q).toContain(short);
    }
  });

  it('a yes/no question about the collection is still answered from the articles’ metadata', async () => {
    const a = await engine.ask('Có bài nào về đo lường trong 6 tháng qua không?');
    expect(a.verdict).toBeUndefined();
    expect(a.collection?.articles.map((x) => x.articleId)).toEqual(['do-luong-lmc-2023']);
  });
});

describe('a check is a conversation turn', () => {
  it('after a yes/no answer, "Vậy tổ chức ở đâu?" asks where the statement’s event was held', async () => {
    const first = await engine.ask('Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?');
    const where = await engine.ask('Vậy tổ chức ở đâu?', { history: [toTurn(first)] });
    expect(where.understood).toBe('Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    expect(where.text.split('\n')[0]).toBe('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    expect(where.shortAnswer?.text).toContain('Bắc Kinh');
    expect(where.citations[0]?.paragraphId).toBe('do-luong-lmc-2023#p1');
    // "Còn ngày nào?" keeps the place as the articles state it, not as it was claimed.
    const when = await engine.ask('Còn ngày nào?', { history: [first] });
    expect(when.understood).toBe('Hội nghị LMC lần thứ 4 tổ chức tại Bắc Kinh - Trung Quốc ngày nào?');
    expect(when.shortAnswer?.text).toBe('ngày 29 tháng 8 năm 2023');
  });

  it('after engine.check, a follow-up reads against the checked statement', async () => {
    const checked = await engine.check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.');
    expect(checked.verdict).toBe('contradicted');
    const turn = toTurn(checked);
    expect(turn).toMatchObject({ question: 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.', refused: false, verdict: { verdict: 'contradicted' } });
    expect(turn.citations[0]?.paragraphId).toBe('do-luong-lmc-2023#p1');
    const when = await engine.ask('Vậy tổ chức khi nào?', { history: [turn] });
    expect(when.understood).toMatch(/^Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh - Trung Quốc khi nào\?$/);
    expect(when.shortAnswer?.text).toBe('ngày 29 tháng 8 năm 2023');
    // Without tone marks, and in English after an English check.
    const plain = await engine.ask('Vay to chuc o dau?', { history: [toTurn(await engine.check('Hoi nghi LMC lan thu 4 duoc to chuc tai Ha Noi.'))] });
    expect(plain.understood).toBe('Hoi nghi LMC lan thu 4 duoc to chuc o dau?');
    expect(plain.citations[0]?.paragraphId).toBe('do-luong-lmc-2023#p1');
  });

  it('a yes/no follow-up is itself checked, with the earlier turn’s subject filled in', async () => {
    const first = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    const again = await engine.ask('Có phải hội nghị đó diễn ra ngày 29/8/2023 không?', { history: [first] });
    expect(again.understood).toMatch(/Hội nghị LMC lần thứ 4/);
    expect(verdictOf(again).verdict).toBe('supported');
    expect(again.text.split('\n')[0]).toMatch(/^Hiểu là: /);
    expect(again.text.split('\n')[1]).toMatch(/^Kiểm chứng nhận định: “.*Hội nghị LMC lần thứ 4.*”$/);
  });
});
