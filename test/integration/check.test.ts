import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckResult, type ClaimCheck, type Engine, createEngine, silentLogger } from '../../src/index.js';
import { CORPUS, tempDir } from '../support/corpus.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ config: { corpus: CORPUS, indexDir: tempDir() }, env: {}, logger: silentLogger });
});
afterAll(() => engine.close());

/** The one claim of a result, with every invariant a journalist relies on checked. */
function only(r: CheckResult): ClaimCheck {
  expect(r.claims).toHaveLength(1);
  const c = r.claims[0] as ClaimCheck;
  valid(c);
  return c;
}

function valid(c: ClaimCheck): void {
  expect(c.confidence).toBeGreaterThanOrEqual(0);
  expect(c.confidence).toBeLessThanOrEqual(1);
  c.evidence.forEach((e, i) => {
    expect(e.marker).toBe(i + 1);
    expect(e.paragraph).toContain(e.quote);
    expect(e.paragraphId).toBe(`${e.articleId}#p${e.paragraphNumber}`);
  });
  for (const m of c.mismatches) {
    const cited = c.evidence.find((e) => e.marker === m.citation);
    expect(cited, `citation [${m.citation}]`).toBeDefined();
    expect(cited?.quote).toContain(m.stated);
    expect(c.claim).toContain(m.claimed);
  }
  if (c.verdict !== 'contradicted') expect(c.mismatches).toEqual([]);
  else expect(c.mismatches.length).toBeGreaterThan(0);
}

async function check(text: string): Promise<ClaimCheck> {
  return only(await engine.check(text));
}

