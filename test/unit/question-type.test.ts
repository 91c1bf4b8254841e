import { describe, expect, it } from 'vitest';
import { type FactKind, analyzeQuestion, askedVerb, expandedAcronym, focusWords, retrievalQuery, withoutSaying } from '../../src/answer/question-type.js';
import { stripMarks } from '../../src/text/normalize.js';

const kind = (q: string) => analyzeQuestion(q).kind;

describe('question kinds', () => {
  const cases: Array<[string, FactKind]> = [
    ['Ai là Tổng Thư ký IEC?', 'person'],
    ['Ai đại diện Bộ KH&CN gặp IEC?', 'person'],
    ['Đo lường góp phần bảo vệ sức khỏe của ai?', 'person'],
    ['Người nào ký Biên bản?', 'person'],
    ['Hội nghị LMC lần thứ 4 được tổ chức ở đâu?', 'place'],
    ['Buổi làm việc diễn ra tại đâu?', 'place'],
    ['Hội nghị diễn ra đâu?', 'place'],
    ['Trụ sở của IEC đặt ở thành phố nào?', 'place'],
    ['Hội nghị diễn ra khi nào?', 'date'],
    ['Vào ngày nào hai bên làm việc?', 'date'],
    ['Giai đoạn hai kéo dài từ năm nào đến năm nào?', 'date'],
    ['Có bao nhiêu nước tham gia?', 'number'],
    ['Có mấy nước tham gia?', 'number'],
    ['Dự án kéo dài mấy tháng?', 'number'],
    ['Ca phẫu thuật kéo dài bao lâu?', 'number'],
    ['Tỷ lệ tử vong là bao nhiêu?', 'number'],
    ['IEC là gì?', 'abbreviation'],
    ['KH&CN là viết tắt của gì?', 'abbreviation'],
    ['Resveratrol là gì?', 'definition'],
    ['Vì sao bệnh nhân phải mổ?', 'reason'],
    ['Tại sao Việt Nam sửa luật?', 'reason'],
    ['Nguyên nhân nào gây bệnh?', 'reason'],
    ['Hợp tác diễn ra như thế nào?', 'manner'],
    ['Phía Việt Nam mong IEC hỗ trợ xây dựng QCVN và TCVN theo yêu cầu nào?', 'manner'],
    ['Viện Đo lường Việt Nam đã ký kết gì?', 'other'],
    ['Mục tiêu của ông He là gì?', 'other'],
    // A name asked of an office is a person; of anything else, not.
    ['Tổng Thư ký IEC tên là gì?', 'person'],
    ['Thu truong bo y te ten gi', 'person'],
    ['Có phải ông Metzger là Tổng Thư ký IEC không?', 'yesno'],
    ['Việt Nam đã là thành viên chính thức của IEC chưa?', 'yesno'],
    ['Hội nghị tổ chức ở Bắc Kinh đúng không?', 'yesno'],
    ['Who is the General Secretary of the IEC?', 'person'],
    ['Where was the symposium held?', 'place'],
    ['In which year did Vietnam join?', 'date'],
    ['How many countries took part?', 'number'],
    ['How much time remained on the clock when the game ended?', 'number'],
    ['What does IEC stand for?', 'abbreviation'],
    ['What does BRI stand for in the metrology article?', 'abbreviation'],
    ['Why did the ministry amend the law?', 'reason'],
    ['Is Vietnam a full member of the IEC?', 'yesno'],
  ];
  it.each(cases)('%s → %s', (q, k) => {
    expect(kind(q)).toBe(k);
  });

  it('reads "tên là gì" as asking for a person only after an office', () => {
    expect(kind('Loại thuốc này tên là gì?')).not.toBe('person');
    expect(kind('Bệnh viện đó tên gì?')).not.toBe('person');
    // English: the name of an office's holder.
    expect(kind('What is the name of the IEC Secretary General?')).toBe('person');
    expect(kind("What is the IEC Secretary General's name?")).toBe('person');
    expect(kind('What is the name of the conference?')).not.toBe('person');
    expect(kind("What is the drug's name?")).not.toBe('person');
  });

  it('reads questions typed without tone marks by the same rules', () => {
    for (const [q, k] of cases.filter(([q]) => /[^\x00-\x7f]/.test(q))) {
      // Without marks "mấy" is also "máy" (machine): only "mấy" before a counted noun is kept.
      expect(kind(stripMarks(q)), stripMarks(q)).toBe(k);
    }
  });

  it('reads "tháng mấy" as asking for a date, only typed with marks', () => {
    expect(kind('Hội nghị LMC được tổ chức vào tháng mấy?')).toBe('date');
    // "Năm mấy tuổi" asks for an age.
    expect(kind('Năm mấy tuổi thì cô quyết định giảm cân?')).toBe('number');
    // Without marks "thang may" is also "thang máy" (a lift).
    expect(kind('Thang may o dau?')).toBe('place');
  });

  it('sees Vietnamese question words that \\b would miss, and only as whole words', () => {
    // "ở", "tại", "ai" are words of their own: inside "bở", "tạiđó" or "mai" they are not.
    expect(kind('Họ gặp nhau ở đâu?')).toBe('place');
    expect(kind('Bệnh viện ở đâu?')).toBe('place');
    expect(kind('Ngày mai hội nghị bàn gì?')).toBe('other');
    expect(kind('Ông Metzger nói gì về IEC?')).toBe('other');
    // "không" holds "ông" but asks nothing about a person.
    expect(analyzeQuestion('Hội nghị có diễn ra không?').yesNo).toBe(true);
  });

  it('reads "có … hay không" inside another question as part of it, not as a yes/no question', () => {
    for (const q of [
      'Xét nghiệm nào cho biết có mắc ung thư hay không?',
      'Cách kiểm tra xem thực phẩm có bị nhiễm độc hay không?',
      'Tên của thuộc tính để chỉ ra số đó có là số nguyên tố hay không?',
      'cach kiem tra xem thuc pham co bi nhiem doc hay khong',
    ])
      expect(analyzeQuestion(q).yesNo, q).toBe(false);
    for (const q of [
      'Việt Nam có phải thành viên IEC hay không?',
      'Bạn có biết Việt Nam có là thành viên IEC hay không?',
      'Ông Metzger có nói Việt Nam phát triển nhanh hay không?',
    ])
      expect(analyzeQuestion(q).yesNo, q).toBe(true);
  });

  it('does not read "ở đầu" (at the start) as "ở đâu" (where) in a question with marks', () => {
    expect(kind('Điều gì được nêu ở đầu bài?')).toBe('other');
  });

  it('does not read what something is based on ("dựa vào đâu", "căn cứ vào đâu") as a place', () => {
    expect(kind('Các quy chuẩn kỹ thuật quốc gia được xây dựng dựa vào đâu?')).toBe('other');
    expect(kind('Quy chuẩn được ban hành dựa trên đâu?')).toBe('other');
    expect(kind('quy chuan duoc ban hanh can cu vao dau')).toBe('other');
    // Typed without marks, "dua vao dau" is also "đưa vào đâu" (put where).
    expect(kind('thiet bi duoc dua vao dau')).toBe('place');
    expect(kind('Thiết bị được đưa vào đâu?')).toBe('place');
  });

  it('does not take "AI" in capitals for the question word "ai"', () => {
    expect(kind('Ứng dụng AI trong y tế như thế nào?')).toBe('manner');
    expect(kind('ai phat trien AI')).toBe('person');
  });

  it('reads an English question that offers alternatives as asking which, not whether', () => {
    expect(analyzeQuestion('Did Norway join the European Union in 1972?').yesNo).toBe(true);
    expect(analyzeQuestion('Did Norway join the European Union or not?').yesNo).toBe(true);
    expect(analyzeQuestion('Is the focus on spiritual mentorship in Hinduism high or low?').yesNo).toBe(false);
    expect(analyzeQuestion('Were the tapes restored without loss, or did some aspects of them lose legitimacy?').yesNo).toBe(false);
    // "or" inside a word is no alternative.
    expect(analyzeQuestion('Is the organisation a member of IEC?').yesNo).toBe(true);
  });

  it('does not take nouns for question openers', () => {
    expect(analyzeQuestion('Liệu trình phục hồi được đề ra là gì?').yesNo).toBe(false);
    expect(analyzeQuestion('Do luong duoc coi la yeu to quan trong trong viec gi?').yesNo).toBe(false);
    expect(kind('Đâu là nguyên nhân gây bệnh?')).toBe('reason');
  });

  it('knows list questions, the noun a "… nào" question names, and the term a "là gì" question asks about', () => {
    expect(analyzeQuestion('Những quốc gia nào tham gia hội nghị?')).toMatchObject({ kind: 'place', list: true });
    expect(analyzeQuestion('Which countries took part?')).toMatchObject({ list: true, head: 'quốc gia' });
    // An English list question's noun, in the Vietnamese the articles write.
    expect(analyzeQuestion('What areas of emerging technology did Metzger mention?')).toMatchObject({ list: true, head: 'lĩnh vực' });
    expect(analyzeQuestion('Which ministries build the regulations?').head).toBe('Bộ');
    expect(analyzeQuestion('Which people attended?').list).toBe(true);
    expect(analyzeQuestion('Which people attended?').head).toBeUndefined();
    expect(analyzeQuestion('Tên của sân vận động mà các đội đã chơi là gì?').list).toBe(false);
    // Asked to list them ("liệt kê", "kể tên"), but not to name one of them ("Kể tên một …").
    expect(analyzeQuestion('Hãy liệt kê các lĩnh vực IEC được đề nghị hỗ trợ.').list).toBe(true);
    expect(analyzeQuestion('ke ten cac nuoc LMC').list).toBe(true);
    // The noun that classifies what is asked, before the words describing it.
    expect(analyzeQuestion('Việt Nam tham dự hội nghị đo lường nào?').head).toBe('hội nghị');
    expect(analyzeQuestion('Bộ làm việc với tổ chức quốc tế nào?')).toMatchObject({ head: 'tổ chức', described: 'quốc tế' });
    expect(analyzeQuestion('Bộ làm việc với tổ chức nào?').described).toBeUndefined();
    expect(analyzeQuestion('viet nam tham du hoi nghi do luong nao').head).toBe('hoi nghi');
    expect(analyzeQuestion('Hội nghị LMC diễn ra ở thành phố nào?').head).toBe('thành phố');
    expect(analyzeQuestion('Thứ trưởng làm việc với đối tác nào?').head).toBe('đối tác');
    // Words that classify themselves stay the head, whatever comes before ("tổ chức" the verb).
    expect(analyzeQuestion('Việt Nam tổ chức hội nghị nào?').head).toBe('hội nghị');
    expect(analyzeQuestion('viet nam to chuc hoi nghi nao').head).toBe('hoi nghi');
    expect(analyzeQuestion('Hai bên thỏa thuận lĩnh vực nào?').head).toBe('lĩnh vực');
    expect(analyzeQuestion('Tại hội nghị quốc gia nào phát biểu đầu tiên?').head).toBe('quốc gia');
    expect(analyzeQuestion('Kể tên một nhánh cao cấp của Toyota.').list).toBe(false);
    // "mấy … nào" is speech's "những … nào"; "mấy" alone still asks how many.
    expect(analyzeQuestion('Ngoài Việt Nam mình ra thì còn mấy nước nào trong khu vực cũng góp mặt ở hội nghị đó vậy bạn?')).toMatchObject({
      kind: 'place',
      list: true,
    });
    expect(analyzeQuestion('Hội nghị có mấy nước tham dự?')).toMatchObject({ kind: 'number', list: false });
    // After another question word of its clause, "mấy" is the plural too; not across a comma, nor
    // after "ai" or "sao", which are also words, nor after a word that only holds one ("giữa").
    expect(analyzeQuestion('Viện đánh giá cao vai trò của hợp tác đo lường trong việc xây dựng cái gì giữa mấy nước LMC vậy bạn?').kind).not.toBe('number');
    expect(analyzeQuestion('Bộ nào cử đoàn sang mấy nước LMC?').kind).not.toBe('number');
    for (const q of [
      'Hội nghị ở đâu, mấy nước tới dự?',
      'Ai Cập cử mấy chuyên gia?',
      'Ngôi sao có mấy cánh?',
      'Trong giai đoạn giữa hai hội nghị có mấy dự án?',
    ])
      expect(analyzeQuestion(q).kind).toBe('number');
    // A purpose is a reason answered by what follows "nhằm", "để".
    expect(analyzeQuestion('Việc IEC hỗ trợ đào tạo nhằm mục đích gì?')).toMatchObject({ kind: 'reason', purpose: true });
    expect(analyzeQuestion('bac si dung thuoc de lam gi')).toMatchObject({ kind: 'reason', purpose: true });
    expect(analyzeQuestion('Vì sao bệnh nhân nhập viện?').purpose).toBeUndefined();
    expect(analyzeQuestion('Bộ KH&CN đang sửa đổi luật nào?').head).toBe('đổi luật');
    expect(analyzeQuestion('Những bộ nào xây dựng quy chuẩn?').head).toBe('bộ');
    expect(analyzeQuestion('Hợp tác như thế nào?').head).toBeUndefined();
    // Before "gì", only a noun that names what it stands for: most words there are verbs.
    expect(analyzeQuestion('Bộ KH&CN đang sửa luật gì?').head).toBe('luật');
    expect(analyzeQuestion('Viện Đo lường ký biên bản gì?').head).toBe('biên bản');
    expect(analyzeQuestion('Việt Nam ký kết gì?').head).toBeUndefined();
    expect(analyzeQuestion('Hội nghị tổ chức gì?').head).toBeUndefined();
    expect(analyzeQuestion('IEC là gì?').subject).toBe('IEC');
    expect(analyzeQuestion('KH&CN là viết tắt của gì?').subject).toBe('KH&CN');
    // "viết tắt là gì" asks for the expansion, not a definition of "TCVN viết tắt".
    expect(analyzeQuestion('TCVN viết tắt là gì?')).toMatchObject({ kind: 'abbreviation', subject: 'TCVN' });
    // A chat's particle after "là gì", before asking for the full name.
    expect(analyzeQuestion('BRI là gì vậy, tên đầy đủ tiếng Việt?')).toMatchObject({ kind: 'abbreviation', subject: 'BRI' });
    expect(analyzeQuestion('BRI la gi vay, ten day du tieng viet')).toMatchObject({ kind: 'abbreviation', subject: 'BRI' });
    // A briefing's wording: the acronym after "chữ / cụm từ viết tắt", its framing words not evidence.
    for (const [q, acronym] of [
      ['Tên đầy đủ của chữ viết tắt QCVN được nêu trong báo cáo là gì?', 'QCVN'],
      ['Cụm từ viết tắt KH&CN trong tên Bộ được dùng để chỉ lĩnh vực nào?', 'KH&CN'],
      ['Tên đầy đủ bằng tiếng Việt của tổ chức viết tắt là IEC là gì?', 'IEC'],
    ] as const) {
      const a = analyzeQuestion(q);
      expect(a, q).toMatchObject({ kind: 'abbreviation', subject: acronym });
      expect(expandedAcronym(q, a), q).toBe(acronym);
    }
    expect(analyzeQuestion('Tác nhân gây ra bệnh sởi là gì?').kind).toBe('other');
    // "mục tiêu gì" asks for a purpose, as "mục đích gì" does; "Mục tiêu của … là gì?" is left as asked.
    expect(analyzeQuestion('Việc sửa luật hướng tới những mục tiêu gì?')).toMatchObject({ kind: 'reason', purpose: true });
    expect(analyzeQuestion('Mục tiêu của đề án là gì?').kind).not.toBe('reason');
    // "theo yêu cầu nào" asks how, naming no requirement to look for; "theo quy định nào" asks for a regulation.
    expect(analyzeQuestion('Phía Việt Nam đề nghị IEC hỗ trợ xây dựng QCVN, TCVN theo yêu cầu nào?').head).toBeUndefined();
    expect(analyzeQuestion('Việc này làm theo quy định nào?').head).toBe('quy định');
    expect(analyzeQuestion('Theo quy định nào thì việc này làm như thế nào?').head).toBe('quy định');
  });

  it('reads the term of a "là gì" question after a chat opening, and "tên (đầy đủ) của" an acronym as its expansion', () => {
    for (const [q, acronym] of [
      ['Cho mình hỏi TCVN nghĩa là gì?', 'TCVN'],
      ['Bạn ơi, cho mình hỏi IEC là gì?', 'IEC'],
      ['Nêu tên đầy đủ của TCVN theo bài viết.', 'TCVN'],
      ['Tên tiếng Việt đầy đủ của IEC được dùng trong bài là gì?', 'IEC'],
      ['ten day du cua IEC la gi', 'IEC'],
    ] as const) {
      expect(analyzeQuestion(q), q).toMatchObject({ kind: 'abbreviation', subject: acronym });
    }
    expect(analyzeQuestion('Cho mình hỏi đo lường là gì?')).toMatchObject({ kind: 'definition', subject: 'đo lường' });
    // A person's full name is not an expansion.
    expect(analyzeQuestion('Tên đầy đủ của ông Định là gì?').kind).not.toBe('abbreviation');
    // Nor the name of something an acronym only qualifies.
    expect(analyzeQuestion('Tên của CLB vô địch V-League 2023 là gì?').kind).not.toBe('abbreviation');
    expect(analyzeQuestion('Tên của CEO Vingroup là gì?').kind).not.toBe('abbreviation');
  });
});

