import { ordinalsInDigits } from './find-numbers.js';
import { fold, hasMarks } from './normalize.js';
import { questionAlternatives } from './synonyms.js';
import { syllables } from './tokenize.js';
import { rememberRecent } from './remember.js';
import { typedInCapitals } from './words.js';

/**
 * English → Vietnamese terms for the news this product covers (science and technology policy,
 * standards, metrology, international cooperation) and the words of everyday questions. The
 * offline embedder cannot match an English question to Vietnamese text, so an English
 * question is expanded with these Vietnamese terms before retrieval; names, acronyms and
 * numbers carry over unchanged. A neural multilingual embedder makes this unnecessary.
 */
const ENTRIES: Array<[string, string]> = [
  ['ministry of science and technology', 'Bộ Khoa học và Công nghệ'],
  ['science and technology', 'khoa học và công nghệ'],
  ['vice minister', 'Thứ trưởng'],
  ['deputy minister', 'Thứ trưởng'],
  ['minister', 'Bộ trưởng'],
  ['ministry', 'Bộ'],
  ['deputy prime minister', 'Phó Thủ tướng'],
  ['prime minister', 'Thủ tướng'],
  ['vice president', 'Phó Chủ tịch'],
  ['president', 'Chủ tịch'],
  ['chairman', 'Chủ tịch'],
  ['chairwoman', 'Chủ tịch'],
  ['director general', 'Tổng giám đốc'],
  ['director', 'Giám đốc'],
  ['ambassador', 'Đại sứ'],
  ['general secretary', 'Tổng Thư ký'],
  ['secretary general', 'Tổng Thư ký'],
  ['secretary-general', 'Tổng Thư ký'],
  ['international electrotechnical commission', 'Ủy ban Kỹ thuật Điện Quốc tế'],
  ['vietnam metrology institute', 'Viện Đo lường Việt Nam'],
  ['metrology institute', 'Viện Đo lường'],
  ['belt and road initiative', 'Sáng kiến Vành đai và Con đường'],
  ['belt and road', 'Vành đai và Con đường'],
  ['initiative', 'sáng kiến'],
  ['diplomatic relations', 'quan hệ ngoại giao'],
  ['full member', 'thành viên chính thức'],
  ['official member', 'thành viên chính thức'],
  ['full membership', 'thành viên chính thức'],
  ['membership', 'thành viên'],
  ['member', 'thành viên'],
  ['members', 'thành viên'],
  ['artificial intelligence', 'trí tuệ nhân tạo'],
  ['electric vehicles', 'xe điện'],
  ['electric vehicle', 'xe điện'],
  ['renewable energy', 'năng lượng tái tạo'],
  ['energy efficiency', 'hiệu suất năng lượng'],
  ['carbon credits', 'tín chỉ carbon'],
  ['carbon credit', 'tín chỉ carbon'],
  ['human resources', 'nguồn nhân lực'],
  ['young experts', 'chuyên gia trẻ'],
  // How regulations are made, as standards news writes it ("… được … xây dựng và ban hành trên cơ sở tham khảo tiêu chuẩn của IEC").
  ['based on', 'trên cơ sở'],
  ['with reference to', 'tham khảo'],
  ['issued', 'ban hành'],
  ['built', 'xây dựng'],
  ['build', 'xây dựng'],
  ['technical regulations', 'quy chuẩn kỹ thuật'],
  ['technical regulation', 'quy chuẩn kỹ thuật'],
  ['national technical regulations', 'quy chuẩn kỹ thuật quốc gia'],
  ['standards', 'tiêu chuẩn'],
  ['standard', 'tiêu chuẩn'],
  ['standardization', 'tiêu chuẩn hóa'],
  ['standardisation', 'tiêu chuẩn hóa'],
  ['law', 'Luật'],
  ['amend', 'sửa đổi'],
  ['amending', 'sửa đổi'],
  ['amendment', 'sửa đổi'],
  ['legal framework', 'hành lang pháp lý'],
  ['international integration', 'hội nhập quốc tế'],
  ['integration', 'hội nhập'],
  ['metrology', 'đo lường'],
  ['measurement', 'đo lường'],
  ['measurements', 'phép đo'],
  ['cooperation', 'hợp tác'],
  ['cooperate', 'hợp tác'],
  ['collaboration', 'hợp tác'],
  ['international', 'quốc tế'],
  ['regional', 'khu vực'],
  ['region', 'khu vực'],
  ['symposium', 'Hội nghị chuyên đề'],
  ['conference', 'Hội nghị'],
  ['meeting', 'buổi làm việc'],
  ['met', 'làm việc'],
  ['meet', 'làm việc'],
  ['workshop', 'hội thảo'],
  ['took part', 'tham gia'],
  ['take part', 'tham gia'],
  ['taking part', 'tham gia'],
  ['participated', 'tham gia'],
  ['participate', 'tham gia'],
  ['participating', 'tham gia'],
  ['participation', 'tham gia'],
  ['participants', 'tham gia'],
  ['delegates', 'đại biểu'],
  ['delegate', 'đại biểu'],
  ['attended', 'tham dự'],
  ['attend', 'tham dự'],
  ['signed', 'ký kết'],
  ['founded', 'thành lập'],
  ['established', 'thành lập'],
  ['founder', 'người sáng lập'],
  ['nationality', 'quốc tịch'],
  ['born', 'sinh'],
  ['sign', 'ký kết'],
  ['agreement', 'thỏa thuận'],
  ['memorandum', 'Biên bản'],
  ['action programme', 'Chương trình hành động'],
  ['action program', 'Chương trình hành động'],
  ['mutual recognition', 'thừa nhận lẫn nhau'],
  ['partners', 'đối tác'],
  ['partner', 'đối tác'],
  ['commitment', 'cam kết'],
  ['committed', 'cam kết'],
  ['commit', 'cam kết'],
  ['promise', 'khẳng định'],
  ['promised', 'khẳng định'],
  ['support', 'hỗ trợ'],
  ['supports', 'hỗ trợ'],
  ['help', 'hỗ trợ'],
  ['training', 'đào tạo'],
  ['research', 'nghiên cứu'],
  ['projects', 'dự án'],
  ['project', 'dự án'],
  ['young', 'trẻ'],
  ['contributed', 'đóng góp'],
  ['contribute', 'đóng góp'],
  ['contributes', 'đóng góp'],
  ['activities', 'hoạt động'],
  ['experts', 'chuyên gia'],
  ['expert', 'chuyên gia'],
  ['enterprises', 'doanh nghiệp'],
  ['businesses', 'doanh nghiệp'],
  ['companies', 'doanh nghiệp'],
  ['industry', 'công nghiệp'],
  ['industries', 'ngành công nghiệp'],
  ['trade', 'thương mại'],
  ['free trade agreements', 'hiệp định thương mại tự do'],
  ['productivity', 'năng suất'],
  ['accuracy', 'độ chính xác'],
  ['safety', 'an toàn'],
  ['health', 'sức khỏe'],
  ['community', 'cộng đồng'],
  ['government', 'chính phủ'],
  ['development', 'phát triển'],
  ['develop', 'phát triển'],
  ['developing', 'phát triển'],
  ['received', 'tiếp'],
  ['receive', 'tiếp'],
  ['receives', 'tiếp'],
  ['fast', 'nhanh'],
  ['rapidly', 'nhanh'],
  ['quickly', 'nhanh'],
  ['slow', 'chậm'],
  ['slowly', 'chậm'],
  // Fewer, and more and more, as the news writes it: "… ngày càng tiếp cận nhiều hơn với các tiêu chuẩn của IEC".
  ['fewer', 'ít hơn'],
  ['less', 'ít hơn'],
  ['more and more', 'ngày càng nhiều'],
  ['increasingly', 'ngày càng'],
  ['reduce', 'giảm'],
  ['reduces', 'giảm'],
  ['reduced', 'giảm'],
  ['stopped', 'dừng'],
  ['stop', 'dừng'],
  ['stops', 'dừng'],
  ['continues', 'tiếp tục'],
  ['continued', 'tiếp tục'],
  ['continue', 'tiếp tục'],
  ['sustainable', 'bền vững'],
  ['technology', 'công nghệ'],
  ['technologies', 'công nghệ'],
  ['emerging technologies', 'công nghệ mới nổi'],
  ['emerging technology', 'công nghệ mới nổi'],
  ['emerging', 'mới nổi'],
  ['science', 'khoa học'],
  ['innovation', 'đổi mới sáng tạo'],
  ['digital transformation', 'chuyển đổi số'],
  ['semiconductor', 'bán dẫn'],
  ['semiconductors', 'bán dẫn'],
  ['nuclear', 'hạt nhân'],
  ['intellectual property', 'sở hữu trí tuệ'],
  ['startup', 'khởi nghiệp'],
  ['startups', 'khởi nghiệp'],
  ['position', 'vị thế'],
  ['competitiveness', 'năng lực cạnh tranh'],
  ['competitive', 'cạnh tranh'],
  ['market', 'thị trường'],
  ['world', 'thế giới'],
  ['global', 'toàn cầu'],
  ['economy', 'kinh tế'],
  ['economic', 'kinh tế'],
  ['infrastructure', 'hạ tầng'],
  ['electricity', 'điện'],
  ['electrical', 'điện'],
  ['energy', 'năng lượng'],
  ['wind', 'gió'],
  ['solar', 'mặt trời'],
  ['certification', 'chứng nhận'],
  ['institute', 'Viện'],
  ['delegation', 'đoàn'],
  ['representative', 'Đại diện'],
  ['representatives', 'Đại diện'],
  ['leaders', 'Lãnh đạo'],
  ['leads', 'người đứng đầu'],
  ['heads', 'người đứng đầu'],
  ['vietnam', 'Việt Nam'],
  ['vietnamese', 'Việt Nam'],
  ['viet nam', 'Việt Nam'],
  ['china', 'Trung Quốc'],
  ['chinese', 'Trung Quốc'],
  ['beijing', 'Bắc Kinh'],
  ['hanoi', 'Hà Nội'],
  ['ha noi', 'Hà Nội'],
  ['cambodia', 'Campuchia'],
  ['laos', 'Lào'],
  ['thailand', 'Thái Lan'],
  ['japan', 'Nhật Bản'],
  ['korea', 'Hàn Quốc'],
  ['united states', 'Hoa Kỳ'],
  ['france', 'Pháp'],
  ['germany', 'Đức'],
  ['russia', 'Nga'],
  ['india', 'Ấn Độ'],
  ['countries', 'quốc gia'],
  ['country', 'quốc gia'],
  ['nations', 'quốc gia'],
  ['city', 'thành phố'],
  ['held', 'tổ chức'],
  ['organised', 'tổ chức'],
  ['organized', 'tổ chức'],
  ['took place', 'tổ chức'],
  ['anniversary', 'kỷ niệm'],
  ['marked', 'đánh dấu'],
  ['mark', 'đánh dấu'],
  ['years', 'năm'],
  ['year', 'năm'],
  ['month', 'tháng'],
  ['date', 'ngày'],
  ['day', 'ngày'],
  ['phase', 'giai đoạn'],
  ['stage', 'giai đoạn'],
  ['fourth', 'lần thứ 4'],
  ['4th', 'lần thứ 4'],
  ['third', 'lần thứ 3'],
  ['fifth', 'lần thứ 5'],
  ['5th', 'lần thứ 5'],
  ['first', 'lần thứ nhất'],
  ['second', 'lần thứ hai'],
  ['opportunity', 'cơ hội'],
  ['opportunities', 'cơ hội'],
  ['network', 'mạng lưới'],
  ['fta', 'hiệp định thương mại tự do'],
  ['ftas', 'hiệp định thương mại tự do'],
  ['training programs', 'chương trình đào tạo'],
  ['training programmes', 'chương trình đào tạo'],
  ['programs', 'chương trình'],
  ['programmes', 'chương trình'],
  ['involvement', 'tham gia'],
  ['document', 'văn kiện'],
  ['documents', 'văn kiện'],
  ['souvenir photo', 'chụp ảnh lưu niệm'],
  ['souvenir', 'lưu niệm'],
  ['venue', 'địa điểm'],
  ['location', 'địa điểm'],
  ['building', 'tòa nhà'],
  ['hotel', 'khách sạn'],
  ['head of the delegation', 'trưởng đoàn'],
  ['delegation head', 'trưởng đoàn'],
  ['headed', 'dẫn đầu'],
  ['led', 'dẫn đầu'],
  ['chaired', 'chủ trì'],
  ['hosted', 'đăng cai'],
  ['host', 'đăng cai'],
  ['expire', 'hết hạn'],
  ['expires', 'hết hạn'],
  ['national assembly', 'Quốc hội'],
  ['submitted', 'trình'],
  ['fields', 'lĩnh vực'],
  ['field', 'lĩnh vực'],
  ['sectors', 'lĩnh vực'],
  ['officials', 'cán bộ'],
  ['staff', 'cán bộ'],
  ['exchange', 'trao đổi'],
  ['exchanged', 'trao đổi'],
  ['information', 'thông tin'],
  ['methods', 'phương pháp'],
  ['procedures', 'quy trình'],
  ['proposed', 'đề nghị'],
  ['suggested', 'đề nghị'],
  ['agreed', 'thống nhất'],
  ['hope', 'hy vọng'],
  ['stability', 'ổn định'],
  ['prosperity', 'thịnh vượng'],
  ['photo', 'ảnh'],
  ['role', 'vai trò'],
  ['priority', 'ưu tiên'],
  ['potential', 'tiềm năng'],
  ['fee', 'phí'],
  ['fees', 'phí'],
  ['budget', 'kinh phí'],
  ['funding', 'kinh phí'],
  ['headquarters', 'trụ sở'],
  ['population', 'dân số'],
  ['price', 'giá'],
  ['gold', 'vàng'],
  ['weather', 'thời tiết'],
  ['football', 'bóng đá'],
];

