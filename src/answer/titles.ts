import { fold, hasMarks, nfc } from '../text/normalize.js';
import { hasWordIn } from '../retrieve/coverage.js';
import { isStopword } from '../text/stopwords.js';
import { translateTerms } from '../text/glossary.js';
import { detectLang } from '../text/lang.js';
import { VOWELLESS, escapeRegExp } from '../text/words.js';
import { FAMILY_NAMES, isKnownPlace } from '../check/lexicon.js';

/**
 * Offices a question may name a person by ("Bộ trưởng Bộ KH&CN là ai?"). An article that names
 * another office of the same ministry ("Thứ trưởng Bộ KH&CN Lê Xuân Định") does not answer it,
 * though it has every word of it: "bộ", "trưởng", "Bộ KH&CN". Longer titles come first where one
 * holds another ("Phó Chủ tịch", "Tổng Thư ký"), so that each place in a text is read as the
 * longest office written there.
 */
export const TITLES: readonly string[] = [
  'phó thủ tướng',
  'thủ tướng',
  'phó chủ tịch nước',
  'chủ tịch nước',
  'phó chủ tịch',
  'chủ tịch',
  'tổng bí thư',
  'phó bí thư',
  'bí thư',
  'bộ trưởng',
  'thứ trưởng',
  'tổng cục trưởng',
  'phó tổng cục trưởng',
  'cục trưởng',
  'phó cục trưởng',
  'vụ trưởng',
  'phó vụ trưởng',
  'viện trưởng',
  'phó viện trưởng',
  'hiệu trưởng',
  'phó hiệu trưởng',
  'tổng giám đốc',
  'phó tổng giám đốc',
  'phó giám đốc',
  'giám đốc',
  'tổng thư ký',
  'phó tổng thư ký',
  'thư ký',
  'chánh văn phòng',
  'phó chánh văn phòng',
  'chánh án',
  'phó chánh án',
  'thống đốc',
  'phó thống đốc',
  'đại sứ',
  'tổng lãnh sự',
  'trưởng ban',
  'phó trưởng ban',
  'trưởng phòng',
  'phó trưởng phòng',
  'trưởng khoa',
  'phó trưởng khoa',
  'chủ nhiệm',
  'phó chủ nhiệm',
  'tổng biên tập',
  'phó tổng biên tập',
].sort((a, b) => b.split(' ').length - a.split(' ').length);

/** Without tone marks these spell other common words too ("bị thu hồi", "đại sự"): read only when marked. */
const MARKED_ONLY = new Set(['bí thư', 'phó bí thư', 'đại sứ', 'thư ký', 'chủ nhiệm']);

const FOLDED_TITLES = TITLES.filter((t) => !MARKED_ONLY.has(t)).map((t) => fold(t));