describe('retrieval query and focus words', () => {
  it('leaves the question words out of retrieval, with a break so that no word pair spans them', () => {
    expect(retrievalQuery('Hội nghị LMC tổ chức ở đâu?')).toBe('Hội nghị LMC tổ chức  , ?');
    expect(retrievalQuery('Ai là Tổng Thư ký IEC?')).toBe(' ,  là Tổng Thư ký IEC?');
    // Words that also name what is asked stay.
    expect(retrievalQuery('Nguyên nhân nào gây bệnh?')).toContain('Nguyên nhân');
    expect(retrievalQuery('Ai?')).toBe('Ai?');
  });

  it('finds the words next to the question words', () => {
    expect(focusWords('Thứ trưởng Lê Xuân Định sinh năm nào?', analyzeQuestion('Thứ trưởng Lê Xuân Định sinh năm nào?'))).toEqual(['định', 'sinh']);
    expect(focusWords('Ai là Chủ tịch IEC?', analyzeQuestion('Ai là Chủ tịch IEC?'))).toEqual(['chủ', 'tịch']);
    expect(focusWords('Hội nghị có diễn ra không?', analyzeQuestion('Hội nghị có diễn ra không?'))).toEqual(['nghị', 'diễn']);
  });
});

describe('analyzeQuestion asked the same question again', () => {
  it('gives the same analysis as analysing it afresh, and one that cannot be changed', () => {
    const questions = ['Bệnh viện nào đã tiếp nhận bệnh nhân?', 'IEC là gì?', 'Ai là người ký?', 'benh vien nao da tiep nhan?', 'Có phải ông ấy đã ký không?'];
    for (const q of questions) {
      const first = analyzeQuestion(q);
      const again = analyzeQuestion(q);
      expect(again).toBe(first);
      // Another question in between: analysed afresh, the same analysis.
      analyzeQuestion(`${q} nữa`);
      expect(analyzeQuestion(q)).toEqual(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first.questionWords) && first.questionWords.every((s) => Object.isFrozen(s))).toBe(true);
      expect(() => (first.questionWords as Array<[number, number]>).push([0, 1])).toThrow(TypeError);
    }
  });
});

