import { fold, hasMarks, nfc } from './normalize.js';
import { rememberRecent } from './remember.js';
import { WORD_RUN } from './words.js';

/**
 * Words a question uses where the news writes another: "Hội nghị … diễn ra ở đâu?" about a
 * sentence saying "Hội nghị … được tổ chức tại …", "X gặp ai?" about "X tiếp và làm việc với
 * …", "người đứng đầu IEC" about "Tổng Thư ký IEC" (not "đứng đầu" alone, which ranks first).
 * A sentence holding an alternative holds the question's word: the alternatives stand in for
 * the word when coverage is measured (`QuestionTerms.search`), when retrieval looks for it
 * (`expandQuery`) and when a claim is aligned with its evidence (`compareClaim`); they are never
 * extra words a sentence must also have.
 *
 * Kept to verbs and roles of the news this product covers (meetings, events, offices), each a
 * case seen in questions about the articles, and to short forms typed in chats ("VN", "TTK");
 * general-purpose synonym lists match too much.
 * What someone said ("nói gì", "nhận xét gì") is not here: the news reports it with a dozen
 * verbs or none, so the question's verb is left out of what a sentence must have
 * (`withoutSaying`); as alternatives, "cho biết" outweighed the topic asked about.
 */
const MEETING = ['buổi tiếp', 'tiếp đón', 'đón tiếp', 'làm việc với', 'hội đàm', 'hội kiến'];

interface Group {
  phrase: string;
  alternatives: readonly string[];
  /** The question's word after the phrase must be one of these or capitalised ("gặp ai", "gặp ông …", "gặp Thứ trưởng …"). */
  before?: readonly string[];
  /** A capitalised word after the phrase does not do instead of `before` ("giúp Việt Nam hội nhập" is "helps … to"). */
  notBeforeNames?: true;
  /**
   * Typed without marks, the phrase is read as one word only before these (folded): "gap ai",
   * "gap ong …" meet someone, where "gap" alone is also "gấp" ("tăng gấp ba") and "gập".
   */
  foldedBefore?: readonly string[];
}

