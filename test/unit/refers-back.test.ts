import { describe, expect, it } from 'vitest';
import { refersBack } from '../../src/answer/extractive.js';

describe('refersBack', () => {
  it('sees a demonstrative among the first six words', () => {
    expect(refersBack('Đây là điều đã xảy ra với bà Kim Denicola 56 tuổi (Mỹ).')).toBe(true);
    expect(refersBack('Kết quả này giúp Nhật Anh có thêm động lực để cố gắng.')).toBe(true);
    expect(refersBack('“Điều đó thật bất ngờ”, anh nói.')).toBe(true);
    expect(refersBack('Như vậy, bệnh nhân đã qua cơn nguy kịch.')).toBe(true);
    expect(refersBack('Các triệu chứng nói trên thường bị bỏ qua.')).toBe(true);
    expect(refersBack('ĐÂY LÀ LẦN ĐẦU TIÊN.')).toBe(true);
  });

  it('does not see one further on, inside another word, or a preposition', () => {
    expect(refersBack('Bệnh nhân được đưa đến bệnh viện này vào sáng 5/6.')).toBe(false);
    expect(refersBack('Trên Circulation, các nhà khoa học công bố kết quả.')).toBe(false);
    expect(refersBack('Ông Nàyla đến Hà Nội.')).toBe(false);
    expect(refersBack('Đấu trường đó rất rộng.')).toBe(true);
    expect(refersBack('Đấu trường rộng.')).toBe(false);
  });
});