/** Another Vietnamese word for what a glossary term names, looked for beside it. */
const ALSO_WRITTEN = new Map([
  ['Chủ tịch', ['Tổng thống']],
  ['Phó Chủ tịch', ['Phó Tổng thống']],
]);

const PHRASES = ENTRIES.map(([en, vi]) => ({ en: syllables(en).syllables, vi })).sort((a, b) => b.en.length - a.en.length);
/** The phrases by their first word, longest first: a question's word is compared with the few that start with it. */
const BY_FIRST = new Map<string, typeof PHRASES>();
for (const p of PHRASES) BY_FIRST.set(p.en[0] as string, [...(BY_FIRST.get(p.en[0] as string) ?? []), p]);

/** Vietnamese terms for the English words and phrases of a question (longest phrase first). */
export function translateTerms(question: string): readonly string[] {
  return glossaryMatches(question).terms;
}

/** The Vietnamese terms, and the English words (lower-cased) they were translated from. */
export const glossaryMatches: (question: string) => { readonly terms: readonly string[]; readonly words: ReadonlySet<string> } = rememberRecent(
  64,
  matchGlossary,
);

function matchGlossary(question: string): { terms: string[]; words: Set<string> } {
  const words = syllables(question).syllables;
  const terms: string[] = [];
  const used = new Set<string>();
  const deputies = deputyMinisters(words);
  for (let i = 0; i < words.length;) {
    // "deputy science minister": the office, and the words between translated on their own.
    if (deputies.has(i)) {
      terms.push('Thứ trưởng');
      used.add(words[i] as string).add('minister');
      i++;
      continue;
    }
    if (deputies.has(-i)) {
      i++;
      continue;
    }
    const hit = BY_FIRST.get(words[i] as string)?.find((p) => p.en.every((w, j) => words[i + j] === w));
    if (hit) {
      terms.push(hit.vi);
      for (const w of hit.en) used.add(w);
      i += hit.en.length;
    } else i++;
  }
  return { terms, words: used };
}

