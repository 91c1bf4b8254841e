import { describe, expect, it } from 'vitest';
import { doneByAnother } from '../../src/answer/done-by-another.js';

const WISH =
  'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC và tham gia vào hoạt động xây dựng tiêu chuẩn quốc tế.';
const PROMISE = 'Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC trong thời gian sớm nhất.';
const SAID = 'Ông Philippe Metzger, Tổng Thư ký IEC cho biết, Việt Nam là quốc gia đang phát triển rất nhanh.';

describe('a quote saying another person did what the question asks of one', () => {
  it('is found when the quote writes the verb asked with another named person before it', () => {
    expect(doneByAnother('Ông Metzger mong muốn gì?', WISH)).toBe(true);
    expect(doneByAnother('ông Philippe Metzger mong muốn điều gì?', WISH)).toBe(true);
    expect(doneByAnother('ong Metzger mong muon gi', WISH)).toBe(true);
    expect(doneByAnother('Thứ trưởng Lê Xuân Định khẳng định gì?', PROMISE)).toBe(true);
  });

  it('is not found for the person asked, an office or no one before the verb, or a quote without the verb', () => {
    expect(doneByAnother('Thứ trưởng Lê Xuân Định mong muốn gì?', WISH)).toBe(false);
    expect(doneByAnother('Ông Định mong muốn gì?', WISH)).toBe(false);
    expect(doneByAnother('Ông Metzger khẳng định gì?', PROMISE)).toBe(false);
    // The office right before "cho biết" may be anyone's: nothing is said.
    expect(doneByAnother('Ông Định cho biết gì?', SAID)).toBe(false);
    expect(doneByAnother('Ông Metzger nói gì về Việt Nam?', WISH)).toBe(false);
    expect(doneByAnother('IEC mong muốn gì?', WISH)).toBe(false);
    // The person asked, named before the verb with an office between, is its subject; a place is no one.
    const office = 'Ông Trần Ngọc Tụ, Chi cục trưởng An toàn vệ sinh thực phẩm Hà Nội cho biết Sở Y tế thành lập 2 đoàn kiểm tra.';
    expect(doneByAnother('Ông Trần Ngọc Tụ cho biết điều gì?', office)).toBe(false);
    expect(doneByAnother('Ông Lê Văn Nam cho biết điều gì?', office.replace('Ông Trần Ngọc Tụ, ', ''))).toBe(false);
    expect(doneByAnother('Ai mong muốn IEC tạo điều kiện?', WISH)).toBe(false);
  });
});