describe('claims contradicted by the stored articles', () => {
  it('names a different place, in the source’s words, with the paragraph that says it', async () => {
    const c = await check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches).toEqual([{ kind: 'place', claimed: 'Hà Nội', stated: 'Bắc Kinh - Trung Quốc', citation: 1 }]);
    expect(c.evidence[0]).toMatchObject({ articleId: 'do-luong-lmc-2023', paragraphId: 'do-luong-lmc-2023#p1', date: '2023-08-29' });
  });

  it('checks a claim attributed to the articles on what it says, and shows it as typed', async () => {
    const typed = 'Theo bài viết, hội nghị LMC lần thứ 4 diễn ra ở Hà Nội.';
    const c = await check(typed);
    expect(c.claim).toBe(typed);
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches).toEqual([{ kind: 'place', claimed: 'Hà Nội', stated: 'Bắc Kinh - Trung Quốc', citation: 1 }]);
    const right = await check('Theo bài viết, hợp tác đo lường giúp tăng năng suất và độ chính xác của các phép đo.');
    expect(right.verdict).toBe('supported');
  });

  it('compares dates as dates, whatever their form', async () => {
    const c = await check('Hội nghị chuyên đề LMC lần thứ 4 diễn ra vào ngày 30/8/2023.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches[0]).toMatchObject({ kind: 'date', claimed: 'ngày 30/8/2023', stated: 'ngày 29 tháng 8 năm 2023' });
    const same = await check('Hội nghị chuyên đề LMC lần thứ 4 diễn ra ngày 29-8-2023 tại Bắc Kinh.');
    expect(same.verdict).toBe('supported');
  });

  it('compares numbers, ordinals and bounds', async () => {
    const years = await check('Hội nghị đánh dấu mốc 75 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc.');
    expect(years.mismatches[0]).toMatchObject({ kind: 'number', claimed: '75 năm', stated: '73 năm' });
    const ordinal = await check('Hội nghị chuyên đề Hợp tác Lancang-Mekong lần thứ 5 được tổ chức tại Bắc Kinh vào tháng 8/2023.');
    expect(ordinal.mismatches[0]).toMatchObject({ kind: 'number', claimed: 'lần thứ 5', stated: 'lần thứ 4' });
    const bound = await check('Hội nghị chuyên đề LMC lần thứ 4 đánh dấu mốc hơn 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc.');
    expect(bound.mismatches[0]).toMatchObject({ kind: 'quantity', claimed: 'hơn 73 năm', stated: '73 năm' });
  });

  it('names a different person', async () => {
    const c = await check('Thứ trưởng Nguyễn Hoàng Giang đã tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC, ngày 5/6/2024 tại Hà Nội.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches[0]).toMatchObject({ kind: 'person', claimed: 'Nguyễn Hoàng Giang', stated: 'Lê Xuân Định' });
  });

  it('reads a foreign name opening the claim as the name the source writes, not as a word it changed', async () => {
    // "Metzger" alone had been read as a common word that "Ông Philippe Metzger khẳng định" replaced.
    expect((await check('Metzger hứa hỗ trợ Việt Nam.')).verdict).not.toBe('contradicted');
    // What the source does not report stays unreported: no meeting date against a birth year.
    expect((await check('Metzger sinh năm 1970.')).verdict).toBe('not-found');
    // What it contradicts is still contradicted, by the fact stated differently.
    const c = await check('Metzger hứa hỗ trợ Lào.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Lào', stated: 'Việt Nam' });
  });

  it('contradicts a short claim by the opposite word the source writes in its place', async () => {
    // "ngừng" is the opposite of the source's "tiếp tục"; it had counted as a word the source lacks, and the claim was not found.
    for (const claim of ['IEC ngừng hỗ trợ Việt Nam.', 'IEC dừng hỗ trợ Việt Nam.']) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0], claim).toMatchObject({ kind: 'other', stated: 'tiếp tục' });
    }
    expect((await check('IEC tiếp tục hỗ trợ Việt Nam.')).verdict).toBe('supported');
  });

  it('does not support an English claim whose verb the evidence does not write, whatever else of it is there', async () => {
    // "stopped" is "dừng": it had counted as found because "supporting" ("hỗ trợ") was, and the claim was supported.
    expect((await check('IEC stopped supporting Vietnam.')).verdict).not.toBe('supported');
    expect((await check('IEC continues to support Vietnam.')).verdict).toBe('supported');
  });

  it('reads "fewer", "less and less", "increasingly", "young", "contributed" in English claims as the news writes them', async () => {
    const fewer = await check('Vietnamese companies use fewer IEC standards.');
    expect(fewer.verdict).toBe('contradicted');
    expect(fewer.mismatches[0]).toMatchObject({ stated: 'nhiều', claimed: 'fewer' });
    expect((await check('Vietnamese businesses use less and less IEC standards.')).verdict).toBe('contradicted');
    expect((await check('Vietnamese companies increasingly use IEC standards.')).verdict).toBe('supported');
    const young = await check('Young Vietnamese experts contributed to IEC activities.');
    expect(young.verdict).toBe('supported');
    expect(young.evidence[0]?.quote).toContain('chuyên gia trẻ của Việt Nam đã tham gia và đóng góp');
  });

  it('contradicts a country said to have held an event the source places elsewhere, though it took part', async () => {
    // "Lào" is among the countries taking part, in the same paragraph: it had made the claim supported.
    for (const claim of ['Lào tổ chức Hội nghị LMC lần thứ 4.', 'Việt Nam tổ chức Hội nghị LMC lần thứ 4.', 'Hội nghị LMC lần thứ 4 do Việt Nam tổ chức.']) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0], claim).toMatchObject({ kind: 'place', stated: 'Bắc Kinh - Trung Quốc' });
    }
    // The place it was held, or the country of that place, agrees.
    for (const claim of ['Trung Quốc tổ chức Hội nghị LMC lần thứ 4.', 'Bắc Kinh tổ chức Hội nghị LMC lần thứ 4.'])
      expect((await check(claim)).verdict, claim).toBe('supported');
  });

  it('contradicts becoming a member told as a fact where the source only strives or hopes for it', async () => {
    // The lead: "… đang nỗ lực sửa đổi Luật … cũng như trở thành thành viên chính thức của IEC".
    for (const claim of ['Năm 2024, Việt Nam chính thức trở thành thành viên IEC.', 'Việt Nam chính thức trở thành thành viên IEC.']) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0]?.kind, claim).toBe('modality');
    }
    // Planned or hoped for by the claim too, or what someone promises to help with: no such contradiction.
    for (const claim of ['Việt Nam sẽ trở thành thành viên chính thức của IEC.', 'Việt Nam mong muốn trở thành thành viên chính thức của IEC.'])
      expect((await check(claim)).verdict, claim).toBe('supported');
    expect((await check('Ông Metzger hứa hỗ trợ Việt Nam trở thành thành viên chính thức IEC trong năm 2025.')).verdict).not.toBe('contradicted');
  });

  it('catches a negation the source does not make', async () => {
    const c = await check('Viện Đo lường Việt Nam không ký kết Biên bản với các đối tác quốc tế trong LMC.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches[0]?.kind).toBe('negation');
    expect(c.mismatches[0]?.claimed).toMatch(/^không ký kết Biên bản/);
    expect(c.mismatches[0]?.stated).toMatch(/^ký kết Biên bản/);
    const refused = await check('Ông Philippe Metzger từ chối hỗ trợ Việt Nam trở thành thành viên chính thức của IEC.');
    expect(refused.mismatches[0]?.kind).toBe('negation');
  });

  it('tells done from planned or hoped for', async () => {
    const c = await check('Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.');
    expect(c.verdict).toBe('contradicted');
    const m = c.mismatches.find((x) => x.kind === 'modality');
    expect(m?.claimed).toMatch(/^đã trở thành/);
    expect(m?.stated).toMatch(/^(sẽ hỗ trợ Việt Nam|mong muốn)/);
    const planned = await check('Viện Đo lường Việt Nam sẽ ký kết Biên bản với các đối tác quốc tế trong LMC.');
    expect(planned.mismatches[0]).toMatchObject({ kind: 'modality', claimed: 'sẽ ký kết Biên bản' });
    expect(planned.mismatches[0]?.stated).toMatch(/^đã chính thức ký kết/);
  });
});

