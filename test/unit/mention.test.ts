import { describe, expect, it } from 'vitest';
import { findName, findPhrase, findWords, honoredName, mentionedPhrase } from '../../src/answer/mention.js';

describe('questions asking whether something is mentioned', () => {
  it.each([
    ['Tín chỉ carbon có được nhắc đến không?', 'Tín chỉ carbon'],
    ['Lào có được nhắc đến trong bài viết không?', 'Lào'],
    ['Xe điện có xuất hiện trong các bài viết đã lưu không?', 'Xe điện'],
    ['Bài viết có đề cập tới “Luật Tiêu chuẩn” không?', 'Luật Tiêu chuẩn'],
    ['Có nhắc tới ISO không?', 'ISO'],
    ['Các bài báo có nói đến Myanmar chưa?', 'Myanmar'],
    ['tin chi carbon co duoc nhac den khong', 'tin chi carbon'],
    ['bai viet co de cap den xe dien khong', 'xe dien'],
    ['Is carbon credit mentioned?', 'carbon credit'],
    ['Was Japan ever mentioned in the articles?', 'Japan'],
    ['Do the articles mention Myanmar?', 'Myanmar'],
    // An English article before the phrase is not part of it: the articles write "IEC".
    ['Is the IEC mentioned?', 'IEC'],
    ['Do the articles mention the Mekong?', 'Mekong'],
    ['Is “the IEC” mentioned?', 'IEC'],
    ['Is an electric vehicle mentioned?', 'electric vehicle'],
    ['Bài viết có đề cập gì đến xe điện không?', 'xe điện'],
    ['Có thông tin gì về tín chỉ carbon không?', 'tín chỉ carbon'],
    ['co thong tin ve xe dien khong', 'xe dien'],
    ['Does any article talk about electric vehicles?', 'electric vehicles'],
    ['Bài viết về IEC có nhắc tới trí tuệ nhân tạo không?', 'trí tuệ nhân tạo'],
    ['Bài báo của Bộ KH&CN có đề cập đến Lào không?', 'Lào'],
    ['bai viet ve IEC co nhac toi tri tue nhan tao khong', 'tri tue nhan tao'],
    // Without "có", as often typed.
    ['Lào được nhắc đến không?', 'Lào'],
    ['tin chi carbon duoc de cap trong bai viet khong', 'tin chi carbon'],
  ])('%s → %s', (q, phrase) => {
    expect(mentionedPhrase(q)).toBe(phrase);
  });

  it('leaves other questions, and claims about what someone said, to the answer and the check', () => {
    for (const q of [
      'Ông Metzger có nói về trí tuệ nhân tạo không?',
      'WHO đề cập bệnh gì đang là mối đe dọa đến sức khỏe toàn cầu?',
      'Chỉ thị nào ban hành vào năm 1994 được đề cập đến?',
      'Việt Nam đã là thành viên chính thức của IEC chưa?',
      'Which directive mentioned was created in 1994?',
      'Is Vietnam a full member of the IEC?',
      'Bài viết có được nhắc đến không?',
      'Is it mentioned?',
      // Read wrong, the phrase would be reported as never written: left to the answer.
      'Bài viết có nhắc đến gì không?',
    ])
      expect(mentionedPhrase(q), q).toBeNull();
  });
});

describe('finding the phrase in a paragraph', () => {
  const text = 'Hỗ trợ các lĩnh vực như xe điện, năng lượng tái tạo, tín chỉ carbon... Hội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm.';

  it('finds it as whole words, in any case, and typed without tone marks', () => {
    const at = findPhrase(text, 'Tín chỉ carbon');
    expect(at && text.slice(at.start, at.end)).toBe('tín chỉ carbon');
    const plain = findPhrase(text, 'tin chi carbon');
    expect(plain && text.slice(plain.start, plain.end)).toBe('tín chỉ carbon');
    expect(findPhrase(text, 'xe')).not.toBeNull();
    // Inside a word, or with other tone marks, it is not there.
    expect(findPhrase(text, 'điệ')).toBeNull();
    expect(findPhrase(text, 'xé điện')).toBeNull();
    expect(findPhrase(text, 'năng lượng gió')).toBeNull();
  });

  it('failing the phrase, finds a sentence holding all its words', () => {
    expect(findPhrase(text, 'Hội nghị LMC lần thứ 4')).toBeNull();
    const at = findWords(text, 'Hội nghị LMC lần thứ 4');
    expect(at && text.slice(at.start, at.end)).toBe('Hội nghị chuyên đề LMC lần thứ 4');
    // Words spread over two sentences are not a mention.
    expect(findWords(text, 'tín chỉ carbon LMC')).toBeNull();
  });
});

describe('a name asked with a courtesy title', () => {
  const P = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
  const at = (text: string, phrase: string) => {
    const r = findPhrase(text, phrase);
    return r ? text.slice(r.start, r.end) : null;
  };

  it('finds the whole name the article writes, with or without tone marks', () => {
    expect(honoredName('ông Định')).toBe('Định');
    expect(honoredName('Mr. Metzger')).toBe('Metzger');
    expect(honoredName('Lê Xuân Định')).toBeNull();
    expect(at(P, 'Ông Định')).toBe('Lê Xuân Định');
    expect(at(P, 'ong Dinh')).toBe('Lê Xuân Định');
    expect(at(P, 'ông Metzger')).toBe('Philippe Metzger');
    expect(at(P, 'Mr Metzger')).toBe('Philippe Metzger');
  });

  it('takes no common word and no longer name for it', () => {
    // "Hà" begins "Hà Nội"; "định" in "quyết định" is no name.
    expect(at(P, 'bà Hà')).toBeNull();
    expect(at('Bộ trưởng đã quyết định như vậy.', 'ông Định')).toBeNull();
    expect(findName('Ông Định Quán phát biểu.', 'Định')).toBeNull();
  });
});