describe('office questions', () => {
  it("knows a question for someone's office, not a position in space", () => {
    for (const q of [
      'Ông Philippe Metzger giữ chức vụ gì?',
      'Chức vụ của ông Lê Xuân Định là gì?',
      'ong Philippe Metzger giu chuc vu gi',
      'What position does Philippe Metzger hold?',
    ])
      expect(analyzeQuestion(q).office, q).toBe(true);
    for (const q of [
      'Khối u nằm ở vị trí nào?',
      'Ai giữ chức Tổng Thư ký IEC?',
      'Ông Metzger nói gì?',
      'Ông Philippe Metzger giữ chức Tổng Thư ký IEC từ năm nào?',
    ])
      expect(analyzeQuestion(q).office, q).toBeUndefined();
  });

  it('reads an English office question as "X giữ chức vụ gì?", leaving its office words out of retrieval', () => {
    for (const q of [
      "What is Metzger's position?",
      "What is Metzger's title?",
      "What is Metzger's role?",
      "What is Metzger's job?",
      "what is metzger's job",
      "What is Lê Xuân Định's title?",
      'What is the position of Mr Metzger?',
      'What is his title?',
      'What position does Metzger hold?',
      'Which office did Philippe Metzger hold?',
    ]) {
      const a = analyzeQuestion(q);
      expect(a.office, q).toBe(true);
      // "position" would be "vị thế" (standing) to the glossary, "role" "vai trò".
      expect(retrievalQuery(q, a), q).not.toMatch(/position|title|role|job|office|hold/iu);
      expect(retrievalQuery(q, a).toLowerCase(), q).toMatch(/metzger|định|his/u);
    }
    for (const q of [
      "What is Vietnam's role in LMC?",
      'What role does Vietnam play in LMC?',
      'What role of metrology cooperation did the Vietnamese institute single out?',
      'What is the full title of the action programme shown in the photo captions?',
      "What is the article's title?",
      "How will these discussions help Vietnam's international position?",
    ])
      expect(analyzeQuestion(q).office, q).toBeUndefined();
  });

  it('reads the body an office is asked at, not a place, a person or a stance', () => {
    for (const [q, body] of [
      ['Ông Metzger giữ chức vụ gì ở ISO?', 'ISO'],
      ['ong metzger giu chuc vu gi o ISO', 'ISO'],
      ['Chức danh của ông Philippe Metzger tại IEC là gì?', 'IEC'],
      ['Ông Lê Xuân Định giữ chức gì ở Bộ Công Thương?', 'Bộ Công Thương'],
      ["What is Metzger's position at ISO?", 'ISO'],
      ['What position does Metzger hold in the ISO?', 'ISO'],
      ["What is ISO's position held by Metzger?", 'ISO'],
    ] as const)
      expect(analyzeQuestion(q).officeAt, q).toEqual([body]);
    for (const q of [
      'Ông Philippe Metzger giữ chức vụ gì?',
      'Chức vụ của ông Lê Xuân Định là gì?',
      'Ông Metzger giữ chức vụ gì ở Hà Nội?',
      'Ông Metzger giữ chức vụ gì ở TP HCM?',
      'What position does Philippe Metzger hold?',
      'What is the position of Metzger?',
      "What is ISO's position on carbon credits?",
      // Not an office question: the body is only a place of the story.
      'Ông Metzger nói gì ở IEC?',
    ])
      expect(analyzeQuestion(q).officeAt, q).toBeUndefined();
  });
});

