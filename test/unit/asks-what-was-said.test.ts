import { describe, expect, it } from 'vitest';
import { asksWhatWasSaid } from '../../src/answer/extractive.js';

describe('asksWhatWasSaid', () => {
  it('sees a verb of saying right before "gì", with tone marks or without, and English "what … say"', () => {
    for (const q of [
      'Ông Lê Xuân Định nói gì?',
      'Ông ta nói gì về các chuyên gia trẻ Việt Nam?',
      'Thứ trưởng cho biết điều gì?',
      'Ông Metzger đã phát biểu những gì tại buổi làm việc?',
      'Thứ trưởng nhấn mạnh điều gì?',
      'ong dinh noi gi',
      'THỨ TRƯỞNG NÓI GÌ?',
      'What did Le Xuan Dinh say?',
      'What did the Secretary-General tell Vietnam?',
    ])
      expect(asksWhatWasSaid(q), q).toBe(true);
  });

  it('does not see other questions, a verb of saying elsewhere, or one inside another word', () => {
    for (const q of [
      'Ông Lê Xuân Định giữ chức vụ gì?',
      'Ai cho biết Bộ KH&CN đang nỗ lực sửa đổi Luật?',
      'Ông Metzger nói với ai?',
      'Nội dung gì được thảo luận?',
      'Bài viết nói về sự kiện nào?',
      'Who said that Vietnam is developing fast?',
      'Chuyên gia trẻ đóng góp gì?',
      'Họ bàn giao những gì?',
    ])
      expect(asksWhatWasSaid(q), q).toBe(false);
  });
});
