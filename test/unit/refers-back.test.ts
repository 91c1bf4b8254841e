import { describe, expect, it } from 'vitest';
import { refersBack } from '../../src/answer/extractive.js';

describe('refersBack', () => {
  it('sees a demonstrative, or a pronoun among the first two words', () => {
    expect(refersBack('Đây là điều đã xảy ra với bà Kim Denicola 56 tuổi (Mỹ).')).toBe(true);
    expect(refersBack('Kết quả này giúp Nhật Anh có thêm động lực để cố gắng.')).toBe(true);
    expect(refersBack('“Điều đó thật bất ngờ”, anh nói.')).toBe(true);
    expect(refersBack('Như vậy, bệnh nhân đã qua cơn nguy kịch.')).toBe(true);
    expect(refersBack('Các triệu chứng nói trên thường bị bỏ qua.')).toBe(true);
    expect(refersBack('Bộ giao thức X.25 sử dụng loại mạng này.')).toBe(true);
    expect(refersBack('Nó cũng được biết đến với cái tên plastome.')).toBe(true);
    expect(refersBack('Sau đó họ rời đi.')).toBe(true);
    expect(refersBack('ĐÂY LÀ LẦN ĐẦU TIÊN.')).toBe(true);
  });

  it('sees a kinship word opening a sentence as a pronoun, not before a name', () => {
    expect(refersBack('Anh ấy cũng là thủ quân lớn tuổi nhất từng chơi trong trận Super Bowl.')).toBe(true);
    expect(refersBack('Ông cho biết bệnh viện đã chuẩn bị từ tháng trước.')).toBe(true);
    expect(refersBack('“Bà ta không nói gì”, người hàng xóm kể.')).toBe(true);
    expect(refersBack('Ông Dewhurs quyết định hiến thận cho người hàng xóm.')).toBe(false);
    expect(refersBack('Anh Quốc là nước đầu tiên áp dụng quy định.')).toBe(false);
    expect(refersBack('Bàn thắng đến ở phút 90.')).toBe(false);
  });

  it('does not see them inside other words, a pronoun further on, or a preposition', () => {
    expect(refersBack('Trên Circulation, các nhà khoa học công bố kết quả.')).toBe(false);
    expect(refersBack('Ông Nàyla đến Hà Nội, hiện nay ông sống ở Huế.')).toBe(false);
    expect(refersBack('Bác sĩ khuyên người bệnh nên nghỉ ngơi vì họ cần hồi phục.')).toBe(false);
    expect(refersBack('Đấu trường rộng.')).toBe(false);
  });
});
