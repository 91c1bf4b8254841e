import { fold, nfc } from '../text/normalize.js';

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
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

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

/** The words that state the act a question asks the doer of (`ACTS`), folded; undefined for any other question. */
export function doerAsked(question: string): readonly string[] | undefined {
  const m = DOER_ASKED.exec(fold(nfc(question).toLowerCase()));
  const verb = m?.slice(1).find((g) => g !== undefined);
  return verb === undefined ? undefined : ACTS.find((a) => a.asked.includes(verb))?.stated;
}

/**
 * Whether a text (a quote's paragraph) states the act at all (`words`, from `doerAsked`): a
 * paragraph that never says who launched the initiative ("… kỷ niệm 10 năm Sáng kiến Vành đai và
 * Con đường (BRI). Sáng kiến BRI đã tạo ra nhiều cơ hội …") names no one who did.
 */
export function actStated(text: string, words: readonly string[]): boolean {
  const folded = fold(nfc(text).toLowerCase());
  return words.some((w) => new RegExp(`${B}${w.replace(/ /gu, '\\s+')}${E}`, 'u').test(folded));
}