describe('claims the articles support', () => {
  it('accepts paraphrases, with the evidence quoted verbatim', async () => {
    for (const claim of [
      'Hội nghị chuyên đề Hợp tác Lancang-Mekong lần thứ 4 được tổ chức ở Bắc Kinh, Trung Quốc.',
      'Ông Philippe Metzger là Tổng Thư ký IEC.',
      'Tháng 8/2023, Hội nghị chuyên đề LMC lần thứ 4 được tổ chức tại Bắc Kinh.',
      'Thứ trưởng Lê Xuân Định mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC.',
    ]) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('supported');
      expect(c.evidence.length, claim).toBeGreaterThan(0);
    }
  });

  it('works typed without tone marks and in English', async () => {
    expect((await check('hoi nghi LMC lan thu 4 duoc to chuc tai Bac Kinh')).verdict).toBe('supported');
    const noMarks = await check('hoi nghi LMC lan thu 4 to chuc tai Ha Noi');
    expect(noMarks.mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Ha Noi' });
    expect(noMarks.mismatches[0]?.stated).toContain('Bắc Kinh');
    expect((await check('Philippe Metzger is the General Secretary of the IEC.')).verdict).toBe('supported');
    const en = await check('The 4th LMC symposium was held in Hanoi.');
    expect(en.mismatches[0]).toMatchObject({ kind: 'place', claimed: 'Hanoi' });
    // All in lower case, as typed on a phone: the place and the acronym read with their capitals,
    // shown as typed.
    for (const typed of ['hoi nghi lmc to chuc o ha noi', 'hội nghị lmc tổ chức ở hà nội', 'the 4th lmc symposium was held in hanoi']) {
      const c = await check(typed);
      expect(c.verdict, typed).toBe('contradicted');
      expect(c.claim, typed).toBe(typed);
      expect(c.mismatches[0]?.kind, typed).toBe('place');
      expect(c.mismatches[0]?.stated, typed).toContain('Bắc Kinh');
    }
  });

  it('contradicts an English claim giving someone an office or a name the source does not', async () => {
    for (const [claim, stated] of [
      ['Philippe Metzger is the President of the IEC.', 'Tổng Thư ký'],
      ['Le Xuan Dinh is the Secretary General of the IEC.', 'Thứ trưởng'],
      ['Minister Le Xuan Dinh received IEC Secretary General Philippe Metzger in Hanoi.', 'Thứ trưởng'],
      ['Deputy Minister Nguyen Van An received IEC Secretary General Philippe Metzger in Hanoi.', 'Lê Xuân Định'],
    ] as const) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0]?.kind, claim).toBe('person');
      expect(c.mismatches[0]?.stated, claim).toContain(stated);
    }
    expect((await check('Deputy Minister Le Xuan Dinh received IEC Secretary General Philippe Metzger in Hanoi.')).verdict).toBe('supported');
    // The name typed without marks, as English writes it, finds the sentence that names him, not the lead that spells the ministry out.
    const minister = await check('Le Xuan Dinh is the Minister of Science and Technology.');
    expect(minister.verdict).toBe('contradicted');
    expect(minister.mismatches[0]).toMatchObject({ kind: 'person', stated: 'Thứ trưởng Bộ KH&CN Lê Xuân Định' });
    expect((await check('Le Xuan Dinh is the Deputy Minister of Science and Technology.')).verdict).toBe('supported');
    const asked = await engine.ask('Is it true that Philippe Metzger is the president of the IEC?');
    expect(asked.verdict?.verdict).toBe('contradicted');
  });

  it('finds the event a claim is about over another event in the place it claims, with or without marks', async () => {
    // "Hội" and "tổ" are words, not the function words "hỏi" and "to"; "diễn ra" is "được tổ chức".
    for (const claim of ['Hội nghị LMC tổ chức tại Hà Nội.', 'Hội nghị LMC diễn ra tại Hà Nội.', 'Hoi nghi LMC dien ra tai Ha Noi.']) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0], claim).toMatchObject({ kind: 'place' });
      expect(c.mismatches[0]?.stated, claim).toContain('Bắc Kinh');
    }
  });

  it('compares a figure with the figure the source gives for the same thing', async () => {
    const wrong = await check('Quan hệ ngoại giao Việt Nam Trung Quốc tròn 75 năm.');
    expect(wrong.mismatches[0]).toMatchObject({ kind: 'number', stated: '73 năm' });
    const other = await check('Sáng kiến BRI được 73 năm.');
    expect(other.verdict).toBe('contradicted');
    expect(other.mismatches[0]).toMatchObject({ kind: 'number', stated: '10 năm' });
    expect((await check('Sáng kiến BRI tròn 10 năm.')).verdict).toBe('supported');
  });
});

describe('claims about one body checked against that body’s article', () => {
  it('finds the meeting a claim names, and does not contradict it with another article’s event', async () => {
    const met = await check('Cuộc gặp với IEC diễn ra ở TP.HCM');
    expect(met.verdict).toBe('contradicted');
    expect(met.mismatches[0]).toMatchObject({ kind: 'place', stated: 'Hà Nội', claimed: 'TP.HCM' });
    // "diễn ra", written in neither article, found as the other article's common "tổ chức" does
    // not outweigh the meeting's own words ("buổi … làm việc với … IEC").
    const session = await check('Buổi làm việc với IEC diễn ra ở Đà Nẵng');
    expect(session.verdict).toBe('contradicted');
    expect(session.mismatches[0]).toMatchObject({ kind: 'place', stated: 'Hà Nội', claimed: 'Đà Nẵng' });
    // The conference of the other article "được tổ chức tại Bắc Kinh" says nothing of an IEC event.
    for (const claim of ['Sự kiện của IEC diễn ra ở TP.HCM', 'Cuộc họp IEC được tổ chức tại Đà Nẵng'])
      expect((await check(claim)).verdict, claim).toBe('not-found');
  });
});

