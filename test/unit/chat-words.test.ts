import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question-type.js';
import { expandChatWords } from '../../src/text/chat-words.js';

describe('expandChatWords', () => {
  it('writes out the short forms chats type, as whole words', () => {
    expect(expandChatWords('HN LMC lần 4 đánh dấu 70 năm quan hệ VN-TQ đúng ko?')).toBe('HN LMC lần 4 đánh dấu 70 năm quan hệ VN-TQ đúng không?');
    expect(expandChatWords('IEC hỗ trợ VN đc gì, ntn?')).toBe('IEC hỗ trợ VN được gì, như thế nào?');
    expect(expandChatWords('Thứ trưởng làm việc vs ai, nói j?')).toBe('Thứ trưởng làm việc với ai, nói gì?');
    expect(expandChatWords('Hội nghị diễn ra ở Bắc Kinh phải k?')).toBe('Hội nghị diễn ra ở Bắc Kinh phải không?');
    expect(expandChatWords('Bộ có ký biên bản hông')).toBe('Bộ có ký biên bản không');
    // Before a chat's closing particles too.
    expect(expandChatWords('Hội nghị tổ chức ở Bắc Kinh đúng k ạ?')).toBe('Hội nghị tổ chức ở Bắc Kinh đúng không ạ?');
  });

  it('keeps a text typed without tone marks unmarked', () => {
    expect(expandChatWords('hoi nghi lmc o bac kinh dung ko')).toBe('hoi nghi lmc o bac kinh dung khong');
    expect(expandChatWords('iec giup vn dc gi')).toBe('iec giup vn duoc gi');
  });

  it('leaves other words, capitals, joined forms and English alone', () => {
    // "k" only at the end; "hông" (the hip) and "hong" (folded "hồng", "hỏng") only at the end.
    expect(expandChatWords('Giá 5 k một vé ở đâu?')).toBe('Giá 5 k một vé ở đâu?');
    expect(expandChatWords('Bệnh nhân đau hông phải làm gì?')).toBe('Bệnh nhân đau hông phải làm gì?');
    expect(expandChatWords('hoa hong mau gi')).toBe('hoa hong mau gi');
    expect(expandChatWords('Ông KO ở đâu?')).toBe('Ông KO ở đâu?');
    expect(expandChatWords('kh&cn la gi')).toBe('kh&cn la gi');
    expect(expandChatWords('Who won Vietnam vs Thailand, ko or not?')).toBe('Who won Vietnam vs Thailand, ko or not?');
    expect(expandChatWords('Không có gì')).toBe('Không có gì');
    // The hip, a point of a law, and a final "k" of a question that does not ask whether.
    expect(expandChatWords('Ông ấy bị đau ở hông?')).toBe('Ông ấy bị đau ở hông?');
    expect(expandChatWords('Điểm j khoản 1 Điều 8 quy định gì?')).toBe('Điểm j khoản 1 Điều 8 quy định gì?');
    expect(expandChatWords('Giá vé là 50 k?')).toBe('Giá vé là 50 k?');
  });

  it('reads "bn" as "bao nhiêu" only where "bạn" cannot stand', () => {
    expect(expandChatWords('phi thanh vien IEC VN phai dong bn')).toBe('phi thanh vien IEC VN phai dong bao nhieu');
    expect(expandChatWords('Kinh phí là bn vậy?')).toBe('Kinh phí là bao nhiêu vậy?');
    expect(expandChatWords('IEC co bn thanh vien')).toBe('IEC co bao nhieu thanh vien');
    // "bạn": a friend asked after, called, or a subject.
    expect(expandChatWords('có bn nào biết ko')).toBe('có bn nào biết không');
    expect(expandChatWords('bn ơi cho hỏi IEC là gì')).toBe('bn ơi cho hỏi IEC là gì');
    expect(expandChatWords('bn can bo sang Bac Kinh')).toBe('bn can bo sang Bac Kinh');
    // After a particle, or before a verb, it addresses someone.
    expect(expandChatWords('IEC là viết tắt của gì vậy bn?')).toBe('IEC là viết tắt của gì vậy bn?');
    expect(expandChatWords('Có bn biết IEC là gì ko?')).toBe('Có bn biết IEC là gì không?');
    expect(expandChatWords('nhiet do cao bn do?')).toBe('nhiet do cao bao nhieu do?');
  });

  it('lets the question rules read what was typed', () => {
    expect(analyzeQuestion(expandChatWords('LMC lần 4 họp ở Bắc Kinh đúng ko?')).yesNo).toBe(true);
    expect(analyzeQuestion('LMC lần 4 họp ở Bắc Kinh đúng ko?').yesNo).toBe(false);
  });
});
