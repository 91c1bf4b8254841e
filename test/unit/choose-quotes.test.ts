import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACTIVE, chooseQuotes, factAfter } from '../../src/answer/extractive.js';
import { analyzeQuestion } from '../../src/answer/question-type.js';
import type { QuestionAnalysis } from '../../src/answer/question-type.js';
import type { SentenceCandidate } from '../../src/answer/select.js';
import type { PassageEvidence } from '../../src/retrieve/rerank.js';

// One paragraph of four sentences, and one of another article.
const sentences = [
  'Sáng 4/9, một cụ ông 81 tuổi được đưa vào Bệnh viện Đa khoa huyện Đông Sơn.',
  'Cụ bị ngã khi đang tưới rau trong vườn nhà.',
  'Người nhà đưa ông đến bệnh viện sau hai giờ.',
  'Các bác sĩ bó bột chân trái và truyền dịch cho ông.',
];
const paragraph = sentences.join(' ');
const other = 'Bệnh viện tỉnh cũng tiếp nhận một ca gãy chân tương tự trong tuần.';

function passage(text: string, articleId: string): PassageEvidence {
  return { hit: { article: { id: articleId }, paragraphNumber: 1 }, paragraph: text, sentences: [] } as unknown as PassageEvidence;
}
const main = passage(paragraph, 'cu-ong');
const elsewhere = passage(other, 'benh-vien-tinh');

function candidate(p: PassageEvidence, text: string, index: number, probability: number, facts: string[] = []): SentenceCandidate {
  const start = p.paragraph.indexOf(text);
  return {
    passage: p,
    rank: 0,
    index,
    start,
    end: start + text.length,
    features: {} as SentenceCandidate['features'],
    p: probability,
    facts: facts.map((f) => ({ start: p.paragraph.indexOf(f), end: p.paragraph.indexOf(f) + f.length })),
  };
}
/** Candidates of one paragraph made of `texts`: the i-th sentence with the model's probability. */
function sentencesOf(texts: readonly string[], articleId: string, p = passage(texts.join(' '), articleId)) {
  return (i: number, probability: number, facts: string[] = []) => candidate(p, texts[i] as string, i, probability, facts);
}
const at = sentencesOf(sentences, 'cu-ong', main);
const quoted = (qs: ReturnType<typeof chooseQuotes>) => qs.map((q) => q.passage.paragraph.slice(q.start, q.end));

describe('chooseQuotes', () => {
  it('quotes the next likeliest sentence the first quote does not hold already', () => {
    // The second likeliest is the sentence after the best one, which the first quote runs on to:
    // the third likeliest is quoted as well.
    const qs = quoted(chooseQuotes([at(1, 0.5), at(2, 0.4), at(3, 0.3), at(0, 0.01)], DEFAULT_EXTRACTIVE));
    expect(qs).toEqual([sentences.slice(1).join(' ')]);
  });

  it('quotes it apart when it is of another article', () => {
    const qs = quoted(chooseQuotes([at(1, 0.5), at(2, 0.4), candidate(elsewhere, other, 0, 0.3)], DEFAULT_EXTRACTIVE));
    expect(qs).toEqual([`${sentences[1]} ${sentences[2]}`, other]);
  });

  it('quotes no more when that one is much less likely', () => {
    const qs = quoted(chooseQuotes([at(1, 0.5), at(2, 0.4), at(3, 0.05)], DEFAULT_EXTRACTIVE));
    expect(qs).toEqual([`${sentences[1]} ${sentences[2]}`]);
  });

  it('keeps the facts of the sentences the first quote holds, not those of the one quoted after them', () => {
    const [q] = chooseQuotes([at(0, 0.5), at(1, 0.4, ['tưới rau']), at(3, 0.3, ['Các bác sĩ'])], DEFAULT_EXTRACTIVE);
    expect(q?.facts.map((f) => paragraph.slice(f.start, f.end))).toEqual(['tưới rau']);
  });

  it('runs the first quote on to the sentence after the one it runs on to, when that one is likely enough', () => {
    // The best sentence, the one after it (unlikely), and the one after that (a fifth as likely as the best).
    const qs = quoted(chooseQuotes([at(0, 0.5), at(2, 0.1), at(1, 0.05)], DEFAULT_EXTRACTIVE));
    expect(qs).toEqual([sentences.slice(0, 3).join(' ')]);
  });

  it('does not when it is less likely, or the three are too long together', () => {
    expect(quoted(chooseQuotes([at(0, 0.5), at(1, 0.05), at(2, 0.04)], DEFAULT_EXTRACTIVE))).toEqual([sentences.slice(0, 2).join(' ')]);
    expect(quoted(chooseQuotes([at(0, 0.5), at(2, 0.1), at(1, 0.05)], { ...DEFAULT_EXTRACTIVE, furtherChars: 150 }))).toEqual([
      sentences.slice(0, 2).join(' '),
    ]);
  });

  it('starts the first quote at the sentence before the best one when that one is likely enough', () => {
    expect(quoted(chooseQuotes([at(2, 0.5), at(1, 0.12)], { ...DEFAULT_EXTRACTIVE, followingChars: 0 }))).toEqual([sentences.slice(1, 3).join(' ')]);
    expect(quoted(chooseQuotes([at(2, 0.5), at(1, 0.05)], { ...DEFAULT_EXTRACTIVE, followingChars: 0 }))).toEqual([sentences[2]]);
    expect(quoted(chooseQuotes([at(2, 0.5), at(1, 0.12)], { ...DEFAULT_EXTRACTIVE, followingChars: 0, precedingChars: 80 }))).toEqual([sentences[2]]);
  });

  it('does not run on further when the sentence before is quoted and the four would be cut', () => {
    const four = [
      'Sáng 12/6, Trung tâm Y tế huyện Mai Sơn tiếp nhận một bệnh nhân nam 45 tuổi bị ong vò vẽ đốt hơn hai mươi vết ở đầu, cổ và hai tay khi đang phát nương trồng ngô trên đồi cách nhà chừng ba cây số.',
      'Bệnh nhân được sơ cứu, truyền dịch và dùng thuốc chống dị ứng ngay tại phòng cấp cứu của trung tâm.',
      'Người nhà cho biết anh vẫn tỉnh táo, nói chuyện được nhưng kêu đau rát và buồn nôn nhiều.',
      'Sau một ngày theo dõi, các bác sĩ chuyển anh lên Bệnh viện Đa khoa tỉnh Sơn La để lọc máu vì men gan và men tim của anh đều tăng cao bất thường.',
    ];
    const c = sentencesOf(four, 'ong-dot');
    // Each alone is quoted with the best sentence; the sentence before it wins over the one further on.
    expect(quoted(chooseQuotes([c(1, 0.5), c(0, 0.15), c(2, 0.05)], DEFAULT_EXTRACTIVE))).toEqual([four.slice(0, 3).join(' ')]);
    expect(quoted(chooseQuotes([c(1, 0.5), c(3, 0.1), c(2, 0.05)], DEFAULT_EXTRACTIVE))).toEqual([four.slice(1).join(' ')]);
    // Both likely enough to be quoted: the one further on apart, not the four cut to 500 characters.
    expect(quoted(chooseQuotes([c(1, 0.5), c(0, 0.2), c(3, 0.18), c(2, 0.05)], DEFAULT_EXTRACTIVE))).toEqual([four.slice(0, 3).join(' '), four[3]]);
  });

  it('quotes the sentence after the best one with it within more characters when the question asks how', () => {
    // Two sentences of about 360 characters together: over `followingChars`, within `followingCharsHow`.
    const long = [
      'Theo bác sĩ điều trị, ca phẫu thuật cho bệnh nhân kéo dài gần bốn giờ đồng hồ với sự phối hợp của các khoa Gây mê hồi sức, Ngoại thần kinh và Chấn thương chỉnh hình của bệnh viện tỉnh.',
      'Ê-kíp mổ đã lấy khối máu tụ ở não trước, sau đó cố định xương đùi bằng nẹp vít và khâu lại các vết rách ở tay, rồi chuyển bệnh nhân sang phòng hồi sức để theo dõi tiếp.',
    ];
    const c = sentencesOf(long, 'ca-mo');
    const cs = [c(0, 0.5), c(1, 0.05)];
    const how = { kind: 'manner', list: false, yesNo: false, questionWords: [] } as QuestionAnalysis;
    const what = { ...how, kind: 'other' } as QuestionAnalysis;
    expect(quoted(chooseQuotes(cs, DEFAULT_EXTRACTIVE, how))).toEqual([long.join(' ')]);
    expect(quoted(chooseQuotes(cs, DEFAULT_EXTRACTIVE, what))).toEqual([long[0]]);
  });
});