/** Words Vietnamese has borrowed as its own ("photo công chứng" is a photocopy): not English in a Vietnamese question. */
const LOANWORDS = new Set(['photo']);

/**
 * The terms of the English words of a Vietnamese question: not of a word it writes in capitals
 * ("Đèn LED" is no "led"), nor of a loanword.
 */
function vietnameseQuestionTerms(question: string): readonly string[] {
  const capitalised = new Set((question.match(/(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu) ?? []).map((w) => w.toLowerCase()));
  const words = syllables(question).syllables.filter((w) => !capitalised.has(w) && !LOANWORDS.has(w));
  return glossaryMatches(words.join(' ')).terms;
}

/**
 * Where "deputy" or "vice" and a "minister" one to three words after it ("deputy science
 * minister", "vice foreign minister"; not across "the", "and", "met", "with" …, nor a deputy prime
 * minister or a vice president) name a deputy minister: the first word's position, and the
 * minister's negated (so that it is not read as a minister of its own). "deputy minister"
 * written together is the glossary's own phrase.
 */
const NOT_IN_AN_OFFICE = new Set([
  'the',
  'a',
  'an',
  'and',
  'met',
  'meets',
  'said',
  'says',
  'told',
  'with',
  'at',
  'in',
  'on',
  'to',
  'from',
  'who',
  'which',
  'that',
  'prime',
  'president',
]);

function deputyMinisters(words: readonly string[]): Set<number> {
  const out = new Set<number>();
  words.forEach((w, i) => {
    if (w !== 'deputy' && w !== 'vice') return;
    for (let j = i + 1; j <= i + 4 && j < words.length; j++) {
      if (NOT_IN_AN_OFFICE.has(words[j] as string)) return;
      if (words[j] !== 'minister') continue;
      if (j === i + 1) return;
      out.add(i).add(-j);
      return;
    }
  });
  return out;
}

/**
 * The question as retrieval should see it: for English, the original words (names, acronyms
 * and numbers match as they are) followed by the Vietnamese terms, one per phrase; then the
 * words the news may write for the question's own ("được tổ chức" for "diễn ra",
 * `questionAlternatives`), which retrieval looks for beside them. `asked` is the question as
 * typed when `question` is its retrieval query (without the question words: "gặp ai" is a
 * meeting, "gặp" alone may not be). Without `alsoWritten`, not the other words an office may be
 * written as (a claim's office is compared, not looked for).
 */
export function expandQuery(question: string, lang: 'vi' | 'en', asked = question, alsoWritten = true): string {
  const extra = extraTerms(question, lang, alsoWritten);
  const text = [asked, ...extra].join('\n');
  const marked = hasMarks(text);
  // Folded for a question typed without marks, which is matched on folded terms only.
  const alternatives = new Set([...questionAlternatives(text, marked).values()].flat().map((a) => (marked ? a : fold(a))));
  const lines = [...extra, ...alternatives];
  return lines.length ? `${question}\n${lines.join('\n')}` : question;
}

/**
 * What a question is also looked for as: an English question's Vietnamese terms, and ordinals
 * spelled out or in Roman numerals in digits ("lần thứ tư": "thứ 4"). The answer counts them
 * among the question's words.
 */
export function extraTerms(question: string, lang: 'vi' | 'en', alsoWritten = true): string[] {
  const terms = lang === 'en' ? translateTerms(question) : hasMarks(question) ? vietnameseQuestionTerms(question) : [];
  // A Vietnamese question (typed with marks) may say some words in English: "IEC support VN về training gì?".
  return [
    ...terms,
    // A president is a body's "Chủ tịch" and a country's "Tổng thống": looked for as both. Only
    // here: the offices a question names are read from the glossary's one term (`missingTitles`).
    ...(alsoWritten ? terms.flatMap((t) => ALSO_WRITTEN.get(t) ?? []) : []),
    // "AI" in capitals is artificial intelligence ("Metzger có nhắc tới AI không?"), except opening
    // the question, where it is "Ai" (who) typed in capitals ("AI dễ bị mỡ máu?"), or in a question
    // typed in capitals ("TỔNG THƯ KÝ IEC LÀ AI?"); "ai" is no glossary word.
    ...(!typedInCapitals(question) && /(?<=\S[^\p{L}\p{N}]*\s)AI(?![\p{L}\p{N}])/u.test(question) ? ['trí tuệ nhân tạo'] : []),
    ...ordinalsInDigits(question),
  ];
}