describe('questions for a kind of people', () => {
  it('knows a kind of people from someone by name', () => {
    for (const q of [
      'Nhóm người nào dễ mắc sỏi mật?',
      'Những nhóm người nào nên đi khám phụ khoa ít nhất 1 lần trong năm?',
      'Loại người nào dễ mắc tình trạng lưỡi trắng?',
      'Những ai nên quan tâm đến việc sử dụng thuốc Vyleesi?',
      'Ai có nguy cơ bị biến dạng tinh trùng?',
      'Bộ cấy ghép có ý nghĩa lớn đối với những ai?',
      'nhung ai nen di kham',
    ])
      expect(analyzeQuestion(q).group, q).toBe(true);
    for (const q of ['Ai đại diện Bộ KH&CN gặp IEC?', 'Những người nào tham dự buổi làm việc?', 'Ai có được nhiều lần vật ngã nhất?', 'Ai là Tổng Thư ký IEC?'])
      expect(analyzeQuestion(q).group, q).toBeUndefined();
  });
});

describe('expandedAcronym', () => {
  it('is the acronym of a question that asks only what it stands for', () => {
    for (const [q, acr] of [
      ['LMC là viết tắt của gì?', 'LMC'],
      ['QCVN la viet tat cua gi', 'QCVN'],
      ['TCVN viết tắt là gì?', 'TCVN'],
      ['What does IEC stand for?', 'IEC'],
      // Naming the kind of thing it is, or the language of the name, asks the same.
      ['IEC là viết tắt của tổ chức nào, tên tiếng Việt là gì?', 'IEC'],
      ['IEC la to chuc gi, ten tieng viet', 'IEC'],
      ['IEC là tổ chức gì?', 'IEC'],
      // Its name asked for, and where the acronym was read.
      ['IEC có tên tiếng Việt đầy đủ là gì?', 'IEC'],
      ['Chữ LMC trong bài viết là tên viết tắt của cơ chế nào?', 'LMC'],
      ['IEC có tên đầy đủ tiếng Việt là gì theo bài viết?', 'IEC'],
      // A chat's particles ("vậy", "thế", "nhỉ") ask nothing more.
      ['IEC là tên viết tắt của tổ chức nào vậy?', 'IEC'],
      ['LMC là viết tắt của gì thế?', 'LMC'],
      // Asked to write it out, as a chat asks ("… giúp mình?"), with the kind of body it is.
      ['KH&CN trong bài là bộ gì, viết đầy đủ giúp mình?', 'KH&CN'],
      ['IEC viết đầy đủ là gì cho tôi với', 'IEC'],
    ] as const)
      expect(expandedAcronym(q, analyzeQuestion(q)), q).toBe(acr);
  });

  it('reads an acronym placed in an article ("BRI trong bài về … là gì?") as the abbreviation asked', () => {
    const a = analyzeQuestion('BRI trong bài về hợp tác đo lường Lancang-Mekong là gì?');
    expect(a).toMatchObject({ kind: 'abbreviation', subject: 'BRI' });
    // Its other words point to the article: kept for retrieval.
    expect(expandedAcronym('BRI trong bài về hợp tác đo lường Lancang-Mekong là gì?', a)).toBeUndefined();
    expect(analyzeQuestion('Trí tuệ nhân tạo trong bài là gì?').kind).not.toBe('abbreviation');
  });

  it('is nothing for a question with words of its own', () => {
    for (const q of ['DNA lục lạp được viết tắt là gì?', 'Hội nghị LMC diễn ra ở đâu?', 'IEC có trụ sở ở đâu?'])
      expect(expandedAcronym(q, analyzeQuestion(q)), q).toBeUndefined();
  });
});