describe('claims the articles do not settle', () => {
  it('says not found, with the closest articles, when a value has no counterpart', async () => {
    for (const claim of [
      'IEC hiện có 89 quốc gia thành viên chính thức.',
      'Viện Đo lường Việt Nam nhận khoản tài trợ 2 triệu USD từ Trung Quốc tại Hội nghị LMC.',
      'Giá vàng trong nước hôm nay tăng 2% so với tuần trước.',
    ]) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('not-found');
      expect(c.mismatches).toEqual([]);
    }
    const c = await check('Tổng Thư ký IEC Philippe Metzger sẽ thăm Thành phố Hồ Chí Minh vào tháng 9/2024.');
    expect(c.verdict).toBe('not-found');
    expect(c.closest[0]?.articleId).toBe('iec-thanh-vien-2024');
  });

  it('says not found for a cause the source does not give, and supports the same claim without it', async () => {
    const c = await check('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Hà Nội do IEC đề nghị.');
    expect(c.verdict).toBe('not-found');
    expect(c.mismatches).toEqual([]);
    expect((await check('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Hà Nội.')).verdict).toBe('supported');
  });
});

describe('opposite words typed without tone marks or in English, and what a month or a country is', () => {
  it('contradicts an opposite typed without marks where the source has the other in the same slot', async () => {
    for (const [claim, stated] of [
      ['Cac doanh nghiep Viet Nam ngay cang tiep can it hon voi cac tieu chuan cua IEC.', 'nhiều'],
      ['Vien Do luong Viet Nam danh gia thap vai tro cua hop tac do luong.', 'cao'],
      ['Ong Philippe Metzger cho biet Viet Nam la quoc gia dang phat trien rat cham.', 'nhanh'],
      ['IEC dừng hỗ trợ Việt Nam xây dựng các dự án đào tạo nguồn nhân lực.', 'tiếp tục'],
      ['Việc hỗ trợ nhằm giảm năng lực cạnh tranh của doanh nghiệp Việt Nam.', 'nâng cao'],
      ['Viện Đo lường Việt Nam ký kết Biên bản với các đối tác trong nước.', 'quốc tế'],
      ['Philippe Metzger said Vietnam is developing slowly.', 'nhanh'],
      ['The IEC stopped supporting Vietnam in training human resources.', 'tiếp tục'],
    ] as const) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0]?.stated, claim).toBe(stated);
    }
    // The same words as the source, typed without marks or in English, still agree.
    for (const claim of [
      'Cac doanh nghiep Viet Nam ngay cang tiep can nhieu hon voi cac tieu chuan cua IEC.',
      'Vien Do luong Viet Nam danh gia cao vai tro cua hop tac do luong.',
      'Philippe Metzger said Vietnam is developing very fast.',
      'The IEC continues to support Vietnam in training human resources.',
    ])
      expect((await check(claim)).verdict, claim).toBe('supported');
  });

  it('does not contradict one of a kind with another one the source names ("X là một đối tác …")', async () => {
    for (const claim of ['Trung Quốc là một đối tác quan trọng trong LMC và BRI.', 'Lào hiện là một đối tác quan trọng trong LMC và BRI.'])
      expect((await check(claim)).verdict, claim).toBe('not-found');
    expect((await check('Việt Nam hiện là một đối tác quan trọng trong LMC và BRI.')).verdict).toBe('supported');
    // "Only" against "not only".
    const only = await check('Sự hợp tác này chỉ mang lại lợi ích cho chính phủ.');
    expect(only.verdict).toBe('contradicted');
    expect(only.mismatches[0]?.stated).toBe('không chỉ mang');
    expect((await check('Sự hợp tác này không chỉ mang lại lợi ích cho chính phủ.')).verdict).toBe('supported');
    // A figure the source gives only as a count of something else: "10 năm" is no "10 quốc gia".
    expect((await check('Hội nghị LMC lần thứ 4 có sự tham gia của 10 quốc gia.')).verdict).toBe('not-found');
    expect((await check('Hội nghị LMC lần thứ 4 kỷ niệm 10 năm Sáng kiến Vành đai và Con đường.')).verdict).toBe('supported');
  });

  it('reads an English month after "in" as a date and a country spoken of as no place of the event', async () => {
    for (const claim of ['The 4th LMC symposium was held in Beijing in August 2023.', 'Le Xuan Dinh received Philippe Metzger in Hanoi in June 2024.'])
      expect((await check(claim)).verdict, claim).toBe('supported');
    const may = await check('The 4th LMC symposium was held in Beijing in May 2023.');
    expect(may.verdict).toBe('contradicted');
    expect(may.mismatches[0]?.kind).toBe('date');
    expect((await check('The 4th LMC symposium was held in Hanoi.')).mismatches[0]).toMatchObject({ kind: 'place', stated: 'Bắc Kinh' });
  });
});

