import { describe, expect, it } from 'vitest';
import { actStated, doerAsked } from '../../src/answer/act-asked.js';

describe('questions for the doer of an act', () => {
  it('reads the act next to the question word, with marks, without, and in English', () => {
    for (const q of [
      'Sáng kiến Vành đai và Con đường do ai khởi xướng?',
      'sang kien vanh dai va con duong do ai khoi xuong',
      'Ai là người khởi xướng Sáng kiến Vành đai và Con đường?',
      'Who launched the Belt and Road Initiative?',
      'The Belt and Road Initiative was launched by whom?',
    ])
      expect(doerAsked(q)?.test('de xuong'), q).toBe(true);
    for (const q of ['Ai thành lập McKinsey & Company?', 'Người sáng lập Tập đoàn Oracle là ai?', 'Who founded the IEC?', 'Who was the founder of the IEC?'])
      expect(doerAsked(q)?.test('thanh lap'), q).toBe(true);
  });

  it('reads no act where the question word asks something else', () => {
    for (const q of [
      'Ai phát biểu tại hội nghị do Bộ chủ trì?',
      'Hội nghị LMC được thành lập năm nào?',
      'Ông Metzger giữ chức vụ gì?',
      'Who is the chair of the IPCC?',
      'Who spoke at the symposium hosted by China?',
    ])
      expect(doerAsked(q), q).toBeUndefined();
  });

  it('finds the act stated in any of its ways, and not in a paragraph that only names what was done', () => {
    const launched = doerAsked('Sáng kiến Vành đai và Con đường do ai khởi xướng?') as RegExp;
    expect(launched).toBeInstanceOf(RegExp);
    expect(actStated('Sáng kiến do Chủ tịch Trung Quốc đề xướng năm 2013.', launched)).toBe(true);
    expect(actStated('Sáng kiến BRI đã tạo ra nhiều cơ hội cho hợp tác đo lường trong khu vực.', launched)).toBe(false);
    const host = doerAsked('Ai chủ trì buổi làm việc với IEC?') as RegExp;
    expect(host).toBeInstanceOf(RegExp);
    expect(actStated('Thứ trưởng Lê Xuân Định cho biết tại buổi tiếp và làm việc với ông Philippe Metzger.', host)).toBe(true);
    expect(actStated('Hy vọng rằng sự hợp tác này sẽ tiếp tục phát triển.', host)).toBe(false);
  });
});