describe('who heads a body', () => {
  it('reads the body asked about', () => {
    for (const [q, body] of [
      ['Ai là người đứng đầu IEC?', 'IEC'],
      ['Người đứng đầu Bộ KH&CN là ai?', 'Bộ KH&CN'],
      ['ai la nguoi dung dau IEC', 'IEC'],
      ['Ai đứng đầu Viện Đo lường Việt Nam hiện nay?', 'Viện Đo lường Việt Nam'],
      ['Who leads the IEC?', 'IEC'],
      // An English body as the articles name it, when the glossary knows it.
      ['Who heads the Vietnam Metrology Institute?', 'Viện Đo lường Việt Nam'],
    ])
      expect(analyzeQuestion(q as string).leaderOf, q).toBe(body);
  });

  it('does not read ranking first as heading', () => {
    for (const q of ['Nước nào đứng đầu trong bảng xếp hạng?', 'Chứng rối loạn giấc ngủ đứng đầu thế giới là gì?', 'Ai là Tổng Thư ký IEC?'])
      expect(analyzeQuestion(q).leaderOf, q).toBeUndefined();
  });
});

describe('askedVerb', () => {
  it('is the verb of what parties to a meeting do, right before "gì"', () => {
    for (const [q, verb] of [
      ['Metzger hứa gì với VN', 'hứa'],
      ['Tổng Thư ký IEC cam kết điều gì với VN?', 'cam kết'],
      ['Viện Đo lường VN ký gì ở Bắc Kinh', 'ký'],
      ['Bộ đã ký kết những gì?', 'ký kết'],
      // In English, after its subject, as the articles write it.
      ['What did the IEC Secretary-General promise Vietnam?', 'hứa'],
      ['What did the Vietnam Metrology Institute sign at the symposium?', 'ký'],
      ['What has China pledged to the partners in LMC', 'cam kết'],
      // Without marks, the verbs of two words.
      ['vien do luong vn cam ket dieu gi o hoi nghi', 'cam kết'],
      ['hai ben thong nhat nhung gi', 'thống nhất'],
    ] as const)
      expect(askedVerb(q), q).toBe(verb);
  });

  it('is none for a noun asked for, a function word, another verb, or a question without marks', () => {
    for (const q of [
      'IEC là gì?',
      'IEC làm gì?',
      'Người mẹ gặp những nguy hiểm gì?',
      'Giao thức đảm bảo điều gì?',
      'Ông ấy chuyên về lĩnh vực gì?',
      'metzger hua gi',
      'What is the promise of the new law?',
      'What did the minister say about the signed agreement and the law that will follow it later this year?',
      // Participles and nouns, not the verb asked.
      'What did the signed agreement include?',
      'What does the proposed budget cover?',
      "What did the company's market share reach in 2023?",
    ])
      expect(askedVerb(q), q).toBeUndefined();
  });
});

