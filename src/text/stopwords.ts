import { fold, nfc } from './normalize.js';

/**
 * Function words and question words. They carry little evidence of an answer, so they do not
 * count when measuring how much of a question a sentence covers.
 *
 * Each list is written twice: as the words are spelt, and folded (tone marks removed). A word
 * is judged in the form its question is matched in: as written when the question has tone
 * marks, folded only when it is typed without them. Folded, the function words swallow real
 * words that share their letters: "thì" (then) and "thi" (exam), "để" and "đấu"… ("de",
 * "dau"), "có" and "cơ", "thế" and "thể", "đâu" and "đau", "đã" and "da", "nào" and "não",
 * "bao" and "bảo". Without marks nothing tells them apart, and they are all left out.
 */
const VI_MARKED = `là của và các những nhưng một nhiều nhiêu được trong với cho này nay đó do thì mà có không đã sẽ đang bị bởi tại từ đến
  ra vào lên nào gì ai đâu sao bao mấy khi lúc như thế vậy à ạ ư nhỉ chứ hay hoặc hỏi câu rằng nếu vì nên để về theo trên dưới giữa
  sau trước còn cũng vẫn lại chỉ mỗi mới mọi rất qua quá làm lắm nhất hơn cả tất ở người việc sự cứ biết hiện`;
const EN = `the a an of and or to in on at by for with from about as is are was were be been being what which who whom whose when where why how
  did does do done has have had will would can could should may might this that these those it its into than then there their they them
  he she his her we our you your i me my not no yes any some many much more most such only also according said says`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

/** The function words as spelt (lower case, NFC): what a question with tone marks is judged by. */
export const MARKED_STOPWORDS: ReadonlySet<string> = new Set([...words(VI_MARKED), ...words(EN)].map((w) => nfc(w).toLowerCase()));

/** The function words folded: what a question typed without tone marks is judged by. */
export const STOPWORDS: ReadonlySet<string> = new Set([...MARKED_STOPWORDS].map(fold));

/**
 * Whether `word` is a function word, judged as written when its question has tone marks
 * (`marked`) and folded when it has none. In a marked question, a word typed without marks is
 * the word it spells: "thi" there is the exam, not "thì".
 */
export function isStopword(word: string, marked: boolean): boolean {
  return marked ? MARKED_STOPWORDS.has(nfc(word).toLowerCase()) : STOPWORDS.has(fold(word));
}
