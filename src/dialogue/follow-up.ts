import { expectedType, type ExpectedType } from '../answer/question-type.js';
import { findDates } from '../text/find-dates.js';
import { formatDate } from '../text/format-date.js';
import { fold, hasMarks, normalizeSpace, stripMarks } from '../text/normalize.js';
import { type MarkedPattern, hasWord, markedPattern } from '../text/words.js';
import { mentionedPhrase } from '../answer/mention.js';
import { translateTerms } from '../text/glossary.js';
import { isStopword } from '../text/stopwords.js';
import { syllables } from '../text/tokenize.js';
import type { AnswerPeriod, Lang, Turn } from '../types.js';
import { type Entity, type EntityKind, findEntities } from './entities.js';
import { turnStatement } from './turn.js';
import { isKnownPlace } from '../check/facts.js';

/**
 * Follow-up questions read against the conversation, by the kind of reference they make:
 *
 * - a pronoun or a demonstrative ("ông ấy", "bà ấy", "tổ chức này", "hội nghị đó", "ở đó",
 *   "khi đó", "he", "this organisation", "there") is replaced by the person, organisation,
 *   named thing, place or date of the earlier turn it points to: first what that turn asked
 *   for when it asked for one of that kind ("Ai là …?" then "ông ấy" is the person the answer
 *   named), else what its question named, else what its answer quoted;
 * - a bare question word ("Còn ngày nào?", "Khi nào?", "Ở đâu?", "when?") takes the place of
 *   the earlier question's question word ("… tổ chức ở đâu?" → "… tổ chức ngày nào?");
 * - "Còn IEC thì sao?", "what about IEC?" swaps the earlier question's entity of the same kind
 *   (an organisation for an organisation, a period for a period);
 * - a question that starts with what was done and names no one ("Ký kết gì?") is about the
 *   earlier turn's topic.
 *
 * References that are not resolved leave the words as they are; the earlier turn's articles
 * are still searched first.
 */
export interface FollowUp {
  /** The question to answer, standing alone (the question itself when nothing leaned on history). */
  question: string;
  followUp: boolean;
  how?: 'reference' | 'ellipsis' | 'substitution' | 'topic';
  /** Articles of the turn it leans on, best first. */
  articleIds: string[];
  /** Whether those articles should be searched first (not when the question moved to another entity). */
  sameArticles: boolean;
  /** The earlier turn's period, carried over unless the question names its own. */
  period?: AnswerPeriod;
  /** The earlier turn it leaned on. */
  turn?: Turn;
}

type RefKind = EntityKind | 'article' | 'both';

interface Ref {
  start: number;
  end: number;
  kind: RefKind;
  /** The honorific typed with a personal pronoun ("ông", "bà"), kept in the replacement. */
  honorific?: string;
  gender?: 'male' | 'female';
  /** Folded head noun of a demonstrative ("hoi nghi" in "hội nghị đó"). */
  head?: string;
  possessive?: boolean;
  /** A capitalised head noun standing alone for a name in context ("Viện" for "Viện Đo lường Việt Nam"). */
  bare?: boolean;
  lang: Lang;
}

const B = '(?<![\\p{L}\\p{M}\\p{N}])';
const E = '(?![\\p{L}\\p{M}\\p{N}])';

const ORG_NOUNS = [
  'tổ chức',
  'cơ quan',
  'bộ',
  'viện',
  'ủy ban',
  'uỷ ban',
  'hiệp hội',
  'trung tâm',
  'cục',
  'tổng cục',
  'liên minh',
  'hội đồng',
  'đối tác',
  'phía',
  'bên',
];
const EVENT_NOUNS = [
  'hội nghị',
  'hội thảo',
  'diễn đàn',
  'sự kiện',
  'buổi làm việc',
  'buổi tiếp',
  'buổi gặp',
  'buổi',
  'cuộc họp',
  'cuộc gặp',
  'cuộc làm việc',
  'chuyến thăm',
  'chuyến công tác',
  'lễ ký kết',
  'lễ ký',
  'phiên họp',
  'kỳ họp',
];
const THING_NOUNS = [
  'sáng kiến',
  'chương trình',
  'biên bản',
  'hiệp định',
  'thỏa thuận',
  'thoả thuận',
  'bản ghi nhớ',
  'luật',
  'dự án',
  'kế hoạch',
  'đề án',
  'chiến lược',
  'giai đoạn',
  'văn bản',
  'tiêu chuẩn',
  'quy chuẩn',
  'lĩnh vực',
];
const ARTICLE_NOUNS = ['bài viết', 'bài báo', 'bài', 'bản tin', 'tin'];
const PLACE_NOUNS = ['thành phố', 'nước', 'quốc gia', 'nơi', 'địa điểm', 'địa phương', 'thủ đô', 'tỉnh'];
const DEMONSTRATIVE = '(?:này|đó|ấy|kia|nói trên|trên|vừa nêu|vừa rồi)';
const nounAlt = (list: string[]) => [...list].sort((a, b) => b.length - a.length).join('|');