const GROUPS: readonly Group[] = [
  { phrase: 'diễn ra', alternatives: ['tổ chức', 'khai mạc'] },
  // Taking part, as speech says it: "những nước nào góp mặt ở hội nghị?" of "sự tham gia … của các quốc gia …".
  { phrase: 'góp mặt', alternatives: ['tham gia', 'có mặt', 'tham dự'] },
  // Meeting someone; "gặp" alone is also to meet with trouble ("gặp tai nạn", "gặp biến chứng").
  // "gặp ở đâu", "gặp khi nào", "gặp nhau": a follow-up about a meeting ("Ông Philippe Metzger gặp ở đâu?").
  {
    phrase: 'gặp',
    alternatives: MEETING,
    before: ['ai', 'ông', 'bà', 'đoàn', 'đại', 'lãnh', 'ở', 'tại', 'khi', 'lúc', 'vào', 'nhau'],
    foldedBefore: ['ai', 'ong', 'doan', 'lanh', 'o', 'khi', 'luc', 'vao', 'nhau'],
  },
  { phrase: 'gặp gỡ', alternatives: MEETING },
  // "Cuộc gặp với IEC diễn ra ở đâu?" of "tại buổi tiếp và làm việc với … tại Hà Nội".
  { phrase: 'cuộc gặp', alternatives: [...MEETING, 'buổi làm việc'] },
  // A meeting as the news names it: "LMC họp lần thứ mấy?" of "Hội nghị chuyên đề LMC lần thứ 4".
  { phrase: 'họp', alternatives: ['hội nghị', 'hội thảo', 'phiên họp'] },
  // The two sides of a meeting or an agreement, as the news writes them.
  { phrase: 'hai phía', alternatives: ['hai bên', '2 bên'] },
  // Help, as cooperation news writes it: "IEC sẽ giúp gì cho VN?" of "IEC tiếp tục hỗ trợ Việt Nam …";
  // not "giúp bảo đảm", "giúp Việt Nam hội nhập", where it is "helps to".
  { phrase: 'giúp', alternatives: ['hỗ trợ', 'giúp đỡ'], before: ['gì'], foldedBefore: ['gi'], notBeforeNames: true },
  // Benefiting: "Ai được hưởng lợi từ sự hợp tác?" of "Sự hợp tác này … mang lại lợi ích cho …".
  { phrase: 'hưởng lợi', alternatives: ['lợi ích'] },
  // Aiming at something, as the news writes a wish or a goal: "VN đang nhắm tới tư cách thành viên
  // gì ở IEC?" of "… bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức".
  { phrase: 'nhắm tới', alternatives: ['mong muốn', 'hướng tới', 'mục tiêu'] },
  { phrase: 'nhắm đến', alternatives: ['mong muốn', 'hướng tới', 'mục tiêu'] },
  // A promise: "Ai cam kết hỗ trợ Việt Nam?" of "ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam".
  { phrase: 'cam kết', alternatives: ['khẳng định sẽ', 'hứa'] },
  { phrase: 'hứa', alternatives: ['cam kết', 'khẳng định sẽ'] },
  // Examples asked for, as the news gives them: "Cho vài ví dụ QCVN …" of "Tiêu biểu như các quy chuẩn …".
  { phrase: 'ví dụ', alternatives: ['tiêu biểu', 'điển hình', 'chẳng hạn'] },
  { phrase: 'người đứng đầu', alternatives: ['chủ tịch', 'tổng thư ký', 'tổng giám đốc', 'giám đốc', 'bộ trưởng', 'viện trưởng', 'trưởng đoàn'] },
  // A signed document, whatever kind the news names ("ký văn kiện hợp tác" of "ký kết Biên bản").
  { phrase: 'văn kiện', alternatives: ['biên bản', 'bản ghi nhớ', 'thỏa thuận', 'hiệp định', 'nghị định thư', 'chương trình hành động'] },
  // Said in speech: "ký giấy tờ gì?". Not "đặt bút ký" as "ký kết": "Ai trực tiếp đặt bút ký …?"
  // asks who held the pen, which the articles never say (three seed sets' near misses answered).
  { phrase: 'giấy tờ', alternatives: ['biên bản', 'bản ghi nhớ', 'thỏa thuận', 'hiệp định', 'văn bản'] },
  // What something is based on, as regulations and standards news writes it: "Quy chuẩn … dựa trên
  // tiêu chuẩn nào?" of "… ban hành trên cơ sở tham khảo tiêu chuẩn của IEC".
  { phrase: 'dựa trên', alternatives: ['trên cơ sở', 'căn cứ', 'tham khảo', 'dựa vào'] },
  { phrase: 'dựa vào', alternatives: ['trên cơ sở', 'căn cứ', 'tham khảo', 'dựa trên'] },
  // Short forms typed in chats for what the news writes out; only those that stand for nothing else.
  { phrase: 'vn', alternatives: ['việt nam'] },
  { phrase: 'tq', alternatives: ['trung quốc'] },
  { phrase: 'lhq', alternatives: ['liên hợp quốc'] },
  { phrase: 'ttk', alternatives: ['tổng thư ký'] },
  { phrase: 'khcn', alternatives: ['kh&cn', 'khoa học và công nghệ'] },
  { phrase: 'tphcm', alternatives: ['tp.hcm', 'thành phố hồ chí minh'] },
];

const TABLE = GROUPS.map((g) => ({
  words: g.phrase.split(' '),
  folded: fold(g.phrase).split(' '),
  alternatives: g.alternatives.map((a) => nfc(a)),
  before: g.before,
  foldedBefore: g.foldedBefore,
  notBeforeNames: g.notBeforeNames === true,
}));