describe('the rules above, kept to what they are about', () => {
  it('reads being a member, not any "is", against "trở thành", and a negation of anything else as before', async () => {
    for (const claim of [
      'Philippe Metzger is not willing to support Vietnam to become an official member of the IEC',
      'The IEC is not going to help Vietnam become an official member',
    ])
      expect((await check(claim)).verdict, claim).toBe('contradicted');
    for (const claim of [
      'Philippe Metzger is willing to support Vietnam to become an official member of the IEC',
      'Vietnam is working to become an official member of the IEC',
    ])
      expect((await check(claim)).verdict, claim).toBe('supported');
  });

  it('contradicts an event still to be held that the source reports on a day of its article, and only such an event', async () => {
    for (const claim of [
      'Hội nghị chuyên đề LMC lần thứ 4 sẽ được tổ chức tại Bắc Kinh.',
      'Thứ trưởng Lê Xuân Định sẽ tiếp ông Philippe Metzger tại Hà Nội.',
    ]) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0]).toMatchObject({ kind: 'modality', claimed: 'sẽ' });
    }
    // What the meeting promised is still to come.
    expect((await check('Ông Philippe Metzger sẽ hỗ trợ Việt Nam trở thành thành viên chính thức của IEC.')).verdict).toBe('supported');
    expect((await check('Tổng Thư ký IEC Philippe Metzger sẽ hỗ trợ Việt Nam ngày 5/6/2024.')).verdict).not.toBe('contradicted');
  });

  it('gives an office to the name after "là" only when the office opens its clause, and a place after an office is no holder', async () => {
    expect((await check('Người tiếp Tổng Thư ký IEC là ông Lê Xuân Định')).verdict).toBe('supported');
    const place = await check('Philippe Metzger là Thứ trưởng Hà Nội');
    expect(place.verdict).toBe('contradicted');
    expect(place.mismatches[0]?.kind).toBe('person');
  });

  it('keeps one of a kind, "not only", English opposites and "ngày nay" to what they say', async () => {
    expect((await check('Thái Lan là một đối tác quan trọng trong LMC và BRI')).verdict).toBe('not-found');
    expect((await check('Sự hợp tác này không những chỉ mang lại lợi ích cho chính phủ mà còn tác động tích cực đến các ngành công nghiệp')).verdict).toBe(
      'supported',
    );
    expect((await check('Vietnam is developing quickly rather than slowly')).verdict).not.toBe('contradicted');
    expect((await check('Ngày nay, Việt Nam là một đối tác quan trọng trong LMC và BRI')).verdict).toBe('supported');
    expect((await check('Viet Nam la quoc gia dang phat trien, cham chu vao cac linh vuc cong nghe moi noi')).verdict).not.toBe('contradicted');
    expect((await check('Le Xuan Dinh received Philippe Metzger on 5 June 2024 in the city of Da Nang')).mismatches[0]?.kind).toBe('place');
    // In English: "not only … but also" is no negation; "only" is against the source's "không chỉ".
    for (const claim of [
      'The cooperation benefits not only the government but also industries.',
      'The cooperation brings benefits not just to the government but also to industries.',
    ])
      expect((await check(claim)).verdict, claim).toBe('supported');
    const only = await check('The cooperation benefits only the government.');
    expect(only.verdict).toBe('contradicted');
    expect(only.mismatches[0]).toMatchObject({ claimed: 'only', stated: 'không chỉ' });
  });
});