/** The offices as one pattern, longest first, so that each place is read as the longest office written there. */
const officePattern = (titles: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${titles.map((t) => t.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
const MARKED_OFFICES = officePattern(TITLES);
const FOLDED_PATTERN = officePattern(FOLDED_TITLES);

/** An office written in a text: where, and which (as the list writes it, folded when read folded). */
export interface OfficeAt {
  start: number;
  end: number;
  title: string;
}

/**
 * The offices written in `text`, in any case, each place read as its longest office ("Phó Tổng
 * Giám đốc" is one office, not also "Tổng Giám đốc" and "Giám đốc"). With `folded`, the text is
 * read without tone marks, leaving out the titles whose folded spelling is another common word.
 * Offsets are those of `text` (NFC); a text whose folding changes its length is read as written.
 */
export function officesAt(text: string, folded = false): OfficeAt[] {
  const lower = nfc(text).toLowerCase();
  const f = folded ? fold(lower) : lower;
  const [read, pattern] = f.length === lower.length ? [f, folded ? FOLDED_PATTERN : MARKED_OFFICES] : [lower, MARKED_OFFICES];
  return [...read.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, title: m[0].replace(/\s+/gu, ' ') }));
}

const OFFICES = new Set(TITLES);

/** Whether `phrase` is an office as written, in any case ("Tổng Thư ký"). */
export function isOffice(phrase: string): boolean {
  return OFFICES.has(nfc(phrase).toLowerCase().replace(/\s+/gu, ' ').trim());
}

/** Whether the text carries tone marks or Vietnamese letters (folding changes it). */
const marked = (lower: string) => fold(lower) !== lower;

/**
 * The offices the question names that the article does not name as such ("bộ trưởng" asked,
 * only "thứ trưởng" written; "chủ tịch" asked, only "Phó Chủ tịch" written); the general office
 * written ("Tổng Thư ký") names the short one asked ("Thư ký"). A question typed
 * without tone marks is compared folded, leaving out the titles whose folded spelling is
 * another common word; one in English by the offices its glossary terms name.
 */
export function missingTitles(question: string, article: string): string[] {
  // An English question names its offices in English: "Minister" is "Bộ trưởng" (the glossary's).
  const english = detectLang(question) === 'en';
  const folded = !english && !marked(nfc(question).toLowerCase());
  const asked = new Set((english ? englishOffices(question) : officesAt(question, folded)).map((o) => o.title));
  // Most questions name no office: the article is read only for those that do.
  if (asked.size === 0) return [];
  const written = new Set(officesAt(article, folded).map((o) => o.title));
  // The general office answers for its short name ("Thư ký LHQ" for "Tổng Thư ký LHQ"); a deputy
  // never does. An office named with a word more does: "Chủ tịch nước" is the president asked.
  const general = folded ? 'tong ' : 'tổng ';
  return [...asked].filter(
    (t) =>
      !written.has(t) &&
      !written.has(general + t) &&
      ![...written].some((w) => w.startsWith(`${t} `)) &&
      !(english && (PRESIDENTS.get(t) ?? []).some((p) => hasWordIn(article, p))),
  );
}

/**
 * What an English "president" (the glossary's "Chủ tịch") is also written as: a country's
 * "Tổng thống" ("Tổng thống Costa Rica Jose María Figueres"). Not an office of `TITLES`, which
 * reads Vietnamese offices; retrieval looks for it beside "Chủ tịch" (`glossary.ts`).
 */
const PRESIDENTS = new Map([
  ['chủ tịch', ['tổng thống']],
  ['phó chủ tịch', ['phó tổng thống']],
]);

/** Offices folded, as word lists, longest first. */
const FOLDED_OFFICES = TITLES.map((t) => fold(t).split(' '));

/** Folded words as a sentence's tokens give them. */
interface Word {
  folded: string;
  text: string;
  clause: number;
}

/** The office whose words start at token `i` (the longest), as [first, end) token indices and the office folded. */
export function officeAt(words: ReadonlyArray<{ folded: string }>, i: number): { first: number; end: number; office: string } | undefined {
  const parts = FOLDED_OFFICES.find((o) => o.every((p, k) => words[i + k]?.folded === p));
  return parts ? { first: i, end: i + parts.length, office: parts.join(' ') } : undefined;
}

/**
 * The office written right before token `from` (with its body between: "Thứ trưởng Bộ KH&CN
 * Lê Xuân Định") or right after token `to` ("Ông Philippe Metzger, Tổng Thư ký IEC", "… là Tổng
 * Giám đốc IEC"), in the same sentence, as [first, end) token indices and the office folded.
 */
export function officeBeside(words: readonly Word[], from: number, to: number): { first: number; end: number; office: string } | undefined {
  const at = (i: number) => officeAt(words, i);
  // Before: an office, then up to four words of its body (capitalised or acronyms), then the name,
  // which "là" and an honorific may introduce ("Tổng Thư ký IEC là ông Philippe Metzger").
  let named = from;
  if (HONORIFICS.has(words[named - 1]?.folded ?? '')) named--;
  if (words[named - 1]?.folded === 'la') named--;
  for (let body = 0; body <= 4 && named - body - 1 >= 0; body++) {
    const between = words.slice(named - body, named);
    if (!between.every((w) => /^\p{Lu}/u.test(w.text) || w.text === '&')) break;
    for (let len = Math.min(5, named - body); len >= 1; len--) {
      const o = at(named - body - len);
      // Through "là (ông)", only an office that opens its clause: in "Người tiếp Tổng Thư ký IEC
      // là ông Lê Xuân Định" the office is the one received, not his.
      if (o && o.end === named - body && (named === from || o.first === 0 || (words[o.first - 1] as Word).clause !== (words[o.first] as Word).clause)) return o;
    }
  }
  // After: "X, office" or "X là office", unless another person is named right after the office
  // ("Người tiếp ông Philippe Metzger là Bộ trưởng Lê Xuân Định": the office is Lê Xuân Định's).
  let i = to;
  if (words[i]?.folded === 'la') i++;
  if (i >= words.length || (words[i] as Word).clause - (words[to - 1] as Word).clause > 1) return undefined;
  const o = at(i);
  const holder = o ? words[o.end] : undefined;
  if (
    o &&
    holder &&
    FAMILY.has(holder.folded) &&
    /^\p{Lu}/u.test(holder.text) &&
    /^\p{Lu}/u.test(words[o.end + 1]?.text ?? '') &&
    // "Thứ trưởng Hà Nội", "Bí thư Thái Lan": a place the office is of, not its holder.
    !isKnownPlace(`${holder.folded} ${words[o.end + 1]?.folded ?? ''}`)
  )
    return undefined;
  return o;
}

const FAMILY = new Set(FAMILY_NAMES.map((n) => fold(n)));

/** Words of respect before a person's name, folded. */
const HONORIFICS = new Set(['ong', 'ba', 'ngai']);

/** Whether office `asked` is named by `written` (the same, or its general form: "thu ky" by "tong thu ky"). */
export function sameOffice(asked: string, written: string): boolean {
  return asked === written || written === `tong ${asked}` || asked === `tong ${written}`;
}

/**
 * English offices and the Vietnamese ones (folded) each may be written as: "president" is
 * "Chủ tịch" of a body and "Tổng thống" or "Chủ tịch nước" of a country; a deputy minister is
 * "Thứ trưởng" or "Phó Bộ trưởng"; "General Secretary" is a party's "Tổng Bí thư" as well.
 * Longest first, so that "Deputy Minister" is not read as "Minister".
 */
const EN_OFFICES: ReadonlyArray<{ words: readonly string[]; vi: readonly string[] }> = (
  [
    ['deputy prime minister', ['pho thu tuong']],
    ['prime minister', ['thu tuong']],
    ['deputy minister', ['thu truong', 'pho bo truong']],
    ['vice minister', ['thu truong', 'pho bo truong']],
    ['foreign minister', ['bo truong', 'ngoai truong']],
    ['minister', ['bo truong', 'ngoai truong']],
    ['vice president', ['pho chu tich', 'pho tong thong', 'pho chu tich nuoc']],
    ['president', ['chu tich', 'tong thong', 'chu tich nuoc']],
    ['vice chairman', ['pho chu tich']],
    ['chairman', ['chu tich', 'chu nhiem']],
    ['chairwoman', ['chu tich', 'chu nhiem']],
    ['secretary general', ['tong thu ky', 'tong bi thu']],
    ['general secretary', ['tong thu ky', 'tong bi thu']],
    ['director general', ['tong giam doc', 'tong cuc truong', 'cuc truong']],
    ['ambassador', ['dai su']],
  ] as const
)
  .map(([en, vi]) => ({ words: en.split(' '), vi }))
  .sort((a, b) => b.words.length - a.words.length);

/** The English office whose words start at token `i` ("Secretary General", "secretary-general"), as [first, end) and its Vietnamese offices. */
export function englishOfficeAt(words: ReadonlyArray<{ folded: string }>, i: number): { first: number; end: number; vi: readonly string[] } | undefined {
  const o = EN_OFFICES.find((x) => x.words.every((w, k) => words[i + k]?.folded === w));
  return o ? { first: i, end: i + o.words.length, vi: o.vi } : undefined;
}

const isAcronymWord = (w: Word | undefined) => w !== undefined && /^\p{Lu}[\p{Lu}\p{N}&]+$/u.test(w.text);

/**
 * The office an English text gives the person named by tokens [from, to): written right before
 * the name, after the body's acronym ("Deputy Minister Le Xuan Dinh", "IEC Secretary General
 * Philippe Metzger"), or after it in the same sentence as what the person is ("Le Xuan Dinh is
 * the Secretary General of the IEC", "Philippe Metzger, President of the IEC", "… is the IEC
 * President"), unless another person is named right after that office. Returns the office's
 * tokens and the Vietnamese offices it may be written as (folded).
 */
export function englishOfficeBeside(words: readonly Word[], from: number, to: number): { first: number; end: number; vi: readonly string[] } | undefined {
  for (let len = 3; len >= 1; len--) {
    const o = from - len >= 0 ? englishOfficeAt(words, from - len) : undefined;
    if (o && o.end === from && (words[o.first] as Word).clause === (words[from] as Word).clause) return o;
  }
  const last = words[to - 1] as Word;
  let i = to;
  const next = words[i];
  if (!next || next.clause - last.clause > 1) return undefined;
  // "Philippe Metzger, Secretary General of the IEC": the office opens the next clause.
  if (next.clause === last.clause) {
    if (!['is', 'was', 'as'].includes(next.folded)) return undefined;
    i++;
  }
  if (['the', 'a', 'an'].includes(words[i]?.folded ?? '')) i++;
  if (isAcronymWord(words[i])) i++;
  const o = englishOfficeAt(words, i);
  if (!o || words.slice(to, o.end).some((w) => w.clause !== (words[o.first] as Word).clause)) return undefined;
  // "… is the Deputy Minister Nguyen Van An": the office of the one named after it.
  const holder = words[o.end];
  if (holder && holder.clause === (words[o.first] as Word).clause && /^\p{Lu}/u.test(holder.text) && !isAcronymWord(holder)) return undefined;
  return o;
}

/** Whether a Vietnamese office written (folded; "pho " before it when "Phó" precedes it) is one of the English office's. */
export function englishOfficeIs(vi: readonly string[], written: string): boolean {
  return vi.some((v) => sameOffice(v, written));
}

/** Deputies: "Phó …", "Thứ trưởng" (a deputy minister). */
const isDeputy = (t: string) => t.startsWith('phó ') || t === 'thứ trưởng';
/** Offices that head their body: not a deputy, nor a secretary or an envoy. */
const HEAD_TITLES = new Set(TITLES.filter((t) => !isDeputy(t) && !['thư ký', 'đại sứ', 'tổng lãnh sự'].includes(t)).map((t) => fold(t)));
const DEPUTY_TITLES = new Set(TITLES.filter(isDeputy).map((t) => fold(t)));

const JOINING = new Set(['va', 'and', 'of', '&']);
const ACRONYM = /^\p{Lu}[\p{Lu}&.\d]+$/u;

/**
 * How many characters of `after` (text right after an office) the body `body` names, word by
 * word folded, or -1 when it does not start there; an acronym of the body stands for the words
 * whose initials spell it ("Bộ KH&CN" and "Bộ Khoa học và Công nghệ"; joining words are skipped).
 */
function bodyLength(after: string, body: string): number {
  const written = [...fold(nfc(after).toLowerCase()).matchAll(/[\p{L}\p{M}\p{N}&]+/gu)];
  const asked = nfc(body).match(/[\p{L}\p{M}\p{N}&.-]+/gu) ?? [];
  const word = (i: number) => written[i]?.[0] ?? '';
  const askedWord = (j: number) => fold((asked[j] ?? '').toLowerCase());
  let i = 0;
  for (let j = 0; j < asked.length; j++) {
    const a = asked[j] as string;
    const w = askedWord(j);
    if (word(i) === w) {
      i++;
      continue;
    }
    if (w === 'the' && i === 0) continue;
    // A lower-case word after the body's name may be the question's next word ("IEC gặp ai?").
    if (j > 0 && /^\p{Ll}/u.test(a) && !JOINING.has(w)) break;
    if (ACRONYM.test(a)) {
      for (const letter of w.replace(/[^a-z\d]/gu, '')) {
        while (JOINING.has(word(i))) i++;
        if (word(i)[0] !== letter) return -1;
        i++;
      }
      continue;
    }
    // The body spelled out where the text writes its acronym ("Bộ Khoa học và Công nghệ" for
    // "Bộ KH&CN"; the text may be lower-cased, so any word whose letters spell the initials).
    const letters = word(i).replace(/[^a-z\d]/gu, '');
    if (letters.length < 2) return -1;
    let k = j;
    for (const letter of letters) {
      while (JOINING.has(askedWord(k))) k++;
      if (askedWord(k)[0] !== letter) return -1;
      k++;
    }
    j = k - 1;
    i++;
  }
  const last = written[i - 1];
  return asked.length > 0 && last ? last.index + last[0].length : -1;
}

/** The offices an English question names, as the glossary writes them in Vietnamese ("Minister" is "Bộ trưởng"). */
function englishOffices(question: string): OfficeAt[] {
  return officesAt(translateTerms(nfc(question)).join(' ; '));
}

/** The last word of an English office, where the glossary reads one ("Secretary General", "Vice Minister"). */
const EN_OFFICE_WORD = '(?:secretary|general|minister|president|chairman|chairwoman|chair|director|governor|ambassador|head|chief)';
/** An acronym in capitals; what follows it up to an English office ("LMC Secretary General"); what precedes it from one ("Secretary General of the LMC"). */
const EN_ACRONYM = /(?<![\p{L}\p{N}&])\p{Lu}[\p{Lu}\p{N}&]{1,9}(?![\p{L}\p{N}&])/gu;
const OFFICE_AFTER = new RegExp(`^(?:'s)?\\s+(?:[\\p{L}-]+\\s+)?${EN_OFFICE_WORD}(?![\\p{L}])`, 'iu');
const OFFICE_BEFORE = new RegExp(`${EN_OFFICE_WORD}[\\p{L}-]*\\s+of\\s+(?:the\\s+)?$`, 'iu');

/** The acronym an English question writes right before an office ("the LMC Secretary General") or after "of" ("Secretary General of the LMC"), when it writes one. */
function englishBody(q: string): string | undefined {
  const beside = [...q.matchAll(EN_ACRONYM)].filter((m) => OFFICE_AFTER.test(q.slice(m.index + m[0].length)) || OFFICE_BEFORE.test(q.slice(0, m.index)));
  const body = beside.length === 1 ? (beside[0] as RegExpMatchArray)[0] : undefined;
  return body && ACRONYM.test(body) ? body : undefined;
}

/** The English office written right after (`OFFICE_AFTER`) or before (`OFFICE_BEFORE`) an acronym. */
const OFFICE_WORDS_AFTER = new RegExp(`^(?:'s)?\\s+((?:[\\p{L}-]+\\s+)?${EN_OFFICE_WORD}(?:\\s+${EN_OFFICE_WORD})?)(?![\\p{L}])`, 'iu');
const OFFICE_WORDS_BEFORE = new RegExp(`((?:[\\p{L}-]+\\s+)?${EN_OFFICE_WORD}[\\p{L}-]*)\\s+of\\s+(?:the\\s+)?$`, 'iu');

/**
 * The offices an English question gives to an acronym, each with the acronym written beside it
 * ("the ISO Secretary General", "President of the IEC"), as the glossary names them: a question
 * may name other offices too ("When did Deputy Minister Le Xuan Dinh meet the ISO Secretary General?").
 */
function englishBodiesOfOffices(q: string): Array<{ title: string; body: string }> {
  const out: Array<{ title: string; body: string }> = [];
  for (const m of q.matchAll(EN_ACRONYM)) {
    if (!ACRONYM.test(m[0])) continue;
    const phrase = OFFICE_WORDS_AFTER.exec(q.slice(m.index + m[0].length))?.[1] ?? OFFICE_WORDS_BEFORE.exec(q.slice(0, m.index))?.[1];
    const offices = phrase ? englishOffices(phrase) : [];
    // The office nearest the acronym: the first written after it, the last before it.
    const office = OFFICE_WORDS_AFTER.test(q.slice(m.index + m[0].length)) ? offices[0] : offices.at(-1);
    if (office) out.push({ title: fold(office.title), body: m[0] });
  }
  return out;
}

/** A name asked for in English: "What is the name of the IEC Secretary General?", "What is the Vice Minister's name?". */
export const EN_NAME_ASKED = /^\s*what\s+is\s+the\s+name\s+of(?![\p{L}])|'s\s+name(?=\s*[?.!]*\s*$)/iu;

/** "Who is the Vice Minister …?", "… is who?", or a name asked for (`EN_NAME_ASKED`): the holder of the office named is asked for. */
const EN_ASKS_WHO = /^\s*(?:who\s+(?:is|was|are|were)|who's)(?![\p{L}])|(?:^|\s)(?:is|was)\s+who\s*\??\s*$/iu;

/**
 * The offices the question gives to a body written as an acronym ("Ai là Tổng Thư ký LMC?",
 * "Who is the LMC Secretary General?", "… Secretary General of the LMC?") that the article
 * writes only beside other bodies ("Tổng Thư ký IEC"): the holder it names holds the office of
 * another body. An acronym written next to the office; or a body written out ("Thứ trưởng Bộ
 * Công Thương") only when the article writes it just as the question does, and no sentence of
 * the article that writes the office names it or the acronym it gives it: a body written out is
 * spelt many ways ("Bệnh viện Nhiệt đới" for "Bệnh viện Bệnh Nhiệt đới TP HCM"), and a name may
 * follow an office where a body would ("Thủ tướng An"). An English acronym that is also an English word ("MOST",
 * "WHO") counts only when the article writes it: "MOST" is the "Bộ KH&CN" it writes. An office the
 * article does not write at all is `missingTitles`' to report. `acronymSlots` gives where the
 * article writes acronyms, called only for an English question that needs it.
 */
export function officesOfOtherBodies(question: string, article: string, acronymSlots?: () => ReadonlySet<string>): string[] {
  let asked: Array<{ title: string; body: string; spelled?: boolean }> = [];
  const english = detectLang(question) === 'en';
  if (english) {
    // Each office with the acronym beside it ("Deputy Minister … the ISO Secretary General": the
    // Secretary General's), an acronym the article writes or no English word.
    asked = englishBodiesOfOffices(nfc(question)).filter(({ body }) => hasWordIn(article.toLowerCase(), body.toLowerCase()) || !isStopword(body, false));
  } else
    asked = askedOffices(question).flatMap((o) => {
      // The body's first word, without the sentence's full stop ("… Tổng Thư ký IEC.").
      const body = o.body?.split(/\s+/u)[0]?.replace(/\.+$/u, '');
      if (body && ACRONYM.test(body)) return [{ title: o.title, body }];
      // A body written out that the article writes as the question does ("Bộ Công Thương").
      const spelled = o.body && BODY_NOUN.test(o.body) ? spelledBody(o.body, article) : undefined;
      return spelled ? [{ title: o.title, body: spelled, spelled: true }] : [];
    });
  if (!asked.length) return [];
  const written = officesAt(article, !hasMarks(article));
  return asked
    .filter(({ title, body, spelled }) => {
      const held = written.filter((o) => fold(o.title) === title || fold(o.title) === `tong ${title}`);
      // "chủ tịch của ABC" names ABC's as "chủ tịch ABC" does.
      if (!held.length || held.some((o) => bodyLength(article.slice(o.end, o.end + 80).replace(/^\s*(?:của|cua|of)\s+/iu, ' '), body) > 0)) return false;
      if (english) {
        // An English acronym the Vietnamese article writes out ("the president of TUMAS" against
        // "chủ tịch Lực lượng Đặc nhiệm …"), or names in the sentence that gives the office in other
        // words ("Who was the V&A's first director?" against "V&A … Henry Cole, giám đốc đầu tiên của
        // bảo tàng"): only an office the article joins to another acronym is another body's.
        // The article is read lower-cased: where it writes an acronym right after the office's last word (`acronymSlots`).
        const joinedToAcronym = !acronymSlots || held.some((o) => acronymSlots().has(`p:${fold(o.title.split(' ').at(-1) ?? '')}`));
        const named = (o: OfficeAt) => hasWordIn(sentenceAround(article, o.start, o.end).toLowerCase(), body.toLowerCase());
        if (!joinedToAcronym && (!hasWordIn(article.toLowerCase(), body.toLowerCase()) || held.some(named))) return false;
        // The body the article spells the acronym out as ("Lực lượng Đặc nhiệm … về Phá thai và Tình
        // dục (TUMAS)"), written after the office ("Ngài Paul T. Stallsworth, chủ tịch Lực lượng …").
        const defined = new RegExp(
          `((?:[\\p{L}\\p{M}\\p{N}&-]+\\s+){2}[\\p{L}\\p{M}\\p{N}&-]+)\\s*\\(\\s*${escapeRegExp(body.toLowerCase())}\\s*\\)`,
          'u',
        ).exec(article.toLowerCase())?.[1];
        const spelledOut = defined?.replace(/\s+/gu, ' ');
        if (
          spelledOut &&
          held.some((o) =>
            article
              .slice(o.end, o.end + 160)
              .toLowerCase()
              .replace(/\s+/gu, ' ')
              .includes(spelledOut),
          )
        )
          return false;
      }
      // A body written out may be given its office in other words ("ông A, Thứ trưởng, Bộ Công
      // Thương"): only one that no sentence writing the office names is another body's.
      if (!spelled) return true;
      // The acronym the article gives the body ("Ủy ban Kỹ thuật Điện Quốc tế (IEC)"): "Tổng Thư ký IEC" is its office.
      const short = new RegExp(`${escapeRegExp(body).replace(/\s+/gu, '\\s+')}\\s*\\((\\p{Lu}[\\p{Lu}\\p{N}&]+)\\)`, 'iu').exec(nfc(article))?.[1];
      if (short && held.some((o) => bodyLength(article.slice(o.end, o.end + 80), short) > 0)) return false;
      const names = [body, ...(short ? [short] : [])].map((b) => fold(b.toLowerCase()));
      return !held.some((o) => names.some((b) => hasWordIn(fold(sentenceAround(article, o.start, o.end).toLowerCase()), b)));
    })
    .map(({ title }) => title);
}

/** The first word of a body an office is held in ("Bộ Công Thương", "Viện Đo lường Việt Nam", "Bệnh viện Bạch Mai"). */
const BODY_NOUNS =
  'Bộ|Bo|Sở|So|Cục|Cuc|Tổng\\s+cục|Viện|Vien|Ủy\\s+ban|Uỷ\\s+ban|Uy\\s+ban|Bệnh\\s+viện|Học\\s+viện|Đại\\s+học|Trường|Công\\s+ty|Tập\\s+đoàn|Tổ\\s+chức|Hiệp\\s+hội|Trung\\s+tâm|Ngân\\s+hàng';
const BODY_NOUN = new RegExp(`^(?:${BODY_NOUNS})\\s+\\p{Lu}`, 'u');

/**
 * The body a question writes after an office, as the article writes it: the question's words, or
 * without the last lower-case one, which may be the question's next word ("Bộ Công Thương ngày
 * nào"); none when the article does not write it so.
 */
function spelledBody(body: string, article: string): string | undefined {
  const lower = fold(article.toLowerCase());
  const shorter = body.replace(/\s+\p{Ll}[\p{L}\p{M}]*$/u, '');
  return [body, shorter].find((b) => b.split(/\s+/u).length >= 2 && hasWordIn(lower, fold(b.toLowerCase())));
}

/** The sentence of `text` around [start, end). */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '), before.lastIndexOf('! ')) + 1;
  const after = /[.!?](?:\s|$)|\n/u.exec(text.slice(end));
  return text.slice(from, after ? end + after.index : text.length);
}

/**
 * Where `text` names the head office of `body` ("Tổng Thư ký IEC" for "IEC", "Bộ trưởng Bộ Khoa
 * học và Công nghệ" for "Bộ KH&CN"), or with `deputy` a deputy's ("Thứ trưởng Bộ KH&CN"), as
 * [start, end) from the office to the body's end (within 80 characters after the office).
 * The body is compared folded, so one typed without marks ("bo KH&CN") names it too.
 */
export function headOffices(text: string, body: string, deputy = false): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const o of officesAt(text, !hasMarks(text))) {
    const title = fold(o.title);
    if (deputy ? !DEPUTY_TITLES.has(title) : !HEAD_TITLES.has(title)) continue;
    const length = bodyLength(text.slice(o.end, o.end + 80), body);
    if (length > 0) out.push({ start: o.start, end: o.end + length });
  }
  return out;
}