describe('"mấy" in speech', () => {
  it('is a plural, not "how many", when another question word asks', () => {
    for (const q of [
      'Ông Thứ trưởng muốn mấy bộ quy chuẩn, tiêu chuẩn ấy được xây dựng sao cho phù hợp với cái gì?',
      'Mấy việc hỗ trợ đào tạo ấy nhằm mục đích gì?',
      'Ngoài Việt Nam ra thì còn mấy nước nào trong khu vực góp mặt ở hội nghị?',
      'con may nuoc nao co mat o hoi nghi',
    ])
      expect(analyzeQuestion(q).kind, q).not.toBe('number');
    for (const q of [
      'Có mấy nước tham gia hội nghị?',
      'Mấy nước tham gia hội nghị này?',
      'Hội nghị kéo dài mấy ngày?',
      'Lần thứ mấy hội nghị này được tổ chức?',
      'co may nuoc tham gia',
      // "sao" and "ai" are words too; a second question after "và" or "đó là" asks besides.
      'Khách sạn đạt chuẩn mấy sao?',
      'Có mấy công dân Ai Cập thiệt mạng?',
      'Hội nghị kéo dài mấy ngày và diễn ra ở đâu?',
      'Có mấy nước tham gia, đó là những nước nào?',
    ])
      expect(analyzeQuestion(q).kind, q).toBe('number');
  });
});

