import { fold, hasMarks, nfc } from '../text/normalize.js';
import { WORD_END, WORD_START, wordRegExp } from '../text/words.js';

/**
 * Acts whose doer a question may ask for ("Sáng kiến … do ai khởi xướng?", "Who founded …?"),
 * folded, each with the words, folded (as patterns), a text states that act with: the news writes an
 * initiative "đề xướng" or "đưa ra" as often as "khởi xướng", a founding "thành lập" or "sáng lập".
 */
const ACTS: ReadonlyArray<{ asked: readonly string[]; stated: readonly string[] }> = [
  {
    asked: ['khoi xuong', 'de xuong', 'phat dong', 'launched', 'initiated', 'initiator'],
    stated: ['khoi xuong', 'de xuong', 'phat dong', 'khoi dong', 'dua ra', 'de xuat', 'sang lap', 'launched', 'launch', 'initiated', 'initiator'],
  },
  {
    asked: ['sang lap', 'thanh lap', 'founded', 'co-founded', 'established', 'founder'],
    stated: ['sang lap', 'thanh lap', 'lap ra', 'lap nen', 'gay dung', 'dung lap', 'khai sinh', 'founded', 'founder', 'established'],
  },
  {
    asked: ['de xuat', 'proposed'],
    stated: ['de xuat', 'de nghi', 'kien nghi', 'de xuong', 'khoi xuong', 'dua ra', 'proposed', 'proposal', 'suggested'],
  },
  // A working session's host is the one who receives the guests ("Thứ trưởng … tiếp và làm việc với ông …").
  {
    asked: ['chu tri', 'chaired'],
    stated: ['chu tri', 'chu toa', 'dieu hanh', 'buoi tiep', 'tiep (?:va lam viec|don|doan|ong|ba|ngai)', 'chaired', 'presided', 'hosted', 'received'],
  },
  { asked: ['sang che', 'phat minh', 'invented', 'inventor'], stated: ['sang che', 'phat minh', 'che tao', 'tao ra', 'invented', 'inventor'] },
  { asked: ['dang cai', 'hosted'], stated: ['dang cai', 'to chuc', 'chu nha', 'chu tri', 'hosted', 'host'] },
];

const VI = ACTS.flatMap((a) => a.asked.filter((w) => w.includes(' '))).join('|');
const EN = ACTS.flatMap((a) => a.asked.filter((w) => !w.includes(' ') && !/(?:er|or)$/u.test(w))).join('|');
/** The doers' nouns: founder, initiator, inventor. */
const EN_DOER = ACTS.flatMap((a) => a.asked.filter((w) => /(?:er|or)$/u.test(w))).join('|');
const B = WORD_START;
const E = WORD_END;
/** Words written with single spaces, matched as whole words across any white space. */
const spaced = (words: string): string => words.replace(/ /gu, '\\s+');
/** For each act, the pattern (folded) of the words that state it. */
const STATED = new Map(ACTS.map((a) => [a, wordRegExp(a.stated.map(spaced))]));

/**
 * A question for the doer of an act, folded: "do ai khởi xướng", "ai (là người / đã) sáng lập",
 * "thành lập bởi ai", "người sáng lập … là ai", "who founded", "launched by whom", "who was the
 * founder". The question word is next to the verb: "Ai phát biểu tại hội nghị do Bộ chủ trì?"
 * asks who spoke.
 */
const DOER_ASKED = new RegExp(
  [
    `${B}do ai (?:da |duoc )?(${VI})${E}`,
    `${B}ai (?:la nguoi |da |dung ra |la |se )?(${VI})${E}`,
    `${B}(${VI}) boi ai${E}`,
    `${B}nguoi (${VI})${E}.*${B}la ai${E}`,
    `${B}who (?:first |originally |actually )?(?:has |had |was |were )?(${EN})${E}`,
    `${B}(${EN}) by whom${E}`,
    `${B}who (?:is|was|were|are) the (${EN_DOER})s?${E}`,
  ].join('|'),
  'u',
);

/** The pattern (folded) of the words that state the act a question asks the doer of (`ACTS`); undefined for any other question. */
export function doerAsked(question: string): RegExp | undefined {
  const m = DOER_ASKED.exec(fold(nfc(question).toLowerCase()));
  const verb = m?.slice(1).find((g) => g !== undefined);
  const act = verb === undefined ? undefined : ACTS.find((a) => a.asked.includes(verb));
  return act && STATED.get(act);
}

