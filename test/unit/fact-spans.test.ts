import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  asksForNames,
  countedThing,
  countsThing,
  purposeSpans,
  startMissing,
  whenActMissing,
  yearMissing,
  birthMissing,
  ordinalMissing,
  measureAsked,
  measureMissing as missingIn,
  nationalityMissing,
  bodiesOfOtherPlaces,
  bodyOfPlaceMissing,
  capitalisedListSpans,
  comprisedSpans,
  dateSpans,
  attributesMissing,
  institutionsMissing,
  definedAcronyms,
  initialismsIn,
  definitionSpans,
  expansionSpans,
  factSpans,
  listSpans,
  namedSpans,
  organisationSpans,
  officeSpans,
  personSpans,
  placeSpans,
  placeWhereAsked,
  spelledCountAsked,
  causeGiven,
  quantitySpans,
  reasonSpans,
  wholeUnit,
} from '../../src/answer/fact-spans.js';
import { analyzeQuestion } from '../../src/answer/question-type.js';
import { questionNames, searchText } from '../../src/retrieve/coverage.js';

const texts = (text: string, spans: Array<{ start: number; end: number }>) => spans.map((s) => text.slice(s.start, s.end));
/** The text of the span \`find\` gives for a question in a text, or undefined for none. */
const spanText =
  (find: (question: string, text: string) => { start: number; end: number } | null | undefined) =>
  (question: string, text: string): string | undefined => {
    const s = find(question, text);
    return s ? text.slice(s.start, s.end) : undefined;
  };

const LMC =
  'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
const IEC = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
const LAW =
  'Bộ Khoa học và Công nghệ (KH&CN) đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật tạo hành lang pháp lý thuận lợi cho hoạt động hội nhập quốc tế cũng như trở thành thành viên chính thức của Ủy ban Kỹ thuật Điện Quốc tế (IEC).';

