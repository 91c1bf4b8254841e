import { describe, expect, it } from 'vitest';
import { acronymSlots, missingAcronyms, namesWrittenIn } from '../../src/answer/confidence.js';
import { searchText } from '../../src/retrieve/coverage.js';

const LMC =
  'Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực\nVào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.\nHội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc.';
const article = (text: string) => ({ ...searchText(text), acronymSlots: acronymSlots(text) });
const missing = (question: string, text = LMC) => {
  const a = article(text);
  return missingAcronyms(question, a, namesWrittenIn(a, question));
};

describe('acronyms a question names in the place of its article’s own', () => {
  it('notes the words beside each acronym an article writes', () => {
    const slots = acronymSlots('Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, Bộ KH&CN và IEC.');
    expect([...slots].sort()).toEqual(['e:hoi nghi', 'e:hoi nghi:lmc', 'n:lan', 'n:va', 'p:bo', 'p:lancang-mekong', 'p:va'].sort());
    expect(acronymSlots('Giai đoạn II, AI và các bài viết')).toEqual(new Set());
  });

  it('finds another body or event named where the article names its own', () => {
    expect(missing('Hội nghị chuyên đề ASEAN lần thứ 4 tổ chức ở đâu?')).toEqual(['ASEAN']);
    expect(missing('Hội nghị chuyên đề IEC lần thứ 4 diễn ra khi nào?')).toEqual(['IEC']);
    expect(missing('hoi nghi chuyen de APEC lan thu 4 o dau')).toEqual(['APEC']);
  });

  it('finds a meeting named by an acronym the article never names its meetings by', () => {
    expect(missing('Việt Nam cam kết gì tại hội nghị ASEAN?')).toEqual(['ASEAN']);
    // BRI is written, but as the name of an initiative, never of a Hội nghị.
    const bri = `${LMC} Sáng kiến Vành đai và Con đường (BRI) tạo ra nhiều cơ hội.`;
    expect(missing('Hội nghị BRI lần 4 tổ chức ở đâu?', bri)).toEqual(['BRI']);
    expect(missing('Hội nghị LMC lần 4 tổ chức ở đâu?', bri)).toEqual([]);
    expect(missing('Việt Nam cam kết gì tại hội nghị LMC?', bri)).toEqual([]);
    // A place or a partner after the noun does not name the meeting; nor does an article whose meetings have no acronym.
    expect(missing('Hội nghị tại TP HCM có những ai?', bri)).toEqual([]);
    expect(missing('Hội nghị chứng kiến VN thể hiện điều gì vậy', bri)).toEqual([]);
    expect(missing('Hội nghị ASEAN diễn ra ở đâu?', 'Hội nghị về đo lường được tổ chức tại Hà Nội, cùng các đối tác LMC.')).toEqual([]);
  });

  it('leaves acronyms the article writes, or writes another way, and acronyms in no slot of its own', () => {
    expect(missing('Hội nghị chuyên đề LMC lần thứ 4 tổ chức ở đâu?')).toEqual([]);
    // "VN" is "Việt Nam", "Thailand" a place the article spells in Vietnamese.
    expect(missing('LMC lần thứ 4 có VN tham gia không?')).toEqual([]);
    // One letter off in a long acronym is a slip: "Hiệp hội ASEANN" for "ASEAN".
    expect(missing('Hội nghị chuyên đề ASEANN lần thứ 4 ở đâu?', LMC.replace(/LMC/g, 'ASEAN'))).toEqual([]);
    // An acronym beside words the article writes none beside is not in its place ("Theo AAA, …").
    expect(missing('Theo WHO, hợp tác đo lường có lợi gì?')).toEqual([]);
  });

  it('does not read capitals typed for emphasis, "AI" (who), Roman numerals or English questions', () => {
    expect(missing('HỘI NGHỊ CHUYÊN ĐỀ ASEAN LẦN THỨ 4 Ở ĐÂU?')).toEqual([]);
    expect(missing('AI lần thứ 4 tổ chức hội nghị?')).toEqual([]);
    expect(missing('Hội nghị chuyên đề II lần thứ 4 ở đâu?')).toEqual([]);
    expect(missing('Where was the 4th ASEAN symposium held, the LMC one?')).toEqual([]);
  });
});
