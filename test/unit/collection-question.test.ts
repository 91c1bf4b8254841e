import { describe, expect, it } from 'vitest';
import { readCollectionQuestion } from '../../src/dialogue/collection.js';

const read = (q: string) => readCollectionQuestion(q, undefined, false);

describe('readCollectionQuestion', () => {
  it('reads counts and lists of the stored articles, with their topics', () => {
    expect(read('Có bao nhiêu bài viết?')).toEqual({ kind: 'count' });
    expect(read('Có bao nhiêu bài về IEC?')).toEqual({ kind: 'count', topic: 'IEC' });
    expect(read('co bao nhieu bai ve IEC')).toEqual({ kind: 'count', topic: 'IEC' });
    expect(read('Bao nhiêu bài đăng về đo lường?')).toEqual({ kind: 'count', topic: 'đo lường' });
    // Asked through a verb of mentioning, each article is shown by where it writes the topic.
    expect(read('How many articles mention metrology?')).toEqual({ kind: 'count', topic: 'metrology', mentioned: true });
    expect(read('Bài nào nhắc đến ông Metzger?')).toEqual({ kind: 'list', topic: 'ông Metzger', mentioned: true });
    expect(read('Có bao nhiêu bài đề cập đến LMC?')).toEqual({ kind: 'count', topic: 'LMC', mentioned: true });
    expect(read('How many news articles are there?')).toEqual({ kind: 'count' });
    expect(read('Liệt kê các bài')).toEqual({ kind: 'list' });
    expect(read('Những bài nào nói về đo lường?')).toEqual({ kind: 'list', topic: 'đo lường' });
    expect(read('Which articles are about metrology?')).toEqual({ kind: 'list', topic: 'metrology' });
    expect(read('List the articles from')).toEqual({ kind: 'list' });
    expect(read('How many articles in 2024?')).toEqual({ kind: 'count' });
    expect(read('Có bao nhiêu bài trong tháng này?')).toEqual({ kind: 'count' });
    expect(read('Liệt kê các bài năm 2024 về đo lường')).toEqual({ kind: 'list', topic: 'đo lường' });
    expect(read('Có bao nhiêu bài viết trong kho?')).toEqual({ kind: 'count' });
    expect(read('Có bao nhiêu bài viết hiện nay?')).toEqual({ kind: 'count' });
    expect(read('Bao nhiêu bài tất cả?')).toEqual({ kind: 'count' });
    expect(read('Có bài nào về Phần Lan không?')).toEqual({ kind: 'list', topic: 'Phần Lan' });
    expect(read('Những bài nào đăng năm 2023?')).toEqual({ kind: 'list' });
    expect(read('What articles do you have on metrology?')).toEqual({ kind: 'list', topic: 'metrology' });
    expect(read('Show me all articles about IEC')).toEqual({ kind: 'list', topic: 'IEC' });
  });

  it('reads which articles name something, and when an article was published, as lists of them', () => {
    const mentioned = (topic: string) => ({ kind: 'list', topic, mentioned: true });
    expect(read('Tín chỉ carbon được nhắc đến trong bài nào?')).toEqual(mentioned('Tín chỉ carbon'));
    // As a follow-up to "Tín chỉ carbon có được nhắc đến không?" reads it.
    expect(read('Tín chỉ carbon có được nhắc đến trong bài nào?')).toEqual(mentioned('Tín chỉ carbon'));
    expect(read('Lancang-Mekong xuất hiện trong những bài nào?')).toEqual(mentioned('Lancang-Mekong'));
    expect(read('tin chi carbon duoc nhac den trong bai nao')).toEqual(mentioned('tin chi carbon'));
    expect(read('In which articles is metrology mentioned?')).toEqual(mentioned('metrology'));
    // What an article has in it, it names: "có trong", "nằm trong".
    expect(read('Tín chỉ carbon có trong bài nào?')).toEqual(mentioned('Tín chỉ carbon'));
    expect(read('Myanmar có trong những bài nào')).toEqual(mentioned('Myanmar'));
    expect(read('ha noi co trong bai nao')).toEqual(mentioned('ha noi'));
    expect(read('Hà Nội nằm trong bài nào?')).toEqual(mentioned('Hà Nội'));
    // "có" before the verb of mentioning changes nothing.
    expect(read('Bài nào có nhắc đến Trung Quốc?')).toEqual(mentioned('Trung Quốc'));
    expect(read('Bài nào có nhắc tới Hà Nội?')).toEqual(mentioned('Hà Nội'));
    expect(read('bai nao co de cap den Lao')).toEqual(mentioned('Lao'));
    expect(read('Những bài nào có nói về IEC?')).toEqual({ kind: 'list', topic: 'IEC' });
    expect(read('Bài viết về IEC đăng ngày nào?')).toEqual({ kind: 'list', topic: 'IEC' });
    expect(read('Bài về đo lường được đăng khi nào?')).toEqual({ kind: 'list', topic: 'đo lường' });
    expect(read('When was the article about IEC published?')).toEqual({ kind: 'list', topic: 'IEC' });
    // A song, a remedy, a paper's journal: what an article says.
    expect(read('Bài hát được viết năm nào?')).toBeNull();
    expect(read('Bài thuốc này được nhắc đến trong sách nào?')).toBeNull();
  });

  it('leaves questions about what articles say to the articles, when the noun has a predicate of its own', () => {
    // Questions of ViNewsQA dev that were answered with a count of the stored articles.
    expect(read('Bao nhiêu bài đăng đã được các nhà khoa học khảo sát?')).toBeNull();
    expect(read('Những yếu tố gì được thể hiện qua các bài đăng trên mạng xã hội?')).toBeNull();
    expect(read('bao nhieu bai dang da duoc cac nha khoa hoc khao sat')).toBeNull();
    // "bài" heading another noun: remedies, songs; posts and reports of someone else.
    expect(read('Liệt kê các bài thuốc chữa ho')).toBeNull();
    expect(read('Có bao nhiêu bài hát được phát hành?')).toBeNull();
    expect(read('How many posts did the researchers analyse?')).toBeNull();
    expect(read('How many reports were filed by the inspectors?')).toBeNull();
    // XQuAD: a count of things in a museum's collection, not of the stored articles.
    expect(read('Approximately how many items are in the costume collection of the V&A?')).toBeNull();
  });
});