/** An office a question names: its title (folded), the body typed after it in capitals, and whether the question asks who holds it. */
export interface AskedOffice {
  title: string;
  body?: string;
  /** "Tổng Thư ký IEC là ai?", "Ai là Tổng Thư ký IEC?", "Tổng Thư ký IEC tên là gì?": the holder is the answer. */
  holder: boolean;
}

const ASKS_HOLDER_AFTER =
  /^\s*(?:la|chinh la)\s+(?:ai|nguoi nao|ong nao|ba nao|vi nao)(?![\p{L}\p{N}])|^\s*(?:ten\s+(?:la\s+)?gi|ten\s+day\s+du\s+la\s+gi)(?![\p{L}\p{N}])/u;
/** A word without a vowel right after an office in a question typed in lower case (folded): an acronym. */
const TYPED_ACRONYM = new RegExp(`^\\s+(${VOWELLESS})(?![\\p{L}\\p{N}&])`, 'u');
const ASKS_HOLDER_AT_END = /\s(?:la|chinh la)\s+(?:ai|nguoi nao|ong nao|ba nao)\s*\??\s*$/u;
const ASKS_HOLDER_BEFORE = /(?:^|[^\p{L}\p{N}])(?:ai|nguoi nao|ong nao|ba nao)\s+(?:la|chinh la|dang la|hien la)\s+$/u;

