import { describe, expect, it } from 'vitest';
import { missingTitles } from '../../src/answer/titles.js';

const IEC = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';

describe('missingTitles', () => {
  it('names an office the article does not, though it has every word of it', () => {
    expect(missingTitles('Bộ trưởng Bộ KH&CN là ai?', IEC)).toEqual(['bộ trưởng']);
    expect(missingTitles('Ai là Phó Tổng Thư ký IEC?', IEC)).toEqual(['phó tổng thư ký']);
    expect(missingTitles('Phó Chủ tịch Hội đồng là ai?', 'Ông Nguyễn Văn A, Chủ tịch Hội đồng, phát biểu.')).toEqual(['phó chủ tịch']);
    expect(missingTitles('Chủ tịch Hội đồng là ai?', 'Ông Nguyễn Văn A, Phó Chủ tịch Hội đồng, phát biểu.')).toEqual(['chủ tịch']);
  });

  it('finds the office the article names, in any case and without tone marks', () => {
    expect(missingTitles('Thứ trưởng Bộ KH&CN là ai?', IEC)).toEqual([]);
    expect(missingTitles('Ai là tổng thư ký IEC?', IEC)).toEqual([]);
    // The general office answers for its short name.
    expect(missingTitles('Ai là Thư ký IEC?', IEC)).toEqual([]);
    expect(missingTitles('Giam doc cong ty la ai', 'Ông A, Tổng Giám đốc công ty, cho biết.')).toEqual([]);
    expect(missingTitles('thu truong bo khcn ten gi', IEC)).toEqual([]);
    expect(missingTitles('bo truong bo khcn la ai', IEC)).toEqual(['bo truong']);
    expect(missingTitles('Ông Philippe Metzger nói gì?', IEC)).toEqual([]);
  });

  it('leaves out, without tone marks, the offices that spell other words', () => {
    // "bi thu" is "bị thu (hồi)" as often as "bí thư".
    expect(missingTitles('xe bi thu hoi o dau', 'Chiếc xe đã bị thu hồi tại Hà Nội.')).toEqual([]);
    expect(missingTitles('xe bi thu hoi o dau', IEC)).toEqual([]);
    expect(missingTitles('Bí thư Tỉnh ủy là ai?', IEC)).toEqual(['bí thư']);
  });
});
