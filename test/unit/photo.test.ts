import { describe, expect, it } from 'vitest';
import { captionsAsked, photoQuestion } from '../../src/answer/photo.js';

describe('photoQuestion', () => {
  it('reads a photo named with its place, and what the rest of the question asks', () => {
    expect(photoQuestion('Bức ảnh thứ nhất trong bài về IEC ghi lại cảnh gì?')).toEqual({ rest: 'IEC gì?', ordinal: 1 });
    expect(photoQuestion('Ảnh cuối cùng trong bài về hội nghị LMC chụp gì?')).toEqual({ rest: 'hội nghị LMC gì?', ordinal: -1 });
    expect(photoQuestion('anh thu hai trong bai IEC chup gi')).toEqual({ rest: 'IEC gi', ordinal: 2 });
    expect(photoQuestion('What does the first photo in the article about IEC show?')).toMatchObject({ ordinal: 1 });
    // The article named without "trong": "bài IEC" is where the photo is, not words the article must have.
    expect(photoQuestion('Ảnh thứ hai bài IEC là cảnh gì?')).toEqual({ rest: 'IEC là gì?', ordinal: 2 });
    expect(photoQuestion('anh thu hai bai viet ve IEC chup gi')).toEqual({ rest: 'IEC gi', ordinal: 2 });
    // What its caption says, once the photo is named, and what it shows or illustrates: the rest
    // names the article. With nothing left ("… trong bài được chú thích như thế nào?"), no article is named.
    expect(photoQuestion('Ảnh đầu tiên trong bài IEC chú thích ghi gì?')).toEqual({ rest: 'IEC gì?', ordinal: 1 });
    expect(photoQuestion('anh dau tien trong bai IEC chu thich ghi gi')).toEqual({ rest: 'IEC gi', ordinal: 1 });
    expect(photoQuestion('Bức ảnh đầu tiên trong bài về IEC ghi lại khung cảnh gì?')).toEqual({ rest: 'IEC gì?', ordinal: 1 });
    expect(photoQuestion('Bức ảnh đầu tiên minh họa cho bài viết về buổi làm việc với IEC được chú thích như thế nào?')).toEqual({
      rest: 'buổi làm việc với IEC ?',
      ordinal: 1,
    });
    expect(photoQuestion('Buc anh dau tien trong bai ve IEC duoc chu thich nhu the nao')).toEqual({ rest: 'IEC', ordinal: 1 });
    expect(photoQuestion('Ảnh đầu tiên trong bài được chú thích như thế nào?')).toEqual({ rest: '?', ordinal: 1 });
    expect(photoQuestion('Chú thích của bức ảnh đầu tiên trong bài về IEC ghi gì?')).toEqual({ rest: 'IEC gì?', ordinal: 1 });
    // Who wrote the caption is no word of the article either; "Người ta chụp …" where no caption is asked for stays.
    expect(photoQuestion('À, thế còn tấm ảnh thứ hai thì người ta ghi chú thích thế nào nhỉ?')).toEqual({ rest: 'À, thế còn nhỉ?', ordinal: 2 });
    expect(photoQuestion('buc anh thu hai trong bai IEC thi nguoi ta ghi chu thich the nao')).toEqual({ rest: 'IEC', ordinal: 2 });
    expect(photoQuestion('Người ta đứng ở đâu trong bức ảnh đầu tiên?')).toEqual({ rest: 'Người ta đứng ở đâu trong ?', ordinal: 1 });
  });

  it('reads a caption or a photo without a place', () => {
    expect(photoQuestion('Theo chú thích ảnh, hai bên đã làm gì?')).toEqual({ rest: 'Theo , hai bên đã làm gì?' });
    expect(photoQuestion('Tấm hình trong bài về LMC có ai?')?.ordinal).toBeUndefined();
    // A bare "ảnh" in an article, or shot: the words left name the article.
    expect(photoQuestion('Ảnh trong bài LMC chụp gì?')).toEqual({ rest: 'LMC gì?' });
    expect(photoQuestion('Ảnh trong bài về đo lường chụp gì?')).toEqual({ rest: 'đo lường gì?' });
  });

  it('is no photo where "ảnh" is part of another word or a bare word', () => {
    expect(photoQuestion('Hợp tác ảnh hưởng thế nào đến Việt Nam?')).toBeNull();
    expect(photoQuestion('Những lĩnh vực nào nằm trong ảnh hưởng của các tiêu chuẩn IEC?')).toBeNull();
    expect(photoQuestion('Ảnh là gì?')).toBeNull();
    expect(photoQuestion('Anh Nam làm việc ở đâu?')).toBeNull();
    expect(photoQuestion('What is the image of Vietnam abroad?')).toBeNull();
    expect(photoQuestion('What is the big picture for IEC membership of Vietnam?')).toBeNull();
    // Typed without marks: "Tâm Anh" (a hospital), an elder brother.
    expect(photoQuestion('Benh vien Tam Anh o dau?')).toBeNull();
    expect(photoQuestion('Anh thu hai cua ong Dinh la ai?')).toBeNull();
  });

  it('finds the photo after a bare "ảnh", reads "cuối tuần" as no place, keeps "Cảnh sát"', () => {
    expect(photoQuestion('Ảnh hưởng của IEC đến Việt Nam, bức ảnh thứ hai chụp gì?')).toMatchObject({ ordinal: 2 });
    expect(photoQuestion('Bức ảnh cuối tuần trước chụp ai?')?.ordinal).toBeUndefined();
    expect(photoQuestion('Cảnh sát có trong bức ảnh không?')?.rest).toContain('Cảnh sát');
    // English: the place and where it was read are not what the article must have.
    expect(photoQuestion('What does the first photo in the IEC article show?')).toEqual({ rest: 'What does the IEC ?', ordinal: 1 });
  });
});

describe('captionsAsked', () => {
  const captions = ['Toàn cảnh buổi làm việc.', 'Hai bên chụp ảnh lưu niệm.'];
  const none = () => 0;
  it('takes the photo by its place, and none past the last', () => {
    expect(captionsAsked(captions, { rest: '', ordinal: 1 }, none)).toEqual([0]);
    expect(captionsAsked(captions, { rest: '', ordinal: -1 }, none)).toEqual([1]);
    expect(captionsAsked(captions, { rest: '', ordinal: 3 }, none)).toEqual([]);
  });
  it('else the caption with most of the question, else all', () => {
    expect(captionsAsked(captions, { rest: '' }, (c) => (c.includes('lưu niệm') ? 0.5 : 0))).toEqual([1]);
    expect(captionsAsked(captions, { rest: '' }, none)).toEqual([0, 1]);
    expect(captionsAsked([], { rest: '', ordinal: 1 }, none)).toEqual([]);
  });
});