describe('factAfter', () => {
  const clinic = [
    'Phòng khám Tâm An ở phố Hàng Bông được một gia đình thầy thuốc mở từ thời ông nội của bác sĩ Lan.',
    'Từ một gian nhà nhỏ, phòng khám nhiều lần đổi chỗ và mua thêm máy siêu âm, máy xét nghiệm.',
    'Trải qua hơn 60 năm khám chữa bệnh, nơi đây trở thành địa chỉ quen của nhiều gia đình.',
    'Bác sĩ Lan cho biết phòng khám sẽ mở thêm một cơ sở ở quận Cầu Giấy.',
  ];
  const p = passage(clinic.join(' '), 'tam-an');
  const question = 'Phòng khám Tâm An đã hoạt động được bao lâu?';
  const first = (to: number) => ({
    passage: p,
    start: 0,
    end: p.paragraph.indexOf(clinic[to] as string) + (clinic[to] as string).length,
    cutBefore: false,
    cutAfter: false,
    facts: [],
  });
  const text = (qs: ReturnType<typeof factAfter>) => qs.map((q) => q.passage.paragraph.slice(q.start, q.end));

  it('runs a quote without the fact asked on to a sentence after it that holds one', () => {
    expect(text(factAfter([first(0)], analyzeQuestion(question), question, DEFAULT_EXTRACTIVE))).toEqual([clinic.slice(0, 3).join(' ')]);
    expect(text(factAfter([first(1)], analyzeQuestion(question), question, DEFAULT_EXTRACTIVE))).toEqual([clinic.slice(0, 3).join(' ')]);
  });

  it('leaves it when no sentence near holds one, the quote holds one, or the question asks for no fact', () => {
    const later = { ...first(0), end: p.paragraph.indexOf(clinic[3] as string) - 1 };
    expect(text(factAfter([later], analyzeQuestion(question), question, DEFAULT_EXTRACTIVE))).toEqual([clinic.slice(0, 3).join(' ')]);
    const tail = { ...first(3), start: p.paragraph.indexOf(clinic[3] as string) };
    expect(text(factAfter([tail], analyzeQuestion(question), question, DEFAULT_EXTRACTIVE))).toEqual([clinic[3]]);
    const withFact = { ...first(0), facts: [{ start: 0, end: 4 }] };
    expect(text(factAfter([withFact], analyzeQuestion(question), question, DEFAULT_EXTRACTIVE))).toEqual([clinic[0]]);
    const how = 'Phòng khám Tâm An đã phát triển như thế nào?';
    expect(text(factAfter([first(0)], analyzeQuestion(how), how, DEFAULT_EXTRACTIVE))).toEqual([clinic[0]]);
  });
});