describe('claims whose people, places and dates are stated, but not what they did', () => {
  it('reads who received whom, the date of an arrival, an office at another body and a request as journalists would', async () => {
    const verdicts: Array<[string, string, string?]> = [
      ['Tổng Thư ký IEC đã tiếp Thứ trưởng Lê Xuân Định', 'contradicted', 'person'],
      ['The IEC Secretary General received Vice Minister Le Xuan Dinh', 'contradicted', 'person'],
      ['Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger', 'supported'],
      ['Ông Philippe Metzger đến Hà Nội ngày 4/6/2024', 'not-found'],
      ['Buổi làm việc giữa Thứ trưởng Định và ông Metzger diễn ra ngày 4/6/2024', 'contradicted', 'date'],
      ['Ông Metzger làm việc với Thứ trưởng Định ngày 4/6/2024', 'contradicted', 'date'],
      ['Philippe Metzger is the ISO Secretary General', 'contradicted', 'organisation'],
      ['Ông Philippe Metzger là Tổng Thư ký ISO', 'contradicted', 'organisation'],
      ['Ông Metzger đề nghị Việt Nam sớm trở thành thành viên chính thức của IEC', 'not-found'],
      ['Ông Metzger cam kết hỗ trợ Việt Nam sớm trở thành thành viên chính thức của IEC', 'supported'],
      ['Các đối tác quốc tế trong LMC đã tiếp Viện Đo lường Việt Nam tại Bắc Kinh.', 'not-found'],
    ];
    for (const [claim, verdict, kind] of verdicts) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe(verdict);
      if (kind) expect(c.mismatches[0]?.kind, claim).toBe(kind);
    }
  });

  it('is not supported when the sentence naming them says nothing of the event, in Vietnamese or English', async () => {
    for (const claim of [
      'Thứ trưởng Lê Xuân Định qua đời ngày 5/6/2024 tại Hà Nội.',
      'Lê Xuân Định từ chức ngày 5/6/2024.',
      'Philippe Metzger bị bắt tại Hà Nội.',
      'Philippe Metzger was arrested in Hanoi.',
      'Le Xuan Dinh resigned on 5 June 2024.',
      'Vietnam is at war with China.',
    ]) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('not-found');
      expect(c.evidence[0]?.quote, claim).toBeDefined();
    }
    // What the sentence does say of them still is.
    for (const claim of [
      'Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger ngày 5/6/2024 tại Hà Nội.',
      'Deputy Minister Le Xuan Dinh met IEC Secretary General Philippe Metzger in Hanoi on 5 June 2024.',
    ])
      expect((await check(claim)).verdict, claim).toBe('supported');
    // A yes/no question asked of the same is not answered yes.
    expect((await engine.ask('Có phải Thứ trưởng Lê Xuân Định qua đời ngày 5/6/2024 không?')).text).not.toMatch(/^✅/mu);
  });

  it('is not supported when it names someone the evidence does not, or barely wins with words the evidence has otherwise', async () => {
    for (const claim of [
      // "IEC" where the source signs "với các đối tác quốc tế trong LMC".
      'Viện Đo lường Việt Nam đã ký biên bản với IEC.',
      // "ký biên bản" where the source has "buổi tiếp và làm việc"; "hạt nhân" where it lists
      // "năng lượng tái tạo"; "sinh học" where it lists "trí tuệ nhân tạo".
      'Thứ trưởng Lê Xuân Định đã ký biên bản với ông Metzger.',
      'IEC hỗ trợ lĩnh vực năng lượng hạt nhân.',
      'Ông Metzger cho biết Việt Nam chú trọng công nghệ sinh học.',
      // A body the article does not write, though its words are there ("Bộ KH&CN … xây dựng").
      'Các quy chuẩn kỹ thuật quốc gia về dây, cáp điện được Bộ Xây dựng xây dựng và ban hành trên cơ sở tham khảo tiêu chuẩn của IEC.',
      'Lãnh đạo và cán bộ Bộ Công Thương tham dự Hội nghị LMC lần thứ 4.',
    ])
      expect((await check(claim)).verdict, claim).toBe('not-found');
    // A name read as one with the acronym before it ("IEC Philippe Metzger") is no other name.
    for (const claim of [
      'Thứ trưởng Lê Xuân Định đã tiếp Tổng Thư ký IEC Philippe Metzger tại Hà Nội ngày 5/6/2024.',
      'Thứ trưởng Lê Xuân Định đã tiếp ông Metzger.',
      'IEC hỗ trợ Việt Nam về năng lượng tái tạo.',
      // Written elsewhere in the article ("hợp tác giữa 2 bên" in the article about IEC).
      'Hợp tác với IEC góp phần nâng cao vị thế của Việt Nam trên trường quốc tế.',
      // A body's name read on over a verb ("Viện Đo lường Việt Nam ký Biên bản").
      'Tại Hội nghị, Viện Đo lường Việt Nam ký Biên bản với các đối tác LMC; trước đó, hội nghị được tổ chức tại Bắc Kinh ngày 29/8/2023.',
      'Hội nghị chuyên đề LMC lần thứ 4 diễn ra ngày 29 tháng Tám năm 2023.',
    ])
      expect((await check(claim)).verdict, claim).toBe('supported');
  });

  it('reads the office a claim gives after "là" as what it says of the person it named by another', async () => {
    const c = await check('Thứ trưởng Lê Xuân Định là Tổng Thư ký IEC.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches[0]).toMatchObject({ kind: 'person', stated: 'Thứ trưởng Bộ KH&CN Lê Xuân Định' });
    // The same office twice is what the source says.
    expect((await check('Thứ trưởng Lê Xuân Định là Thứ trưởng Bộ KH&CN.')).verdict).toBe('supported');
  });

  it('names the office a claim gives a person first ("Tổng Thư ký IEC là ông …") against the one the source gives', async () => {
    for (const [claim, stated] of [
      ['Tổng Thư ký IEC là ông Lê Xuân Định.', 'Thứ trưởng Bộ KH&CN Lê Xuân Định'],
      ['Thứ trưởng Bộ KH&CN là ông Philippe Metzger.', 'Philippe Metzger, Tổng Thư ký'],
    ] as const) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0], claim).toMatchObject({ kind: 'person', stated });
    }
    expect((await check('Tổng Thư ký IEC là ông Philippe Metzger.')).verdict).toBe('supported');
    // "X là <office> <name>" gives the office to the name after it, not to X.
    const host = await check('Người tiếp ông Philippe Metzger là Bộ trưởng Lê Xuân Định.');
    expect(host.verdict).toBe('contradicted');
    expect(host.mismatches[0]).toMatchObject({ claimed: 'Bộ trưởng Lê Xuân Định', stated: 'Thứ trưởng Bộ KH&CN Lê Xuân Định' });
  });

  it('does not contradict membership of a body no article writes, and reads "is a member" in English as "là thành viên"', async () => {
    for (const claim of ['Việt Nam là thành viên của WTO.', 'Việt Nam là thành viên chính thức của ASEAN từ năm 1995.'])
      expect((await check(claim)).verdict, claim).toBe('not-found');
    // Another body where the source names the one that signed still contradicts.
    const signer = await check('Tại Hội nghị, Viện Khoa học Công nghệ Việt Nam đã ký kết Biên bản với các đối tác quốc tế trong LMC.');
    expect(signer.verdict).toBe('contradicted');
    expect(signer.mismatches[0]).toMatchObject({ kind: 'organisation', stated: 'Viện Đo lường Việt Nam' });
    const member = await check('Vietnam is a member of the IEC.');
    expect(member.verdict).toBe('contradicted');
    expect(member.mismatches[0]?.kind).toBe('modality');
    expect((await check('Việt Nam là thành viên IEC.')).verdict).toBe('contradicted');
    // Not yet a member agrees with the hope to become one.
    expect((await check('Vietnam is not yet a member of the IEC.')).verdict).not.toBe('contradicted');
    // Having become one in the past tense, also where the first evidence piece is the meeting's
    // sentence (for its date) and the hope to become one follows.
    for (const claim of ['Vietnam became a full member of the IEC in 2024.', 'Vietnam joined the IEC as a full member.']) {
      const c = await check(claim);
      expect(c.verdict, claim).toBe('contradicted');
      expect(c.mismatches[0]?.kind, claim).toBe('modality');
      expect(c.mismatches[0]?.stated, claim).toContain('trở thành');
    }
  });
});