const REFS: Array<{ re: ReturnType<typeof markedPattern>; read: (m: RegExpExecArray) => Omit<Ref, 'start' | 'end'> | null }> = [
  // Vietnamese personal references: "ông ấy", "bà ta", "người này", "vị đó"
  {
    re: markedPattern(`${B}(ông|bà|anh|chị|ngài|vị|người|nhân vật)\\s+(?:ấy|ta|này|đó|kia|nói trên|vừa nêu)${E}`),
    read: (m) => {
      const h = fold(m[1] as string);
      return {
        kind: 'person',
        lang: 'vi',
        honorific: m[1] as string,
        ...(h === 'ong' || h === 'anh' ? { gender: 'male' as const } : h === 'ba' || h === 'chi' ? { gender: 'female' as const } : {}),
      };
    },
  },
  // Both parties of the earlier turn: "hai bên", "đôi bên", "both sides"
  {
    re: markedPattern(`${B}(?:hai bên|đôi bên|hai phía|cả hai bên|both sides|the two sides|both parties|the two parties)${E}`),
    read: (m) => ({ kind: 'both', lang: /sides|parties/.test(m[0]) ? 'en' : 'vi' }),
  },
  // Places and times: "ở đó", "tại đây", "nơi đó", "khi đó", "hôm đó"
  { re: markedPattern(`${B}(?:ở|tại)\\s+(?:đó|đấy|đây|nơi đó|chỗ đó)${E}|${B}(?:nơi|chỗ)\\s+(?:đó|ấy|này)${E}`), read: () => ({ kind: 'place', lang: 'vi' }) },
  {
    re: markedPattern(`${B}(?:vào\\s+)?(?:khi|lúc|hồi|thời điểm|hôm|dịp|ngày|năm|tháng|thời gian)\\s+(?:đó|ấy)${E}`),
    read: () => ({ kind: 'date', lang: 'vi' }),
  },
  // Demonstratives: "tổ chức này", "hội nghị đó", "bài viết trên", "thành phố đó"
  { re: markedPattern(`${B}(${nounAlt(ORG_NOUNS)})\\s+${DEMONSTRATIVE}${E}`), read: (m) => ({ kind: 'org', head: fold(m[1] as string), lang: 'vi' }) },
  { re: markedPattern(`${B}(${nounAlt(EVENT_NOUNS)})\\s+${DEMONSTRATIVE}${E}`), read: (m) => ({ kind: 'event', head: fold(m[1] as string), lang: 'vi' }) },
  { re: markedPattern(`${B}(${nounAlt(THING_NOUNS)})\\s+${DEMONSTRATIVE}${E}`), read: (m) => ({ kind: 'thing', head: fold(m[1] as string), lang: 'vi' }) },
  {
    re: markedPattern(`${B}(${nounAlt(ARTICLE_NOUNS)})\\s+(?:này|đó|ấy|kia|nói trên|trên|vừa rồi)${E}`),
    read: (m) => ({ kind: 'article', head: fold(m[1] as string), lang: 'vi' }),
  },
  {
    re: markedPattern(`${B}(${nounAlt(PLACE_NOUNS)})\\s+(?:này|đó|ấy|kia|nói trên|trên)${E}`),
    read: (m) => ({ kind: 'place', head: fold(m[1] as string), lang: 'vi' }),
  },
  // English
  {
    re: markedPattern(`${B}(he|him|his|she|her|hers)${E}`),
    read: (m) => ({
      kind: 'person',
      lang: 'en',
      gender: /^(he|him|his)$/.test(m[1] as string) ? 'male' : 'female',
      possessive: /^(his|her|hers)$/.test(m[1] as string),
    }),
  },
  { re: markedPattern(`${B}(?:this|that|the same|the said)\\s+(person|man|woman|official|gentleman|lady)${E}`), read: () => ({ kind: 'person', lang: 'en' }) },
  {
    re: markedPattern(`${B}(?:this|that|the same|the said)\\s+(organi[sz]ation|body|agency|ministry|institute|commission|committee|partner)${E}`),
    read: () => ({ kind: 'org', lang: 'en' }),
  },
  {
    re: markedPattern(`${B}(?:this|that|the same|the said)\\s+(conference|meeting|event|symposium|visit|talks|signing|ceremony|session|forum|workshop)${E}`),
    read: () => ({ kind: 'event', lang: 'en' }),
  },
  {
    re: markedPattern(`${B}(?:this|that|the same|the said)\\s+(initiative|program|programme|agreement|law|project|plan|memorandum|phase|standard)${E}`),
    read: () => ({ kind: 'thing', lang: 'en' }),
  },
  { re: markedPattern(`${B}(?:this|that|the same|the said)\\s+(article|story|report|piece|news)${E}`), read: () => ({ kind: 'article', lang: 'en' }) },
  { re: markedPattern(`${B}(?:there|that place|that city|that country)${E}`), read: () => ({ kind: 'place', lang: 'en' }) },
  { re: markedPattern(`${B}(?:then|at that time|at the time|that day|that year|on that day|on that date)${E}`), read: () => ({ kind: 'date', lang: 'en' }) },
  {
    re: markedPattern(`${B}(they|them|their|it|its)${E}`),
    read: (m) => ({ kind: /^it/.test(m[1] as string) ? 'thing' : 'org', lang: 'en', possessive: /^(their|its)$/.test(m[1] as string) }),
  },
];
const BARE_HEAD = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(?:Viện|Bộ|Ủy ban|Uỷ ban|Hội nghị|Hội thảo|Diễn đàn|Hiệp hội|Trung tâm|Tổng cục|Cục)(?![\\p{L}\\p{M}\\p{N}])`,
  'gu',
);
// "họ" (they) only when typed with marks: folded, "ho" is also "hồ", "hộ", "hỗ".
const HO = new RegExp(`${B}họ${E}`, 'gu');

/** Question words, with the kind of answer they ask for (longest first). */
const WH_VI: Array<[string, ExpectedType | 'reason' | 'manner' | 'thing']> = [
  ['vào ngày nào', 'date'],
  ['vào thời gian nào', 'date'],
  ['vào thời điểm nào', 'date'],
  ['vào khi nào', 'date'],
  ['vào lúc nào', 'date'],
  ['vào năm nào', 'date'],
  ['vào tháng nào', 'date'],
  ['ngày bao nhiêu', 'date'],
  ['ngày nào', 'date'],
  ['tháng nào', 'date'],
  ['năm nào', 'date'],
  ['khi nào', 'date'],
  ['bao giờ', 'date'],
  ['lúc nào', 'date'],
  ['thời gian nào', 'date'],
  ['thời điểm nào', 'date'],
  ['ở thành phố nào', 'place'],
  ['tại thành phố nào', 'place'],
  ['ở nước nào', 'place'],
  ['tại nước nào', 'place'],
  ['ở đâu', 'place'],
  ['tại đâu', 'place'],
  ['nơi nào', 'place'],
  ['địa điểm nào', 'place'],
  ['thành phố nào', 'place'],
  ['là ai', 'person'],
  ['với ai', 'person'],
  ['những ai', 'person'],
  ['người nào', 'person'],
  ['ai', 'person'],
  ['bao nhiêu', 'number'],
  ['mấy', 'number'],
  ['vì sao', 'reason'],
  ['tại sao', 'reason'],
  ['để làm gì', 'reason'],
  ['như thế nào', 'manner'],
  ['thế nào', 'manner'],
  ['ra sao', 'manner'],
  ['những gì', 'thing'],
  ['điều gì', 'thing'],
  ['cái gì', 'thing'],
  ['gì', 'thing'],
];
const WH_EN: Array<[string, ExpectedType | 'reason' | 'manner' | 'thing']> = [
  ['on what date', 'date'],
  ['what date', 'date'],
  ['what year', 'date'],
  ['which year', 'date'],
  ['which day', 'date'],
  ['when', 'date'],
  ['in which city', 'place'],
  ['which city', 'place'],
  ['which country', 'place'],
  ['where', 'place'],
  ['with whom', 'person'],
  ['who', 'person'],
  ['whom', 'person'],
  ['how many', 'number'],
  ['how much', 'number'],
  ['why', 'reason'],
  ['how', 'manner'],
  ['what', 'thing'],
  ['which', 'thing'],
];
/** Nouns that stand for a question word in a bare follow-up ("Còn thời gian?" is "khi nào?"). */
const WH_NOUNS_VI: Array<[string, string]> = [
  ['thời gian', 'khi nào'],
  ['địa điểm', 'ở đâu'],
  ['ngày', 'ngày nào'],
  ['ngày tháng', 'ngày nào'],
  ['nơi', 'ở đâu'],
  ['lý do', 'vì sao'],
];
const WH_TRANSLATE: Record<string, { vi: string; en: string }> = {
  date: { vi: 'khi nào', en: 'when' },
  place: { vi: 'ở đâu', en: 'where' },
  person: { vi: 'ai', en: 'who' },
  number: { vi: 'bao nhiêu', en: 'how many' },
  reason: { vi: 'vì sao', en: 'why' },
  manner: { vi: 'như thế nào', en: 'how' },
  thing: { vi: 'gì', en: 'what' },
  any: { vi: 'gì', en: 'what' },
};

const FILLERS_VI = [
  'thế còn',
  'vậy còn',
  'còn về',
  'còn',
  'thì sao',
  'thì thế nào',
  'thì',
  'thế',
  'vậy',
  'và',
  'rồi',
  'nữa',
  'ạ',
  'nhỉ',
  'nhé',
  'hả',
  'à',
  'đó',
  'không',
  'chính xác',
  'cụ thể',
  'diễn ra',
  'tổ chức',
];
const FILLERS_EN = [
  'and',
  'so',
  'what about',
  'how about',
  'was that',
  'is that',
  'was it',
  'is it',
  'did that happen',
  'did it happen',
  'did this happen',
  'exactly',
  'ok',
  'okay',
  'then',
  'again',
  'please',
  'that',
  'it',
  'happen',
  'held',
  'take place',
];

/** Who is asked for before the verb ("những nước nào", "bao nhiêu quốc gia"). */
const ASKED_NOUNS = nounAlt(['nước', 'quốc gia', 'bên', 'đối tác', 'tổ chức', 'cơ quan', 'người', 'đại biểu', 'đoàn']);
/**
 * Who or what is asked before the verb of a subjectless question: "Ai tham dự?", "Những nước nào
 * tham gia?", "Có bao nhiêu quốc gia tham gia?".
 */
const ASKED_FIRST = `(?:những\\s+ai|ai|(?:có\\s+)?(?:những\\s+|các\\s+)?(?:${ASKED_NOUNS})\\s+nào|(?:có\\s+)?(?:bao\\s+nhiêu|mấy)\\s+(?:${ASKED_NOUNS}))\\s+`;
/** Verbs a subjectless follow-up starts with ("Ký kết gì?", "Nói gì?"): what someone did, in the earlier turn. */
const SUBJECTLESS_VI = markedPattern(
  `^(?:(?:${nounAlt(['còn', 'vậy', 'thế', 'và'])})\\s+)?(?:${ASKED_FIRST})?(?:đã\\s+|sẽ\\s+|có\\s+)?(?:nói|phát biểu|cho biết|ký kết|ký|cam kết|khẳng định|mong muốn|đề nghị|hỗ trợ|tham dự|tham gia|làm|đạt|đạt được|thảo luận|trao đổi|bàn|thống nhất|đồng ý|nhấn mạnh|đánh giá|đề xuất|kêu gọi|diễn ra|được tổ chức|tổ chức|gặp|tiếp|làm việc|kỷ niệm|đánh dấu|hợp tác|mang lại|góp phần)${E}`,
  'u',
);

interface TurnView {
  turn: Turn;
  asked: string;
  /** The kind of entity the turn asked for ("Ai …?" a person, "… tổ chức nào?" an organisation), if any. */
  askedKind: EntityKind | null;
  fromQuestion: Entity[];
  fromAnswer: Entity[];
  /** Entities of the cited articles' titles and opening paragraphs, read when the rest has none of a kind. */
  fromArticles: () => Entity[];
}

/** The title and body paragraphs of an article, for references the question and the quotes do not settle. */
export type ArticleLookup = (articleId: string) => { title: string; paragraphs: readonly string[] } | null;

function view(turn: Turn, lookup?: ArticleLookup): TurnView {
  const asked = turnStatement(turn);
  const kind = askedKind(asked, turn.lang);
  // What the answer brought is what the question did not name: "Bộ làm việc với tổ chức nào?"
  // is answered by "IEC", not by the "Bộ KH&CN" the quote also names.
  const named = fold([asked, ...(turn.lang === 'en' ? translateTerms(asked.toLowerCase()) : [])].join(' \n '));
  const namedWords = new Set(named.split(/[^\p{L}\p{M}\p{N}&]+/u));
  const isNamed = (e: Entity) =>
    hasWord(named, fold(e.text)) ||
    (e.head !== undefined && e.kind === 'org' && hasWord(named, e.head)) ||
    (e.role === true &&
      fold(e.text)
        .split(/\s+/)
        .every((w) => namedWords.has(w)));
  // "Ai là Tổng Thư ký IEC?" asks who the named role is; "Ai tiếp Tổng Thư ký IEC?" asks for someone else.
  const identity = IDENTITY.forText(asked).test(hasMarks(asked) ? asked.toLowerCase() : fold(asked));
  const fresh: Entity[] = [];
  const stale: Entity[] = [];
  turn.citations.slice(0, 2).forEach((c, k) => {
    const found = findEntities(c.quote);
    const named0 = found.filter(isNamed);
    // A name set beside a named role is that role's holder ("ông Philippe Metzger, Tổng Thư ký IEC").
    const beside = (e: Entity) =>
      named0.some((d) => d !== e && d.kind === e.kind && Math.abs(d.start - (e.start + e.text.length)) <= 2) ||
      named0.some((d) => d !== e && d.kind === e.kind && Math.abs(e.start - (d.start + d.text.length)) <= 2);
    const demoted = identity ? named0 : [...named0, ...found.filter((e) => e.kind === 'person' && beside(e))];
    const inDemoted = (e: Entity) => named0.some((d) => d !== e && d.start <= e.start && e.start < d.start + d.text.length);
    const mine = found.filter((e) => !demoted.includes(e) && !inDemoted(e));
    // In the first quote, what was asked for stands next to the question's own words
    // ("… ông Philippe Metzger, Tổng Thư ký IEC" answers "Ai là Tổng Thư ký IEC?").
    if (k === 0 && kind) {
      const near = nearness(c.quote, asked, turn.lang);
      const ofKind = mine.filter((e) => e.kind === kind).sort((a, b) => near(a) - near(b));
      // What the answer's entity is written with comes first of its kind: "tổ chức này" after
      // "… gặp ai?" answered "ông Philippe Metzger, Tổng Thư ký IEC" is IEC, not the ministry
      // the quote names before.
      const withIt = ofKind[0] ? attached(ofKind[0], mine, c.quote) : [];
      fresh.push(...ofKind, ...withIt, ...mine.filter((e) => e.kind !== kind && !withIt.includes(e)));
    } else fresh.push(...mine);
    stale.push(...found.filter((e) => !mine.includes(e)));
  });
  const fromAnswer = [...fresh, ...stale];
  // The article's own date stands for the answer's date when its quote names none.
  const first = turn.citations[0];
  if (first?.date && !fromAnswer.some((e) => e.kind === 'date'))
    fromAnswer.push({ kind: 'date', text: first.date, from: first.date, to: first.date, start: Infinity });
  let fromArticles: Entity[] | null = null;
  const articles = () => {
    if (fromArticles) return fromArticles;
    fromArticles = [];
    for (const c of turn.citations.slice(0, 2)) {
      const a = lookup?.(c.articleId);
      if (!a) continue;
      const paragraph = Number(/#p(\d+)$/.exec(c.paragraphId)?.[1] ?? 0);
      const texts = [a.paragraphs[paragraph - 1] ?? '', a.title, a.paragraphs[0] ?? ''];
      for (const t of texts) fromArticles.push(...findEntities(t));
    }
    return fromArticles;
  };
  return { turn, asked, askedKind: kind, fromQuestion: findEntities(asked), fromAnswer, fromArticles: articles };
}

/**
 * Entities written as part of `e` or of what is beside it: a person's office after a comma and
 * the body it names ("ông Philippe Metzger, Tổng Thư ký IEC" gives the office and IEC), the body
 * between a title and a name ("Thứ trưởng Bộ KH&CN Lê Xuân Định").
 */
function attached(e: Entity, all: readonly Entity[], text: string): Entity[] {
  const title = e.title ? text.lastIndexOf(e.title, e.start) : -1;
  let from = title >= 0 && e.start - title <= 40 ? title : e.start;
  let to = e.start + e.text.length;
  for (const o of all)
    if (o !== e && o.kind === e.kind && (Math.abs(o.start - to) <= 3 || Math.abs(from - (o.start + o.text.length)) <= 3)) {
      from = Math.min(from, o.start);
      to = Math.max(to, o.start + o.text.length);
    }
  return all.filter((o) => o !== e && o.kind !== e.kind && o.start >= from && o.start + o.text.length <= to);
}

/** Distance in characters from an entity of `text` to the nearest word of `question` outside it. */
function nearness(text: string, question: string, lang: Lang): (e: Entity) => number {
  // Function words judged as written when the question has tone marks ("thi" is no "thì"), then matched folded.
  const marked = hasMarks(question);
  const words = new Set(
    [...syllables(question).syllables, ...(lang === 'en' ? syllables(translateTerms(question.toLowerCase()).join(' ')).syllables : [])]
      .filter((w) => !isStopword(w, marked))
      .map(fold),
  );
  const at: Array<{ p: number; w: string }> = [];
  const re = /[\p{L}\p{M}\p{N}&]+/gu;
  const folded = fold(text);
  for (let m: RegExpExecArray | null; (m = re.exec(folded));) if (words.has(m[0])) at.push({ p: m.index, w: m[0] });
  // The mention with more of the question's words around it first ("… trở thành thành viên
  // chính thức của IEC" over "Tiêu chuẩn Việt Nam (TCVN)" for "… become a full member of?"), then
  // the nearer one: a negative count of them within NEAR characters, plus a fraction for distance.
  return (e) => {
    const end = e.start + e.text.length;
    let best = Infinity;
    const around = new Set<string>();
    for (const { p, w } of at) {
      if (p >= e.start && p < end) continue;
      const d = p < e.start ? e.start - p : p - end;
      best = Math.min(best, d);
      if (d <= NEAR) around.add(w);
    }
    return -around.size + Math.min(best, 1000) / 1001;
  };
}

/** Characters either side of a mention within which the question's words count as around it. */
const NEAR = 40;

const IDENTITY = markedPattern(
  `^(?:ai|người nào)\\s+(?:là|giữ chức|đang là)${E}|${E}\\s*là\\s+ai\\s*\\??$|là ai\\s*\\??$|^who\\s+(?:is|was|are|were)${E}|^what\\s+is\\s+the\\s+name\\s+of${E}`,
  'u',
);

const KIND_OF_TYPE: Partial<Record<string, EntityKind>> = { person: 'person', place: 'place', date: 'date' };

/** A noun of each kind before "nào" ("tổ chức nào", "hội nghị nào", "nước nào"), compiled once. */
const WHICH_NOUN = {
  org: markedPattern(`${B}(?:${nounAlt(ORG_NOUNS)})\\s+nào${E}`, 'u'),
  event: markedPattern(`${B}(?:${nounAlt(EVENT_NOUNS)})\\s+nào${E}`, 'u'),
  place: markedPattern(`${B}(?:${nounAlt(PLACE_NOUNS)})\\s+nào${E}`, 'u'),
};

/** The kind of entity a question asks for: by its question word, or the noun before "nào" ("tổ chức nào"). */
function askedKind(asked: string, lang: Lang): EntityKind | null {
  const wh = findWh(asked, hasMarks(asked) ? 'vi' : lang);
  if (wh && KIND_OF_TYPE[wh.type]) return KIND_OF_TYPE[wh.type] as EntityKind;
  const type = expectedType(asked);
  if (KIND_OF_TYPE[type]) return KIND_OF_TYPE[type] as EntityKind;
  const hay = hasMarks(asked) ? asked.toLowerCase() : fold(asked);
  const which = (nouns: MarkedPattern) => nouns.forText(asked).test(hay);
  if (which(WHICH_NOUN.org)) return 'org';
  if (which(WHICH_NOUN.event)) return 'event';
  if (which(WHICH_NOUN.place)) return 'place';
  if (/\b(?:which|what)\s+(?:organi[sz]ation|body|agency|institute|commission)\b/i.test(asked)) return 'org';
  if (/\b(?:which|what)\s+(?:conference|meeting|event)\b/i.test(asked)) return 'event';
  return null;
}

/** Entities of a turn that a reference of this kind may point to, most likely first. */
function candidates(v: TurnView, ref: Ref): Entity[] {
  const kinds: EntityKind[] =
    ref.kind === 'thing'
      ? ref.head
        ? ['thing', 'event']
        : ['event', 'thing', 'org']
      : ref.kind === 'article' || ref.kind === 'both'
        ? []
        : [ref.kind as EntityKind];
  const answerFirst = v.askedKind !== null && kinds.includes(v.askedKind);
  const ordered = answerFirst ? [...v.fromAnswer, ...v.fromQuestion] : [...v.fromQuestion, ...v.fromAnswer];
  const fits = (e: Entity) => kinds.includes(e.kind) && (!ref.head || e.head === ref.head || ref.kind === 'org');
  if (!ordered.some(fits)) ordered.push(...v.fromArticles());
  let out = ordered.filter((e) => kinds.includes(e.kind));
  // "bà ấy" is not a man the text calls "ông"; otherwise the order of salience stands.
  if (ref.kind === 'person' && ref.gender) out = out.filter((e) => !e.gender || e.gender === ref.gender);
  // "hội nghị đó" is the named thing with that head noun, when there is one.
  if (ref.head) {
    const same = ordered.filter((e) => e.kind !== 'date' && (e.head === ref.head || (e.head && fold(e.text).startsWith(ref.head as string))));
    if (same.length || ref.bare) return same;
    if (ref.kind === 'org') {
      // "tổ chức này": an acronym names an organisation as well as its full name does.
      out = [...out.filter((e) => !e.head), ...out.filter((e) => e.head)];
    }
  }
  return out;
}

function findRefs(q: string, lang: Lang): Ref[] {
  const lower = q.toLowerCase();
  const hay = hasMarks(q) ? lower : fold(q);
  const refs: Ref[] = [];
  for (const { re, read } of REFS) {
    const r = re.forText(q);
    r.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = r.exec(hay));) {
      const got = read(m);
      if (!got) continue;
      // English pronouns in a Vietnamese question are words of another kind; "IT" and "US" are not "it" and "us".
      if (got.lang !== lang && got.lang === 'en') continue;
      const typed = q.slice(m.index, m.index + m[0].length);
      if (got.lang === 'en' && typed.length >= 2 && typed === typed.toUpperCase()) continue;
      // "Is it true that …?", "is it the case that …": "it" stands for nothing.
      if (got.lang === 'en' && /^it$/i.test(typed) && /^\s+(?:true|the case|correct|right|so)(?![\p{L}\p{N}])/iu.test(q.slice(m.index + m[0].length))) continue;
      if (got.lang === 'vi' && lang === 'en') continue;
      // A place or time word right before a date or a name is not a reference ("năm đó" in "năm đó 2023"?).
      refs.push({ ...got, start: m.index, end: m.index + m[0].length });
    }
  }
  if (lang === 'vi' && hasMarks(q)) {
    // "Viện", "Bộ", "Hội nghị" written alone with a capital: the one named in context.
    BARE_HEAD.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = BARE_HEAD.exec(q));) {
      const next = q.slice(m.index + m[0].length);
      if (/^\s*(?:\p{Lu}|\d|này|đó|ấy|kia|nói trên|trên)/u.test(next)) continue;
      const head = fold(m[0]);
      refs.push({
        kind: EVENT_NOUNS.some((n) => fold(n) === head) ? 'event' : 'org',
        head,
        bare: true,
        lang: 'vi',
        start: m.index,
        end: m.index + m[0].length,
      });
    }
    HO.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = HO.exec(lower));) refs.push({ kind: 'org', lang: 'vi', start: m.index, end: m.index + m[0].length });
  }
  refs.sort((a, b) => a.start - b.start || b.end - a.end);
  return refs.filter((r, i) => !refs.slice(0, i).some((o) => r.start < o.end && o.start < r.end));
}

/**
 * Offices the texts write beside their holder's name ("ông Philippe Metzger, Tổng Thư ký IEC",
 * "Tổng Thư ký IEC Philippe Metzger"): the folded office to the folded name.
 */
function holders(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    const people = findEntities(text).filter((e) => e.kind === 'person');
    for (const r of people.filter((e) => e.role))
      for (const p of people.filter((e) => !e.role)) {
        const gap = p.start < r.start ? text.slice(p.start + p.text.length, r.start) : text.slice(r.start + r.text.length, p.start);
        if (/^[\s,]{0,3}$/u.test(gap) || (p.start > r.start && /^\s*(?:ông|bà|ngài)\s+$/iu.test(gap))) out.set(fold(r.text), fold(p.text));
      }
  }
  return out;
}

/** A person as news text names them: with the title or honorific it was written with ("Thứ trưởng Lê Xuân Định", "ông Philippe Metzger"). */
function mention(e: Entity, lang: Lang): string {
  if (e.kind !== 'person' || e.role) return e.text;
  if (e.title) return `${e.title} ${e.text}`;
  if (lang === 'vi' && e.head && HONORIFIC_WORDS[e.head]) return `${HONORIFIC_WORDS[e.head]} ${e.text}`;
  return e.text;
}
const HONORIFIC_WORDS: Record<string, string> = { ong: 'ông', ba: 'bà', anh: 'anh', chi: 'chị' };

/** The words that take a reference's place. */
function replacement(ref: Ref, e: Entity, original: string): string {
  const atStart = ref.start === 0 || /[.!?]\s*$/.test(original.slice(0, ref.start));
  const cap = (s: string) => (atStart ? s.charAt(0).toUpperCase() + s.slice(1) : s);
  switch (ref.kind) {
    case 'person': {
      const typed = ref.honorific ? original.slice(ref.start, ref.start + ref.honorific.length) : '';
      const h = ref.honorific ? fold(ref.honorific) : '';
      if (e.role) return cap(e.text);
      if (h === 'ong' || h === 'ba' || h === 'anh' || h === 'chi' || h === 'ngai') return `${typed} ${e.text}`;
      if (ref.lang === 'en') return ref.possessive ? `${e.text}'s` : e.text;
      return cap(e.title ? `${e.title} ${e.text}` : e.text);
    }
    case 'place':
      if (ref.head || ref.lang === 'en')
        return ref.lang === 'en' ? (/^(there)$/i.test(original.slice(ref.start, ref.end)) ? `in ${e.text}` : e.text) : cap(e.text);
      return `${atStart ? 'Tại' : 'tại'} ${e.text}`;
    case 'date': {
      const words = e.start === Infinity ? formatDate(e.text, ref.lang) : e.text;
      if (ref.lang === 'en') return /^\d/.test(words) ? `on ${words}` : words;
      const bare = words.replace(/^(?:vào\s+)?/i, '');
      return `${atStart ? 'Vào' : 'vào'} ${/^\d/.test(bare) ? `ngày ${bare}` : bare}`;
    }
    default:
      return ref.possessive ? `${e.text}'s` : cap(e.text);
  }
}