describe('withoutSaying', () => {
  it("leaves out a chat's or a presenter's opening and closing", () => {
    expect(withoutSaying('Nói nôm na là cái chữ LMC ấy viết đầy đủ ra là gì vậy bạn?')).toBe('cái chữ LMC ấy viết đầy đủ ra là gì?');
    expect(withoutSaying('Mình muốn biết IEC là viết tắt của tổ chức nào vậy bạn?')).toBe('IEC là viết tắt của tổ chức nào?');
    expect(withoutSaying('Cho mình hỏi là hội nghị LMC ở đâu?')).toBe('hội nghị LMC ở đâu?');
    // "nói trên", "kể trên" refer to what was named before; "nói trên truyền hình" speaks on television.
    expect(withoutSaying('Ai là người đưa ra thông tin về việc sửa luật nói trên?')).toBe('Ai là người về việc sửa luật ?');
    expect(withoutSaying('Các nước kể trên là những nước nào?')).toBe('Các nước là những nước nào?');
    expect(withoutSaying('Ông Định nói trên truyền hình gì?')).toBe('Ông Định nói trên truyền hình gì?');
    expect(withoutSaying('Nói nôm na là đo lường quan trọng ở những chuyện gì, bạn kể giúp mình với?')).toBe('đo lường quan trọng ở những chuyện gì?');
    expect(withoutSaying('cho minh hoi la hoi nghi lmc o dau vay ban')).toBe('hoi nghi lmc o dau');
    expect(withoutSaying('À, thế Viện Đo lường ký giấy tờ gì?').trim()).toBe('Viện Đo lường ký giấy tờ gì?');
    // Where it was read, once the framing is gone ("bài" alone only before what it says).
    expect(withoutSaying('Nói nôm na là bài báo bảo đo lường quan trọng ở những chuyện gì?').trim()).toBe('bảo đo lường quan trọng ở những chuyện gì?');
    expect(withoutSaying('Cho mình kiểm tra lại chút: bài có nhắc Lào không?').trim()).toBe('có nhắc Lào không?');
    expect(withoutSaying('Bài viết gì về IEC?')).toBe('Bài viết gì về IEC?');
    expect(withoutSaying('Bài hát nói về điều gì?')).toBe('Bài hát nói về điều gì?');
    // A name with "Thông tin" after "của", English, and "bạn" / "ban" as words of the question stay.
    expect(withoutSaying('Lãnh đạo nào của Bộ Thông tin và Truyền thông đã dự hội nghị?')).toBe(
      'Lãnh đạo nào của Bộ Thông tin và Truyền thông đã dự hội nghị?',
    );
    expect(withoutSaying('Quan chuc nao cua Bo Noi vu phat bieu?')).toBe('Quan chuc nao cua Bo Noi vu phat bieu?');
    expect(withoutSaying('Who lifted the ban?')).toBe('Who lifted the ban?');
    expect(withoutSaying('Hai ben da ky van ban?')).toBe('Hai ben da ky van ban?');
    expect(withoutSaying('Việt Nam là đối tác hay người bạn?')).toBe('Việt Nam là đối tác hay người bạn?');
    // "bạn" asked about stays.
    expect(withoutSaying('Bạn của Hùng tên gì?')).toBe('Bạn của Hùng tên gì?');
    expect(withoutSaying('Ai là bạn thân của bệnh nhân?')).toBe('Ai là bạn thân của bệnh nhân?');
  });

  it('leaves out the verb of an opinion asked ("đánh giá … thế nào"), not "đánh giá" as what is asked about', () => {
    expect(withoutSaying('Metzger đánh giá Việt Nam thế nào?')).toBe('Metzger Việt Nam thế nào?');
    expect(withoutSaying('Metzger đánh giá thế nào về Việt Nam?')).toBe('Metzger thế nào về Việt Nam?');
    expect(withoutSaying('Ông Metzger đánh giá gì về Việt Nam?')).toBe('Ông Metzger gì về Việt Nam?');
    expect(withoutSaying('Tổng thư ký IEC đánh giá về Việt Nam ra sao?')).toBe('Tổng thư ký IEC về Việt Nam ra sao?');
    expect(withoutSaying('metzger danh gia viet nam the nao')).toBe('metzger viet nam the nao');
    // More than two words before "thế nào", or no question after it: "đánh giá" is what is asked about.
    expect(withoutSaying('Quy trình đánh giá chứng nhận sản phẩm diễn ra thế nào?')).toBe('Quy trình đánh giá chứng nhận sản phẩm diễn ra thế nào?');
    expect(withoutSaying('IEC hỗ trợ đánh giá chứng nhận những sản phẩm nào?')).toBe('IEC hỗ trợ đánh giá chứng nhận những sản phẩm nào?');
    expect(withoutSaying('Việc đánh giá giá trị tài sản thế nào là đúng?')).toBe('Việc đánh giá giá trị tài sản thế nào là đúng?');
  });

  it('leaves out "the report" where a briefing calls the article so, not a report asked about', () => {
    expect(withoutSaying('Tên đầy đủ của chữ viết tắt QCVN được nêu trong báo cáo là gì?')).toBe('Tên đầy đủ của chữ viết tắt QCVN là gì?');
    expect(withoutSaying('Báo cáo nêu những dạng năng lượng tái tạo nào làm ví dụ?').trim()).toBe('nêu những dạng năng lượng tái tạo nào làm ví dụ?');
    expect(withoutSaying('Trong báo cáo tài chính, doanh thu là bao nhiêu?')).toBe('Trong báo cáo tài chính, doanh thu là bao nhiêu?');
  });

  it('leaves out who mentioned what in a relative clause, the article as the agent, and where in the article', () => {
    expect(withoutSaying('Kể tên các hình thức mà đại diện phía Việt Nam đề cập để thực hiện hợp tác đo lường.')).toBe(
      'Kể tên các hình thức mà đại diện phía Việt Nam để thực hiện hợp tác đo lường.',
    );
    expect(withoutSaying('Những lĩnh vực được ông Metzger nhắc tới là gì?')).toBe('Những lĩnh vực được ông Metzger là gì?');
    expect(withoutSaying('cac linh vuc ma ong metzger de cap la gi')).toBe('cac linh vuc ma ong metzger la gi');
    expect(withoutSaying('Ý nghĩa của đo lường được báo cáo nêu thể hiện qua những phương diện nào?')).toBe(
      'Ý nghĩa của đo lường thể hiện qua những phương diện nào?',
    );
    expect(withoutSaying('Bài viết kết thúc với kỳ vọng gì cho khu vực?').trim()).toBe('kỳ vọng gì cho khu vực?');
    expect(withoutSaying('Cuối bài viết, tác giả hy vọng gì?').trim()).toBe('tác giả hy vọng gì?');
    // The verb stays where it is what is asked, or not in a relative clause, or followed by its object.
    expect(withoutSaying('Ông ấy đề cập đến những gì?')).toBe('Ông ấy đề cập đến những gì?');
    expect(withoutSaying('Vấn đề mà ông nêu ra có được giải quyết không?')).toBe('Vấn đề mà ông có được giải quyết không?');
    expect(withoutSaying('Những vấn đề mà ông đề cập đến biến đổi khí hậu là gì?')).toBe('Những vấn đề mà ông đề cập đến biến đổi khí hậu là gì?');
    expect(withoutSaying('Số liệu được báo cáo là bao nhiêu?')).toBe('Số liệu được báo cáo là bao nhiêu?');
    expect(withoutSaying('Trận đấu kết thúc với tỷ số nào?')).toBe('Trận đấu kết thúc với tỷ số nào?');
    // Not when where it was read is all the question names.
    expect(withoutSaying('Bản tin mở đầu bằng sự kiện gì?')).toBe('Bản tin mở đầu bằng sự kiện gì?');
  });

  it('leaves out the saying verb after "vị lãnh đạo nào của …"', () => {
    expect(withoutSaying('Vị lãnh đạo nào của Bộ KH&CN đã thông tin về việc sửa luật?')).toBe('Vị lãnh đạo nào của Bộ KH&CN đã về việc sửa luật?');
    expect(analyzeQuestion('Vị lãnh đạo nào của Bộ KH&CN đã thông tin về việc sửa luật?').kind).toBe('person');
  });

  it('leaves out the verb of a question asking what someone said, with or without marks', () => {
    expect(withoutSaying('Ông Metzger nhận xét gì về Việt Nam?')).toBe('Ông Metzger gì về Việt Nam?');
    expect(withoutSaying('Ông Metzger nói những gì về các chuyên gia trẻ?')).toBe('Ông Metzger những gì về các chuyên gia trẻ?');
    expect(withoutSaying('ong metzger phat bieu gi')).toBe('ong metzger gi');
  });

  it('keeps the verb elsewhere: not followed by "gì", or inside another word', () => {
    for (const q of [
      'Lời nói của ông có ý nghĩa gì?',
      'Bác sĩ đưa ra nhận xét nào?',
      'Ông ấy nóik gì?',
      'Ai nói tiếng Anh?',
      'Thông tin nào cho biết IEC hỗ trợ?',
      'Ai nói chuyện với ông Metzger?',
      'Ai chia sẻ kinh nghiệm với Việt Nam?',
    ])
      expect(withoutSaying(q)).toBe(q);
  });

  it('leaves out the verb of saying after "ai" or "người nào": who said it is asked, not how', () => {
    expect(withoutSaying('Ai nói Việt Nam phát triển nhanh?')).toBe('Ai Việt Nam phát triển nhanh?');
    expect(withoutSaying('Ai là người thông tin chuyện Bộ đang sửa Luật Tiêu chuẩn?')).toBe('Ai là người Bộ đang sửa Luật Tiêu chuẩn?');
    expect(withoutSaying('Người nào cho biết rằng IEC sẽ hỗ trợ?')).toBe('Người nào IEC sẽ hỗ trợ?');
    expect(withoutSaying('ai cho biet bo dang sua luat')).toBe('ai bo dang sua luat');
  });

  it('leaves out where the question says it read something, not an article it asks about', () => {
    expect(withoutSaying('Theo bài viết, đo lường giúp bảo đảm điều gì?')).toBe(', đo lường giúp bảo đảm điều gì?');
    expect(withoutSaying('Người đứng đầu IEC, được nêu trong bài, là ai?')).toBe('Người đứng đầu IEC, được nêu , là ai?');
    expect(withoutSaying('Bài viết kỳ vọng điều gì cho khu vực?').trim()).toBe('kỳ vọng điều gì cho khu vực?');
    expect(withoutSaying('theo bai viet, do luong giup gi')).toBe(', do luong giup gi');
    expect(withoutSaying('What did Metzger say about Vietnam according to the article?')).toBe('What did Metzger say about Vietnam ?');
    for (const q of [
      'Bài báo nào được xuất bản năm 1937?',
      'Tác giả nào đã dùng sự tương đồng trong bài viết của mình?',
      'James Hutton đã trình bày bài viết gì?',
    ])
      expect(withoutSaying(q)).toBe(q);
  });
});