describe('texts with several sentences', () => {
  it('carries a speaker named at the head of a paragraph to its later sentences, quoting the sentence that names them', async () => {
    const c = await check('Thứ trưởng Lê Xuân Định cho biết các doanh nghiệp Việt Nam ngày càng tiếp cận nhiều hơn với các tiêu chuẩn của IEC.');
    expect(c.verdict).toBe('contradicted');
    expect(c.mismatches.map((m) => [m.kind, m.claimed, m.stated])).toEqual([['person', 'Lê Xuân Định', 'Philippe Metzger']]);
    expect(c.evidence.find((e) => e.marker === c.mismatches[0]?.citation)?.quote).toMatch(/^Ông Philippe Metzger, Tổng Thư ký IEC cho biết/u);
    expect(
      (await check('Thứ trưởng Lê Xuân Định nhấn mạnh nhiều chuyên gia trẻ của Việt Nam đã tham gia và đóng góp hiệu quả vào hoạt động của IEC.')).verdict,
    ).toBe('contradicted');
    // The Vice Minister's wish, given to Mr Metzger; and the right speakers.
    expect((await check('Ông Philippe Metzger đề nghị IEC hỗ trợ Việt Nam xây dựng QCVN và TCVN.')).verdict).toBe('contradicted');
    expect(
      (await check('Ông Philippe Metzger cho biết nhiều chuyên gia trẻ của Việt Nam đã tham gia và đóng góp hiệu quả vào hoạt động của IEC.')).verdict,
    ).toBe('supported');
    expect((await check('Thứ trưởng Lê Xuân Định khẳng định các nội dung trao đổi này là tiền đề cho hợp tác giữa 2 bên trong thời gian tới.')).verdict).toBe(
      'supported',
    );
  });

  it('does not support a count of things the source never counts', async () => {
    expect((await check('Viện Đo lường Việt Nam đã ký kết Biên bản với hơn 10 đối tác quốc tế trong LMC.')).verdict).toBe('not-found');
    expect((await check('Hội nghị chuyên đề LMC lần thứ 4 đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc.')).verdict).toBe('supported');
  });

  it('does not contradict the date of an event the source does not report with the date of the one it does', async () => {
    for (const claim of ['Ông Philippe Metzger sinh ngày 5/6/1970.', 'Ông Philippe Metzger nhậm chức Tổng Thư ký IEC năm 2021.']) {
      expect((await check(claim)).verdict, claim).toBe('not-found');
    }
    for (const claim of ['Hội nghị LMC lần thứ 4 diễn ra ngày 30/8/2023.', 'Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger ngày 6/6/2024.']) {
      expect((await check(claim)).verdict, claim).toBe('contradicted');
    }
  });

  it('contradicts another edition given the reported one’s facts, and finds nothing of its own facts', async () => {
    const held = await check('Hội nghị chuyên đề LMC lần thứ 5 được tổ chức tại Bắc Kinh vào ngày 29 tháng 8 năm 2023.');
    expect([held.verdict, held.mismatches.map((m) => [m.claimed, m.stated])]).toEqual(['contradicted', [['lần thứ 5', 'lần thứ 4']]]);
    for (const claim of ['Hội nghị chuyên đề LMC lần thứ 5 sẽ được tổ chức tại Lào năm 2025.', 'Hội nghị LMC lần thứ 3 được tổ chức tại Vientiane năm 2021.']) {
      expect((await check(claim)).verdict, claim).toBe('not-found');
    }
  });

  it('reads names typed in lower case without marks as the capitalised claim', async () => {
    for (const [typed, cased] of [
      ['thu truong le xuan dinh la tong thu ky IEC', 'Thứ trưởng Lê Xuân Định là Tổng Thư ký IEC'],
      ['ong philippe metzger la thu truong', 'Ông Philippe Metzger là Thứ trưởng'],
      ['ong philippe metzger la tong thu ky IEC', 'Ông Philippe Metzger là Tổng Thư ký IEC'],
    ]) {
      expect((await check(typed as string)).verdict, typed).toBe((await check(cased as string)).verdict);
    }
    expect((await check('thu truong le xuan dinh la tong thu ky IEC')).verdict).toBe('contradicted');
  });

  it('checks each claim, skips the rest with the reason, and gives the worst verdict overall', async () => {
    const r = await engine.check(
      'Chào cả nhà! Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh. Ông Philippe Metzger là Tổng Thư ký IEC. Các bạn nghĩ sao? IEC hiện có 89 quốc gia thành viên chính thức.',
    );
    expect(r.claims.map((c) => c.verdict)).toEqual(['supported', 'supported', 'not-found']);
    r.claims.forEach(valid);
    expect(r.skipped).toEqual([
      { text: 'Chào cả nhà!', reason: 'greeting' },
      { text: 'Các bạn nghĩ sao?', reason: 'question' },
    ]);
    expect(r.verdict).toBe('not-found');
    expect(r.lang).toBe('vi');
  });

  it('refuses empty, over-long and claim-less texts as data, not errors', async () => {
    expect((await engine.check('  \n ')).refused).toBe('empty');
    expect((await engine.check('Hội nghị diễn ra tại Bắc Kinh. '.repeat(400))).refused).toBe('too-long');
    const none = await engine.check('Xin chào! Bạn có khỏe không?');
    expect(none).toMatchObject({ refused: 'no-claim', verdict: null, claims: [] });
    expect(none.skipped).toHaveLength(2);
    expect(engine.limits.maxCheckChars).toBeGreaterThanOrEqual(4096);
  });

  it('checks a yes/no question as the statement it asks about when asked to', async () => {
    const r = await engine.check('Có phải Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội không?', { single: true });
    expect(r.claims[0]?.claim).toBe('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội');
    expect(r.verdict).toBe('contradicted');
    expect((await engine.check('Có phải Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội không?')).refused).toBe('no-claim');
  });

  it('checks a text holding only a yes/no question as its statement with questionAsStatement, and nothing else changes', async () => {
    const asked = await engine.check('Có phải Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội không?', { questionAsStatement: true });
    expect(asked.claims.map((c) => c.claim)).toEqual(['Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội']);
    expect(asked.verdict).toBe('contradicted');
    // A greeting alone has no question to read as a statement.
    expect((await engine.check('Xin chào!', { questionAsStatement: true })).refused).toBe('no-claim');
    // Nor has a question that is not yes/no: "Bạn thấy sao?" states nothing (it had been checked
    // as the statement "Bạn thấy sao" and quoted a paragraph as "not found").
    for (const q of ['Bạn thấy sao?', 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?'])
      expect(await engine.check(q, { questionAsStatement: true }), q).toMatchObject({ refused: 'no-claim', claims: [] });
    // A statement beside a question: the statement is checked and the question skipped, as without the option.
    const both = await engine.check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Các bạn nghĩ sao?', { questionAsStatement: true });
    expect(both.claims.map((c) => c.verdict)).toEqual(['contradicted']);
    expect(both.skipped).toEqual([{ text: 'Các bạn nghĩ sao?', reason: 'question' }]);
  });

  it('skips a call to action and checks a statement with the same verb', async () => {
    const cta = await engine.check('Chia sẻ ngay nhé mọi người.');
    expect(cta).toMatchObject({ refused: 'no-claim', claims: [], skipped: [{ text: 'Chia sẻ ngay nhé mọi người.', reason: 'no-fact' }] });
    const r = await engine.check('Bộ KH&CN chia sẻ kinh nghiệm với IEC. Chia sẻ ngay nhé mọi người.');
    expect(r.claims.map((c) => c.claim)).toEqual(['Bộ KH&CN chia sẻ kinh nghiệm với IEC.']);
    expect(r.skipped).toEqual([{ text: 'Chia sẻ ngay nhé mọi người.', reason: 'no-fact' }]);
  });

  it('keeps to a filter', async () => {
    const r = await engine.check('Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.', { filter: { articleIds: ['iec-thanh-vien-2024'] } });
    expect(r.claims[0]?.verdict).toBe('not-found');
    expect(r.claims[0]?.evidence.every((e) => e.articleId === 'iec-thanh-vien-2024')).toBe(true);
  });
});
