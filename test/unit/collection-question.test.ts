import { describe, expect, it } from 'vitest';
import { readCollectionQuestion } from '../../src/dialogue/collection.js';

const read = (q: string) => readCollectionQuestion(q, undefined, false);

describe('readCollectionQuestion', () => {
  it('reads counts and lists of the stored articles, with their topics', () => {
    expect(read('Có bao nhiêu bài viết?')).toEqual({ kind: 'count' });
    expect(read('Có bao nhiêu bài về IEC?')).toEqual({ kind: 'count', topic: 'IEC' });
    expect(read('co bao nhieu bai ve IEC')).toEqual({ kind: 'count', topic: 'IEC' });
    expect(read('Bao nhiêu bài đăng về đo lường?')).toEqual({ kind: 'count', topic: 'đo lường' });
    expect(read('How many articles mention metrology?')).toEqual({ kind: 'count', topic: 'metrology' });
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