/**
 * The offices a question names, with the body written after each in capitals or as an acronym
 * ("Tổng Thư ký IEC", "Thứ trưởng Bộ KH&CN"), and whether the question asks who holds it or names
 * its holder as someone else in the story ("Tổng Thư ký IEC gặp ai?").
 */
export function askedOffices(question: string): readonly AskedOffice[] {
  // Asked once per sentence looked at for a person: the last question's offices are kept.
  if (lastAsked?.question === question) return lastAsked.offices;
  const offices = Object.freeze(readAskedOffices(question));
  lastAsked = { question, offices };
  return offices;
}

let lastAsked: { question: string; offices: readonly AskedOffice[] } | null = null;

function readAskedOffices(question: string): AskedOffice[] {
  const q = nfc(question);
  if (detectLang(q) === 'en') {
    // English: the offices the glossary reads, the acronym beside one (not an English word such as "WHO").
    const body = englishBody(q);
    const holder = EN_ASKS_WHO.test(q) || EN_NAME_ASKED.test(q);
    return englishOffices(q).map((o) => Object.freeze({ title: fold(o.title), ...(body && !isStopword(body, false) ? { body } : {}), holder }));
  }
  const lower = fold(q.toLowerCase());
  return officesAt(q, !hasMarks(q)).map((o) => {
    // Capitalised words, each with the lower-case syllable after it ("Bộ Khoa học và Công nghệ"),
    // which may instead be the question's next word: the comparison lets it go (`bodyLength`).
    const words = /^(?:\s+(?:\p{Lu}[\p{L}\p{M}&.-]*(?:\s+\p{Ll}[\p{L}\p{M}]*)?|&|và(?=\s+\p{Lu})))+/u.exec(q.slice(o.end));
    const body = words?.[0].trim();
    const end = o.end + (words?.[0].length ?? 0);
    // What follows the body, or its last lower-case word and what follows ("… Bộ KH&CN là ai?").
    const last = body ? /\s\p{Ll}[\p{L}\p{M}]*$/u.exec(body) : null;
    // No body in capitals: one lower-case word may still be one ("tong thu ky iec ten gi", typed on a phone).
    const skipped = body ? [] : [lower.slice(end).replace(/^\s+[\p{L}\p{N}&]+/u, '')];
    const after = [lower.slice(end), ...(last ? [lower.slice(end - last[0].length)] : []), ...skipped];
    // Typed in lower case, the body's words cannot be told from the question's: a question that
    // opens with the office and ends "là ai" asks for its holder ("thu truong bo khoa hoc va cong
    // nghe la ai").
    const opensAsking = !body && !/\S/u.test(lower.slice(0, o.start)) && ASKS_HOLDER_AT_END.test(lower.slice(end));
    const holder = opensAsking || after.some((t) => ASKS_HOLDER_AFTER.test(t)) || ASKS_HOLDER_BEFORE.test(lower.slice(0, o.start));
    // A word without a vowel typed after it is an acronym typed in lower case ("tong thu ky lmc").
    const typed = body ? undefined : TYPED_ACRONYM.exec(lower.slice(end))?.[1];
    return Object.freeze({ title: fold(o.title), ...(body ? { body } : typed ? { body: typed.toUpperCase() } : {}), holder });
  });
}

