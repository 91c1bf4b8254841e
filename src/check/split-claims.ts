import { detectLang } from '../text/lang.js';
import { fold, hasMarks, normalizeSpace, nfc } from '../text/normalize.js';
import { sentenceRanges } from '../text/sentences.js';
import { STOPWORDS } from '../text/stopwords.js';
import { WORD_END, WORD_START, markedPattern, typedInCapitals, wordRegExp } from '../text/words.js';
import type { SkipReason, SkippedSentence } from '../types.js';

/**
 * Splits a text (one statement or a whole forwarded post) into the sentences worth checking,
 * and says why the others are not checked: questions, greetings, first-person opinions, and
 * sentences with no checkable fact (calls to action, links, hashtags, a few words).
 */

export interface SplitResult {
  claims: string[];
  skipped: SkippedSentence[];
}

const QUESTION_START = wordRegExp(['có phải', 'phải chăng', 'liệu', 'có đúng', 'ai', 'vì sao', 'tại sao', 'bao giờ', 'khi nào', 'ở đâu'], 'iu');
const QUESTION_END = new RegExp(
  `${WORD_START}(?:${['phải không', 'đúng không', 'có không', 'hay không', 'hay chưa', 'không vậy', 'chưa vậy', 'à', 'hả', 'nhỉ'].join('|')})\\s*[.!]*$`,
  'iu',
);
const EN_QUESTION = /^(what|who|whom|whose|when|where|why|how|which|is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b/i;
const GREETING =
  /^(xin chao|chao (ban|anh|chi|em|moi nguoi|ca nha|cac ban|bot|buoi)|chao\b|hello|hi|hey|alo|cam on|thank|thanks|chuc (mung|ngu ngon|buoi|ban|moi nguoi|cac ban)|good (morning|afternoon|evening|night)|tam biet|bye|goodbye)\b/;
/** First-person opinion, opening the sentence ("Tôi nghĩ…", "Theo tôi, …"); "tôi thấy sự đổi thay" later in a sentence reports. */
const OPINION = new RegExp(
  `^(?:${['tôi nghĩ', 'tôi thấy', 'tôi cho rằng', 'tôi tin', 'theo tôi', 'mình nghĩ', 'mình thấy', 'theo mình', 'em nghĩ', 'em thấy', 'theo em', 'cá nhân tôi', 'i think', 'i believe', 'i feel', 'in my opinion', 'imo', 'personally'].join('|')})${WORD_END}`,
  'iu',
);
const OPINION_FOLDED = /^(toi nghi|toi thay|toi cho rang|theo toi|minh nghi|minh thay|theo minh)(\s|$)/;
const EXCLAMATION = /^(thật|quá|rất|tuyệt|hay|đẹp|wow|great|amazing|awesome)\b.*!$|!\s*$/iu;
const CALL_TO_ACTION = /^(hãy|vui lòng|đừng|click|bấm|nhấn|share|please|read more|subscribe|follow|like)\b/iu;
/**
 * Words that open a call to action ("Chia sẻ ngay nhé mọi người.", "Mời bạn đọc xem thêm.") and
 * as often a statement ("Chia sẻ tại hội nghị, Thứ trưởng Lê Xuân Định cho biết …"): a call to
 * action only when nothing in the sentence can be checked, no name and no number.
 */
const CALL_TO_ACTION_UNLESS_FACT = new RegExp(`^(?:xin mời|mời|xem thêm|đọc thêm|chia sẻ)${WORD_END}`, 'iu');

/** A question typed without its question mark: a question word at the end, or a "why"/"how many" at the start. */
const WH_END = new RegExp(
  `${WORD_START}(ở đâu|tại đâu|đâu|ai|gì|nào|bao nhiêu|khi nào|bao giờ|thế nào|ra sao|không|chưa|phải không|đúng không)\\s*[.!]*$`,
  'u',
);
const WH_START = new RegExp(`^(tại sao|vì sao|làm sao|bao nhiêu|khi nào|bao giờ|ai là|ở đâu|what|who|when|where|why|how)${WORD_END}`, 'u');
/** The same words typed without marks (only when the whole sentence has none: "dầu" is not "đâu"). */
const WH_END_FOLDED = /(?:^|\s)(o dau|tai dau|dau|ai|gi|nao|bao nhieu|khi nao|bao gio|the nao|ra sao|khong|chua|phai khong|dung khong)\s*[.!]*$/;
const WH_START_FOLDED = /^(tai sao|vi sao|lam sao|bao nhieu|khi nao|bao gio|ai la|o dau)(\s|$)/;
/**
 * Particles that close a spoken question ("… là ai vậy", "… ở đâu thế", "… ở đâu vậy ạ", "… không
 * ạ"): the question word before them still ends the question. Typed without marks, "the" after
 * "khong" is "không thể", not a particle.
 */
const PARTICLES_END = new RegExp(`(?:\\s+(?:vậy|thế|ạ|nhỉ|nhé|đấy|hả|à|chứ|nhở)${WORD_END})+\\s*[.!]*$`, 'iu');
const PARTICLES_END_FOLDED = /(?:(?<!khong)\s+the|\s+(?:vay|a|nhi|nhe|day|ha|chu))+\s*[.!]*$/u;
/**
 * A question word anywhere: with a closing particle ("Việt Nam ký kết gì tại Hội nghị LMC ạ") the
 * sentence asks it; "ai cũng", "gì cũng" say "everyone", "anything".
 */
const WH_ANYWHERE = new RegExp(
  `${WORD_START}(?:ở đâu|tại đâu|đâu|ai|gì|nào|bao nhiêu|khi nào|bao giờ|thế nào|ra sao|vì sao|tại sao)${WORD_END}(?!\\s+cũng${WORD_END})`,
  'u',
);
const WH_ANYWHERE_FOLDED = /(?:^|\s)(?:o dau|tai dau|gi|bao nhieu|khi nao|bao gio|the nao|ra sao|vi sao|tai sao)(?=\s|$)(?!\s+cung(?:\s|$))/u;
/** Words before a question word that make it say "none", "anything" ("không … gì", "bất kỳ ai"). */
const INDEFINITE_BEFORE = /(?:^|\s)(?:khong|chua|chang|bat ky|bat cu)\s/u;
/** A request to be told, opening the sentence: "Cho tôi biết …", "Xin hỏi …", "Hãy cho biết …", "Tell me …". */
const REQUEST = markedPattern(
  `^(?:(?:làm ơn |xin |hãy )?cho (?:tôi|mình|em|tớ|hỏi|tôi hỏi|mình hỏi|em hỏi)(?: biết)?|xin (?:hỏi|cho biết)|hãy cho biết|tell me|i (?:want|would like|'d like) to know)${WORD_END}`,
  'iu',
);

/**
 * A claim's opening words that attribute it to the stored articles themselves ("Theo bài viết,",
 * "Bài báo cho biết", "According to the article,"): what is checked is the rest. A claim
 * attributed to someone ("Theo Bộ KH&CN, …") keeps them: who said it is part of the claim.
 */
const SOURCE_ATTRIBUTION = new RegExp(
  `^(?:(?:theo|như|according to)\\s+(?:(?:các|những|the)\\s+)?(?:bài viết|bài báo|bản tin|thông tin|nguồn tin|tin|bài|article|articles|report|story)(?:\\s+(?:đã lưu|này|trên|gốc|đó))?\\s*,|(?:(?:các\\s+)?bài viết|bài báo|bản tin|the article|the report)\\s+(?:cho biết|cho hay|viết|nói|nêu|says|said|reports|states)(?:\\s+(?:rằng|là|that))?\\s*,?)\\s*`,
  'iu',
);

/** `claim` without an opening attribution to the articles themselves (`SOURCE_ATTRIBUTION`), as typed or without marks. */
export function withoutSourceAttribution(claim: string): string {
  const m = SOURCE_ATTRIBUTION.exec(claim) ?? SOURCE_ATTRIBUTION_FOLDED.exec(fold(claim));
  const rest = m ? claim.slice(m[0].length) : claim;
  return rest.length >= 8 ? rest : claim;
}
const SOURCE_ATTRIBUTION_FOLDED = new RegExp(fold(SOURCE_ATTRIBUTION.source), 'iu');

function reasonToSkip(sentence: string): SkipReason | null {
  const f = fold(sentence);
  const words = f.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const short = words.length <= 25;
  const marked = hasMarks(sentence);
  // The sentence without the particles that close a spoken question ("… là ai vậy ạ" → "… là ai").
  const particles = marked ? PARTICLES_END.exec(sentence) : PARTICLES_END_FOLDED.exec(f);
  const core = particles && particles.index > 0 ? sentence.slice(0, particles.index) : sentence;
  const coreFolded = fold(core);
  // A question mark anywhere: sentence splitting needs a capital after it, and people type on without one.
  if (
    /\?(?![^“"«]*[”"»])/.test(sentence) ||
    (short && (QUESTION_END.test(sentence) || QUESTION_END.test(core))) ||
    (QUESTION_START.test(sentence.slice(0, 12)) && /^(có phải|phải chăng|liệu|có đúng)/iu.test(sentence)) ||
    (short && REQUEST.forText(sentence).test(marked ? sentence : f))
  )
    return 'question';
  // "không … nào", "không ai", "bất kỳ … gì" say "none", "nobody", "anything": statements.
  const indefinite = /(^|\s)(ai|gi|nao|dau)\s*[.!]*$/.test(coreFolded) && INDEFINITE_BEFORE.test(coreFolded);
  const lower = core.toLowerCase();
  const wh = marked
    ? WH_END.test(lower) || WH_START.test(lower)
    : WH_END_FOLDED.test(coreFolded) || WH_START_FOLDED.test(coreFolded) || /^(what|who|when|where|why|how)\s/.test(coreFolded);
  if (short && wh && !indefinite && !/(?<![\p{L}\p{N}])AI\s*[.!]*$/u.test(core)) return 'question';
  // A question word inside a sentence closed by a particle asks it, unless a negation before it makes it "none".
  if (short && core !== sentence) {
    const spoken = core.replace(/(?<![\p{L}\p{N}])AI(?![\p{L}\p{N}])/gu, ' ');
    const at = marked ? WH_ANYWHERE.exec(spoken.toLowerCase()) : WH_ANYWHERE_FOLDED.exec(fold(spoken));
    if (at && !INDEFINITE_BEFORE.test(fold(spoken).slice(0, at.index + 1))) return 'question';
  }
  if (EN_QUESTION.test(sentence) && !/[.!]$/.test(sentence) && words.length <= 25) return 'question';
  if (GREETING.test(f) && words.length <= 12) return 'greeting';
  if (OPINION.test(sentence) || OPINION_FOLDED.test(f)) return 'opinion';
  const content = words.filter((w) => !STOPWORDS.has(w));
  if (words.length < 3 || content.length < 2) return 'no-fact';
  if (CALL_TO_ACTION.test(sentence)) return 'no-fact';
  // A call to action names no one and says nothing is anything ("Chia sẻ thông tin … là một hình thức hợp tác" is a statement).
  if (
    CALL_TO_ACTION_UNLESS_FACT.test(sentence) &&
    !/\d/.test(sentence) &&
    !/\s\p{Lu}/u.test(sentence) &&
    !/(?<![\p{L}\p{N}])(?:là|la)(?![\p{L}\p{N}])/iu.test(sentence)
  )
    return 'no-fact';
  if (/^(#\S+\s*)+$/.test(sentence) || /^(https?:\/\/|www\.)\S+$/i.test(sentence) || /^(nguồn|source|ảnh|photo)\s*:/iu.test(sentence)) return 'no-fact';
  // A short exclamation with no number or name is an emotion, not a fact.
  if (EXCLAMATION.test(sentence) && words.length <= 8 && !/\d/.test(sentence) && !/\s\p{Lu}/u.test(sentence)) return 'opinion';
  return null;
}

/** Sentences of a text: lines first (a post's line breaks end its sentences), then sentence ends. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  // A post's pictographs ("… ngày 5/6/2024 ✅ Việt Nam đã …", "👉 …") end what comes before them, as line breaks do.
  for (const line of nfc(text).replace(PICTOGRAPHS, '\n').split(/\n+/)) {
    const l = line.replace(/\s+/g, ' ').trim();
    if (!l) continue;
    for (const [a, b] of sentenceRanges(l)) {
      const s = l
        .slice(a, b)
        .replace(/^(?:[-•*–—>]+|\d{1,2}[.)])\s+/u, '')
        .replace(HEADLINE_LABEL, '')
        .trim();
      if (/[\p{L}\p{N}]/u.test(s)) out.push(s);
    }
  }
  return out;
}

/** Pictographs with what joins or varies them (not flags, not keycaps' digits). */
const PICTOGRAPHS = /(?:\p{Extended_Pictographic}(?:\u{FE0F}|\u{200D}|\p{Emoji_Modifier})*)+/gu;
/** A post's label before its headline: "TIN NÓNG:", "Nóng:", "BREAKING:", "Cập nhật:". */
const HEADLINE_LABEL =
  /^(?:tin\s+nóng|tin\s+nong|nóng|nong|hot|tin\s+mới|tin\s+moi|cập\s+nhật|cap\s+nhat|breaking(?:\s+news)?|update|khẩn|khan|tin\s+khẩn)\s*[:|–—-]\s+/iu;

export function splitClaims(text: string, maxClaims = 10): SplitResult {
  const claims: string[] = [];
  const skipped: SkippedSentence[] = [];
  for (const s of sentencesOf(text)) {
    const reason = reasonToSkip(s);
    if (reason) skipped.push({ text: s, reason });
    else if (claims.length >= maxClaims) skipped.push({ text: s, reason: 'too-many' });
    else claims.push(s);
  }
  return { claims, skipped };
}

// Each written with tone marks and matched without them on text typed without marks.
const LEADING = [
  markedPattern(
    '^(?:có phải (?:là )?(?:rằng )?|phải chăng (?:là )?|liệu (?:rằng )?|có đúng (?:là )?(?:rằng )?|có thật (?:là )?(?:rằng )?|thật sự (?:là )?)',
    'iu',
  ),
  markedPattern('^(?:is it true that|is it the case that|did you know that|is it correct that)\\s+', 'iu'),
];
/**
 * Where the statement to check was written or read, opening it: "Bản thảo viết …", "Bản thảo
 * liệt kê …", "Bài có nhắc …", "Cho mình kiểm tra lại chút: …". A journalist checks the words of
 * a draft against the articles; the draft is not what is checked. Not a word the verb begins
 * ("Bài nói chuyện …", "Bài viết ghi nhận …", "Tin ghi bàn …" are the subject).
 */
const REPORTED = markedPattern(
  '^(?:cho (?:mình|tôi|em) kiểm tra lại(?: chút| tí| xíu)?\\s*[:,]?\\s*)?(?:bản thảo|bản nháp|bài viết|bài báo|bài gốc|bài|bản tin|tin)(?: (?:của )?(?:mình|tôi|em))? (?:có )?(?:viết|ghi|nói|nêu|liệt kê|nhắc(?: (?:đến|tới))?|đề cập(?: (?:đến|tới))?)(?! (?:chuyện|nhận|chép|gương|bàn|tắt|danh|điểm|viết|ghi|nói|nêu)(?![\\p{L}\\p{M}]))(?: (?:rằng|là))?\\s*[:,]?\\s+',
  'iu',
);
/** The same asked at the end, after the statement: "…, bài gốc có nói vậy không?" (its "không" gone). */
const REPORTED_TAIL = markedPattern(
  '(?:\\s*[,;—–-]\\s*|\\s+)(?:bài viết|bài báo|bài gốc|bài|bản tin|tin|nguồn)(?: gốc)? có (?:nói|viết|ghi|nêu|nhắc|đề cập)(?: (?:vậy|thế|như vậy|như thế|điều (?:này|đó)|đến|tới))?\\s*$',
  'iu',
);
/** "X có phải là Y không?" asks whether X is Y; "X có đúng là đã … không?" whether X has …. */
const INNER = markedPattern(`\\s+(?:có phải|có đúng|có thật)(?:\\s+(là))?${WORD_END}`, 'iu');
/**
 * Whether what follows "có phải" names what the subject is, so that the statement needs its "là":
 * "Việt Nam có phải thành viên chính thức của IEC không?" asks whether "Việt Nam là thành viên
 * chính thức của IEC" (without it, "Việt Nam thành viên chính thức của IEC" was read as the wish
 * that Việt Nam become one, and supported). A name or title with its capital, or a noun of what a
 * party is; not a verb ("có phải đã ký …", "có phải được tổ chức …").
 */
function namesWhatItIs(rest: string): boolean {
  // Not a capital of a question typed all in capitals ("… CÓ PHẢI ĐÃ KÝ …").
  return (!typedInCapitals(rest) && /^\s+\p{Lu}/u.test(rest)) || WHAT_IT_IS.forText(rest).test(rest);
}
const WHAT_IT_IS = markedPattern(
  `^\\s+(?:thành viên|đối tác|lĩnh vực|người|nước|quốc gia|một|thành phố|thủ đô|nơi|đại diện|tổng thư ký|thứ trưởng|bộ trưởng|chủ tịch|viện|cơ quan)${WORD_END}`,
  'iu',
);
const TRAILING = markedPattern(
  '\\s*(?:[,—–-]?\\s*(?:có )?(?:phải|đúng) không(?: (?:vậy|nhỉ|ạ|hả))?|[,—–-]?\\s*(?:hay|có) không|,?\\s*hay chưa|không vậy|chưa vậy|(?<=\\S)\\s+không|(?<=\\S)\\s+chưa|\\s+à|\\s+hả|\\s+nhỉ|\\s+vậy|,?\\s*right|,?\\s*is that (?:right|true|correct))?\\s*[?？!.]*\\s*$',
  'iu',
);

/**
 * The statement a yes/no question asks about: "Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà
 * Nội không?" → "Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội"; "Việt Nam đã là thành viên IEC
 * chưa?" → "Việt Nam đã là thành viên IEC"; "Ông Philippe Metzger có phải là Tổng Thư ký IEC
 * không?" → "Ông Philippe Metzger là Tổng Thư ký IEC"; the same typed without tone marks. A
 * statement comes back unchanged (without a question mark).
 */
export function statementOf(text: string): string {
  let s = normalizeSpace(text);
  const asked = /[?？]\s*$/.test(s) || LEADING.some((re) => re.forText(s).test(s));
  for (const re of LEADING) s = s.replace(re.forText(s), '');
  const unreported = s.replace(REPORTED.forText(s), '');
  if (/[\p{L}\p{N}]{2,}.*\s.*[\p{L}\p{N}]{2,}/u.test(unreported)) s = unreported;
  if (asked) {
    // A trailing "không"/"chưa" is a question tag only in a question; so is "có phải" inside one.
    // Tags may follow one another ("…, đúng không nhỉ?").
    for (let before = ''; before !== s;) {
      before = s;
      s = s.replace(TRAILING.forText(s), '');
    }
    s = s.replace(REPORTED_TAIL.forText(s), '');
    s = s.replace(INNER.forText(s), (m: string, la: string | undefined, at: number, whole: string) =>
      la ? ` ${la}` : namesWhatItIs(whole.slice(at + m.length)) ? (hasMarks(whole) ? ' là' : ' la') : '',
    );
    s = declarative(s);
  } else s = s.replace(/\s*[.!]+\s*$/u, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Whether a question asks about the words of a draft or of the article ("Bản thảo liệt kê …",
 * "…, bài gốc có nói vậy không?"): then what it asks is `statementOf` it, the framing left out.
 */
export function asksAboutDraft(text: string): boolean {
  const s = normalizeSpace(text);
  const tagless = s.replace(TRAILING.forText(s), '');
  return REPORTED.forText(s).test(s) || REPORTED_TAIL.forText(tagless).test(tagless);
}

/** An English yes/no question's auxiliary, first: "Is …", "Was …", "Did …". */
const EN_AUX = /^(is|are|was|were|has|have|had|does|do|did|can|could|will|would|should)\s+(\S.*)$/iu;
/** Words that open what is said of the subject after "is" / "was": an article, a preposition, a participle. */
const EN_PREDICATE =
  /^(?:a|an|the|not|no|in|at|on|to|from|by|of|for|with|still|already|also|now|really|one|part|among|held|made|signed|known|based|located|[a-z]+(?:ed|ing))$/u;
const EN_DETERMINER = /^(?:the|a|an|this|that|these|those|its|their|his|her)$/iu;
const NAME_LINK = /^(?:of|and|for|the|de|&)$/u;

/**
 * An English yes/no question as the statement it asks about, when its subject can be told
 * apart: "Is Vietnam an important partner in LMC" → "Vietnam is an important partner in LMC",
 * "Was the 4th LMC symposium held in Beijing" → "the 4th LMC symposium was held in Beijing",
 * "Did the IEC Secretary General meet Le Xuan Dinh" → "the IEC Secretary General did meet Le
 * Xuan Dinh". After "is" the subject ends where an article, a preposition or a participle
 * starts what is said of it; after "did" it is a name (capitalised words, "of" and "and" between
 * them) and the verb follows in lower case. Otherwise the words stay as asked.
 */
function declarative(s: string): string {
  const m = EN_AUX.exec(s);
  // "Do …" opens Vietnamese sentences too ("Do Việt Nam đề xuất …"): English questions only.
  if (!m || detectLang(s) !== 'en') return s;
  const aux = (m[1] as string).toLowerCase();
  const words = (m[2] as string).split(/\s+/u);
  let i = EN_DETERMINER.test(words[0] as string) ? 1 : 0;
  const start = i;
  if (/^(?:is|are|was|were)$/u.test(aux)) {
    while (i < words.length && !(i > start && EN_PREDICATE.test((words[i] as string).toLowerCase()))) i++;
  } else {
    const named = (w: string) => /^[\p{Lu}\d]/u.test(w);
    while (i < words.length && (named(words[i] as string) || (i > start && NAME_LINK.test(words[i] as string) && named(words[i + 1] ?? '')))) i++;
    if (i < words.length && !/^\p{Ll}+$/u.test(words[i] as string)) return s;
  }
  if (i === start || i >= words.length) return s;
  return `${words.slice(0, i).join(' ')} ${aux} ${words.slice(i).join(' ')}`;
}