function splice(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

interface WhFound {
  start: number;
  end: number;
  type: string;
  text: string;
}

function findWh(text: string, lang: Lang): WhFound | null {
  const list = lang === 'en' ? WH_EN : WH_VI;
  const lower = text.toLowerCase();
  const marked = hasMarks(text);
  const hay = marked ? lower : fold(text);
  let best: WhFound | null = null;
  for (const [phrase, type] of list) {
    const re = markedPattern(`${B}${phrase}${E}`, 'u').forText(text);
    const m = re.exec(hay);
    if (!m) continue;
    // The longest phrase at the earliest place ("vào ngày nào" over "ngày nào").
    if (!best || m.index < best.start || (m.index === best.start && m[0].length > best.end - best.start)) {
      best = { start: m.index, end: m.index + m[0].length, type, text: text.slice(m.index, m.index + m[0].length) };
    }
  }
  return best;
}

/** Whether every word of `rest` is one of these fillers (after the question words were taken out). */
function onlyFillers(rest: string, fillers: string[], marked: boolean): boolean {
  let t = ` ${(marked ? rest.toLowerCase() : fold(rest)).replace(/[?!.,;:…"“”'()]/g, ' ')} `;
  for (const f of [...fillers].sort((a, b) => b.length - a.length)) {
    const w = marked ? f : fold(f);
    t = t.split(` ${w} `).join(' ');
    t = t.split(` ${w} `).join(' ');
  }
  return t.trim() === '';
}

/**
 * "Còn ngày nào?", "Khi nào?", "when?", "and where was it?", "Ký ở đâu?": question words with
 * nothing else but fillers and words of the previous question (which the answer then repeats).
 */
function bareQuestion(q: string, lang: Lang, previous: string): { type: string; words: string } | null {
  const marked = hasMarks(q);
  const fillers = [...(lang === 'en' ? FILLERS_EN : FILLERS_VI), ...wordsOf(previous, marked)];
  const wh = findWh(q, lang);
  if (wh) {
    const rest = q.slice(0, wh.start) + ' ' + q.slice(wh.end);
    if (onlyFillers(rest, fillers, marked)) return { type: wh.type, words: wh.text };
    return null;
  }
  if (lang === 'vi') {
    for (const [noun, words] of WH_NOUNS_VI) {
      const re = markedPattern(`${B}${noun}${E}`, 'u').forText(q);
      const m = re.exec(marked ? q.toLowerCase() : fold(q));
      if (!m) continue;
      const rest = q.slice(0, m.index) + ' ' + q.slice(m.index + m[0].length);
      if (onlyFillers(rest, fillers, marked)) return { type: findWh(words, 'vi')?.type ?? 'any', words };
    }
  }
  return null;
}

/** The words of a text, lower-cased (folded when `marked` is false), as fillers for another. */
function wordsOf(text: string, marked: boolean): string[] {
  const t = marked ? text.toLowerCase() : fold(text);
  return t.split(/[^\p{L}\p{M}\p{N}&]+/u).filter((w) => w.length > 0);
}

/** Connectives a question can continue the previous one with ("Nhằm mục đích gì?", "Để làm gì?", "Bằng cách nào?"). */
const CONTINUATION_VI = markedPattern(`^(?:(?:còn|vậy|thế|và)\\s+)?(?:nhằm|để|vì|do|bằng|thông qua|qua|với|cùng|tại|ở|trong|từ|cho|theo|sau đó|rồi)${E}`, 'u');
const CONTINUATION_EN = /^(?:and\s+)?(?:in order to|to do what|for what|why|with whom|for whom|by what means|how)\b/i;

/**
 * What answered the previous question's "gì": the words the quote puts after its verb ("Viện
 * … ký kết gì?" quoted as "… ký kết Biên bản với …" gives "Biên bản"), at most six words up to
 * a preposition or punctuation. Null when the quote does not repeat the verb.
 */
function slotFiller(turn: Turn, asked: string, wh: WhFound): string | null {
  const quote = turn.citations[0]?.quote;
  if (!quote || turn.refused) return null;
  const before = asked.slice(0, wh.start).trim().split(/\s+/);
  const verb = before.slice(-2);
  for (const n of [2, 1]) {
    const v = fold(verb.slice(-n).join(' '));
    if (!v || STOP_VERBS.has(v)) continue;
    const folded = fold(quote);
    const at = new RegExp(`(?<![\\p{L}\\p{N}])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').exec(folded);
    if (!at) continue;
    const after = quote.slice(at.index + at[0].length).trim();
    const words: string[] = [];
    for (const w of after.split(/\s+/)) {
      const bare = w.replace(/[,.;:()]+$/u, '');
      if (SLOT_STOP.has(fold(bare)) || !bare) break;
      words.push(bare);
      if (bare !== w || words.length >= 6) break;
    }
    if (words.length) return words.join(' ');
  }
  return null;
}
const SLOT_STOP = new Set([
  'voi',
  'tai',
  'trong',
  'nham',
  'cho',
  'cua',
  'de',
  'vao',
  'tu',
  'va',
  'o',
  'den',
  've',
  'nhu',
  'la',
  'khi',
  'theo',
  'bang',
  'thong',
  'qua',
  'with',
  'at',
  'in',
  'for',
  'to',
  'of',
  'on',
  'and',
]);
const STOP_VERBS = new Set(['la', 'co', 'duoc', 'da', 'se', 'dang', 'is', 'was', 'did', 'do', 'does']);

/**
 * A statement without its place ("tại Bắc Kinh - Trung Quốc", "in Beijing") or its date ("vào
 * ngày 29/8/2023"), for asking for that fact again; other kinds, or a statement that states no
 * such fact, come back as they are.
 */
function withoutFact(statement: string, type: string): string {
  let spans: Array<{ start: number; end: number }> = [];
  // Folded, so that "tai" and "tại" both lead a fact (a statement may mix them).
  const hay = fold(statement);
  if (type === 'place') {
    spans = findEntities(statement)
      .filter((e) => e.kind === 'place')
      .map((e) => ({ start: e.start, end: e.start + e.text.length }));
  } else if (type === 'date') spans = findDates(statement).map((d) => ({ start: d.start, end: d.end }));
  const cut = spans
    .map(({ start, end }) => {
      // The preposition before it goes too ("tại", "ở", "vào ngày", "in", "on").
      const lead = FACT_LEAD.plain.exec(hay.slice(0, start));
      return { start: lead ? start - lead[0].length : start, end, text: '' };
    })
    .sort((a, b) => a.start - b.start);
  if (!cut.length) return statement;
  const kept = splice(statement, cut)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:])/g, '$1')
    .trim();
  return kept.split(/\s+/).length >= 2 ? kept : statement;
}
const FACT_LEAD = markedPattern(`(?:${B}(?:tại|ở|vào|trong|in|at|on)\\s+(?:(?:thành phố|thủ đô|tỉnh|nước|ngày|the city of)\\s+)?|\\s)$`, 'iu');

/** The previous question without its question word, the answer put in its place when the quote gives it. */
function statementOf(v: TurnView, lang: Lang): string {
  const prevLang: Lang = hasMarks(v.asked) ? 'vi' : v.turn.lang;
  const wh = findWh(v.asked, prevLang);
  if (!wh) return withoutYesNo(stripEnd(v.asked));
  const filler = wh.type === 'thing' ? slotFiller(v.turn, v.asked, wh) : null;
  void lang;
  return stripEnd(splice(v.asked, [{ start: wh.start, end: wh.end, text: filler ?? '' }]).replace(/\s+/g, ' '));
}

const SUBST_VI = markedPattern(
  `^(?:(?:thế|vậy|và)\\s+)?(?:còn|còn về)\\s+(.+?)(?:\\s+(?:thì sao|thì thế nào|thì ra sao|thì|nữa|ạ|nhỉ|thế|vậy))*\\s*$|^(.+?)\\s+(?:thì sao|thì thế nào|thì ra sao)\\s*$`,
  'u',
);
const SUBST_EN = /^(?:and\s+)?(?:what about|how about|and)\s+(.+?)\s*$/iu;

/** "Còn IEC thì sao?" → "IEC"; "what about the IEC?" → "the IEC". */
function substitute(q: string, lang: Lang): string | null {
  const text = q.replace(/[?!.…]+\s*$/u, '').trim();
  const marked = hasMarks(text);
  const m = lang === 'en' ? SUBST_EN.exec(text) : SUBST_VI.forText(text).exec(marked ? text.toLowerCase() : fold(text));
  if (!m) return null;
  const g = m[1] !== undefined ? 1 : 2;
  const start = m.index + m[0].indexOf(m[g] as string);
  const x = text.slice(start, start + (m[g] as string).length).trim();
  if (!x || x.split(/\s+/).length > 8 || findWh(x, lang)) return null;
  return x.replace(/^the\s+/i, '');
}

/**
 * The edit putting `x` in the place of `target`: a person typed with an honorific or a title
 * ("ông Metzger") takes the place of the other's too ("Thứ trưởng Lê Xuân Định" → "Ông Metzger
 * …", not "Thứ trưởng ông Metzger …").
 */
function swapped(asked: string, target: Entity, x: string): { start: number; end: number; text: string } {
  const end = target.start + target.text.length;
  if (target.kind !== 'person' || !PERSON_LEAD.test(x)) return { start: target.start, end, text: x };
  const lead = new RegExp(
    `${B}(?:${[target.title, target.title && fold(target.title), 'ông', 'bà', 'ngài', 'ong', 'ba', 'ngai', 'anh', 'chị', 'chi', 'Mr', 'Mrs', 'Ms', 'Dr']
      .filter((w): w is string => !!w)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})\\.?\\s+$`,
    'iu',
  ).exec(asked.slice(0, target.start));
  const start = lead ? lead.index : target.start;
  const atStart = start === 0 || /[.!?]\s*$/.test(asked.slice(0, start));
  return { start, end, text: atStart ? x.charAt(0).toUpperCase() + x.slice(1) : x };
}
const PERSON_LEAD = /^(?:ông|bà|ngài|anh|chị|ong|ba|ngai|chi|mr|mrs|ms|dr)\.?\s/iu;

/** Question words asking for a fact of one kind: "… về X" after them asks for that fact again. */
const ASKS_FACT = new Set(['place', 'date', 'person', 'number']);

function kindOf(x: string, entities: Entity[]): EntityKind | null {
  const whole = entities.find((e) => fold(e.text) === fold(x) || (e.text.length >= x.length * 0.6 && fold(x).includes(fold(e.text))));
  if (whole) return whole.kind;
  if (/^\p{Lu}[\p{Lu}\d&]+$/u.test(x)) return 'org';
  if (/^(?:ông|bà|anh|chị|mr|mrs|ms|dr)\s/iu.test(x)) return 'person';
  // A country or city the lexicon knows ("Lào", "Thái Lan", "Beijing").
  if (
    isKnownPlace(
      fold(x)
        .toLowerCase()
        .replace(/[.\-\s]+/gu, ' ')
        .trim(),
    )
  )
    return 'place';
  if (findDates(x).length) return 'date';
  return null;
}

/** The topic of a turn: what its question named (a named thing, an organisation, a person), else what its answer quoted. */
function topicOf(v: TurnView): string | null {
  for (const list of [v.fromQuestion, v.fromAnswer]) {
    for (const kind of ['event', 'org', 'person'] as const) {
      const e = list.find((x) => x.kind === kind);
      if (e) return e.text;
    }
  }
  return null;
}

/** A yes/no question's closing words ("không", "chưa", "đúng không", "hay không"), with or without marks. */
const YES_NO_TAIL = markedPattern('\\s+(?:hay|phải|đúng|có đúng)?\\s*(?:không|chưa)$', 'u');

function withoutYesNo(q: string): string {
  const folded = hasMarks(q) ? q.toLowerCase() : fold(q);
  const m = YES_NO_TAIL.forText(q).exec(folded);
  return m ? q.slice(0, m.index) : q;
}

function stripEnd(q: string): string {
  return q.replace(/[?!.…]+\s*$/u, '').trim();
}

/** Reads `question` against `history` (oldest first); `lang` is the question's language. */
export function resolveFollowUp(question: string, history: readonly Turn[] | undefined, lang: Lang, lookup?: ArticleLookup): FollowUp {
  const q = normalizeSpace(question);
  const fu = resolve(q, history, lang, lookup);
  // Typed without marks, the question stays without marks: words taken from the marked
  // articles would otherwise make it read as marked text, and its own words then match less.
  if (fu.followUp && lang === 'vi' && !hasMarks(q)) fu.question = stripMarks(fu.question);
  return fu;
}

function resolve(q: string, history: readonly Turn[] | undefined, lang: Lang, lookup?: ArticleLookup): FollowUp {
  const none: FollowUp = { question: q, followUp: false, articleIds: [], sameArticles: false };
  if (!history?.length) return none;
  const recent = history
    .slice(-3)
    .reverse()
    .map((t) => view(t, lookup));
  const last = recent[0] as TurnView;
  const articleIds = [...new Set(last.turn.citations.map((c) => c.articleId).concat(last.turn.collection?.articles.map((a) => a.articleId) ?? []))];
  const base = { followUp: true, articleIds, turn: last.turn, ...(last.turn.period ? { period: last.turn.period } : {}) };

  // 1. A bare question word: it takes the place of the earlier question's.
  const refs = findRefs(q, lang);
  const bare = refs.length ? null : bareQuestion(q, lang, last.asked);
  if (bare) {
    const prevLang: Lang = hasMarks(last.asked) ? 'vi' : last.turn.lang;
    const words = (prevLang === lang ? bare.words : (WH_TRANSLATE[bare.type] ?? WH_TRANSLATE.any)![prevLang]).toLowerCase();
    const wh = findWh(last.asked, prevLang);
    let rewritten: string;
    if (wh && wh.type === 'thing' && bare.type !== 'thing' && prevLang === 'vi') {
      // "… ký kết gì tại Hội nghị?" + "Với ai?" → "… ký kết Biên bản tại Hội nghị với ai?"
      rewritten = `${statementOf(last, lang)} ${words}?`;
    } else if (wh) {
      const w = wh.start === 0 ? words.charAt(0).toUpperCase() + words.slice(1) : words;
      rewritten = splice(last.asked, [{ start: wh.start, end: wh.end, text: w }]);
    } else {
      // A checked statement asks nothing: the question word goes after it, in place of the fact
      // of that kind it stated ("… tổ chức tại Bắc Kinh" + "Ở đâu?" → "… tổ chức ở đâu?").
      // A yes/no question asked nothing either, once its closing "không" is gone ("Tín chỉ carbon
      // có được nhắc đến không?" + "Trong bài nào?" → "Tín chỉ carbon có được nhắc đến trong bài nào?").
      const stated = last.turn.verdict ? withoutFact(stripEnd(last.asked), bare.type) : withoutYesNo(stripEnd(last.asked));
      rewritten = `${stated} ${words}?`;
    }
    if (!/[?]\s*$/.test(rewritten)) rewritten = `${stripEnd(rewritten)}?`;
    return { ...base, question: rewritten, how: 'ellipsis', sameArticles: false };
  }

  // "Nhằm mục đích gì?", "Để làm gì?": the previous question goes on.
  const noEntities = findEntities(q).filter((e) => e.kind !== 'date').length === 0;
  const continues = lang === 'vi' ? CONTINUATION_VI.forText(q).test(hasMarks(q) ? q.toLowerCase() : fold(q)) : CONTINUATION_EN.test(q);
  if (noEntities && continues && q.split(/\s+/).length <= 7 && !refs.length) {
    const first = q.charAt(0).toLowerCase() + q.slice(1);
    return { ...base, question: `${statementOf(last, lang)} ${stripEnd(first)}?`, how: 'ellipsis', sameArticles: false };
  }

  // 2. "Còn IEC thì sao?": the same question about something else.
  const x = substitute(q, lang);
  if (x) {
    const prevEntities = last.fromQuestion;
    const kind = kindOf(x, findEntities(x));
    let rewritten: string | null = null;
    if (kind === 'date') {
      const d = prevEntities.find((e) => e.kind === 'date');
      const from = last.turn.period?.text && last.asked.indexOf(last.turn.period.text);
      if (d) rewritten = splice(last.asked, [{ start: d.start, end: d.start + d.text.length, text: x }]);
      else if (typeof from === 'number' && from >= 0 && last.turn.period)
        rewritten = splice(last.asked, [{ start: from, end: from + last.turn.period.text.length, text: x }]);
      else rewritten = `${x.charAt(0).toUpperCase()}${x.slice(1)}, ${last.asked.charAt(0).toLowerCase()}${last.asked.slice(1)}`;
    } else {
      const same = prevEntities.filter((e) => e.kind !== 'date' && (kind === null || e.kind === kind));
      // An acronym takes an acronym's place; a name a name.
      const acronym = /^\p{Lu}[\p{Lu}\d&]+$/u.test(x);
      // Of another kind only when what it is cannot be told: "Vậy còn Lào?" after "Hội nghị LMC lần
      // thứ 4 tổ chức ở đâu?" is no "Hội nghị Lào lần thứ 4".
      const target =
        (acronym ? same.find((e) => /^\p{Lu}[\p{Lu}\d&]+$/u.test(e.text)) : undefined) ??
        same[same.length - 1] ??
        (kind === null ? prevEntities.find((e) => e.kind !== 'date') : undefined);
      const prevLang: Lang = hasMarks(last.asked) ? 'vi' : last.turn.lang;
      // "Lào có được nhắc đến không?" + "Còn Thái Lan?": the same question of another phrase.
      const phrase = mentionedPhrase(last.asked);
      const at = phrase ? last.asked.indexOf(phrase) : -1;
      if (phrase && at >= 0) rewritten = splice(last.asked, [{ start: at, end: at + phrase.length, text: x }]);
      else if (target) rewritten = splice(last.asked, [swapped(last.asked, target, x)]);
      // Nothing of its kind to swap ("… tổ chức ở đâu?" or "… tổ chức khi nào?" + "Vậy còn Lào?"):
      // "… khi nào về Lào?" asks for the earlier answer again, and "… ký kết gì về Lào?" puts
      // Lào into a quote that never names it; where the articles write it is what can be asked.
      else if (kind !== null || ASKS_FACT.has(findWh(last.asked, prevLang)?.type ?? ''))
        rewritten = lang === 'en' ? `Do the articles mention ${x}?` : `${x} có được nhắc đến không?`;
      else rewritten = lang === 'en' ? `${stripEnd(last.asked)}, about ${x}?` : `${stripEnd(last.asked)} về ${x}?`;
    }
    const out: FollowUp = { ...base, question: rewritten, how: 'substitution', sameArticles: false };
    if (kind === 'date') delete out.period;
    return out;
  }

  // 3. Pronouns and demonstratives.
  if (refs.length) {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    let unresolved = false;
    for (const ref of refs) {
      // "bài này": the article itself, searched first.
      if (ref.kind === 'article') {
        unresolved = true;
        continue;
      }
      let target: Entity | undefined;
      let atEvent: Entity | undefined;
      for (const v of recent) {
        // "ở đó", "there" after a question about an event mean at that event ("Hội nghị … tổ chức ở đâu?" → "Ở đó ký kết gì?").
        if (ref.kind === 'place' && !ref.head) {
          const event = candidates(v, { ...ref, kind: 'event' })[0];
          if (event) {
            atEvent = event;
            break;
          }
        }
        target = candidates(v, ref)[0];
        if (target) break;
      }
      if (ref.kind === 'both') {
        // The two people (else organisations) the earlier turn was about.
        const v = recent[0] as TurnView;
        // An office written beside its holder's name is that person, named once by the name.
        const held = holders(v.turn.citations.slice(0, 2).map((c) => c.quote));
        const all = [...v.fromQuestion, ...v.fromAnswer];
        const pool = all.filter((e) => !(e.role && all.some((o) => !o.role && held.get(fold(e.text)) === fold(o.text))));
        for (const kind of ['person', 'org'] as const) {
          const two = pool.filter((e, i) => e.kind === kind && pool.findIndex((o) => fold(o.text) === fold(e.text)) === i).slice(0, 2);
          if (two.length === 2) {
            const [a, b] = two.map((e) => mention(e, ref.lang));
            const both = `${a} ${ref.lang === 'en' ? 'and' : 'và'} ${b}`;
            const atStart = ref.start === 0 || /[.!?]\s*$/.test(q.slice(0, ref.start));
            edits.push({ start: ref.start, end: ref.end, text: atStart ? both.charAt(0).toUpperCase() + both.slice(1) : both });
            break;
          }
        }
        continue;
      }
      if (atEvent) {
        const start = ref.start === 0 || /[.!?]\s*$/.test(q.slice(0, ref.start));
        edits.push({
          start: ref.start,
          end: ref.end,
          text:
            ref.lang === 'en'
              ? `at ${/^the\s/i.test(atEvent.text) ? atEvent.text.replace(/^The/, 'the') : `the ${atEvent.text}`}`
              : `${start ? 'Tại' : 'tại'} ${atEvent.text}`,
        });
        continue;
      }
      // "it" with nothing to stand for is left as it is.
      if (!target) {
        unresolved = true;
        continue;
      }
      // A reference inside the very name it would be replaced by is left alone.
      if (hasWord(fold(q), fold(target.text))) continue;
      edits.push({ start: ref.start, end: ref.end, text: replacement(ref, target, q) });
    }
    return { ...base, question: edits.length ? splice(q, edits) : q, how: 'reference', sameArticles: unresolved };
  }

  // 4. "Ký kết gì?": what was done, with no one named: the earlier turn's topic.
  const content = q.replace(/[?!.]/g, ' ');
  const noEntity = findEntities(q).filter((e) => e.kind !== 'date').length === 0;
  const subjectless =
    lang === 'vi'
      ? SUBJECTLESS_VI.forText(q).test(hasMarks(q) ? content.trim().toLowerCase() : fold(content.trim()))
      : /^(?:who|what|when|where|how|which|(?:which|what|how\s+many)\s+(?:countries|nations|parties|partners|organi[sz]ations|people|delegates|delegations))\s+(?:was|were|did|is|are)?\s*(?:\w+ed|signed|said|agreed|attended|held|discussed|promised|took\s+part|participated|joined|met)\s*\??$/i.test(
          q,
        );
  if (noEntity && subjectless) {
    const topic = topicOf(last);
    if (topic) return { ...base, question: `${topic}: ${q.charAt(0).toLowerCase()}${q.slice(1)}`, how: 'topic', sameArticles: true };
  }
  return none;
}