describe('readCollectionQuestion with a period', () => {
  // The question as it reaches the reader: the period's own words taken out.
  const withPeriod = (rest: string) => readCollectionQuestion(rest, undefined, true);

  it('reads what happened in a period as a list of its articles', () => {
    // "Sự kiện nào diễn ra ngày 29/8/2023?", "Ngày 29/8/2023 có sự kiện gì?", "Tháng 6/2024 có tin gì?" …
    for (const rest of [
      'Sự kiện nào diễn ra',
      'Sự kiện nào diễn ra vào',
      'có sự kiện gì',
      'diễn ra sự kiện gì',
      'có tin gì',
      'co tin gi',
      'Điều gì đã xảy ra vào',
      'What happened on',
    ])
      expect(withPeriod(rest), rest).toEqual({ kind: 'list', events: true });
    expect(withPeriod('có sự kiện hợp tác đo lường nào')).toEqual({ kind: 'list', topic: 'hợp tác đo lường', events: true });
    // Asking for the news articles of a period is asking for its articles.
    expect(withPeriod('What news was there')).toEqual({ kind: 'list' });
  });

  it('leaves questions about someone in that period to the articles', () => {
    for (const rest of ['Thứ trưởng Lê Xuân Định tiếp ai', 'Hội nghị LMC diễn ra ở đâu', 'What did the minister say on', 'Sự kiện đó tổ chức ở đâu'])
      expect(withPeriod(rest), rest).toBeNull();
    // Without a period it is a question about an event, not a list.
    expect(read('Sự kiện nào diễn ra')).toBeNull();
  });
});