/** The short forms of the table ("vn", "ttk"), each with what it is written out as last ("việt nam", "khoa học và công nghệ"). */
const SHORT_FORMS = new Map(
  GROUPS.filter((g) => !g.phrase.includes(' ') && !hasMarks(g.phrase) && g.alternatives.length > 0 && g.phrase.length <= 5).map((g) => [
    g.phrase,
    g.alternatives[g.alternatives.length - 1] as string,
  ]),
);
// A word of its own: not "VN-Index", "abc@vn", "vn.gov".
const SHORT_FORM = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}&.@-])(?:${[...SHORT_FORMS.keys()].join('|')})(?![\\p{L}\\p{M}\\p{N}&@]|[.-]\\p{L})`, 'giu');

/** `text` with the short forms chats type written out: "Viện Đo lường VN" → "Viện Đo lường việt nam". */
export function shortFormsWrittenOut(text: string): string {
  return text.replace(SHORT_FORM, (w) => SHORT_FORMS.get(w.toLowerCase()) ?? w);
}

/** A phrase of the table in a list of words: words [from, to) and what the news may write for it. */
export interface PhraseMatch {
  from: number;
  to: number;
  alternatives: readonly string[];
}

/**
 * The phrases of the table among `typed` (words as written, in order), read as compared:
 * lower case, folded when `marked` is false. A phrase typed without marks matches it folded,
 * in a text with marks too ("dien ra" restored only in part); a single word only as written.
 */
export function phrasesIn(typed: readonly string[], marked: boolean): PhraseMatch[] {
  const words = typed.map((w) => (marked ? nfc(w).toLowerCase() : fold(nfc(w).toLowerCase())));
  // A word typed as the phrase writes it, or without marks as the phrase folds.
  const same = (w: string, word: string, folded: string) => w === word || (w === folded && !hasMarks(w));
  const out: PhraseMatch[] = [];
  for (const entry of TABLE) {
    const n = entry.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      // The first word must be the phrase's, as written or folded (checked first: this runs for every entry at every word).
      if (words[i] !== entry.words[0] && words[i] !== entry.folded[0]) continue;
      const next = typed[i + n];
      // One word without its marks is too many words ("gap": gặp, gấp, gập), unless the word after
      // it settles which ("gap ai"); a phrase is one.
      const settled = n === 1 && !marked && next !== undefined && entry.foldedBefore?.includes(fold(next.toLowerCase())) === true;
      if (!entry.words.every((w, j) => (n === 1 && !settled ? words[i + j] === w : same(words[i + j] as string, w, entry.folded[j] as string)))) continue;
      if (entry.before && !settled && !(next && ((!entry.notBeforeNames && /^\p{Lu}/u.test(next)) || entry.before.includes(next.toLowerCase())))) continue;
      out.push({ from: i, to: i + n, alternatives: entry.alternatives });
    }
  }
  return out;
}

/**
 * The alternatives of each of the question's words and word pairs that lie inside a phrase of
 * the table the question has ("đứng", "đầu" and "đứng đầu" of "người đứng đầu"), keyed by the
 * term as it is compared (lower case; folded when `marked` is false).
 */
export function questionAlternatives(question: string, marked: boolean): ReadonlyMap<string, readonly string[]> {
  return (marked ? alternativesMarked : alternativesFolded)(question);
}

const alternativesMarked = rememberRecent(64, (question) => alternativesOf(question, true));
const alternativesFolded = rememberRecent(64, (question) => alternativesOf(question, false));

function alternativesOf(question: string, marked: boolean): Map<string, string[]> {
  const typed = nfc(question).match(WORD_RUN) ?? [];
  const words = typed.map((w) => (marked ? w.toLowerCase() : fold(w.toLowerCase())));
  const out = new Map<string, string[]>();
  const add = (term: string, alternatives: readonly string[]) => {
    const list = out.get(term) ?? [];
    for (const a of alternatives) if (!list.includes(a)) list.push(a);
    out.set(term, list);
  };
  for (const { from, to, alternatives } of phrasesIn(typed, marked)) {
    for (let j = from; j < to; j++) {
      add(words[j] as string, alternatives);
      if (j + 1 < to) add(`${words[j]} ${words[j + 1]}`, alternatives);
    }
  }
  return out;
}