/**
 * Whether a text (a quote's paragraph) states the act at all (`words`, from `doerAsked`): a
 * paragraph that never says who launched the initiative ("… kỷ niệm 10 năm Sáng kiến Vành đai và
 * Con đường (BRI). Sáng kiến BRI đã tạo ra nhiều cơ hội …") names no one who did.
 */
export function actStated(text: string, words: RegExp): boolean {
  return words.test(fold(nfc(text).toLowerCase()));
}

/**
 * Acts a question may ask the time of ("Việt Nam gia nhập IEC khi nào?", "When did Vietnam join
 * the IEC?"), as typed with marks and without, each with the words (lower case, marked) a quote
 * states that act with. Becoming a member is stated as done ("đã trở thành thành viên", "là thành
 * viên"), not as hoped ("nỗ lực … trở thành thành viên chính thức"). "ký" is read only with its
 * marks: "ky" is also "kỳ", "kỷ".
 */
const WHEN_ACTS: ReadonlyArray<{ marked: string; folded: string; stated: string }> = [
  {
    marked: 'gia nhập|kết nạp|trở thành (?:thành viên|hội viên)|join|joined|joins|become (?:a )?members?|became (?:a )?members?|accede|acceded',
    folded: 'gia nhap|ket nap|tro thanh (?:thanh vien|hoi vien)|join|joined|joins|become (?:a )?members?|became (?:a )?members?|accede|acceded',
    stated:
      'gia nhập|kết nạp|đã (?:chính thức )?trở thành (?:thành viên|hội viên)|chính thức trở thành|là (?:thành viên|hội viên)|join|joined|joining|joins|accession|acceded|admitted|became (?:a )?(?:full )?members?|(?:is|was|are|were) (?:a |an )?(?:\\S+ )?members?',
  },
  {
    marked: 'ký|kí|ký kết|kí kết|sign|signed|signs',
    folded: 'ky ket|ki ket|sign|signed|signs',
    stated: 'ký|kí|ký kết|kí kết|sign|signed|signing|signature',
  },
  {
    marked: 'thành lập|sáng lập|ra đời|found|founded|establish|established|set up',
    folded: 'thanh lap|sang lap|ra doi|found|founded|establish|established|set up',
    stated: 'thành lập|sáng lập|ra đời|lập ra|founded|founding|foundation|established|establishment|set up',
  },
];

/** `WHEN_ACTS` compiled once, as whole words across any white space. */
const WHEN_PATTERNS = WHEN_ACTS.map((a) => ({
  marked: wordRegExp(spaced(a.marked)),
  folded: wordRegExp(spaced(a.folded)),
  stated: wordRegExp(spaced(a.stated)),
}));

/** "khi nào", "bao giờ", "lúc nào", "hồi nào", "thời điểm nào", "when": asks a time (not "đã bao giờ … chưa", ever). */
const WHEN_ASKED = {
  marked:
    /(?<![\p{L}\p{N}])(?:khi\s+nào|(?<!(?:đã|có)\s+)bao\s+giờ|lúc\s+nào|hồi\s+nào|thời\s+điểm\s+nào|thời\s+gian\s+nào|when|what\s+date|what\s+time)(?![\p{L}\p{N}])/u,
  folded:
    /(?<![\p{L}\p{N}])(?:khi\s+nao|(?<!(?:da|co)\s+)bao\s+gio|luc\s+nao|thoi\s+diem\s+nao|thoi\s+gian\s+nao|when|what\s+date|what\s+time)(?![\p{L}\p{N}])/u,
};

/**
 * The words (a pattern on a quote in lower case, with its marks) that state the act a question
 * asks the time of (`WHEN_ACTS`); undefined when it asks no time, or the time of no such act.
 */
export function whenActAsked(question: string): RegExp | undefined {
  const lower = nfc(question).toLowerCase();
  const marked = hasMarks(lower);
  const q = marked ? lower : fold(lower);
  if (!(marked ? WHEN_ASKED.marked : WHEN_ASKED.folded).test(q)) return undefined;
  return WHEN_PATTERNS.find((a) => (marked ? a.marked : a.folded).test(q))?.stated;
}