/**
 * Where `text` names office `asked` (the same title, or its general form: "Tổng Thư ký" for
 * "Thư ký"), of the body asked when one was typed, as [start, end) from the office to the body's end.
 */
export function officesNamed(text: string, asked: AskedOffice): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const o of officesAt(text, !hasMarks(text))) {
    if (!sameOffice(asked.title, fold(o.title))) continue;
    if (!asked.body) {
      out.push({ start: o.start, end: o.end });
      continue;
    }
    const length = bodyLength(text.slice(o.end, o.end + 80), asked.body);
    if (length > 0) out.push({ start: o.start, end: o.end + length });
  }
  return out;
}

/**
 * Whether an article does not say who heads `body`: it names no head office of it, and either
 * names a deputy ("Thứ trưởng Bộ KH&CN Lê Xuân Định", though it has every word of "Người đứng
 * đầu Bộ KH&CN là ai?") or the quoted sentence has no person to give (`noPerson`). A sentence
 * with a person and no office is left to the model: a body may be led by someone the article
 * gives no office of the list ("lãnh đạo", "chỉ huy").
 */
export function headless(article: string, body: string, noPerson: boolean): boolean {
  if (headOffices(article, body).length > 0) return false;
  return noPerson || headOffices(article, body, true).length > 0;
}