describe('facts in a sentence', () => {
  it('dates, Vietnamese and English, with day and month checked', () => {
    expect(texts(LMC, dateSpans(LMC))).toEqual(['ngày 29 tháng 8 năm 2023', 'từ 2023 đến 2028']);
    expect(texts(IEC, dateSpans(IEC))).toEqual(['ngày 5/6/2024']);
    expect(texts('Từ tháng 3/2017, sáng 2/2 và on August 29, 2023.', dateSpans('Từ tháng 3/2017, sáng 2/2 và on August 29, 2023.'))).toEqual([
      'tháng 3/2017',
      'sáng 2/2',
      'August 29, 2023',
    ]);
    // A range of percentages is not a date.
    expect(dateSpans('Tỷ lệ tử vong từ 5-30%.')).toEqual([]);
  });

  it('quantities with their unit, not ordinals, dates or a following function word', () => {
    const s = 'Hội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm quan hệ ngoại giao, và kỷ niệm 10 năm Sáng kiến.';
    expect(texts(s, quantitySpans(s))).toEqual(['73 năm', '10 năm']);
    expect(texts('Mỗi năm có trên 110.000 người tử vong, tỷ lệ 5-30%.', quantitySpans('Mỗi năm có trên 110.000 người tử vong, tỷ lệ 5-30%.'))).toEqual([
      'trên 110.000 người',
      '5-30%',
    ]);
    expect(texts('Hợp tác giữa hai bên.', quantitySpans('Hợp tác giữa hai bên.'))).toEqual(['hai bên']);
    expect(quantitySpans(IEC).map((s) => IEC.slice(s.start, s.end))).toEqual([]);
  });

  it('a quantity shown with its whole unit: a count noun of several syllables, what a scaled number counts', () => {
    const whole = (t: string) =>
      texts(
        t,
        quantitySpans(t).map((s) => wholeUnit(t, s)),
      );
    expect(whole('Có 50 trường hợp và 24 tình nguyện viên, nhiệt độ trên 38 độ C.')).toEqual(['50 trường hợp', '24 tình nguyện viên', 'trên 38 độ C']);
    expect(whole('Có khoảng 53 triệu người trưởng thành, thiệt hại 63 tỷ USD và 2,6 triệu đồng.')).toEqual([
      'khoảng 53 triệu người trưởng thành',
      '63 tỷ USD',
      '2,6 triệu đồng',
    ]);
    // A word that is no unit after the scale, or a syllable of a word not known, is not taken.
    expect(whole('Có hơn 37 triệu hành khách đi tàu, 800 triệu đến 1,2 tỷ.')).toEqual(['hơn 37 triệu hành khách', '800 triệu', 'đến 1,2 tỷ']);
    expect(whole('Có hơn 37 triệu lượt đi tàu, 12 nam, 8 nữ.')).toEqual(['hơn 37 triệu lượt', '12 nam', '8 nữ']);
    expect(whole('Mất 30 triệu năm để hình thành.')).toEqual(['30 triệu năm']);
  });

  it('people with their title, and names that are not acronyms', () => {
    expect(texts(IEC, personSpans(IEC))).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định', 'ông Philippe Metzger']);
    // "ông" inside "không" is no title: \b would have matched it.
    expect(personSpans('Tôi không Biết Gì.')).toEqual([]);
  });

  it('places after "tại", "ở" and after "thành phố", joined across a dash', () => {
    expect(texts(LMC, placeSpans(LMC))).toEqual(['thành phố Bắc Kinh - Trung Quốc']);
    expect(texts(IEC, placeSpans(IEC))).toEqual(['Hà Nội']);
    expect(texts('Họ làm việc ở Đà Nẵng.', placeSpans('Họ làm việc ở Đà Nẵng.'))).toEqual(['Đà Nẵng']);
    // Across a comma, more of the place, not a body, an office or a person opening the next clause.
    const at = (t: string) => texts(t, placeSpans(t));
    expect(at('Hội nghị được tổ chức ở Hội An, Quảng Nam.')).toEqual(['Hội An, Quảng Nam']);
    expect(at('Hội nghị được tổ chức ở Bắc Kinh, Trung Quốc, với sự tham gia của Lào.')).toEqual(['Bắc Kinh, Trung Quốc']);
    expect(at('Tại lễ ký kết ở Đà Nẵng, Trung tâm Thử nghiệm Quốc gia đã ký biên bản.')).toEqual(['Đà Nẵng']);
    expect(at('Hội nghị được tổ chức ở Hà Nội, Bộ trưởng Nguyễn Văn A chủ trì.')).toEqual(['Hà Nội']);
    expect(at('Hội nghị được tổ chức tại Hà Nội, Nguyễn Văn An cho biết.')).toEqual(['Hà Nội']);
  });

  it('lists of names and lists of words', () => {
    const s = 'Hội nghị có sự tham gia của các quốc gia trong khu vực khác như Campuchia, Trung Quốc, Lào, Myanmar và Thái Lan.';
    expect(texts(s, capitalisedListSpans(s))).toEqual(['Campuchia, Trung Quốc, Lào, Myanmar và Thái Lan']);
    const m = 'Được Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông xây dựng.';
    expect(texts(m, capitalisedListSpans(m))).toEqual(['Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông']);
    const w = 'Các lĩnh vực như xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo.';
    expect(texts(w, listSpans(w))).toEqual(['xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo']);
    // Two items joined by "và" are each held to the item's length, not together.
    const j = 'Các hình thức hợp tác gồm nghiên cứu chung, chương trình đào tạo và trao đổi thông tin, phương pháp đo.';
    expect(texts(j, listSpans(j))).toEqual(['nghiên cứu chung, chương trình đào tạo và trao đổi thông tin, phương pháp đo']);
    const long = 'Các hình thức hợp tác gồm nghiên cứu chung, chương trình đào tạo và trao đổi thông tin về các quy trình đo, phương pháp đo.';
    expect(listSpans(long)).toEqual([]);
  });

  it('a place runs on to the end of a name written with words in lower case, and is never any capitalised word', () => {
    const where = (text: string, q = 'Ở đâu?') => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(where('Một số chất đã bị cấm ở Liên minh châu Âu trong hơn 15 năm.')).toEqual(['Liên minh châu Âu']);
    expect(where('Anh được đưa vào cấp cứu tại Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới.')).toEqual(['Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới']);
    // Named without "tại" or "ở": a place or an organisation, as the claim check reads names.
    expect(where('Các bác sĩ khoa Đột quỵ Bệnh viện Trung ương Huế dùng phương pháp can thiệp nội mạch.')).toEqual(['Bệnh viện Trung ương Huế']);
    // Not the sides of a relation, unless asked "giữa", nor an initiative or its acronym.
    const ties = 'Hội nghị đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc, và kỷ niệm 10 năm Sáng kiến Vành đai và Con đường (BRI).';
    expect(where(ties, 'LMC lần 4 ở đâu?')).toEqual([]);
    expect(where(ties, 'Quan hệ ngoại giao giữa hai nước nào?')).toEqual(['Việt Nam', 'Trung Quốc']);
    // With its last word's second syllable, written in lower case ("Nhi đồng", "Quân y", "Truyền
    // thông"), but not a word after a name whose last word has two capitals, nor after a place.
    expect(where('Cháu bé được chuyển đến Bệnh viện Nhi đồng cấp cứu.')).toEqual(['Bệnh viện Nhi đồng']);
    expect(where('Các thầy cô được khám tại Bệnh viện Quân y 175.')).toEqual(['Bệnh viện Quân y']);
    expect(where('Hội thảo diễn ra tại Bộ Thông tin và Truyền thông sáng nay.')).toEqual(['Bộ Thông tin và Truyền thông']);
    expect(where('Hội thảo diễn ra tại Bộ Công Thương sáng nay.')).toEqual(['Bộ Công Thương']);
    // Without "tại" or "ở", a ministry or an organisation is no place where something is.
    expect(where('Quy chuẩn được Bộ Thông tin và Truyền thông xây dựng.', 'IEC có trụ sở ở đâu?')).toEqual([]);
    expect(where('Tổ chức Minh bạch Quốc tế công bố bảng xếp hạng.', 'Bảng xếp hạng được công bố ở đâu?')).toEqual([]);
    expect(where('Ông làm việc tại Bộ Y tế.', 'Ông làm việc ở đâu?')).toEqual(['Bộ Y tế']);
    // Nor an acronym alone, nor the body the question asks about, written out or typed short ("VN").
    const committed = 'Viện Đo lường Việt Nam cam kết tăng cường hợp tác đo lường với các đối tác trong LMC.';
    expect(where(committed, 'Viện Đo lường VN có trụ sở ở đâu vậy?')).toEqual([]);
    expect(where(committed, 'Viện Đo lường Việt Nam có trụ sở ở đâu?')).toEqual([]);
    expect(where('Hội nghị diễn ra tại LMC.', 'Hội nghị diễn ra ở đâu?')).toEqual(['LMC']);
    // A place the lexicon knows by its acronym is one without "tại".
    expect(where('Hội nghị lần thứ 5 sẽ do UAE đăng cai.', 'Hội nghị lần thứ 5 sẽ do nước nào đăng cai?')).toEqual(['UAE']);
    // Not a capitalised noun ("Hội" of "Hội nghị"), nor a person.
    expect(where('Ông phát biểu tại Hội nghị Quốc tế lần thứ hai về Lãnh đạo và Đổi mới.')).toEqual([]);
    expect(where('"Họ muốn giết chết Vincent", bà Lambert khóc khi nói.', 'Vincent được điều trị ở đâu?')).toEqual([]);
    expect(where(LMC, 'Hội nghị diễn ra ở đâu?')).toEqual(['thành phố Bắc Kinh - Trung Quốc']);
  });

  it('the part of a date asked for: a day for "ngày nào", a year for "năm nào"', () => {
    const s = 'Năm 2014, chị sinh hai con trai vào ngày 11/6 tại Glasgow.';
    const when = (q: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    expect(when('Vào ngày nào chị sinh hai con trai?')).toEqual(['ngày 11/6']);
    expect(when('Chị sinh hai con trai năm nào?')).toEqual(['2014']);
    expect(when('Chị sinh hai con trai khi nào?')).toEqual(['2014', 'ngày 11/6']);
  });

  it('years before 1900, after "năm" or a word placing them in time, but not a number counting something', () => {
    const when = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    const s = 'Chất này được một dược sĩ tìm ra tại Uppsala vào năm 1772 hay sớm hơn, và một mục sư tại Leeds vào năm 1775.';
    expect(when(s, 'Dược sĩ tìm ra chất này khi nào?')).toEqual(['năm 1772', 'năm 1775']);
    expect(when('Năm 1893 một kỹ sư người Pháp đã chế tạo được máy bơm.', 'Máy bơm được chế tạo vào năm nào?')).toEqual(['Năm 1893']);
    expect(when('Dịch bệnh quay lại từ 1450 đến 1720 ở nhiều nước.', 'Dịch bệnh quay lại vào những năm nào?')).toEqual(['1450 đến 1720']);
    expect(when('The bridge was opened in 1781, and rebuilt later.', 'When was the bridge opened?')).toEqual(['1781']);
    // A number counting something after "từ" is no year.
    expect(dateSpans('Mỗi ngày trạm đón từ 1500 người, sau 1200 năm đá mòn.')).toEqual([]);
  });

  it('a length of time spelled out, when time is asked', () => {
    const answer = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(answer('Bạn nên chờ một tiếng sau khi ăn rồi mới đi ngủ.', 'Sau khi ăn bao lâu mới nên đi ngủ?')).toEqual(['một tiếng']);
    expect(answer('Bác sĩ cho biết vết loét đã có từ hơn một năm trước.', 'Vết loét đã có bao lâu?')).toEqual(['hơn một năm']);
    expect(answer('Ca mổ kéo dài nửa giờ, sau đó cháu tỉnh lại.', 'Ca mổ kéo dài trong bao lâu?')).toEqual(['nửa giờ']);
    expect(answer('Nhóm đã theo đuổi dự án suốt một thập kỷ.', 'Nhóm theo đuổi dự án trong bao lâu?')).toEqual(['một thập kỷ']);
    expect(answer('Chị phải nằm viện mất hai tuần.', 'Chị nằm viện mấy ngày?')).toEqual(['hai tuần']);
    // "một năm sau đó" says when, not how long.
    expect(answer('Bằng chứng từ Pháp một năm sau đó cho thấy điều ngược lại.', 'Bằng chứng có niên đại bao nhiêu năm?')).toEqual([]);
    // Only when no length of time is written in digits, and not for a count asked beside "thời gian".
    expect(answer('Hóa thạch có niên đại khoảng 515 triệu năm, một năm sau mới được tìm thấy.', 'Hóa thạch có niên đại bao nhiêu năm?')).toEqual([
      'khoảng 515 triệu',
    ]);
    expect(answer('Suốt một năm anh ăn trứng mỗi ngày.', 'Anh ăn bao nhiêu quả trứng trong thời gian tập?')).toEqual([]);
    // "một" is also "a": not a count when time is not asked.
    expect(answer('Một người đàn ông đã báo tin.', 'Có bao nhiêu người báo tin?')).toEqual([]);
  });

  it('a name asked for: the one the sentence gives after "tên", "gọi là", "mang tên", "đổi tên thành"', () => {
    const named = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(named('Họ lấy tên của ngọn tháp: Belvor, nghĩa là "tháp đẹp".', 'Tên của ngọn tháp là gì?')).toEqual(['Belvor']);
    expect(named('Anh đặt tên con là Minh Khang với mong muốn con khỏe mạnh.', 'Anh đã đặt tên cho con là gì?')).toEqual(['Minh Khang']);
    expect(named('Người ta dựng một trạm gác mang tên Trạm Bắc Sơn ở đó.', 'Trạm gác được dựng có tên là gì?')).toEqual(['Trạm Bắc Sơn']);
    expect(named('Cách làm này được gọi là "ba không" (BK).', 'Cách làm này được gọi là gì?')).toEqual(['ba không']);
    expect(named('Hãng đã đổi tên thành Sao Mai vào năm 2007.', 'Hãng đổi tên thành gì?')).toEqual(['Sao Mai']);
    expect(named('Khu chợ được đặt tên Hòa Bình.', 'Tên nào được đặt cho khu chợ?')).toEqual(['Hòa Bình']);
    // Typed without marks too; and no name where the sentence gives none.
    expect(named('Hãng đã đổi tên thành Sao Mai vào năm 2007.', 'hang doi ten thanh gi')).toEqual(['Sao Mai']);
    expect(named('Con tên gì thì anh chưa nghĩ ra, anh nói với Minh.', 'Anh đặt tên con là gì?')).toEqual([]);
  });

  it('of quantities, those of the measure asked when the sentence gives some', () => {
    const answer = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(answer('Có 11.698 hộ, trong đó 19,3% có chủ nhà là nữ.', 'Tỷ lệ phần trăm chủ nhà là nữ là bao nhiêu?')).toEqual(['19,3%']);
    expect(answer('Trong 120 ca, bà mẹ 34 tuổi là người đầu tiên.', 'Bà mẹ bao nhiêu tuổi?')).toEqual(['34 tuổi']);
    // A bare number still answers when no quantity of that measure is given.
    expect(answer('Tỷ lệ này năm ngoái là 12,5.', 'Tỷ lệ này là bao nhiêu phần trăm?')).toEqual(['12,5']);
  });

  it('a list that names someone with their office is who said it, not the things asked about', () => {
    const s = 'Theo bác sĩ Nguyễn Phước Lâm, Trưởng Khoa Nội soi, Bệnh viện Quốc tế City, xét nghiệm này rẻ tiền.';
    const q = 'Xét nghiệm tìm máu ẩn trong phân có những đặc điểm nào?';
    expect(factSpans(analyzeQuestion(q), s, q)).toEqual([]);
    // One naming its speaker only at the end is still a list.
    const t = 'Nó làm giảm lượng oxy trong máu, tổn thương hệ tuần hoàn, nguy hiểm tính mạng, tiến sĩ Trinh nói.';
    const tq = 'Khí CO làm cho con người gặp phải những vấn đề gì?';
    expect(factSpans(analyzeQuestion(tq), t, tq)).toHaveLength(1);
  });

  it('a capitalised syllable of an office or a body is not a name', () => {
    const t = 'Ông phát biểu cùng Phó Chủ tịch Điều hành Broncos và Bộ trưởng Chính phủ Anh.';
    expect(personSpans(t)).toEqual([]);
    // A given name alone after a title still is one.
    expect(texts('Bác sĩ Hưng cho biết.', personSpans('Bác sĩ Hưng cho biết.'))).toEqual(['Bác sĩ Hưng']);
    expect(texts(IEC, personSpans(IEC))).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định', 'ông Philippe Metzger']);
  });

  it('a quantity of another measure than the one asked is not the answer', () => {
    const answer = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    const s = 'Cụ Dewhurs, 84 tuổi, xuất viện sau 48 giờ.';
    expect(answer(s, 'Cụ Dewhurs nằm viện bao lâu sau khi hiến thận?')).toEqual(['48 giờ']);
    expect(answer(s, 'Cụ Dewhurs bao nhiêu tuổi?')).toEqual(['84 tuổi']);
    expect(answer('Sau 20 năm, 6 người đã mổ cho anh.', 'Có bao nhiêu người mổ cho anh?')).toEqual(['6 người']);
    expect(answer('Ăn 50 g gạo mỗi ngày giảm 1% tỷ lệ béo phì.', 'Tỉ lệ béo phì giảm được bao nhiêu phần trăm?')).toEqual(['1%']);
    // Of counts, those of what is asked; years lived are an age.
    expect(answer('Sau 3 ngày, bệnh viện tiếp nhận 20 bé.', 'Bệnh viện tiếp nhận bao nhiêu bé?')).toEqual(['20 bé']);
    expect(answer('Chị Hằng năm nay 32 tuổi.', 'Chị Hằng sống bao nhiêu năm trên đời rồi?')).toEqual(['32 tuổi']);
    expect(answer('Có khoảng 300 triệu người bị trầm cảm nặng.', 'Có bao nhiêu người bị trầm cảm nặng?')).toEqual(['khoảng 300 triệu']);
    expect(measureAsked('Giảm bao nhiêu so với tháng trước?')).toBeNull();
    expect(measureAsked('bao nhieu tuoi')).toBe('age');
    expect(measureAsked('Bao nhiêu nam giới?')).toBe('count');
    // "mấy" typed without marks before a unit; "may" (máy) before anything else is a machine.
    expect(measureAsked('ong metzger o lai viet nam may ngay')).toBe('time');
    expect(measureAsked('chuyen may bay mat may gio')).toBe('time');
    expect(measureAsked('may bay cua hang nao')).toBeNull();
    expect(measureAsked('How long does phase two last?')).toBe('time');
  });

  it('a name after a word for a place or region is not who is asked for', () => {
    const answer = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(answer('Cam kết này thúc đẩy sự phát triển hài hòa trong khu vực Lancang-Mekong.', 'Who committed to supporting Vietnam?')).toEqual([]);
    expect(answer('Kíp mổ của Bệnh viện SS ở Varanasi, bang Uttar Pradesh, phẫu thuật miễn phí.', 'Ai phẫu thuật miễn phí?')).toEqual([]);
    expect(answer('Hiện nay Kuechly đã trở lại sân tập.', 'Ai trở lại sân tập?')).toEqual(['Kuechly']);
  });

  it('the two sides after "giữa" are not the members a list question asks for', () => {
    const answer = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    const s = 'Hội nghị cũng đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc.';
    expect(answer(s, 'Hội nghị LMC lần thứ 4 có những nước nào?')).toEqual([]);
    expect(answer(s, 'Quan hệ ngoại giao giữa những nước nào?')).toEqual(['Việt Nam và Trung Quốc']);
    expect(answer('Hội nghị có sự tham gia của Campuchia, Lào và Thái Lan.', 'Hội nghị có những nước nào?')).toEqual(['Campuchia, Lào và Thái Lan']);
  });

  it('a kind of people is not answered by the name of whoever says it', () => {
    const s = 'Bác sĩ Sherry Ross cho biết những người có sinh hoạt tình dục thường xuyên nên đi khám phụ khoa.';
    const q = 'Những nhóm người nào nên đi khám phụ khoa ít nhất 1 lần trong năm?';
    expect(factSpans(analyzeQuestion(q), s, q)).toEqual([]);
    const t = 'Theo bác sĩ Lê Vũ Tân, Khoa Nam học, Bệnh viện Bình Dân, sóng xung kích hợp với nhiều bệnh nhân.';
    const tq = 'Những ai sẽ là người phù hợp với phương pháp trị rối loạn cương bằng sóng xung kích?';
    expect(factSpans(analyzeQuestion(tq), t, tq)).toEqual([]);
    const u = 'Theo các chuyên gia dinh dưỡng, bánh chưng phù hợp cho người thiếu cân, đang có nhu cầu tăng cân, người mới ốm dậy.';
    const uq = 'Theo các chuyên gia dinh dưỡng, bánh chưng phù hợp với nhóm người nào?';
    expect(texts(u, factSpans(analyzeQuestion(uq), u, uq))).toEqual(['cho người thiếu cân, đang có nhu cầu tăng cân, người mới ốm dậy']);
    // Someone by name still is.
    expect(texts(IEC, factSpans(analyzeQuestion('Ai đã tiếp ông Philippe Metzger?'), IEC, 'Ai đã tiếp ông Philippe Metzger?'))).toEqual([
      'Thứ trưởng Bộ KH&CN Lê Xuân Định',
    ]);
  });

  it('a list of names answers only a question for things that have names', () => {
    const s =
      'Tiêu biểu như các quy chuẩn kỹ thuật quốc gia về dây, cáp điện, thiết bị điện, điện tử, thiết bị điện phòng nổ, công nghệ thông tin... được Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông xây dựng và ban hành trên cơ sở tham khảo tiêu chuẩn của IEC.';
    const spans = (q: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    const ministries = ['Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông'];
    expect(spans('Những bộ nào xây dựng quy chuẩn kỹ thuật dựa trên tiêu chuẩn IEC?')).toEqual(ministries);
    expect(spans('nhung bo nao xay dung quy chuan ky thuat')).toEqual(ministries);
    expect(spans('Which ministries built national technical regulations based on IEC standards?')).toEqual(ministries);
    // What the regulations are about is no list of names.
    expect(spans('Các quy chuẩn kỹ thuật quốc gia về những gì được xây dựng dựa trên tiêu chuẩn IEC?')).toEqual([
      'dây, cáp điện, thiết bị điện, điện tử, thiết bị điện phòng nổ, công nghệ thông tin',
    ]);
    const yes = ['Những nước nào tham gia?', 'Ngoài Alabama còn có những bang nào thông qua luật?', 'Việt Nam là đối tác trong những khuôn khổ nào?'];
    for (const q of yes) expect(asksForNames(q, analyzeQuestion(q))).toBe(true);
    // "tinh" typed without marks is "tính" as often as "tỉnh".
    const no = ['Giấy vệ sinh ngày nay có thêm những gì?', 'Những loại bệnh nào không được ghi nhận?', 'nhung tinh chat gi', 'What benefits does it bring?'];
    for (const q of no) expect(asksForNames(q, analyzeQuestion(q))).toBe(false);
  });

  it("the name of a law, plan or event is no one's name", () => {
    const q = 'Who is the Vice Minister of Science and Technology?';
    expect(factSpans(analyzeQuestion(q), LAW, q)).toEqual([]);
    const named = 'Buổi làm việc có sự tham dự của Philippe Metzger và các chuyên gia.';
    expect(texts(named, factSpans(analyzeQuestion('Ai tham dự?'), named, 'Ai tham dự?'))).toEqual(['Philippe Metzger']);
  });

  it('who something was done with or for, when no one is named: the words after the same preposition', () => {
    const who = (q: string, text: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    const signed = 'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác quốc tế trong LMC nhằm tạo ra một nền tảng vững chắc.';
    expect(who('Viện Đo lường Việt Nam ký biên bản với ai?', signed)).toEqual(['các đối tác quốc tế trong LMC']);
    expect(who('vien do luong ky bien ban voi ai', signed)).toEqual(['các đối tác quốc tế trong LMC']);
    const gains = 'Sự hợp tác này không chỉ mang lại lợi ích cho chính phủ mà còn có tác động tích cực đến các ngành công nghiệp.';
    expect(who('Hợp tác đo lường mang lại lợi ích cho ai?', gains)).toEqual(['chính phủ']);
    // A name, when there is one, is the answer; another preposition or word is not the slot.
    const met = 'Thứ trưởng Lê Xuân Định làm việc với ông Philippe Metzger, Tổng Thư ký IEC.';
    expect(who('Thứ trưởng làm việc với ai?', met)).toEqual(['ông Philippe Metzger']);
    expect(who('Hợp tác đo lường quan trọng với ai?', gains)).toEqual([]);
    // Who did it, when it is a body: the one named right before the verb asked about.
    expect(who('Ai ký biên bản hợp tác đo lường?', signed)).toEqual(['Viện Đo lường Việt Nam']);
    expect(who('Ai đã ký kết Biên bản?', signed)).toEqual(['Viện Đo lường Việt Nam']);
    expect(who('Ai tạo ra nền tảng?', signed)).toEqual([]);
    // Matched as written when the question has marks: "bàn với" is not "bản với", nor "kỳ" "ký".
    const talks = 'Việt Nam kỳ vọng nhiều, và các bên đã bàn với các đối tác quốc tế trong khu vực.';
    expect(who('Viện Đo lường ký biên bản với ai?', talks)).toEqual([]);
    expect(who('Ai ký biên bản?', talks)).toEqual([]);
    // Asked in English, the verb is read through the glossary ("signed" → "ký kết"), with its marks.
    expect(who('Who signed the memorandum at the symposium?', signed)).toEqual(['Viện Đo lường Việt Nam']);
    expect(who('Who signed the memorandum?', talks)).toEqual([]);
  });

  it('brackets inside a list: an item with its gloss, a bracket holding the list, a bracket across a comma', () => {
    const glossed = 'Họ đo nồng độ ba nhóm hóa chất gồm phthalates (hay dùng cho nước hoa), paraben (chất bảo quản mỹ phẩm) và phenol (nguyên liệu xà phòng).';
    expect(texts(glossed, listSpans(glossed))).toEqual([
      'phthalates (hay dùng cho nước hoa), paraben (chất bảo quản mỹ phẩm) và phenol (nguyên liệu xà phòng)',
    ]);
    const held = 'Họ được chia thành bốn nhóm dùng bốn loại kem chống nắng khác nhau (dạng kem lỏng, dạng kem đặc và hai loại xịt).';
    expect(texts(held, listSpans(held))).toEqual(['dạng kem lỏng, dạng kem đặc và hai loại xịt']);
    const across =
      'Hỗ trợ đào tạo ở Việt Nam như lĩnh vực xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon... nhằm góp phần phát triển bền vững.';
    expect(texts(across, listSpans(across))).toEqual([
      'lĩnh vực xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon',
    ]);
    // Who, when no one is named, is a list of people, not of fields.
    const who = (q: string, text: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(who('Những ai được IEC hỗ trợ đào tạo?', across)).toEqual([]);
    const people = 'IEC hỗ trợ đào tạo cho các chuyên gia trẻ, cán bộ quản lý, kỹ sư và sinh viên.';
    expect(who('Những ai được IEC hỗ trợ đào tạo?', people)).toEqual(['các chuyên gia trẻ, cán bộ quản lý, kỹ sư và sinh viên']);
    // The first item is its clause's last four words; a word for people anywhere in it will do.
    const cut = 'Chương trình này hỗ trợ các chuyên gia, cán bộ và sinh viên.';
    const given = who('Những ai được hỗ trợ?', cut);
    expect(given).toHaveLength(1);
    expect(given[0]).toMatch(/các chuyên gia, cán bộ và sinh viên$/u);
    // A word for people further into an item is its object, not a list of people.
    expect(who('Những ai đã tham gia điều trị?', 'Phương pháp này giúp điều trị cho bệnh nhân, giảm các cuộc mổ, ít biến dạng sau mổ.')).toEqual([]);
    const places = 'Dự án xây dựng nhà máy, nhà xưởng, kho bãi và bến cảng.';
    expect(who('Những ai được hỗ trợ?', places)).toEqual([]);
  });

  it('what a subject comprises is the bracket after it, not the list it is an item of', () => {
    const fields =
      'Hỗ trợ đào tạo ở Việt Nam như lĩnh vực xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon... nhằm nâng cao năng lực cạnh tranh.';
    const asked = (q: string, text: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    for (const q of [
      'Lĩnh vực năng lượng tái tạo gồm những gì?',
      'linh vuc nang luong tai tao gom nhung gi',
      'Năng lượng tái tạo bao gồm gì?',
      'năng lượng tái tạo thì gồm những loại nào',
    ])
      expect(asked(q, fields), q).toEqual(['năng lượng gió, mặt trời']);
    // An item without a bracket after it: the list, as before.
    expect(asked('Các lĩnh vực tiềm năng gồm những gì?', fields)).toEqual([
      'xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon',
    ]);
    // A bracket that lists nothing (a span of years, an acronym) is not what the subject comprises.
    expect(comprisedSpans(LMC, 'Giai đoạn hai gồm những gì?')).toEqual([]);
    expect(comprisedSpans(LAW, 'Ủy ban Kỹ thuật Điện Quốc tế gồm những gì?')).toEqual([]);
    // Other marks on the same letters are other words.
    expect(comprisedSpans(fields, 'Năng lượng tại tạo gồm gì?')).toEqual([]);
    // The kind a list question asks for, before "nào" or after "nào về".
    expect(texts(fields, comprisedSpans(fields, 'Bài nêu những dạng năng lượng tái tạo nào làm ví dụ?'))).toEqual(['năng lượng gió, mặt trời']);
    expect(texts(fields, comprisedSpans(fields, 'bai viet neu nhung vi du nao ve nang luong tai tao'))).toEqual(['năng lượng gió, mặt trời']);
  });

  it("leaves out the words a list's first item opens with that the question says", () => {
    const fields =
      'Hỗ trợ đào tạo ở Việt Nam như lĩnh vực xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon... nhằm nâng cao năng lực cạnh tranh.';
    const asked = (q: string, text: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    expect(asked('IEC hỗ trợ những lĩnh vực nào?', fields)).toEqual([
      'xe điện, hiệu suất năng lượng, hạ tầng điện, năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon',
    ]);
    const rules =
      'Tiêu biểu như các quy chuẩn kỹ thuật quốc gia về dây, cáp điện, thiết bị điện, điện tử, thiết bị điện phòng nổ, công nghệ thông tin... được Bộ KH&CN ban hành.';
    expect(asked('Quy chuẩn kỹ thuật quốc gia về những lĩnh vực nào được ban hành?', rules)).toEqual([
      'dây, cáp điện, thiết bị điện, điện tử, thiết bị điện phòng nổ, công nghệ thông tin',
    ]);
    // Words as typed: "đường" is not the question's "dưỡng"; a first item the question says whole stays.
    const fruit = 'Quả vải có nhiều chất gồm đường glucoza, protein, chất béo và vitamin C.';
    expect(asked('Trái vải gồm những chất dinh dưỡng gì?', fruit)).toEqual(['đường glucoza, protein, chất béo và vitamin C']);
    const whole = 'Thể lực thể hiện sức khỏe tổng thể, gồm khả năng thăng bằng, sự nhanh nhẹn và sức bền.';
    expect(asked('Sức khỏe tổng thể bao gồm những gì?', whole)[0]).toMatch(/^sức khỏe tổng thể, /u);
    // A word other items open with too is the items' own.
    const kinds = 'Người muốn tăng cân cần bổ sung chất đạm, chất béo, tinh bột và vitamin.';
    expect(asked('Những chất nào cần được bổ sung nếu muốn tăng cân?', kinds)[0]).toMatch(/^chất đạm, chất béo/u);
  });

  it('two items left open by an ellipsis after the noun asked about; a name with its office is no list', () => {
    const s =
      'Ông Philippe Metzger, Tổng Thư ký IEC cho biết, Việt Nam là quốc gia đang phát triển rất nhanh, đặc biệt là tập trung đúng hướng khi chú trọng vào các lĩnh vực công nghệ mới nổi như trí tuệ nhân tạo, phương tiện giao thông điện...';
    const q = 'Theo ông Metzger, Việt Nam chú trọng vào những lĩnh vực nào?';
    // "Philippe Metzger, Tổng Thư" (the office cut at "ký") had been read as a list of two names.
    expect(texts(s, factSpans(analyzeQuestion(q), s, q))).toEqual(['trí tuệ nhân tạo, phương tiện giao thông điện']);
    expect(texts(s, listSpans(s, 'lĩnh vực'))).toEqual(['trí tuệ nhân tạo, phương tiện giao thông điện']);
    // Without the noun before them, or closed, two items are not a list.
    expect(listSpans(s)).toEqual([]);
    expect(listSpans(s, 'bệnh lý')).toEqual([]);
    expect(listSpans(s.replace('...', '.'), 'lĩnh vực')).toEqual([]);
    const t = 'Các chất độc hại như rượu bia, thuốc lá... cũng làm chức năng tinh hoàn suy giảm nhanh hơn.';
    const tq = 'Những bệnh lý nào cũng có thể đẩy nhanh tình trạng mãn dục nam?';
    expect(factSpans(analyzeQuestion(tq), t, tq)).toEqual([]);
  });

  it('offices with the body they belong to, not the name after them', () => {
    expect(texts(IEC, officeSpans(IEC))).toEqual(['Thứ trưởng Bộ KH&CN', 'Tổng Thư ký IEC']);
    const t = 'Ông Nguyễn Văn A, Phó Chủ tịch UBND tỉnh Quảng Nam, và bà B, Giám đốc Sở Y tế và Sở Nội vụ, phát biểu.';
    expect(texts(t, officeSpans(t))).toEqual(['Phó Chủ tịch UBND', 'Giám đốc Sở Y tế và Sở Nội vụ']);
    const said = 'Bộ trưởng Bộ Công Thương cho biết, Bí thư Tỉnh ủy, ông A, đã đến.';
    expect(texts(said, officeSpans(said))).toEqual(['Bộ trưởng Bộ Công Thương', 'Bí thư Tỉnh ủy']);
  });

  it("never answers an office question with another person's office", () => {
    const other = 'Thứ trưởng Lê Xuân Định khẳng định, các nội dung trao đổi này là tiền đề cho hợp tác giữa 2 bên trong thời gian tới.';
    const office = (text: string, q: string) => texts(text, factSpans(analyzeQuestion(q), text, q));
    for (const q of [
      "What is Metzger's position?",
      'What position does Metzger hold?',
      'Metzger giữ chức vụ gì?',
      'Ông Metzger giữ chức vụ gì?',
      'ong metzger giu chuc vu gi',
    ])
      expect(office(other, q), q).toEqual([]);
    // The person asked, named by the last word of their name.
    expect(office(IEC, "What is Metzger's position?")).toEqual(['Tổng Thư ký IEC']);
    expect(office(other, "What is Le Xuan Dinh's title?")).toEqual(['Thứ trưởng']);
    // A question naming no one keeps the office the sentence gives.
    expect(office(other, 'Người phát biểu giữ chức vụ gì?')).toEqual(['Thứ trưởng']);
    expect(office(other, 'Trong bài, người phát biểu giữ chức vụ gì?')).toEqual(['Thứ trưởng']);
  });

  it('what an abbreviation stands for, both ways round', () => {
    expect(texts(LAW, expansionSpans(LAW, 'IEC'))).toEqual(['Ủy ban Kỹ thuật Điện Quốc tế']);
    expect(texts(LAW, expansionSpans(LAW, 'KH&CN'))).toEqual(['Bộ Khoa học và Công nghệ']);
    const s = 'Tổ chức WHO (World Health Organization) cảnh báo.';
    expect(texts(s, expansionSpans(s, 'WHO'))).toEqual(['World Health Organization']);
    // In lower case: from the farthest word whose initial and the next one's begin the acronym, within the clause.
    const q = 'Hỗ trợ Việt Nam trong quá trình xây dựng quy chuẩn kỹ thuật quốc gia (QCVN), Tiêu chuẩn Việt Nam (TCVN) phù hợp.';
    expect(texts(q, expansionSpans(q, 'QCVN'))).toEqual(['quy chuẩn kỹ thuật quốc gia']);
    expect(texts(q, expansionSpans(q, 'TCVN'))).toEqual(['Tiêu chuẩn Việt Nam']);
    const none = 'Các doanh nghiệp áp dụng tiêu chuẩn mới (QCVN) từ năm nay.';
    expect(expansionSpans(none, 'QCVN')).toEqual([]);
  });

  it('attributes asked that the article states in none of their ways', () => {
    const iec = searchText('IEC tiếp tục hỗ trợ Việt Nam xây dựng các dự án đào tạo.');
    expect(attributesMissing('Trụ sở của IEC đặt ở thành phố nào?', iec)).toBe(1);
    expect(attributesMissing('tru so cua IEC o dau', iec)).toBe(1);
    expect(attributesMissing('Where are the IEC headquarters? trụ sở', iec)).toBe(1);
    expect(attributesMissing('Trụ sở của IEC đặt ở đâu?', searchText('IEC có trụ sở tại Geneva.'))).toBe(0);
    expect(attributesMissing('Trụ sở của IEC ở đâu?', searchText('Ủy ban đặt tại Geneva.'))).toBe(0);
    // Read with the question's marks: "loại trừ số một" is no seat; nor is where something happened.
    expect(attributesMissing('Tại sao phải loại trừ số một?', iec)).toBe(0);
    expect(attributesMissing('Thứ trưởng tiếp ông Metzger tại trụ sở Bộ vào ngày nào?', iec)).toBe(0);
    expect(attributesMissing('Trong nhiệm kỳ của mình, ông Metzger cam kết gì?', iec)).toBe(0);
    expect(attributesMissing('Where are the IEC headquarters? trụ sở', searchText('The IEC has its headquarters in Geneva.'))).toBe(0);
  });

  it('state bodies a question names that the article never does', () => {
    const iec = searchText('Bộ KH&CN đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật.');
    expect(institutionsMissing('Luật sửa đổi dự kiến trình Quốc hội khi nào?', iec)).toBe(1);
    expect(institutionsMissing('luat sua doi du kien trinh quoc hoi khi nao', iec)).toBe(1);
    expect(institutionsMissing('When will the law go to the National Assembly? Quốc hội', iec)).toBe(1);
    expect(institutionsMissing('Luật trình Quốc hội khi nào?', searchText('Dự án Luật sẽ được trình Quốc hội vào kỳ họp tới.'))).toBe(0);
    // By its short form: "UBND tỉnh".
    expect(institutionsMissing('Ủy ban nhân dân tỉnh đã làm gì?', searchText('UBND tỉnh Quảng Nam đã chỉ đạo.'))).toBe(0);
    expect(institutionsMissing('Bộ KH&CN sửa đổi luật nào?', iec)).toBe(0);
    expect(institutionsMissing('Việt Nam và Trung Quốc hội đàm khi nào?', iec)).toBe(0);
    // Not across two terms of a line each.
    expect(institutionsMissing('Trung Quốc\nHội nghị chuyên đề', iec)).toBe(0);
  });

  it('a venue finer than the city, asked of an article that names only the city', () => {
    const lmc = searchText('Hội nghị được tổ chức tại thành phố Bắc Kinh - Trung Quốc.');
    expect(attributesMissing('Hội nghị diễn ra ở khách sạn nào tại Bắc Kinh?', lmc)).toBe(1);
    expect(attributesMissing('hoi nghi dien ra o toa nha nao', lmc)).toBe(1);
    expect(attributesMissing('Which venue hosted the symposium?', lmc)).toBe(1);
    // Stated in one of its ways: answered as before.
    expect(attributesMissing('Hội nghị diễn ra ở khách sạn nào?', searchText('Hội nghị diễn ra tại khách sạn Kempinski.'))).toBe(0);
    expect(attributesMissing('Hội nghị diễn ra ở tòa nhà nào?', searchText('Hội nghị diễn ra tại Trung tâm Hội nghị Quốc gia.'))).toBe(0);
    // Where something happened, not what is asked.
    expect(attributesMissing('Tại khách sạn, ông Metzger nói gì?', lmc)).toBe(0);
  });

  it('short forms a question writes for words a text spells out without defining them', () => {
    const t = 'Tại Hội nghị, Viện Đo lường Việt Nam đã ký kết Biên bản. Bộ Khoa học và Công nghệ (KH&CN) và Ủy ban nhân dân tỉnh.';
    expect(initialismsIn('Viện ĐLVN cam kết gì ở LMC?', t)).toEqual([{ acronym: 'ĐLVN', expansion: 'Đo lường Việt Nam' }]);
    // "và" is skipped; a run starts at a capital.
    expect(initialismsIn('KHCN là bộ gì?', t)).toEqual([{ acronym: 'KHCN', expansion: 'Khoa học và Công nghệ' }]);
    expect(initialismsIn('UBND tỉnh nói gì?', t)).toEqual([{ acronym: 'UBND', expansion: 'Ủy ban nhân dân' }]);
    // Only the words of one name, the whole of it: not across a comma, not the start of a longer one.
    const iec = 'được Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông xây dựng. Bộ Khoa học và Công nghệ cho biết.';
    expect(initialismsIn('Hiệp định TBT có bao nhiêu thành viên?', iec)).toEqual([]);
    expect(initialismsIn('BKH nói gì?', iec)).toEqual([]);
    // Written in the text, two letters, or no run of those initials: none.
    for (const q of ['Bộ KH&CN nói gì?', 'VN ở đâu?', 'ABC có gì?', 'Hội nghị LMC là gì?']) expect(initialismsIn(q, t), q).toEqual([]);
  });

  it('acronyms a text defines, with the words they stand for', () => {
    // "Bộ" is no part of KH&CN: the words start where the initials begin the acronym.
    expect(definedAcronyms(LAW)).toEqual([
      { acronym: 'KH&CN', expansion: 'Khoa học và Công nghệ' },
      { acronym: 'IEC', expansion: 'Ủy ban Kỹ thuật Điện Quốc tế' },
    ]);
    // Hyphenated parts have initials of their own; lower-case words by their initials.
    expect(definedAcronyms(LMC)).toEqual([{ acronym: 'LMC', expansion: 'Lancang-Mekong' }]);
    const q = 'Hỗ trợ Việt Nam trong quá trình xây dựng quy chuẩn kỹ thuật quốc gia (QCVN), Tiêu chuẩn Việt Nam (TCVN) phù hợp.';
    expect(definedAcronyms(q)).toEqual([
      { acronym: 'QCVN', expansion: 'quy chuẩn kỹ thuật quốc gia' },
      { acronym: 'TCVN', expansion: 'Tiêu chuẩn Việt Nam' },
    ]);
    // An English acronym of a Vietnamese name of three words or more is the whole name; the end
    // of a name cut by lower-case words is not ("… sinh học Quốc gia (NCBI)"), nor a bracketed word.
    expect(definedAcronyms('Theo khuyến cáo của Tổ chức Y tế Thế giới (WHO), trẻ cần ngủ đủ.')).toEqual([
      { acronym: 'WHO', expansion: 'Tổ chức Y tế Thế giới' },
    ]);
    expect(definedAcronyms('Trung tâm Thông tin Công nghệ sinh học Quốc gia (NCBI) cho biết.')).toEqual([]);
    // One letter is no acronym; two words whose initials are its letters are its words.
    expect(definedAcronyms('Bệnh nhân (A) và bác sĩ (BS) trao đổi (không có tên).')).toEqual([{ acronym: 'BS', expansion: 'bác sĩ' }]);
    expect(definedAcronyms('Không có ngoặc nào.')).toEqual([]);
    // Deep in a long paragraph, after line breaks and several spaces, the name is read as at its start.
    const long = `${'Các bên trao đổi về hợp tác, đào tạo và tiêu chuẩn. '.repeat(80)}\n  Ủy ban Kỹ thuật Điện Quốc tế  (IEC) và quy chuẩn kỹ thuật quốc gia\n(QCVN) được nhắc đến.`;
    expect(definedAcronyms(long)).toEqual([
      { acronym: 'IEC', expansion: 'Ủy ban Kỹ thuật Điện Quốc tế' },
      { acronym: 'QCVN', expansion: 'quy chuẩn kỹ thuật quốc gia' },
    ]);
    expect(texts(long, expansionSpans(long, 'QCVN'))).toEqual(['quy chuẩn kỹ thuật quốc gia']);
  });

  it('a question for when an act was done needs a time, or the act, in the quote', () => {
    const q = (t: string) => searchText(t.toLowerCase());
    const hope =
      'Bộ Khoa học và Công nghệ (KH&CN) đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật tạo hành lang pháp lý thuận lợi cho hoạt động hội nhập quốc tế cũng như trở thành thành viên chính thức của Ủy ban Kỹ thuật Điện Quốc tế (IEC).';
    for (const question of [
      'Việt Nam gia nhập IEC khi nào?',
      'viet nam gia nhap IEC khi nao',
      'Khi nào Việt Nam trở thành thành viên chính thức của IEC?',
      'When did Vietnam join the IEC?',
      'IEC được thành lập khi nào?',
      'When was the memorandum signed?',
    ])
      expect(whenActMissing(question, q(hope)), question).toBe(true);
    // Any time answers: a date, "sau khi …", "trong thời gian tới", an age.
    for (const time of ['Đan Mạch vào năm 1972.', 'Việt Nam sẽ làm vậy sau khi sửa luật.', 'IEC hỗ trợ trong thời gian tới.', 'Ông làm vậy lúc 2 tuổi.'])
      expect(whenActMissing('Việt Nam gia nhập IEC khi nào?', q(time)), time).toBe(false);
    // So does the act stated, with no time.
    expect(whenActMissing('Việt Nam gia nhập IEC khi nào?', q('Việt Nam đã trở thành thành viên liên kết của IEC.'))).toBe(false);
    expect(whenActMissing('Viện Đo lường Việt Nam ký biên bản khi nào?', q('Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác.'))).toBe(
      false,
    );
    // Questions for another act, for no time, or "đã bao giờ … chưa" (ever) are not read.
    expect(whenActMissing('Hội nghị diễn ra khi nào?', q(hope))).toBe(false);
    expect(whenActMissing('Việt Nam gia nhập tổ chức nào?', q(hope))).toBe(false);
    expect(whenActMissing('Việt Nam đã bao giờ gia nhập IEC chưa?', q(hope))).toBe(false);
    // "kỳ", "kỷ" typed without marks are no signing.
    expect(whenActMissing('ky niem 10 nam BRI khi nao', q(hope))).toBe(false);
  });

  it('a since-when question needs a beginning in the quote', () => {
    const q = (t: string) => searchText(t);
    expect(startMissing('Ông Metzger giữ chức Tổng Thư ký IEC từ năm nào?', q('Ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.'))).toBe(true);
    expect(startMissing('Bà phát hiện ung thư từ năm nào?', q('Bà bị ung thư vú từ năm 2012.'))).toBe(false);
    expect(startMissing('giai doan hai keo dai tu nam nao den nam nao', q('giai đoạn hai (từ 2023 đến 2028)'))).toBe(false);
    expect(startMissing('Anh bắt đầu tập từ khi nào?', q('Anh bắt đầu tập thể hình lúc 16 tuổi.'))).toBe(false);
    // "tự khi nào" (in "trình tự khi nào") asks when, not since when; other questions are not read.
    expect(startMissing('Plastome được giải mã trình tự khi nào?', q('Nó được giải mã vào năm 1986.'))).toBe(false);
    expect(startMissing('Hội nghị diễn ra khi nào?', q('Hội nghị diễn ra ngày 29/8/2023.'))).toBe(false);
    // A date after a verb of beginning is one; "thu tu ngay nao" (thứ tư) asks which date.
    expect(startMissing('IEC được thành lập từ năm nào?', q('IEC được thành lập năm 1906.'))).toBe(false);
    expect(startMissing('Hoi nghi dien ra vao thu tu ngay nao?', q('ngày 5/6'))).toBe(false);
  });

  it("a named person's birth needs a birth in the quote, not the date of a meeting", () => {
    const q = (t: string) => searchText(t);
    const meeting = q('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.');
    expect(birthMissing('Ông Metzger sinh năm nào?', meeting, ['Metzger'])).toBe(true);
    expect(birthMissing('ong metzger sinh nam nao', meeting, [])).toBe(true);
    expect(birthMissing('When was Philippe Metzger born?', meeting, ['Philippe', 'Metzger'])).toBe(true);
    expect(birthMissing('Ông Metzger sinh năm nào?', q('Ông Metzger sinh năm 1960 tại Thụy Sĩ.'), ['Metzger'])).toBe(false);
    expect(birthMissing('Anh Tuấn sinh năm nào?', q('Anh Tuấn (32 tuổi) cho biết.'), ['Tuấn'])).toBe(false);
    // Nobody named: a birth may be asked of a pregnancy ("sinh non vào tuần thai thứ 24"); a male student is no birth year.
    expect(birthMissing('Đứa bé được sinh vào khi nào?', meeting, [])).toBe(false);
    expect(birthMissing('Nam sinh viên Tuấn học ở đâu?', meeting, ['Tuấn'])).toBe(false);
    expect(birthMissing('Năm sinh viên của thầy Tuấn học ở đâu?', meeting, ['Tuấn'])).toBe(false);
  });

  it('a which-time question needs an ordinal in the quote', () => {
    const q = (t: string) => searchText(t);
    expect(ordinalMissing('Ông Metzger đến Việt Nam lần thứ mấy?', q('Ông Philippe Metzger làm việc tại Hà Nội ngày 5/6/2024.'))).toBe(true);
    expect(ordinalMissing('Hội nghị LMC được tổ chức lần thứ mấy?', q('Hội nghị chuyên đề LMC lần thứ 4 được tổ chức tại Bắc Kinh.'))).toBe(false);
    expect(ordinalMissing('Đây là lần thứ mấy bệnh viện làm việc này?', q('Đây là lần đầu tiên bệnh viện thực hiện.'))).toBe(false);
    expect(ordinalMissing('Người sản phụ đã sinh lần thứ bao nhiêu?', q('Đây là lần sinh con thứ ba của chị.'))).toBe(false);
    // Another ordinal question ("tuần thứ mấy" is answered "tuần 37") is not read.
    expect(ordinalMissing('Thai phụ mang thai đến tuần thứ mấy?', q('Thai phụ đau đẻ ở tuần 37.'))).toBe(false);
  });

  it('a which-year question needs a year in the quote', () => {
    const q = (t: string) => searchText(t);
    expect(yearMissing('Luật hiện hành được ban hành năm nào?', q('Bộ KH&CN đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật.'))).toBe(true);
    expect(yearMissing('luat duoc ban hanh nam nao', q('Luật được ban hành năm 2006.'))).toBe(false);
    expect(yearMissing('In what year was it signed?', q('Ký ngày 29/8/2023.'))).toBe(false);
    expect(yearMissing('Bà phát hiện bệnh năm nào?', q('Bà phát hiện bệnh từ năm ngoái.'))).toBe(false);
    // An age or a length of time is not a year.
    expect(yearMissing('Năm mấy tuổi thì cô giảm cân?', q('Năm 16 tuổi, cô tập gym.'))).toBe(false);
    expect(yearMissing('Quan hệ kéo dài bao nhiêu năm?', q('73 năm quan hệ ngoại giao.'))).toBe(false);
  });

  it('purposes: what follows "nhằm", "để" to the end of its clause', () => {
    const t = 'IEC hỗ trợ các dự án nhằm thúc đẩy đào tạo; hỗ trợ chứng nhận sản phẩm nhằm nâng cao năng lực cạnh tranh của doanh nghiệp.';
    expect(texts(t, purposeSpans(t))).toEqual(['thúc đẩy đào tạo', 'nâng cao năng lực cạnh tranh của doanh nghiệp']);
    const q = 'Hỗ trợ chứng nhận sản phẩm nhằm mục đích gì?';
    expect(texts(t, factSpans(analyzeQuestion(q), t, q))).toContain('nâng cao năng lực cạnh tranh của doanh nghiệp');
    expect(purposeSpans('Không có mục đích nào được nêu.')).toEqual([]);
    // A "why" answered by a purpose, where the sentence gives no cause; not by any "để".
    const why = 'Vì sao cần hỗ trợ chứng nhận sản phẩm?';
    expect(texts(t, factSpans(analyzeQuestion(why), t, why))).toContain('nâng cao năng lực cạnh tranh của doanh nghiệp');
    const cause = 'Hỗ trợ chứng nhận sản phẩm vì doanh nghiệp cần nâng cao năng lực cạnh tranh.';
    expect(texts(cause, factSpans(analyzeQuestion(why), cause, why))).toEqual(['vì doanh nghiệp cần nâng cao năng lực cạnh tranh']);
    const de = 'Doanh nghiệp cần chứng nhận để xuất khẩu.';
    expect(factSpans(analyzeQuestion(why), de, why)).toEqual([]);
    // A purpose put first ends at its comma.
    const f = 'Để thúc đẩy công nhận lẫn nhau về kết quả hiệu chuẩn, hai bên đã thống nhất trao đổi chuyên gia.';
    expect(texts(f, purposeSpans(f))).toEqual(['thúc đẩy công nhận lẫn nhau về kết quả hiệu chuẩn']);
  });

  it('definitions, named things and reasons', () => {
    const d = 'Resveratrol là một hợp chất trong vỏ nho có khả năng chống oxy hóa.';
    expect(texts(d, definitionSpans(d, 'Resveratrol'))).toEqual(['một hợp chất trong vỏ nho có khả năng chống oxy hóa']);
    // A law's name runs on in lower case, up to what is said of it.
    expect(texts(LAW, namedSpans(LAW, 'đổi luật'))).toEqual(['Luật Tiêu chuẩn và Quy chuẩn kỹ thuật']);
    // A name whose noun comes first with words describing it before the capitals, and its edition.
    const conf = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4 được tổ chức.';
    expect(texts(conf, namedSpans(conf, 'hội nghị'))).toEqual(['Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4']);
    const edition = 'Hội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm.';
    expect(texts(edition, namedSpans(edition, 'hội nghị'))).toEqual(['Hội nghị chuyên đề LMC lần thứ 4']);
    for (const [t, name] of [
      ['Hội nghị cấp cao Mekong Lần thứ 4 khai mạc.', 'Hội nghị cấp cao Mekong Lần thứ 4'],
      ['Hội nghị chuyên đề LMC lần 2 khai mạc.', 'Hội nghị chuyên đề LMC lần 2'],
      ['Hội nghị chuyên đề LMC lần này khai mạc.', 'Hội nghị chuyên đề LMC'],
      // A verb's words after the noun are no description.
      ['Hội nghị ghi nhận Việt Nam là đối tác.', undefined],
      ['Bệnh viện tỉnh Quảng Trị có văn bản.', 'Bệnh viện tỉnh Quảng Trị'],
    ] as const)
      expect(texts(t, namedSpans(t, t.startsWith('Bệnh') ? 'bệnh viện' : 'hội nghị'))[0], t).toBe(name);
    const hospital = 'Bác sĩ Bệnh viện đa khoa Hùng Vương cho biết.';
    expect(texts(hospital, namedSpans(hospital, 'bệnh viện'))).toEqual(['Bệnh viện đa khoa Hùng Vương']);
    // Not the noun alone, nor a verb's words after it, nor a noun in lower case.
    for (const t of ['Lãnh đạo Viện tham dự Hội nghị', 'Hội nghị đã chứng kiến Việt Nam tham gia.', 'Các hội nghị chuyên đề Hợp tác đều diễn ra.'])
      expect(namedSpans(t, 'hội nghị'), t).toEqual([]);
    // A law of nature is not a legal text.
    const lorentz = 'Định luật Lorentz mô tả lực tác dụng lên điện tích.';
    expect(texts(lorentz, namedSpans(lorentz, 'định luật'))).toEqual(['Định luật Lorentz mô']);
    // An acronym in brackets ends the name whole (with its edition); another bracket is not part of it.
    const lmc = 'Viện ký Chương trình Hợp tác Lancang-Mekong (LMC) lần thứ 4 và Chương trình Đo lường (giai đoạn hai).';
    expect(texts(lmc, namedSpans(lmc, 'chương trình'))).toEqual(['Chương trình Hợp tác Lancang-Mekong (LMC) lần thứ 4', 'Chương trình Đo lường']);
    const orgs = (t: string) => texts(t, organisationSpans(t));
    expect(orgs('… thành viên chính thức của Ủy ban Kỹ thuật Điện Quốc tế (IEC) và Uỷ ban Châu Âu.')).toEqual([
      'Ủy ban Kỹ thuật Điện Quốc tế (IEC)',
      'Uỷ ban Châu Âu',
    ]);
    expect(orgs('… tham gia các tổ chức quốc tế.')).toEqual([]);
    // An office or a place that begins as an organisation does.
    expect(orgs('Bộ Trưởng nói với các đại biểu tới Trường Sa.')).toEqual([]);
    // Nor does a lower-case word after an acronym belong to the name, unless a capital follows it.
    const ministry = 'Hôm nay Bộ KH&CN làm việc với IEC.';
    expect(texts(ministry, namedSpans(ministry, 'bộ'))).toEqual(['Bộ KH&CN']);
    const school = 'Em học Trường THPT chuyên Lê Hồng Phong ở đây.';
    expect(texts(school, namedSpans(school, 'trường'))).toEqual(['Trường THPT chuyên Lê Hồng Phong']);
    // Also after a name's lower-case word.
    const iec = 'Việt Nam muốn trở thành thành viên của Ủy ban Kỹ thuật Điện Quốc tế (IEC) sớm.';
    expect(texts(iec, namedSpans(iec, 'ủy ban'))).toEqual(['Ủy ban Kỹ thuật Điện Quốc tế (IEC)']);
    for (const [text, name] of [
      ['Quốc hội thông qua Luật Giao thông đường bộ năm 2008.', 'Luật Giao thông đường bộ'],
      ['Theo Luật Đầu tư công, dự án phải được phê duyệt.', 'Luật Đầu tư công'],
      ['Luật Sở hữu trí tuệ sửa đổi có hiệu lực.', 'Luật Sở hữu trí tuệ'],
      ['Nghị định Quy định chi tiết một số điều của Luật Đo lường được ban hành.', 'Nghị định Quy định chi tiết'],
    ] as const)
      expect(texts(text, namedSpans(text, name.startsWith('Luật') ? 'luật' : 'nghị định'))[0]).toBe(name);
    const h = 'Bệnh nhân được chuyển đến Bệnh viện Bạch Mai.';
    expect(texts(h, namedSpans(h, 'bệnh viện'))).toEqual(['Bệnh viện Bạch Mai']);
    // A name ends before the function word after it; one word in lower case inside a name stays.
    const said = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp.';
    expect(texts(said, namedSpans(said, 'thứ trưởng'))).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    const inst = 'Viện Đo lường Việt Nam đã ký kết Biên bản.';
    expect(texts(inst, namedSpans(inst, 'viện'))).toEqual(['Viện Đo lường Việt Nam']);
    // A syllable that is also an English function word stays ("an" of "Công an").
    const police = 'Thứ trưởng Bộ Công an chủ trì hội nghị.';
    expect(texts(police, namedSpans(police, 'thứ trưởng'))).toEqual(['Thứ trưởng Bộ Công an']);
    const r = 'Bác sĩ phải mổ cấp cứu vì bệnh nhân bị vỡ ruột thừa.';
    expect(texts(r, reasonSpans(r))).toEqual(['vì bệnh nhân bị vỡ ruột thừa']);
  });

  it('a definition ending at the bracketed term is the clause the unbounded pattern finds (from a word start), looked for only before each bracket', () => {
    const b = 'Tổ chức này do Ủy ban Kỹ thuật Điện Quốc tế (IEC) điều hành; thành viên (IEC) mới.';
    expect(texts(b, definitionSpans(b, 'IEC'))).toEqual(['Tổ chức này do Ủy ban Kỹ thuật Điện Quốc tế', 'thành viên']);
    // Any text of these pieces (none lets another definition pattern match): the clauses of one
    // global run of the pattern over the whole text, trimmed as every span is.
    const subject = 'tiêm chủng';
    const whole = /([^.;:!?,]{3,160})\s*\(tiêm\s+chủng\)/giu;
    const trim = (t: string) => {
      const u = t.replace(/^[\s,.;:()"“”'-]+/u, '').replace(/[\s,.;:("“”'-]+$/u, '');
      return u.endsWith(')') && !u.includes('(') ? u.slice(0, -1) : u;
    };
    const pieces = ['(tiêm chủng)', '(Tiêm  chủng)', ' ', '   ', ', ', '. ', 'vắc xin', 'x'.repeat(70), '\n', 'a', ')'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = `${parts.join('')} tiêm chủng`;
        // A clause longer than the pattern allows is matched from inside a word: it starts at the next word.
        const fromWord = (m: RegExpMatchArray) => {
          const clause = m[1] as string;
          return (m.index ?? 0) > 0 && /[\p{L}\p{M}\p{N}]/u.test(text[(m.index ?? 0) - 1] as string) ? clause.replace(/^[\p{L}\p{M}\p{N}]*\s*/u, '') : clause;
        };
        const want = [...text.matchAll(whole)].map((m) => trim(fromWord(m))).filter(Boolean);
        expect(texts(text, definitionSpans(text, subject))).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('by question: the kind asked for, never a span the question already says', () => {
    const spans = (q: string, s: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    // An office the question names: its holder when asked who holds it, someone else otherwise.
    expect(spans('Ai là Tổng Thư ký IEC?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Tong thu ky IEC la ai?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Tổng Thư ký IEC tên là gì?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('tong thu ky iec ten gi', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('tong thu ky iec gap ai', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Tổng Thư ký IEC gặp ai?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Ai tiep Tong thu ky IEC?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    // The holder without the office the question has said, typed any way, in English too.
    expect(spans('Ai là Thứ trưởng Bộ Khoa học và Công nghệ?', IEC)).toEqual(['Lê Xuân Định']);
    expect(spans('thu truong bo khoa hoc va cong nghe la ai', IEC)).toEqual(['Lê Xuân Định']);
    expect(spans('Who is the Vice Minister?', IEC)).toEqual(['Lê Xuân Định']);
    expect(spans('What is the IEC Secretary General’s name?'.replace('’', "'"), IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('What is the name of the IEC Secretary General?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Who met the IEC Secretary General?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Who received the Secretary General of IEC?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Ai là Thứ trưởng Bộ Công Thương?', IEC)).toEqual([]);
    // "Lần thứ mấy?" asks for an ordinal, which is no quantity; "thu" (to collect) is none.
    expect(spans('Hội nghị chuyên đề LMC lần thứ mấy diễn ra tại Bắc Kinh?', LMC)).toEqual(['lần thứ 4']);
    expect(spans('Hoi nghi LMC lan thu may to chuc o Bac Kinh?', LMC)).toEqual(['lần thứ 4']);
    expect(spans('Sân bay đứng thứ mấy thế giới?', 'Sân bay này đứng thứ ba thế giới và thu 5 tỷ đồng mỗi năm.')).toEqual(['thứ ba']);
    // Said by the question only as whole words: "lan thu ba" is in the letters of "lan thu bao nhieu".
    expect(spans('Nguoi san phu da sinh lan thu bao nhieu?', 'Sản phụ 30 tuổi ở thôn Lùng Cao mang thai lần thứ ba.')).toEqual(['lần thứ ba']);
    // "Bộ nào …?" of a sentence that names several: all of them, not the one nearest the question's words.
    const built =
      'Tiêu biểu như các quy chuẩn kỹ thuật quốc gia về dây, cáp điện được Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông xây dựng và ban hành.';
    expect(spans('Bộ nào xây dựng quy chuẩn kỹ thuật quốc gia về dây, cáp điện?', built)).toEqual(['Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông']);
    expect(spans('Ai là Tổng Thư ký IEC?', 'Ông Philippe Metzger cho biết như trên.')).toEqual([]);
    // A body named as the other side of a meeting: its people are that side, not the answer.
    expect(spans('Ai chủ trì buổi làm việc với IEC?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Ai đại diện IEC làm việc với Bộ KH&CN?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Ai đại diện IEC?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('ai chu tri buoi lam viec voi IEC', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Ai đại diện Bộ KH&CN gặp IEC?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    // When: the day before the span; over what span: both.
    expect(spans('Hội nghị diễn ra khi nào?', LMC)).toEqual(['ngày 29 tháng 8 năm 2023']);
    expect(spans('When was the 4th LMC symposium?', LMC)).toEqual(['ngày 29 tháng 8 năm 2023']);
    expect(spans('Giai đoạn hai kéo dài từ năm nào đến năm nào?', LMC)).toEqual(['ngày 29 tháng 8 năm 2023', 'từ 2023 đến 2028']);
    expect(spans('Giai đoạn hai kéo dài từ 2023 đến 2028 ở đâu?', LMC)).toEqual(['thành phố Bắc Kinh - Trung Quốc']);
    expect(spans('Hội nghị LMC lần thứ 4 kéo dài bao nhiêu năm?', LMC)).toEqual([]);
    // The question's own quantity, spelled in the text, is not the answer.
    expect(spans('Trong vòng 3 tháng có bao nhiêu người tử vong?', 'Trong ba tháng, 200 người đã tử vong vì bệnh tả.')).toEqual(['200 người']);
    // How long: a span of time as well as a count.
    expect(spans('Giai đoạn hai kéo dài bao lâu?', LMC)).toEqual(['từ 2023 đến 2028']);
    // A length in a unit far from the one asked is of something else; the next unit is a way of saying it.
    const years = 'Hội nghị cũng đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc.';
    expect(spans('Hội nghị kéo dài bao nhiêu ngày?', years)).toEqual([]);
    expect(spans('Quan hệ ngoại giao đã được bao nhiêu năm?', years)).toEqual(['73 năm']);
    expect(spans('Đợt điều trị kéo dài bao nhiêu ngày?', 'Đợt điều trị kéo dài 2 tuần tại bệnh viện.')).toEqual(['2 tuần']);
    expect(spans('Bệnh nhân nằm viện mấy tháng?', 'Bệnh nhân nằm viện 3 giờ rồi về nhà.')).toEqual([]);
    // Which one of a sequence: the same noun with its number, not a quantity.
    expect(spans('Hội nghị LMC lần thứ 4 thuộc giai đoạn mấy vậy?', LMC)).toEqual(['giai đoạn hai']);
    expect(spans('Đợt tiêm này là đợt bao nhiêu?', 'Đây là đợt 3 trong năm, sau 73 ngày.')).toEqual(['đợt 3']);
    expect(spans('Nên khám định kỳ bao nhiêu một lần?', 'Phụ nữ nên khám phụ khoa định kỳ 6 tháng một lần.')).toEqual(['6 tháng']);
    // "mấy năm" is answered by a span too when no count of years is given.
    expect(spans('Giai đoạn hai của hợp tác LMC kéo dài mấy năm?', LMC)).toEqual(['từ 2023 đến 2028']);
    expect(spans('Giai đoạn hai kéo dài mấy năm?', 'Hội nghị mở "giai đoạn hai" (từ 2023 đến 2028) của hợp tác.')).toEqual(['từ 2023 đến 2028']);
    expect(spans('Giai đoạn hai kéo dài mấy năm?', 'Giai đoạn hai kéo dài 5 năm, từ 2023 đến 2028.')).toEqual(['5 năm']);
    // The source's own span, not a count worked out from it (the reader counts).
    expect(spans('Giai đoạn hai kéo dài bao nhiêu năm?', LMC)).toEqual(['từ 2023 đến 2028']);
    expect(spans('IEC là gì?', LAW)).toEqual(['Ủy ban Kỹ thuật Điện Quốc tế']);
    expect(spans('Bộ KH&CN đang sửa luật gì?', LAW)).toEqual(['Luật Tiêu chuẩn và Quy chuẩn kỹ thuật']);
    expect(spans('bo khcn dang sua luat gi', LAW)).toEqual(['Luật Tiêu chuẩn và Quy chuẩn kỹ thuật']);
    expect(spans('bo khcn sua doi luat nao', LAW)).toEqual(['Luật Tiêu chuẩn và Quy chuẩn kỹ thuật']);
    // Typed in lower case, on a phone: its expansion, not the 160 characters before the bracket.
    expect(spans('iec la gi', LAW)).toEqual(['Ủy ban Kỹ thuật Điện Quốc tế']);
    expect(spans('Những quốc gia nào tham gia?', 'Các nước Campuchia, Lào và Thái Lan tham gia.')).toEqual(['Campuchia, Lào và Thái Lan']);
    // The person the question names is left out, unless it asks who they are.
    expect(spans('Thứ trưởng Lê Xuân Định tiếp ai?', IEC)).toEqual(['ông Philippe Metzger']);
    // … named by the last word of the name alone ("Định" of "Lê Xuân Định"), or by the body they belong to.
    expect(spans('Thứ trưởng Định tiếp ai?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Ngày 5 tháng 6 năm 2024 Thứ trưởng Định tiếp ai?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Ông Định là ai?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN']);
    expect(spans('tháng sáu năm 2024 Bộ KH&CN làm việc với ai?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('IEC làm việc với ai?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Ông Metzger gặp ai?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    // The body as the doer of "who": its own people answer; a capitalised first word names no one.
    expect(spans('Ai đại diện Bộ KH&CN làm việc với IEC?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định']);
    expect(spans('Định tiếp ai?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN Lê Xuân Định', 'ông Philippe Metzger']);
    // A word of another name is not the person's: "Trung" of "Trung Quốc", "Kearney" of "Đại lộ Kearney".
    const advisers = 'Các cố vấn Trung Quốc như Lưu Bỉnh Trung đã ảnh hưởng mạnh mẽ đến triều đình.';
    expect(spans('Cố vấn Trung Quốc của triều đình là ai?', advisers)).toEqual(['Lưu Bỉnh Trung']);
    const avenue = 'Khu phố bao gồm Đại lộ Kearney, được đặt theo tên của doanh nhân M. Theo Kearney, trải dài từ Phố Fresno.';
    expect(spans('Đại lộ Kearney được đặt theo tên của ai?', avenue)).toContain('M. Theo Kearney');
    expect(spans('Bác sĩ Lương chăm sóc ai?', 'Bác sĩ Hoàng Công Lương chăm sóc bệnh nhân Nguyễn Văn An.')).toEqual(['Nguyễn Văn An']);
    // Who a named person is: the office the sentence gives them.
    expect(spans('Ông Lê Xuân Định là ai?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN']);
    expect(spans('Who is Le Xuan Dinh?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN']);
    expect(spans('Ai là Lê Xuân Định?', IEC)).toEqual(['Thứ trưởng Bộ KH&CN']);
    expect(spans('Ông Philippe Metzger là ai?', 'Ông Philippe Metzger, Tổng Thư ký IEC cho biết như trên.')).toEqual(['Tổng Thư ký IEC']);
    expect(spans('Ông Nguyễn Văn An là ai?', 'Ông Nguyễn Văn An cho biết như trên.')).toEqual([]);
    expect(spans('Who did Le Xuan Dinh meet?', IEC)).toEqual(['ông Philippe Metzger']);
    // Who heads a body: its head, never a deputy or the holder of another office.
    expect(spans('Ai là người đứng đầu IEC?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Who leads the IEC?', IEC)).toEqual(['ông Philippe Metzger']);
    expect(spans('Người đứng đầu Bộ KH&CN là ai?', IEC)).toEqual([]);
    expect(spans('Ai là người đứng đầu Viện Đo lường Việt Nam?', IEC)).toEqual([]);
    expect(spans('Ai là người đứng đầu đoàn?', 'Trưởng đoàn là ông Nguyễn Văn An, đi cùng Thứ trưởng Bộ KH&CN Lê Xuân Định.')).toEqual(['ông Nguyễn Văn An']);
    // … even when no one else is named: the person asked about is not who they spoke to.
    expect(spans('Thứ trưởng Lê Xuân Định nói gì với ai?', 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên.')).toEqual([]);
    // Asked who someone is, a sentence without their office gives what it says they are.
    expect(spans('Kim Nhật Thành là ai?', 'Ông Kim Nhật Thành (Kim Il-sung) là nhà lãnh đạo đầu tiên của Triều Tiên.')).toEqual([
      'nhà lãnh đạo đầu tiên của Triều Tiên',
    ]);
    // Names without a title are names, but not a capitalised Vietnamese noun or a place or an organisation.
    expect(spans('Tesla đã hợp tác với ai vào năm 1886?', 'Năm 1886, Tesla đã hợp tác với Robert Lane và Benjamin Vail.')).toEqual([
      'Robert Lane',
      'Benjamin Vail',
    ]);
    // A name with its acronym in brackets is a body or a programme.
    expect(spans('Who took part?', 'Hội nghị Hợp tác Lancang-Mekong (LMC) kỷ niệm 10 năm Sáng kiến Vành đai và Con đường (BRI).')).toEqual([]);
    // …unless it is the body that did what is asked, named right before the verb ("signed": "ký kết").
    expect(spans('Who signed the memorandum?', 'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác quốc tế.')).toEqual([
      'Viện Đo lường Việt Nam',
    ]);
    expect(spans('Who praised the memorandum?', 'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác quốc tế.')).toEqual([]);
    // Who said it is not a list of what was asked; a capitalised syllable is not a place.
    expect(
      spans('Uống ít nước gây ra những tác hại gì?', 'Theo bác sĩ Nguyễn Thị Hồng Thắm, Khoa Phụ sản, uống ít nước làm tăng nguy cơ nhiễm trùng tiểu.'),
    ).toEqual([]);
    expect(spans('Những ai tham dự?', 'Tham dự có ông Nguyễn Văn An, Trần Văn Bình và Lê Thị Cúc.')).toEqual([
      'ông Nguyễn Văn An, Trần Văn Bình và Lê Thị Cúc',
    ]);
    expect(spans('Bác sĩ phát hiện túi phình ở đâu?', 'Bác sĩ cho biết bệnh nhân bị Đột quỵ do túi phình.')).toEqual([]);
    // An office written with its last word in lower case is not a name.
    expect(spans('Philippe Metzger gặp ai?', 'Ông Philippe Metzger, Tổng Thư ký IEC cho biết như trên.')).toEqual([]);
  });

  it('a person is not an event, a trophy, a work, a team or a people', () => {
    const spans = (q: string, s: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    const who = 'Ai dẫn đầu đội?';
    // Events and trophies, by their own words, English or Vietnamese: the person named beside them.
    expect(spans(who, 'Cầu thủ từng dự Pro Bowl, Marcus Hale dẫn đầu đội về số lần cản phá.')).toEqual(['Marcus Hale']);
    expect(spans(who, 'Kỷ lục do Tom Brandt nắm giữ, người thắng trận Super Bowl XXXVII năm ấy.')).toEqual(['Tom Brandt']);
    expect(spans(who, 'Họ gặp nhau ở Liên hoan Phim Châu Á, nơi Hana Mori nhận giải.')).toEqual(['Hana Mori']);
    expect(spans(who, 'Sau trận chung kết Cúp Quốc gia, đoàn về nước.')).toEqual([]);
    expect(spans(who, 'Họ thắng tại Đại hội Thể thao Đông Nam Á lần thứ 31.')).toEqual([]);
    expect(spans(who, 'Đội giành World Cup và Gold Cup trong hai năm liền.')).toEqual([]);
    expect(spans(who, 'Sau AFC Championship Game, cả đội nghỉ ngơi.')).toEqual([]);
    // A king's numeral is still a name; a large one is an event's.
    expect(spans(who, 'Năm ấy, vua Louis XIV cho xây cung điện.')).toEqual(['Louis XIV']);
    expect(spans(who, 'Năm ấy, Giáo hoàng Gioan XXIII mở công đồng.')).toEqual(['Gioan XXIII']);
    // A place, a fort or a work named by its first word.
    expect(spans(who, 'Quân đội tấn công Fort Caroline vào tháng 9.')).toEqual([]);
    expect(spans(who, 'Nhạc phim cho bản gốc của The Silent Hours được viết năm 1970.')).toEqual([]);
    // A short title in quotation marks is a work; a long quote may name someone.
    expect(spans(who, 'Ông viết bài thơ "Ngọn Gió Mùa Thu" khi ở Paris.')).toEqual([]);
    expect(spans(who, 'Bà hát “Bài Ca Hy Vọng” trong buổi lễ.')).toEqual([]);
    expect(spans(who, 'Ông nói: "Tôi được Lê Văn An giúp rất nhiều trong suốt những năm khó khăn ấy".')).toEqual(['Lê Văn An']);
    // A people, a team or a band, and a place after a word for one.
    expect(spans(who, 'Họ chiến đấu chống lại người Pechalan và người Bulgary.')).toEqual([]);
    expect(spans(who, 'Năm đó, đội Broncos thắng trận và ban nhạc Blue Stones biểu diễn.')).toEqual([]);
    expect(spans(who, 'Quân của Oursel tiến vào thung lũng Euphrates ở phía bắc Syria.')).toEqual(['Oursel']);
  });

  it('a foreign name opening the sentence is a name; a Vietnamese noun or a function word opening it is not', () => {
    const spans = (q: string, s: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    const who = 'Ai là thủ quân đầu tiên?';
    expect(spans(who, 'Peyton Manning trở thành thủ quân đầu tiên dẫn dắt hai đội.')).toEqual(['Peyton Manning']);
    expect(spans(who, 'Theo Tom Brandt, đội có thủ quân mới.')).toEqual(['Tom Brandt']);
    // Not one word, a Vietnamese noun, an acronym, an event or a title.
    expect(spans(who, 'Manning trở thành thủ quân đầu tiên.')).toEqual([]);
    expect(spans(who, 'Hội nghị Thủ quân diễn ra tại Bắc Kinh.')).toEqual([]);
    expect(spans(who, 'Theo WHO, thủ quân cần nghỉ ngơi.')).toEqual([]);
    expect(spans(who, 'Super Bowl năm ấy có thủ quân lớn tuổi nhất.')).toEqual([]);
    expect(spans(who, 'The Beatles hát trước trận.')).toEqual([]);
  });

  it('a rank, a mayor or a lord before a name is the person’s title', () => {
    const spans = (q: string, s: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    expect(spans('Ai chỉ huy thứ hai?', 'Năm 1756, Thiếu tướng James Abercrombie chỉ huy thứ hai.')).toEqual(['Thiếu tướng James Abercrombie']);
    expect(spans('Ai chỉ huy?', 'Quân đội do ngài Paul Stallsworth chỉ huy.')).toEqual(['ngài Paul Stallsworth']);
    expect(spans('Ai chịu trách nhiệm?', 'Kế hoạch của Thị trưởng W. Haydon Burns được thông qua.')).toEqual(['Thị trưởng W. Haydon Burns']);
    expect(spans('Ai dẫn đầu đoàn?', 'Đoàn do Đại tá Nguyễn Văn Bình dẫn đầu.')).toEqual(['Đại tá Nguyễn Văn Bình']);
    // A rank without a name after it names no one.
    expect(spans('Ai dẫn đầu đoàn?', 'Đoàn do một Đại tá dẫn đầu.')).toEqual([]);
  });

  it('a foreign name is read whole: particles, initials and the country before it', () => {
    const spans = (q: string, s: string) => texts(s, factSpans(analyzeQuestion(q), s, q));
    const who = 'Ai chỉ huy quân đội?';
    expect(spans(who, 'Quân tiếp viện do tướng Louis-Joseph de Montcalm chỉ huy.')).toEqual(['Louis-Joseph de Montcalm']);
    expect(spans(who, 'Nhà vua ra lệnh cho Pedro Menéndez de Avilés bảo vệ thuộc địa.')).toEqual(['Pedro Menéndez de Avilés']);
    expect(spans(who, 'Theo sử sách, Muhammad ibn Rashid chỉ huy quân đội.')).toEqual(['Muhammad ibn Rashid']);
    expect(spans(who, 'Theo sử sách, Ludwig van Berg chỉ huy quân đội.')).toEqual(['Ludwig van Berg']);
    expect(spans(who, 'Bài viết năm 1999 của Michael E. Mann và Raymond S. Bradley được trích dẫn.')).toEqual(['Michael E. Mann', 'Raymond S. Bradley']);
    expect(spans(who, 'Dự án của nhà buôn W. Haydon Burns được thông qua.')).toEqual(['W. Haydon Burns']);
    expect(spans(who, 'Chủ tịch hiện nay là Ngài Paul T. Stallsworth.')).toEqual(['Ngài Paul T. Stallsworth']);
    // A country before a name is the person's nationality, not part of the name.
    expect(spans(who, 'Nhà kinh tế học Hàn Quốc Kim Min Ho là chủ tịch.')).toEqual(['Kim Min Ho']);
    expect(spans(who, 'Nhà thám hiểm người Pháp Jean Ribault đã lập bản đồ.')).toEqual(['Jean Ribault']);
    // Not a lower-case word that is no particle, nor a particle before a lower-case word.
    expect(spans(who, 'Sau đó, Jean Dupont de retour về nước.')).toEqual(['Jean Dupont']);
    // Vietnamese names stay as they are.
    expect(spans(who, 'Quân đội do tướng Trần Hưng Đạo chỉ huy.')).toEqual(['Trần Hưng Đạo']);
    expect(spans(who, 'Quân đội do ông Nguyễn Văn An chỉ huy.')).toEqual(['ông Nguyễn Văn An']);
  });

  it('spans are always inside the sentence, for any text', () => {
    const questions = ['Ai là Tổng Thư ký IEC?', 'Hội nghị ở đâu?', 'Khi nào?', 'Bao nhiêu người?', 'IEC là gì?', 'Những nước nào?', 'Vì sao?', 'Luật nào?'];
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab AĐ1,.()-/và tại ông Hà Nội 5/6/2024 (IEC) '.split('')) }),
        fc.constantFrom(...questions),
        (text, q) => {
          for (const s of factSpans(analyzeQuestion(q), text, q)) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(s.end).toBeGreaterThan(s.start);
          }
        },
      ),
    );
  });
});

describe('what a "how many" question counts', () => {
  it('is the noun after "bao nhiêu" / "mấy", and the word after it', () => {
    expect(countedThing('Hội nghị LMC lần thứ 4 có bao nhiêu đại biểu tham dự?')).toEqual(['dai', 'bieu']);
    expect(countedThing('Hùng đã trải qua bao nhiêu ca phẫu thuật?')).toEqual(['ca', 'phau']);
  });

  it('is, in English, the Vietnamese term of the counted noun when the glossary has one', () => {
    expect(countedThing('How many member countries does the IEC currently have')).toEqual(['quoc', 'gia']);
    expect(countedThing('How many young Vietnamese experts take part in IEC work?')).toEqual(['chuyen', 'gia']);
    expect(countedThing('How many joint research projects will VMI run?')).toEqual(['du', 'an']);
    expect(countedThing('How many delegates attended the symposium?')).toEqual(['dai', 'bieu']);
    // "how much" before a noun counts it as "bao nhiêu" does; a sum of money is a measure.
    expect(countedThing('How much electricity does Vietnam import?')).toEqual(['dien']);
    expect(countedThing('How much funding did the IEC promise?')).toEqual([]);
    // No term for the noun, people, and a length of time: nothing to look for.
    expect(countedThing('How many guests attended the symposium?')).toEqual([]);
    expect(countedThing('How many people attended the symposium?')).toEqual([]);
    // A determiner opens another phrase: what follows it is not counted.
    expect(countedThing('How many nations control this region?')).toEqual(['quoc', 'gia']);
    expect(countedThing('How many passengers a year does the network carry?')).toEqual([]);
    // The noun before the verb, not a term of what follows it.
    expect(countedThing('How many countries hosted the event?')).toEqual(['quoc', 'gia']);
    expect(countedThing('How many experts led the delegation?')).toEqual(['chuyen', 'gia']);
    expect(countedThing('How many years of diplomatic relations did the symposium mark?')).toEqual([]);
  });

  it('is nothing for a length, a share, money, people, an ordinal, a phase or a bare "bao nhiêu"', () => {
    for (const q of [
      'Hội nghị kéo dài bao nhiêu ngày?',
      'Tỷ lệ doanh nghiệp áp dụng là bao nhiêu?',
      'IEC hỗ trợ bao nhiêu tiền?',
      'Có bao nhiêu người mổ cho Sakthivel?',
      'Đây là lần thứ mấy bệnh viện thực hiện kĩ thuật này?',
      'Hội nghị thuộc giai đoạn mấy vậy?',
      'Giá là bao nhiêu vậy?',
    ])
      expect(countedThing(q), q).toEqual([]);
  });

  it('is counted by a number, spelled or in digits, at most two words before it', () => {
    expect(countsThing('phát hiện 4 dị vật trong dạ dày', ['di', 'vat'])).toBe(true);
    expect(countsThing('có ba vị đại biểu', ['dai', 'bieu'])).toBe(true);
    expect(countsThing('bệnh nhân trải qua 3 lần phẫu thuật', ['ca', 'phau'])).toBe(true);
    expect(countsThing('các đại biểu tham dự hội nghị năm 2023', ['dai', 'bieu'])).toBe(false);
    // "là một đối tác quan trọng": "một" is "a", no count; "ký với một đối tác" counts one.
    expect(countsThing('Việt Nam hiện là một đối tác quan trọng trong LMC.', ['doi', 'tac'])).toBe(false);
    expect(countsThing('Viện đã ký với một đối tác Nhật Bản.', ['doi', 'tac'])).toBe(true);
    expect(countsThing('anything', [])).toBe(true);
    // "Nhiều", "vài", "mấy" say there are some, not how many.
    expect(countsThing('nhiều chuyên gia trẻ đã đóng góp', ['chuyen', 'gia'])).toBe(false);
    expect(countsThing('hàng trăm chuyên gia tham dự', ['chuyen', 'gia'])).toBe(true);
    // "Nam" of "Việt Nam" folds to "nam" (five) but counts nothing; "năm" written with marks does.
    expect(countsThing('việt nam là quốc gia đang phát triển, việt nam đã tham gia', ['chuyen', 'gia'])).toBe(false);
    expect(countsThing('năm chuyên gia đã tham gia', ['chuyen', 'gia'])).toBe(true);
    expect(countsThing('viet nam la quoc gia', ['chuyen', 'gia'])).toBe(true);
    // A count after one read and rejected is still found.
    expect(countsThing('việt nam có 5 chuyên gia trẻ', ['chuyen', 'gia'])).toBe(true);
    expect(countsThing('bà ba chuyên gia', ['chuyen', 'gia'])).toBe(true);
  });
});

describe('nationalityMissing', () => {
  const missing = (q: string, article: string) => nationalityMissing(q, questionNames(q), searchText(article));
  const iec = 'ông philippe metzger, tổng thư ký iec cho biết, việt nam là quốc gia đang phát triển rất nhanh.';

  it('finds a person’s country missing when no place is said of them in their clause', () => {
    expect(missing('Ông Metzger mang quốc tịch nước nào?', iec)).toBe(true);
    expect(missing('ong Philippe Metzger mang quoc tich nuoc nao', iec)).toBe(true);
    expect(missing("What is Philippe Metzger's nationality?", iec)).toBe(true);
  });

  it('reads a place beside the name, "người" before a place, or "quốc tịch" as stated', () => {
    expect(missing('Lee Chong Wei quốc tịch gì?', 'tay vợt malaysia lee chong wei giành huy chương.')).toBe(false);
    expect(missing('Hoesung Lee mang quốc tịch nào?', 'chủ tịch ipcc, ông hoesung lee (hàn quốc), phát biểu.')).toBe(false);
    expect(missing('Các nghệ sĩ Sheepshanks tặng tranh có quốc tịch nào?', 'sheepshanks tặng tranh của các họa sĩ người anh.')).toBe(false);
    expect(missing('Ông Metzger mang quốc tịch nước nào?', `${iec} ông mang quốc tịch thụy sĩ.`)).toBe(false);
    expect(missing('Ông Metzger mang quốc tịch nước nào?', 'philippe metzger, một công dân thụy sĩ, cho biết.')).toBe(false);
    expect(missing('Tổng Thư ký IEC mang quốc tịch nước nào?', 'tổng thư ký iec philippe metzger (thụy sĩ) cho biết.')).toBe(false);
  });

  it('is false for other questions and for a person the article does not name', () => {
    expect(missing('Đạo luật Quốc tịch Anh được thông qua vào khi nào?', iec)).toBe(false);
    expect(missing('Ông Metzger nói gì về Việt Nam?', iec)).toBe(false);
    expect(missing('Ông Smith mang quốc tịch nước nào?', iec)).toBe(false);
    // Where goods come from is no nationality.
    expect(missing('Tập đoàn Vingroup nhập khẩu dây chuyền từ nước nào?', 'vingroup nhập khẩu dây chuyền từ đức.')).toBe(false);
  });
});

describe('bodiesOfOtherPlaces', () => {
  const other = (q: string, article: string) => bodiesOfOtherPlaces(q, searchText(article));
  const lmc = 'tại hội nghị, viện đo lường việt nam đã chính thức ký kết biên bản. viện đo lường việt nam cam kết tăng cường hợp tác với trung quốc.';

  it('finds a body named with a place the article gives it only with another', () => {
    expect(other('Ai ký biên bản thay mặt Viện Đo lường Trung Quốc?', lmc)).toEqual(['Viện Đo lường Trung Quốc']);
    expect(other('vien do luong trung quoc ky gi', lmc)).toEqual(['vien do luong trung quoc']);
    expect(other('Sở Y tế Đà Nẵng nói gì?', 'sở y tế tp. hà nội cho biết đã tiêm đủ.')).toEqual(['Sở Y tế Đà Nẵng']);
  });

  it('is empty when the article writes the body with that place, or without a place, anywhere', () => {
    expect(other('Viện Đo lường Việt Nam ký gì?', lmc)).toEqual([]);
    expect(other('Sở Y tế Hà Nội nói gì?', 'sở y tế tp. hà nội cho biết đã tiêm đủ.')).toEqual([]);
    expect(other('Sở Y tế Quảng Nam nói gì?', 'sở y tế tỉnh quảng nam cho biết.')).toEqual([]);
    expect(other('Bộ Y tế Việt Nam khuyến cáo gì?', 'bộ y tế singapore cho biết. bộ y tế khuyến cáo người dân đeo khẩu trang.')).toEqual([]);
  });

  it('reads only bodies: a place after other words, an office or an English question is not one', () => {
    expect(other('Việt Nam hợp tác với Trung Quốc về gì?', lmc)).toEqual([]);
    expect(other('Thứ trưởng Trung Quốc nói gì?', 'thứ trưởng việt nam phát biểu.')).toEqual([]);
    expect(other("Who signed for China's metrology institute?", lmc)).toEqual([]);
    // The article never names the body at all: other rules read that.
    expect(other('Viện Hóa học Trung Quốc công bố gì?', lmc)).toEqual([]);
  });
});

describe('bodyOfPlaceMissing', () => {
  const missing = (q: string, article: string) => bodyOfPlaceMissing(q, searchText(article));
  const lmc =
    'hội nghị được tổ chức tại thành phố bắc kinh - trung quốc, bên cạnh campuchia, trung quốc, lào và thái lan. viện đo lường việt nam đã ký kết biên bản.';

  it('finds a body asked by its place when the article names no body of that place', () => {
    expect(missing('Cơ quan nào của Trung Quốc đăng cai hội nghị?', lmc)).toBe(true);
    expect(missing('co quan do luong nao cua Trung Quoc chu tri hoi nghi', lmc)).toBe(true);
    expect(missing('Thái Lan cử viện đo lường quốc gia nào tham dự?', lmc)).toBe(true);
    expect(missing('Which Chinese agency organised the conference?', lmc)).toBe(true);
    expect(missing('Which national metrology institute represented Thailand at the conference?', lmc)).toBe(true);
    expect(missing("Which institute of Thailand's signed?", lmc)).toBe(true);
  });

  it('is false when the article names a body of that place, or the question asks no such body', () => {
    expect(missing('Cơ quan nào của Việt Nam ký biên bản?', lmc)).toBe(false);
    expect(missing('Which Vietnamese institute signed the document?', lmc)).toBe(false);
    expect(missing('Cơ quan nào của Trung Quốc đăng cai?', 'viện đo lường quốc gia trung quốc (nim) đăng cai hội nghị.')).toBe(false);
    expect(missing('Cơ quan nào của Mỹ cảnh báo?', 'cục quản lý thực phẩm và dược phẩm mỹ (fda) cảnh báo.')).toBe(false);
    expect(missing('Cơ quan nào tổ chức hội nghị?', lmc)).toBe(false);
    expect(missing('Which countries took part?', lmc)).toBe(false);
    // The body asked is of another noun, or of Việt Nam, whose bodies the news names without the country.
    expect(missing("Which law is Vietnam's Ministry of Science and Technology working to amend?", lmc)).toBe(false);
    expect(missing("Which ministry is pushing for Vietnam's full IEC membership?", lmc)).toBe(false);
    expect(missing('Cơ quan nào của Việt Nam ký biên bản?', 'bộ kh&cn và ủy ban kỹ thuật điện quốc tế ký biên bản.')).toBe(false);
  });

  it('finds someone asked of a side when the article names no one of it, or the quotes never name that country', () => {
    for (const q of [
      'Ai ký biên bản thay mặt Trung Quốc?',
      'ai ky bien ban thay mat trung quoc',
      'Ai đại diện cho Trung Quốc?',
      'Ai là đại diện phía Thái Lan?',
      'Who signed on behalf of China?',
      'Who signed for the Chinese side?',
    ])
      expect(missing(q, lmc), q).toBe(true);
    // The article writes someone of that side: answered, when the quotes name the country.
    const side = 'đại diện phía trung quốc, ông lý minh, đã ký biên bản.';
    expect(missing('Ai ký biên bản thay mặt Trung Quốc?', side)).toBe(false);
    expect(missing('Who signed on behalf of China?', side)).toBe(false);
    expect(bodyOfPlaceMissing('Ai ký biên bản thay mặt Trung Quốc?', searchText(lmc), searchText('viện đo lường việt nam đã ký kết biên bản.'))).toBe(true);
    // No side asked, or Việt Nam's (its bodies are written without the country).
    expect(missing('Ai ký biên bản?', lmc)).toBe(false);
    expect(missing('Ai ký biên bản thay mặt Việt Nam?', lmc)).toBe(false);
    expect(missing('Trung Quốc nằm ở phía nào?', lmc)).toBe(false);
  });
});

describe('measureMissing', () => {
  const measureMissing = (q: string, article: string) => missingIn(q, searchText(article));
  const lmc =
    'vào ngày 29 tháng 8 năm 2023, hội nghị lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại bắc kinh. hội nghị đánh dấu mốc 73 năm quan hệ.';

  it('finds a sum of money missing only when no amount in any currency is given', () => {
    expect(measureMissing('Dự án có kinh phí bao nhiêu?', lmc)).toBe(true);
    expect(measureMissing('IEC hỗ trợ bao nhiêu tiền?', 'iec tài trợ 2 triệu usd cho dự án')).toBe(false);
    expect(measureMissing('Chi phí là bao nhiêu?', 'mỗi ca tốn khoảng 30 triệu đồng')).toBe(false);
    expect(measureMissing('kinh phi du an la bao nhieu', lmc)).toBe(true);
    // "cải tiến" is no "tiền"; "chi phí cho bao nhiêu ca" counts cases, not money.
    expect(measureMissing('Sau khi cải tiến, bệnh nhân chờ bao lâu?', 'bệnh nhân chờ 112 phút')).toBe(false);
    expect(measureMissing('Bệnh viện hỗ trợ chi phí cho bao nhiêu ca?', lmc)).toBe(false);
    // "Tiền" of a place or a word is no money; sums in "đ" or in millions and billions alone are.
    expect(measureMissing('Dân số tỉnh Tiền Giang năm 2024 là bao nhiêu?', lmc)).toBe(false);
    expect(measureMissing('Kinh phí dự án là bao nhiêu?', 'tổng mức đầu tư 40 tỷ')).toBe(false);
    expect(measureMissing('Giá vé là bao nhiêu?', 'vé vào cửa 50.000đ')).toBe(false);
    expect(measureMissing('Mức phạt là bao nhiêu?', 'phạt từ 4 - 6 triệu')).toBe(false);
    // Fees, and the same in English, asked with "how much" or "what … fee / budget".
    expect(measureMissing('Phí thành viên IEC hằng năm là bao nhiêu?', lmc)).toBe(true);
    expect(measureMissing('phi thanh vien IEC la bao nhieu', lmc)).toBe(true);
    expect(measureMissing('How much funding did China pledge for the cooperation', lmc)).toBe(true);
    expect(measureMissing('What annual fee would Vietnam pay as a full IEC member', lmc)).toBe(true);
    expect(measureMissing('What is the budget of the action programme?', lmc)).toBe(true);
    expect(measureMissing('What is the budget of the action programme?', 'ngân sách 2 triệu usd')).toBe(false);
    // "Lãng phí" is waste; "What did the budget pay for?" asks no sum.
    expect(measureMissing('Lãng phí bao nhiêu thời gian?', lmc)).toBe(false);
    expect(measureMissing('What did the budget pay for?', lmc)).toBe(false);
    expect(measureMissing('What is the budget used for?', lmc)).toBe(false);
    expect(measureMissing('Which fees were abolished?', lmc)).toBe(false);
    // A share or a length of time of a sum is that measure.
    const share = 'dành 30% ngân sách cho nghiên cứu, chương trình kéo dài 5 năm.';
    expect(measureMissing('What percentage of the budget goes to research?', share)).toBe(false);
    expect(measureMissing('How long will the funding last?', share)).toBe(false);
  });

  it('reads a length of time in the unit asked or one step from it, not inside a date', () => {
    expect(measureMissing('Hội nghị kéo dài bao nhiêu ngày?', lmc)).toBe(true);
    expect(measureMissing('Hội nghị kéo dài bao nhiêu ngày?', 'hội nghị diễn ra trong hai ngày')).toBe(false);
    expect(measureMissing('Hội nghị kéo dài bao nhiêu ngày?', 'hội nghị kéo dài một tuần')).toBe(false);
    expect(measureMissing('Chương trình kéo dài mấy năm?', lmc)).toBe(false);
    expect(measureMissing('Bà bầu mang thai bao lâu?', 'bà bầu đang mang thai ở tuần thứ 36')).toBe(false);
    expect(measureMissing('Chị sống bao nhiêu năm trên đời?', 'chị hằng (32 tuổi)')).toBe(false);
    expect(measureMissing('How long did the meeting last?', 'ký ngày 5/6/2024, việt nam ngày càng hội nhập')).toBe(true);
    expect(measureMissing('Họ dùng tên tiếng Pháp trong bao lâu?', 'họ dùng tên tiếng pháp cho đến thế kỷ mười chín')).toBe(false);
    // Two dates with "đến" between them are a span.
    expect(measureMissing('Hội chợ kéo dài bao nhiêu ngày?', 'hội chợ diễn ra từ ngày 5/6/2024 đến ngày 7/6/2024')).toBe(false);
    expect(measureMissing('Chiến dịch kéo dài mấy tháng?', 'chiến dịch từ tháng 3 đến tháng 5/2024')).toBe(false);
    // A misspelt unit ("đểm" for "điểm") is no unit of time.
    expect(measureMissing('Đội ghi được bao nhiêu đểm?', 'đội ghi 11 điểm')).toBe(false);
  });

  it('reads ages, shares and measures by their own words', () => {
    expect(measureMissing('ong philippe metzger bao nhieu tuoi', lmc)).toBe(true);
    expect(measureMissing('Ông ấy bao nhiêu tuổi?', 'ông sinh năm 1970')).toBe(false);
    expect(measureMissing('Tỷ lệ doanh nghiệp áp dụng là bao nhiêu?', lmc)).toBe(true);
    expect(measureMissing('Tỷ lệ doanh nghiệp áp dụng là bao nhiêu?', 'có 45% doanh nghiệp áp dụng')).toBe(false);
    expect(measureMissing('Vì sao tỷ lệ chữa khỏi thấp?', lmc)).toBe(false);
    expect(measureMissing('Bao nhiêu phần của vùng chưa phát triển?', lmc)).toBe(false);
    expect(measureMissing('Chiếc lu cao mấy mét?', 'chiếc lu chứa nước cao một mét')).toBe(false);
    expect(measureMissing('Chiếc lu cao mấy mét?', lmc)).toBe(true);
    expect(measureMissing('Diện tích tỉnh là bao nhiêu km²?', 'diện tích 4.490 km²')).toBe(false);
    expect(measureMissing('Diện tích tỉnh là bao nhiêu km2?', 'diện tích 4.490 km2')).toBe(false);
    expect(measureMissing('Có bao nhiêu quốc gia tham gia?', lmc)).toBe(false);
  });
});

it('measureMissing reads a number only from its start, not from inside it ("1.1.1…" is one number)', () => {
  expect(missingIn('Cầu dài bao nhiêu mét?', searchText(`${'1.'.repeat(2000)}5 mét`))).toBe(false);
  expect(missingIn('Cầu dài bao nhiêu mét?', searchText(`${'1.'.repeat(2000)}5 người`))).toBe(true);
});

describe('the acronym of a name', () => {
  it('answers "X viết tắt là gì?" with the acronym in brackets after the name', () => {
    const text = 'Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4 được tổ chức tại Bắc Kinh.';
    for (const q of ['Hợp tác Lancang-Mekong được viết tắt là gì?', 'hop tac lancang-mekong viet tat la gi'])
      expect(texts(text, factSpans(analyzeQuestion(q), text, q)), q).toEqual(['LMC']);
    // Another name's acronym is not it.
    const q = 'Sáng kiến Vành đai và Con đường viết tắt là gì?';
    expect(factSpans(analyzeQuestion(q), text, q)).toEqual([]);
  });
});

describe('a place where the question asks it', () => {
  const placed = spanText(placeWhereAsked);
  it('is what follows "ở" or "tại" after the words the question puts before "ở đâu", to the end of its clause', () => {
    const text = 'Sáng qua, người lái xe quê ở Hải Dương cho biết chiếc xe tải bị lật tại đèo Hải Vân, không ai bị thương.';
    expect(placed('Chiếc xe tải bị lật ở đâu?', text)).toBe('đèo Hải Vân');
    expect(placed('chiec xe tai bi lat o dau', text)).toBe('đèo Hải Vân');
    expect(placed('Xe tải bị lật tại nơi nào?', text)).toBe('đèo Hải Vân');
    // A place written in lower case, which no name finder reads as one.
    expect(placed('Bác sĩ tìm thấy mảnh kim loại ở đâu?', 'Bác sĩ tìm thấy mảnh kim loại ở mặt trong đầu gối trái của cậu bé.')).toBe(
      'mặt trong đầu gối trái của cậu bé',
    );
  });
  it('is nothing when the words are not followed there by "ở" or "tại", are found twice, or point back', () => {
    expect(placed('Lễ hội diễn ra ở đâu?', 'Lễ hội diễn ra hằng năm ở làng Đông Hồ.')).toBeUndefined();
    expect(placed('Lễ hội diễn ra ở đâu?', 'Lễ hội diễn ra, ở làng Đông Hồ, vào mùa xuân.')).toBeUndefined();
    expect(placed('Anh ấy làm việc ở đâu?', 'Anh ấy làm việc ở Huế, sau đó anh ấy làm việc ở Đà Nẵng.')).toBeUndefined();
    expect(placed('Cô ấy sinh con ở đâu?', 'Cô ấy sinh con ở đó vì không kịp đến bệnh viện.')).toBeUndefined();
    // The question's words stand together in the sentence, at least two of them: one alone ("học") is too little.
    expect(placed('Con trai bà học ở đâu?', 'Con trai bà hiện học ở trường làng.')).toBeUndefined();
    // A clause, not a place.
    expect(
      placed('Đoàn khách dừng chân ở đâu?', 'Đoàn khách dừng chân ở nơi mà người dân trong vùng vẫn thường gọi là con dốc của những người đi chợ phiên sớm.'),
    ).toBeUndefined();
    expect(placed('Chiếc xe tải bị lật khi nào?', 'Chiếc xe tải bị lật tại đèo Hải Vân.')).toBeUndefined();
  });
});

describe('a count spelled out before what the question counts', () => {
  const counted = spanText(spelledCountAsked);
  it('is the count right before the word the question counts, typed with marks or without', () => {
    const text = 'Thị trấn có hai bệnh viện và ba trường học, cách nhau chừng một cây số.';
    expect(counted('Thị trấn có bao nhiêu trường học?', text)).toBe('ba');
    expect(counted('thi tran co bao nhieu benh vien', text)).toBe('hai');
    expect(counted('Đội bóng đã thắng mấy trận?', 'Mùa này đội bóng đã thắng mười hai trận liên tiếp.')).toBe('mười hai');
  });
  it('is nothing for a count the question says, a count of something else, two counts, or a length or age', () => {
    expect(counted('Lớp có 3 tổ, sau tách thành bao nhiêu tổ?', 'Lớp có ba tổ, về sau tách ra.')).toBeUndefined();
    expect(counted('Thị trấn có bao nhiêu nhà máy?', 'Thị trấn có hai bệnh viện và ba trường học.')).toBeUndefined();
    expect(counted('Xã có bao nhiêu trường học?', 'Xã có hai trường học ở thôn Đông và ba trường học ở thôn Tây.')).toBeUndefined();
    expect(counted('Anh ấy bao nhiêu tuổi?', 'Anh ấy năm nay ba mươi tuổi.')).toBeUndefined();
    expect(counted('Thị trấn có bao nhiêu trường học?', 'Thị trấn có 3 trường học.')).toBeUndefined();
  });
});

describe('a short answer that names a cause instead of giving it', () => {
  const given = (text: string) => {
    const s = causeGiven(text, { start: 0, end: text.length });
    return s ? text.slice(s.start, s.end) : undefined;
  };
  it('is cut to the cause given after "là", "gồm" or "như" in its first clause', () => {
    expect(given('lý do khiến nhiều người bỏ tập là thiếu thời gian')).toBe('thiếu thời gian');
    expect(given('Nguyên nhân là nước giếng nhiễm khuẩn, theo kết quả xét nghiệm')).toBe('nước giếng nhiễm khuẩn, theo kết quả xét nghiệm');
    expect(given('nguyên nhân như thời tiết thất thường và giống kém')).toBe('thời tiết thất thường và giống kém');
  });
  it('is left out when it gives none, and left as it is when it opens otherwise', () => {
    expect(given('nguyên nhân gây sốt kéo dài ở trẻ')).toBeUndefined();
    expect(given('Nguyên nhân vụ cháy đang được điều tra')).toBeUndefined();
    // "như" in a later clause lists something else.
    expect(given('nguyên nhân hàng đầu gây tử vong, cùng các bệnh như tim mạch')).toBeUndefined();
    expect(given('do nước giếng nhiễm khuẩn')).toBe('do nước giếng nhiễm khuẩn');
  });
});
