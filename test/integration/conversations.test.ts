import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDialogueEval } from '../../src/cli/eval-dialogues.js';
import { type Answer, type Engine, createEngine, loadConfig, silentLogger } from '../../src/index.js';
import { CORPUS, REPO, tempDir } from '../support/corpus.js';

// The engine's clock, set per test: relative dates are read against it.
let now = new Date('2024-06-12T09:00:00+07:00');
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ config: { corpus: CORPUS, indexDir: tempDir() }, env: {}, logger: silentLogger, clock: () => now });
});
afterAll(() => engine.close());

const at = (iso: string) => {
  now = new Date(iso);
};

describe('follow-ups through the engine', () => {
  it('answers a bare "Còn ngày nào?" as the full question, and says how it read it', async () => {
    const first = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    expect(first.understood).toBeUndefined();
    const a = await engine.ask('Còn ngày nào?', { history: [first] });
    const full = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
    expect(a).toMatchObject({ question: 'Còn ngày nào?', understood: 'Hội nghị LMC lần thứ 4 tổ chức ngày nào?', understoodBy: 'rules', refused: false });
    expect(a.text.split('\n')[0]).toBe('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
    expect(a.citations[0]?.paragraphId).toBe(full.citations[0]?.paragraphId);
    expect(a.citations[0]?.quote).toContain('29 tháng 8 năm 2023');
  });

  it('resolves "ông ấy" to the person the earlier answer named, in Vietnamese and English', async () => {
    const who = await engine.ask('Ai là Tổng Thư ký IEC?');
    const a = await engine.ask('Ông ấy khẳng định sẽ hỗ trợ Việt Nam điều gì?', { history: [who] });
    expect(a.understood).toBe('Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam điều gì?');
    expect(a.citations[0]?.quote).toContain('thành viên chính thức');
    const whoEn = await engine.ask('Who is the General Secretary of the IEC?');
    const en = await engine.ask('When did he meet the Vice Minister?', { history: [whoEn] });
    expect(en.understood).toBe('When did Philippe Metzger meet the Vice Minister?');
    expect(en.text.split('\n')[0]).toBe('Understood as: When did Philippe Metzger meet the Vice Minister?');
    expect(en.citations[0]?.quote).toContain('5/6/2024');
  });

  it('frames an English follow-up in English when the name it refers to is Vietnamese', async () => {
    const who = await engine.ask('Who met the IEC Secretary General in Hanoi?');
    const a = await engine.ask('What is his title?', { history: [who] });
    expect(a.understood).toBe("What is Lê Xuân Định's title?");
    expect(a.lang).toBe('en');
    expect(a.text.split('\n')[1]).toBe('According to the stored articles (quoted in Vietnamese):');
    expect(a.shortAnswer?.text).toContain('Thứ trưởng');
  });

  it('keeps history as data: a compact turn works as well as the whole answer, and no history means no follow-up', async () => {
    const first = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    const compact = {
      question: first.question,
      lang: first.lang,
      refused: first.refused,
      citations: first.citations.map(({ articleId, paragraphId, title, date, quote }) => ({ articleId, paragraphId, title, date, quote })),
    };
    const a = await engine.ask('Còn ngày nào?', { history: [compact] });
    expect(a.understood).toBe('Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
    const alone = await engine.ask('Còn ngày nào?');
    expect(alone.understood).toBeUndefined();
    expect(alone.text.startsWith('Hiểu là')).toBe(false);
  });

  it('does not read a question after one refused as too long against it', async () => {
    const first = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    const long = await engine.ask('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. '.repeat(50));
    expect(long).toMatchObject({ refused: true, reason: 'too-long' });
    // A whole question is answered as asked, not merged into the long text and refused again.
    const next = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { history: [long] });
    expect(next).toMatchObject({ refused: false });
    expect(next.understood).toBeUndefined();
    expect(next.citations[0]?.quote).toContain('Bắc Kinh');
    // A follow-up leans on the last turn that was read.
    const date = await engine.ask('Còn ngày nào?', { history: [first, long] });
    expect(date).toMatchObject({ understood: 'Hội nghị LMC lần thứ 4 tổ chức ngày nào?', refused: false });
    const alone = await engine.ask('Ông ấy nói gì?', { history: [long] });
    expect(alone.understood).toBeUndefined();
  });
});

describe('dates against the engine clock', () => {
  it('reads "tuần trước" as last week of the clock, and says which days it took', async () => {
    at('2024-06-12T09:00:00+07:00');
    const a = await engine.ask('Tuần trước Bộ KH&CN tiếp ai?');
    expect(a.period).toMatchObject({ from: '2024-06-03', to: '2024-06-09', relative: true });
    expect(a.refused).toBe(false);
    expect(a.citations.every((c) => c.articleId === 'iec-thanh-vien-2024')).toBe(true);
    expect(a.text.split('\n')[0]).toBe('Hiểu là: Tuần trước Bộ KH&CN tiếp ai? (các bài từ 03/06/2024 đến 09/06/2024)');
    at('2024-06-20T09:00:00+07:00');
    const later = await engine.ask('Tuần trước Bộ KH&CN tiếp ai?');
    expect(later).toMatchObject({ refused: true, reason: 'not-in-filter', period: { from: '2024-06-10', to: '2024-06-16' } });
    expect(later.text).toContain('Không tìm thấy thông tin này trong các bài từ 10/06/2024 đến 16/06/2024.');
    // The article that does answer it, outside the period, is pointed to.
    expect(later.closest.map((c) => c.articleId)).toContain('iec-thanh-vien-2024');
  });

  it('reads the time zone: 20:00 UTC on 4 June is already 5 June in Hà Nội', async () => {
    at('2024-06-05T20:00:00Z');
    const a = await engine.ask('Hôm qua Bộ KH&CN làm việc với ai?');
    expect(a.period).toMatchObject({ from: '2024-06-05', to: '2024-06-05' });
    expect(a.refused).toBe(false);
  });

  it('filters by an absolute month, bounds by an event, and a plain refusal stays plain', async () => {
    const june = await engine.ask('Tháng 6/2024 Bộ KH&CN làm việc với tổ chức quốc tế nào?');
    expect(new Set(june.citations.map((c) => c.articleId))).toEqual(new Set(['iec-thanh-vien-2024']));
    expect(june.text.startsWith('Hiểu là')).toBe(false);
    const before = await engine.ask('Trước khi làm việc với IEC, Việt Nam tham dự hội nghị nào?');
    expect(before.period).toMatchObject({ to: '2024-06-04' });
    expect(before.citations[0]?.articleId).toBe('do-luong-lmc-2023');
    const gold = await engine.ask('Giá vàng hôm nay bao nhiêu?');
    expect(gold.text).toBe('Không tìm thấy thông tin này trong các bài viết đã lưu.');
  });

  it('checks a claim\'s "tuần trước", "năm ngoái" against the clock and the date the source gives', async () => {
    at('2024-06-12T09:00:00+07:00');
    // The IEC meeting was on 5/6/2024: last week then, and not last year.
    expect((await engine.check('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tuần trước.')).claims[0]?.verdict).not.toBe('contradicted');
    const lastYear = (await engine.check('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger năm ngoái.')).claims[0];
    expect(lastYear?.verdict).toBe('contradicted');
    expect(lastYear?.mismatches[0]).toMatchObject({ kind: 'date', claimed: 'năm ngoái', stated: 'ngày 5/6/2024' });
    at('2026-12-06T09:00:00+07:00');
    const lmc = (await engine.check('Hội nghị LMC lần thứ 4 diễn ra tuần trước.')).claims[0];
    expect(lmc?.verdict).toBe('contradicted');
    expect(lmc?.mismatches[0]).toMatchObject({ kind: 'date', claimed: 'tuần trước', stated: 'ngày 29 tháng 8 năm 2023' });
  });

  it('says when what it quotes was reported, and that a date is an event date', async () => {
    const a = await engine.ask('Ai là Tổng Thư ký IEC?');
    expect(a.text.split('\n').at(-1)).toMatch(/^Theo bài ngày 05\/06\/2024 \[1\](\[2\])? \(ngày diễn ra sự kiện; bài không ghi ngày đăng\)\.$/);
    const en = await engine.ask('Where was the 4th LMC symposium held?');
    expect(en.text.split('\n').at(-1)).toMatch(
      /^Reported in the article of 29 Aug 2023 \[1\](\[2\])? \(the date of the event it reports; its publication date is not recorded\)\.$/,
    );
  });
});

describe('questions about the collection', () => {
  const lines = (a: Answer) => a.text.split('\n');
  it('answers the latest and the earliest article, a count and a list from the metadata', async () => {
    const latest = await engine.ask('Bài mới nhất nói về gì?');
    expect(latest).toMatchObject({ refused: false, collection: { kind: 'latest', total: 2 } });
    expect(lines(latest)[0]).toContain('Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC');
    expect(latest.citations[0]).toMatchObject({ paragraphId: 'iec-thanh-vien-2024#p1' });
    expect(latest.citations[0]?.paragraph).toContain(latest.citations[0]?.quote as string);
    const earliest = await engine.ask('bai cu nhat noi ve gi');
    expect(earliest.collection?.articles[0]?.articleId).toBe('do-luong-lmc-2023');
    const count = await engine.ask('Có bao nhiêu bài về IEC?');
    expect(count.collection).toMatchObject({ kind: 'count', topic: 'IEC', total: 1 });
    expect(lines(count)[0]).toBe('Có 1 bài viết về “IEC” trong các bài đã lưu, mới nhất trước:');
    const list = await engine.ask('Liệt kê các bài năm 2024');
    expect(list.collection).toMatchObject({ kind: 'list', total: 1 });
    const none = await engine.ask('Liệt kê các bài năm 2022');
    expect(none).toMatchObject({ refused: false, collection: { total: 0 }, citations: [] });
    expect(none.text).toBe('Không có bài viết nào từ 01/01/2022 đến 31/12/2022 trong các bài đã lưu.');
    const en = await engine.ask('How many articles mention metrology?');
    expect(en.collection).toMatchObject({ kind: 'count', total: 1 });
    expect(en.collection?.articles[0]?.articleId).toBe('do-luong-lmc-2023');
  });

  it('matches a topic as a phrase: "đo lường" typed without marks is not "do" here and "lượng" there', async () => {
    const a = await engine.ask('co bao nhieu bai ve do luong');
    expect(a.collection?.articles.map((x) => x.articleId)).toEqual(['do-luong-lmc-2023']);
  });
});

describe('the dialogue set', () => {
  it('answers follow-ups as if asked in full and date questions right (floors below the measured figures)', async () => {
    const config = loadConfig({}, { corpus: CORPUS });
    const r = await runDialogueEval({
      dialogues: path.join(REPO, 'test', 'eval', 'dialogues.jsonl'),
      corpus: CORPUS,
      cacheDir: tempDir(),
      config,
      logger: silentLogger,
    });
    expect(r.dialogues).toBeGreaterThanOrEqual(40);
    expect(r.dateQuestions).toBeGreaterThanOrEqual(20);
    expect(r.asfull).toBeGreaterThanOrEqual(90);
    expect(r.date).toBeGreaterThanOrEqual(85);
  });
});

describe('what happened in a period', () => {
  it('lists the articles of the period, and asks the articles themselves when none is dated in it', async () => {
    at('2024-06-12T09:00:00+07:00');
    const listed = await engine.ask('Sự kiện nào diễn ra ngày 29/8/2023?');
    expect(listed.refused).toBe(false);
    expect(listed.collection).toMatchObject({ kind: 'list', total: 1, articles: [{ articleId: 'do-luong-lmc-2023' }] });
    // An undated article (a JSONL record without a date) that tells what happened on the day.
    const corpus = path.join(tempDir('kc-undated-'), 'corpus.jsonl');
    const body = 'Lễ hội hoa xuân khai mạc tại công viên Thống Nhất với hơn 200 gian hàng. Sự kiện diễn ra vào ngày 23/12/2018 và kéo dài một tuần.';
    fs.writeFileSync(corpus, `${JSON.stringify({ id: 'le-hoi', title: 'Lễ hội hoa xuân', body })}\n`);
    const undated = await createEngine({ config: { corpus, indexDir: tempDir() }, env: {}, logger: silentLogger });
    try {
      const a = await undated.ask('Sự kiện nào diễn ra vào ngày 23/12/2018?');
      expect(a.collection).toBeUndefined();
      expect(a.refused).toBe(false);
      expect(a.citations[0]?.paragraph).toContain('Lễ hội hoa xuân khai mạc');
    } finally {
      await undated.close();
    }
  });
});

describe('a year that tells undated articles apart', () => {
  it('answers with the year when the question without it is refused, and refuses a foreign name the article never writes', async () => {
    const corpus = path.join(tempDir('kc-year-clue-'), 'corpus.jsonl');
    const records = [
      {
        id: 'kenya',
        title: 'Kenya',
        body: 'Kenya có thứ hạng thấp về Chỉ số Nhận thức Tham nhũng của Tổ chức Minh bạch Quốc tế. Năm 2012, quốc gia này xếp thứ 139 trên tổng số 176 quốc gia, với số điểm 27/100.',
      },
      {
        id: 'dong-dat',
        title: 'Động đất',
        body: 'Trận động đất xếp thứ 7 trên thang đo Richter, theo đo đạc của các nhà khoa học. Người dân đã được sơ tán khỏi khu vực.',
      },
    ];
    fs.writeFileSync(corpus, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const undated = await createEngine({ config: { corpus, indexDir: tempDir() }, env: {}, logger: silentLogger });
    try {
      // Without its year the question is closest to the earthquake, which never names Kenya: refused.
      const bare = await undated.ask('Kenya xếp thứ mấy trên thang đo?');
      expect(bare.refused).toBe(true);
      // With it, the article that gives the year answers (no article is dated: the year is the event's).
      const dated = await undated.ask('Kenya xếp thứ mấy trên thang đo năm 2012?');
      expect(dated.refused).toBe(false);
      expect(dated.citations[0]?.articleId).toBe('kenya');
      expect(dated.text).toContain('139');
    } finally {
      await undated.close();
    }
  });
});

describe('follow-ups about something else than the earlier turn asked of', () => {
  it('asks where the articles write a country the earlier question had no place for, and refuses an event series they do not report', async () => {
    const where = await engine.ask('Hội nghị LMC lần 4 tổ chức ở đâu?');
    const when = await engine.ask('Khi nào?', { history: [where] });
    const laos = await engine.ask('Vậy còn Lào?', { history: [where, when] });
    expect(laos.understood).toBe('Lào có được nhắc đến không?');
    expect(laos.citations[0]?.quote).toContain('Lào');
    expect(laos.citations[0]?.quote).not.toContain('29 tháng 8 năm 2023');
    const purpose = await engine.ask('Viện Đo lường Việt Nam ký biên bản tại Hội nghị LMC lần 4 nhằm mục đích gì?');
    expect(purpose.refused).toBe(false);
    const bri = await engine.ask('Còn BRI?', { history: [purpose] });
    expect(bri.understood).toBe('Viện Đo lường Việt Nam ký biên bản tại Hội nghị BRI lần 4 nhằm mục đích gì?');
    expect(bri.refused).toBe(true);
  });
});

describe('follow-ups about another person', () => {
  it('asks what the other person did, and refuses when the articles say only what the first one did', async () => {
    const wish = await engine.ask('Thứ trưởng Lê Xuân Định mong muốn gì?');
    expect(wish.citations[0]?.quote).toContain('Lê Xuân Định bày tỏ mong muốn');
    const other = await engine.ask('Còn ông Metzger?', { history: [wish] });
    expect(other.understood).toBe('Ông Metzger mong muốn gì?');
    expect(other.refused).toBe(true);
  });
});

describe('periods written loosely', () => {
  it('reads a year after a month with a space, two years joined, and an event bound with no comma', async () => {
    at('2026-12-06T09:00:00+07:00');
    for (const q of ['Tháng Sáu 2024 Bộ KH&CN làm việc với tổ chức quốc tế nào?', 'Tháng 6 2024 Bộ KH&CN làm việc với tổ chức quốc tế nào?']) {
      const june = await engine.ask(q);
      expect(june.refused, q).toBe(false);
      expect(june.citations[0]?.articleId).toBe('iec-thanh-vien-2024');
    }
    const years = await engine.ask('Việt Nam làm việc với những tổ chức quốc tế nào năm 2023 và 2024?');
    expect(years.period).toMatchObject({ from: '2023-01-01', to: '2024-12-31' });
    const before = await engine.ask('Trước khi làm việc với IEC Việt Nam dự hội nghị gì?');
    expect(before.refused).toBe(false);
    expect(before.period).toMatchObject({ to: '2024-06-04' });
    expect(before.citations[0]?.articleId).toBe('do-luong-lmc-2023');
    const after = await engine.ask('Sau hội nghị LMC Bộ KH&CN làm việc với ai?');
    expect(after.refused).toBe(false);
    expect(after.period).toMatchObject({ from: '2023-08-30' });
    expect(after.citations[0]?.articleId).toBe('iec-thanh-vien-2024');
  });
});

describe('which articles name something, asked loosely', () => {
  it('lists only the articles that write it, for "có trong bài nào" and "bài nào có nhắc đến"', async () => {
    for (const q of ['Myanmar có trong bài nào?', 'Bài nào có nhắc đến Trung Quốc?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(
        a.collection?.articles.map((x) => x.articleId),
        q,
      ).toEqual(['do-luong-lmc-2023']);
    }
    for (const q of ['Hà Nội có trong bài nào?', 'Bài nào có nhắc tới Hà Nội?', 'Tín chỉ carbon có trong bài nào?']) {
      const a = await engine.ask(q);
      expect(
        a.collection?.articles.map((x) => x.articleId),
        q,
      ).toEqual(['iec-thanh-vien-2024']);
    }
  });
});