/**
 * A body in capitals: an acronym ("ISO", "KH&CN"), or a body noun and its capitalised name, each
 * capitalised word with the lower-case syllable after it ("Bộ Khoa học và Công nghệ"), which may be
 * the question's next word instead (`bodyLength` lets it go).
 */
const BODY_WRITTEN = new RegExp(
  `^(?:\\p{Lu}[\\p{Lu}\\p{N}&]+(?![\\p{L}\\p{M}\\p{N}&])|(?:${BODY_NOUNS})(?:\\s+(?:\\p{Lu}[\\p{L}\\p{M}\\p{N}&-]*(?:\\s+\\p{Ll}[\\p{L}\\p{M}]*)?|&|và(?=\\s+\\p{Lu})))+)`,
  'u',
);
/** Words before a body an office is held in: "ở ISO", "tại Bộ Công Thương", "của IEC" (marked or folded). */
const AT_BODY_VI = /(?<![\p{L}\p{M}\p{N}])(?:ở|tại|của|thuộc|o|tai|cua|thuoc)\s+$/iu;
/** English: "at ISO", "in the IEC", "with ISO", "of the ISO"; or an acronym's "'s" right before the office noun ("ISO's position"). */
const AT_BODY_EN = /(?<![\p{L}\p{N}])(?:at|in|with|of|within)\s+(?:the\s+)?$/iu;
const EN_OFFICE_NOUN_AFTER = /^['’]s\s+(?:[\p{L}-]+\s+)?(?:position|title|office|post)(?![\p{L}])(?!\s+on(?![\p{L}]))/iu;

/**
 * The body an office question asks the office at ("Ông Metzger giữ chức vụ gì ở ISO?", "… tại
 * Bộ Công Thương?", "What is Metzger's position at ISO?", "ISO's position"): an acronym, or a
 * body noun with its capitalised name; not a place ("ở TP HCM", "tại Hà Nội": an office is not
 * held in a city), nor "AI" or a Roman numeral. The answer is an office the articles join to that
 * body: another body's office is not it.
 */
export function officeBodyAsked(question: string): string | undefined {
  const q = nfc(question);
  const english = detectLang(q) === 'en';
  for (const m of q.matchAll(/(?<![\p{L}\p{M}\p{N}&])\p{Lu}/gu)) {
    const body = BODY_WRITTEN.exec(q.slice(m.index))?.[0];
    if (!body) continue;
    const before = q.slice(0, m.index);
    const acronym = !/\s/u.test(body);
    // A place in capitals, alone or with the word after it ("ở TP HCM").
    const next = /^\s+([\p{L}\p{M}]+)/u.exec(q.slice(m.index + body.length))?.[1] ?? '';
    const place = (w: string) => isKnownPlace(fold(w.toLowerCase()));
    if (acronym && (body === 'AI' || /^[IVXLC]+$/u.test(body) || place(body) || place(`${body} ${next}`))) continue;
    if (english ? acronym && (AT_BODY_EN.test(before) || EN_OFFICE_NOUN_AFTER.test(q.slice(m.index + body.length))) : AT_BODY_VI.test(before)) return body;
  }
  return undefined;
}

/** The capitalised words after an office, with the commas between them ("Nội, Bệnh viện Bạch Mai" of "Trưởng khoa Nội, Bệnh viện Bạch Mai …"). */
const NAMES_AFTER = /^(?:\s*,?\s+(?:\p{Lu}[\p{L}\p{M}\p{N}&-]*|&|và(?=\s+\p{Lu})|của(?=\s+\p{Lu})|cua(?=\s+\p{Lu})|of(?=\s+(?:the\s+)?\p{Lu})))+/u;

/**
 * Whether the office written in `text` at `span` is one of a body named in `bodies`: the body
 * right after the office (or after "của", "of"; an acronym for its words and back, `bodyLength`),
 * or after a comma in the capitalised words that follow it ("Trưởng khoa Nội, Bệnh viện Bạch
 * Mai"); not a body the sentence names later ("Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC …").
 */
export function officeOfBody(text: string, span: { start: number; end: number }, bodies: readonly string[]): boolean {
  const own = text.slice(span.start, span.end);
  return officesAt(own, !hasMarks(own)).some((o) => {
    const from = span.start + o.end;
    const after = text.slice(from, from + 120);
    const names = NAMES_AFTER.exec(after)?.[0] ?? '';
    // Where a body may start: right after the office, and after each comma of the names that follow it.
    const starts = [0, ...[...names.matchAll(/,/gu)].map((m) => m.index + 1)];
    return starts.some((at) => {
      const rest = after.slice(at).replace(/^\s*(?:của|cua|of)\s+/iu, ' ');
      return bodies.some((b) => bodyLength(rest, b) > 0);
    });
  });
}
